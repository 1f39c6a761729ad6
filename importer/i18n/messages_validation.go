package i18n

// Validation: the problems of one value of one row, written into the
// result sheet's error column and listed by mapping check. Values are
// quoted with %q in both languages, so that a blank or odd character shows.
const (
	// ValAtCell locates a problem: row, column letter, header, field, problem.
	ValAtCell ID = "validation.at.cell"
	// ValAtColumn: row, column letter, field, problem (a column without header).
	ValAtColumn ID = "validation.at.column"
	// ValAtConstant: row, field, problem (the value came from the mapping).
	ValAtConstant ID = "validation.at.constant"
	// ValAtRow: row, problem (a problem of the whole row).
	ValAtRow ID = "validation.at.row"
	// ValWarning marks a problem that does not stop the row: the problem.
	ValWarning ID = "validation.warning"

	// ValRequired: a required field is blank.
	ValRequired ID = "validation.required"
	// ValBlankOrderField: an order-level field the export left blank: the
	// mapping rule that fills it, the field (for --set).
	ValBlankOrderField ID = "validation.blank_order_field"
	// ValBlankOrderFieldPreset: the mapping rule, the preset, the field.
	ValBlankOrderFieldPreset ID = "validation.blank_order_field_preset"
	// ValExcelNumber: the number as Excel shows it.
	ValExcelNumber ID = "validation.excel_number"
	// ValNotCountry: the value.
	ValNotCountry ID = "validation.not_country"
	// ValNotOneOf: the accepted values, the value.
	ValNotOneOf ID = "validation.not_one_of"
	// ValBadText: the value.
	ValBadText ID = "validation.bad_text"
	// ValTooShort: characters, least, the value.
	ValTooShort ID = "validation.too_short"
	// ValTooLong: characters, most, the value.
	ValTooLong ID = "validation.too_long"
	// ValNotWhole: the value.
	ValNotWhole ID = "validation.not_whole"
	// ValTooLarge: the value.
	ValTooLarge ID = "validation.too_large"
	// ValAtLeast: least, the value.
	ValAtLeast ID = "validation.at_least"
	// ValAtMost: most, the value.
	ValAtMost ID = "validation.at_most"
	// ValIdentChars: the value.
	ValIdentChars ID = "validation.ident_chars"
	// ValLength: length, least, most, the value.
	ValLength ID = "validation.length"
	// ValNotEmail: the value.
	ValNotEmail ID = "validation.not_email"
	// ValEmailDomain: the value.
	ValEmailDomain ID = "validation.email_domain"

	// ValNotMobile .. ValUnknownPrefix are the problems of a phone number,
	// without arguments: ValWithValue (the errors) or ValSentAs / ValSentAsIs
	// (the warnings) complete them.
	ValNotMobile     ID = "validation.not_mobile"
	ValNotPhone      ID = "validation.not_phone"
	ValMaskedNumber  ID = "validation.masked_number"
	ValLandline      ID = "validation.landline"
	ValLostZero      ID = "validation.lost_zero"
	ValForeign       ID = "validation.foreign"
	ValUnknownPrefix ID = "validation.unknown_prefix"
	// ValWithValue: a problem, the value.
	ValWithValue ID = "validation.with_value"
	// ValDetail: a problem told by another message (an address's).
	ValDetail ID = "validation.detail"
	// ValSentAs: the warning, what is sent, the value.
	ValSentAs ID = "validation.sent_as"
	// ValSentAsIs: the warning, the value.
	ValSentAsIs ID = "validation.sent_as_is"
	// ValNotPhoneOf: the country, the value.
	ValNotPhoneOf ID = "validation.not_phone_of"
	// ValPhoneAbroad: the number's country, the order's country.
	ValPhoneAbroad ID = "validation.phone_abroad"
	// ValPhoneNotValid: the country.
	ValPhoneNotValid ID = "validation.phone_not_valid"

	// ValMasked: the value (a privacy-protected export).
	ValMasked ID = "validation.masked"
	// ValMaskedToo: the value (the row's other masked values).
	ValMaskedToo ID = "validation.masked_too"
	// ValNotAdjacent: the order number, the row it was first seen at.
	ValNotAdjacent ID = "validation.not_adjacent"
	// ValNotInTable: the value, the table's key column, the table.
	ValNotInTable ID = "validation.not_in_table"

	// ValAddressSplit: why the address cannot be split (a ValRegion… text).
	ValAddressSplit ID = "validation.address_split"
	// ValRegionEmpty .. ValRegionNoDistrict are the problems of a Chinese
	// address.
	ValRegionEmpty ID = "validation.region.empty"
	// ValRegionNoStart: nothing.
	ValRegionNoStart ID = "validation.region.no_start"
	// ValRegionAmbiguous: the readings (joined with ValOr).
	ValRegionAmbiguous ID = "validation.region.ambiguous"
	// ValRegionNoCityIn: the province.
	ValRegionNoCityIn ID = "validation.region.no_city_in"
	// ValRegionNoDistrict: province and city.
	ValRegionNoDistrict ID = "validation.region.no_district"
	// ValRegionNotProvince: the value.
	ValRegionNotProvince ID = "validation.region.not_province"
	// ValRegionNoCityGiven: the province.
	ValRegionNoCityGiven ID = "validation.region.no_city_given"
	// ValRegionNoSuchCity: the city, the province.
	ValRegionNoSuchCity ID = "validation.region.no_such_city"
	// ValOr joins alternatives.
	ValOr ID = "validation.or"
)

func validationMessages() []Message {
	return []Message{
		{ValAtCell, "row %d, column %s (%s): %s: %s", "第 %d 行，%s 列（%s）：%s：%s"},
		{ValAtColumn, "row %d, column %s: %s: %s", "第 %d 行，%s 列：%s：%s"},
		{ValAtConstant, "row %d, constant: %s: %s", "第 %d 行，常量：%s：%s"},
		{ValAtRow, "row %d: %s", "第 %d 行：%s"},
		{ValWarning, "warning: %s", "提醒：%s"},

		{ValRequired, "required", "必填，但这一格是空的"},
		{ValBlankOrderField, "required, and the export left it blank: fill blank cells with a default in a mapping file (%s), or give every order one value with --set %s=VALUE",
			"必填，但导出文件里是空的：在映射文件中给空格一个默认值（%s），或者用 --set %s=值 给所有订单同一个值"},
		{ValBlankOrderFieldPreset, `required, and the export left it blank: fill blank cells with a default in a mapping file (%s; a file that starts "preset: %s" needs only that line), or give every order one value with --set %s=VALUE`,
			"必填，但导出文件里是空的：在映射文件中给空格一个默认值（%s；以“preset: %s”开头的映射文件只需要这一行），或者用 --set %s=值 给所有订单同一个值"},
		{ValExcelNumber, "Excel changed this number (shown as %s): the original digits are lost; format the column as Text in Excel (or export as CSV with the column quoted) and export again",
			"Excel 改动了这个数字（显示为 %s）：原来的数字已经丢失；请在 Excel 里把这一列设为“文本”格式（或导出为给这一列加引号的 CSV）后重新导出"},
		{ValNotCountry, "not an ISO 3166-1 country code or a known country name: %q", "不是 ISO 3166-1 国家代码，也不是已知的国家名称：%q"},
		{ValNotOneOf, "must be one of %s: %q", "只能是 %s 之一：%q"},
		{ValBadText, "not valid text (wrong file encoding?): %q", "不是有效的文字（文件编码不对？）：%q"},
		{ValTooShort, "too short: %d characters, at least %d: %q", "太短：%d 个字符，至少 %d 个：%q"},
		{ValTooLong, "too long: %d characters, at most %d: %q", "太长：%d 个字符，最多 %d 个：%q"},
		{ValNotWhole, "not a whole number: %q", "不是整数：%q"},
		{ValTooLarge, "number too large: %q", "数字太大：%q"},
		{ValAtLeast, "must be at least %d: %q", "不能小于 %d：%q"},
		{ValAtMost, "must be at most %d: %q", "不能大于 %d：%q"},
		{ValIdentChars, "only letters, digits, '-' and '_' are allowed: %q", "只能包含字母、数字、“-”和“_”：%q"},
		{ValLength, "length %d out of range %d..%d: %q", "长度 %d 不在 %d 到 %d 之间：%q"},
		{ValNotEmail, "not an e-mail address: %q", "不是电子邮箱地址：%q"},
		{ValEmailDomain, "not an e-mail address (no domain with a dot): %q", "不是电子邮箱地址（域名里没有“.”）：%q"},

		{ValNotMobile, "not a mainland mobile number", "不是中国大陆手机号"},
		{ValNotPhone, "not a phone number", "不是电话号码"},
		{ValWithValue, "%s: %q", "%s：%q"},
		{ValDetail, "%s", "%s"},
		{ValMaskedNumber, "masked number", "号码被打码"},
		{ValLandline, "looks like a landline, not a mobile", "像是座机号码，不是手机号"},
		{ValLostZero, "looks like a landline that lost its leading 0", "像是丢了开头 0 的座机号码"},
		{ValForeign, "not a mainland number", "不是中国大陆号码"},
		{ValUnknownPrefix, "unknown mobile prefix", "未知的手机号段"},
		{ValSentAs, "%s; sent as %s: %q", "%s；按 %s 发送：%q"},
		{ValSentAsIs, "%s; sent as is: %q", "%s；按原样发送：%q"},
		{ValNotPhoneOf, "not a phone number of %s: %q", "不是 %s 的电话号码：%q"},
		{ValPhoneAbroad, "a number of another country (%s), the order's country is %s", "是另一个国家（%s）的号码，订单的国家是 %s"},
		{ValPhoneNotValid, "not a valid number for %s", "不是 %s 的有效号码"},

		{ValMasked, "privacy-protected export: %q is masked and cannot be delivered to; export the orders again with the consignees' " +
			"names, phones and addresses in plain text (the platform shows them to the shop's main account, or after " +
			"a decryption request in its seller backend), or fill in the cells yourself",
			"隐私保护的导出：%q 被打码，无法送达；请重新导出订单，让收货人的姓名、电话和地址以明文显示" +
				"（平台向店铺主账号显示明文，或在商家后台申请解密后显示），或者自己填写这些单元格"},
		{ValMaskedToo, "masked too: %q", "同样被打码：%q"},
		{ValNotAdjacent, "rows of order #%s are not adjacent: first seen at row %d; sort the file by order number",
			"订单 #%s 的行不相邻：第一次出现在第 %d 行；请按订单号排序后再导入"},
		{ValNotInTable, "%q is not in the %s column of %s", "%q 不在 %[3]s 的 %[2]s 列中"},

		{ValAddressSplit, "cannot split the address: %s", "无法拆分地址：%s"},
		{ValRegionEmpty, "empty address", "地址是空的"},
		{ValRegionNoStart, "no province or city found at the start of the address", "地址开头没有找到省或市"},
		{ValRegionAmbiguous, "ambiguous address: %s", "地址有歧义：%s"},
		{ValRegionNoCityIn, "no city of %s found in the address", "地址中没有找到%s的市"},
		{ValRegionNoDistrict, "no district (区/县) of %s%s found in the address", "地址中没有找到%s%s的区/县"},
		{ValRegionNotProvince, "not a province of China: %q", "不是中国的省份：%q"},
		{ValRegionNoCityGiven, "no city given for %s", "没有填写%s的市"},
		{ValRegionNoSuchCity, "no city %q in %s", "%[2]s没有 %[1]q 这个市"},
		{ValOr, " or ", " 或 "},
	}
}

// The header of a file that the mapping cannot use (one line, exit 2). The
// hints and "lacks" texts of the mappings' YAML are quoted as written.
const (
	// HdrAt: the file, the header's row, the problem.
	HdrAt ID = "header.at"
	// HdrLacks: the export the header was recognised as, what it lacks.
	HdrLacks ID = "header.lacks"
	// HdrAnd: the hints, the rest of the problem.
	HdrAnd ID = "header.and"
	// HdrMissingOne and HdrMissingMany: the missing fields (HdrAccepts
	// joined with HdrFieldSeparator).
	HdrMissingOne  ID = "header.missing_one"
	HdrMissingMany ID = "header.missing_many"
	// HdrAccepts: a field, the header names it accepts.
	HdrAccepts ID = "header.accepts"
	// HdrFieldSeparator joins the missing fields.
	HdrFieldSeparator ID = "header.field_separator"
	// HdrFound: the problem so far, the headers found.
	HdrFound ID = "header.found"
	// HdrMapping: the problem so far, the mapping's name.
	HdrMapping ID = "header.mapping"
)

func headerMessages() []Message {
	return []Message{
		{HdrAt, "%s: header row %d: %s", "%s：第 %d 行（表头）：%s"},
		{HdrLacks, "this is %s: %s", "这是%s：%s"},
		{HdrAnd, "%s; and %s", "%s；另外，%s"},
		{HdrMissingOne, "no column for required field: %s", "缺少必填字段的列：%s"},
		{HdrMissingMany, "no column for required fields: %s", "缺少这些必填字段的列：%s"},
		{HdrAccepts, "%s (accepted headers: %s)", "%s（可用的表头：%s）"},
		{HdrFieldSeparator, "; ", "；"},
		{HdrFound, "%s; headers found: %s", "%s；文件里的表头：%s"},
		{HdrMapping, "%s (mapping %s); name the file's columns in a mapping file, or give a value with --set field=value",
			"%s（映射 %s）；请在映射文件中写明文件的列，或用 --set 字段=值 给出值"},
	}
}
