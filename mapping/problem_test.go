package mapping

import (
	"errors"
	"testing"

	"orderimport/importer/i18n"
	"orderimport/mapping/regions"
	"orderimport/providers"
)

// TestProblemLanguages: each kind of validation problem, as the result
// sheet's error column shows it, in Chinese and in English; the sentinels
// errors.Is finds do not depend on the language.
func TestProblemLanguages(t *testing.T) {
	mobile := providers.Field{Name: "mobile", Kind: providers.KindMobile, Max: 20}
	qty := providers.Field{Name: "product_number", Kind: providers.KindInt, Min: 1, Max: 1000}
	name := providers.Field{Name: "consignee", Kind: providers.KindText, Min: 1, Max: 4, Personal: true}
	sn := providers.Field{Name: "platform_order_sn", Kind: providers.KindIdent}
	email := providers.Field{Name: "email", Kind: providers.KindEmail}
	country := providers.Field{Name: "country", Kind: providers.KindCountry}
	_, splitErr := regions.Split("浙江省杭州市梦想大道1号")
	ambiguous := &regions.Error{Reason: i18n.ValRegionAmbiguous, Candidates: []string{"北京市朝阳区", "辽宁省朝阳市"}}
	tests := []struct {
		name   string
		err    error
		is     error // a sentinel errors.Is must find; nil: none expected
		zh, en string
	}{
		{"not a mobile", check(&mobile, nil, "1380013800", false).err, ErrInvalid,
			`不是中国大陆手机号："1380013800"`, `not a mainland mobile number: "1380013800"`},
		{"landline warning", check(&mobile, nil, "0571-88888888", false).err, nil,
			`像是座机号码，不是手机号；按原样发送："0571-88888888"`,
			`looks like a landline, not a mobile; sent as is: "0571-88888888"`},
		{"cleaned warning", check(&mobile, nil, "138 **** 1234", false).err, nil,
			`号码被打码；按 138****1234 发送："138 **** 1234"`, `masked number; sent as 138****1234: "138 **** 1234"`},
		{"not a whole number", check(&qty, nil, "12.5", false).err, ErrInvalid, `不是整数："12.5"`, `not a whole number: "12.5"`},
		{"at most", check(&qty, nil, "1001", false).err, ErrInvalid, `不能大于 1000："1001"`, `must be at most 1000: "1001"`},
		{"too long", check(&name, nil, "测试测试测试", false).err, ErrInvalid,
			`太长：6 个字符，最多 4 个："测试测试测试"`, `too long: 6 characters, at most 4: "测试测试测试"`},
		{"masked", check(&name, nil, "王**", false).err, ErrMasked,
			`隐私保护的导出："王**" 被打码，无法送达；`, `privacy-protected export: "王**" is masked and cannot be delivered to; `},
		{"excel number", check(&sn, nil, "3.01234567890123E+17", false).err, ErrExcelNumber,
			`Excel 改动了这个数字（显示为 3.01234567890123E+17）`, `Excel changed this number (shown as 3.01234567890123E+17)`},
		{"ident characters", check(&sn, nil, "A/1", false).err, ErrInvalid,
			`只能包含字母、数字、“-”和“_”："A/1"`, `only letters, digits, '-' and '_' are allowed: "A/1"`},
		{"email", check(&email, nil, "a@b", false).err, ErrInvalid,
			`不是电子邮箱地址（域名里没有“.”）："a@b"`, `not an e-mail address (no domain with a dot): "a@b"`},
		{"country", check(&country, nil, "Atlantis", false).err, ErrInvalid,
			`不是 ISO 3166-1 国家代码，也不是已知的国家名称："Atlantis"`, `not an ISO 3166-1 country code or a known country name: "Atlantis"`},
		{"phone of another country", checkPhoneIn(&mobile, "+44 20 7946 0958", "US").err, nil,
			`是另一个国家（GB）的号码，订单的国家是 US；按 +442079460958 发送`, `a number of another country (GB), the order's country is US; sent as +442079460958`},
		{"required", ErrRequired, ErrRequired, "必填，但这一格是空的", "required"},
		{"blank order field", blankOrderField("email", "Email", "shopify"), ErrRequired,
			`必填，但导出文件里是空的：在映射文件中给空格一个默认值（email: {headers: [Email], default: VALUE}；以“preset: shopify”开头`,
			`required, and the export left it blank: fill blank cells with a default in a mapping file (email: {headers: [Email], default: VALUE}; a file that starts "preset: shopify"`},
		{"not adjacent", NotAdjacentError("1001", 3), ErrInvalid,
			"订单 #1001 的行不相邻：第一次出现在第 3 行；请按订单号排序后再导入", "rows of order #1001 are not adjacent: first seen at row 3; sort the file by order number"},
		{"address", invalid(i18n.ValAddressSplit, splitErr), ErrInvalid,
			"无法拆分地址：地址中没有找到浙江省杭州市的区/县", "cannot split the address: no district (区/县) of 浙江省杭州市 found in the address"},
		{"ambiguous address", invalid(i18n.ValAddressSplit, ambiguous), ErrInvalid,
			"无法拆分地址：地址有歧义：北京市朝阳区 或 辽宁省朝阳市", "cannot split the address: ambiguous address: 北京市朝阳区 or 辽宁省朝阳市"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.err == nil {
				t.Fatal("no problem")
			}
			for _, c := range []struct {
				lang i18n.Lang
				want string
			}{{i18n.Zh, tc.zh}, {i18n.En, tc.en}} {
				if got := ErrorText(tc.err, c.lang); len(got) < len(c.want) || got[:len(c.want)] != c.want {
					t.Errorf("%s:\n got %q\nwant %q…", c.lang, got, c.want)
				}
			}
			if tc.err.Error() != ErrorText(tc.err, i18n.En) {
				t.Errorf("Error() %q is not the English text", tc.err.Error())
			}
			if tc.is != nil && !errors.Is(tc.err, tc.is) {
				t.Errorf("errors.Is(%v) is false", tc.is)
			}
			if tc.is == nil && errors.Is(tc.err, ErrInvalid) {
				t.Errorf("a warning is ErrInvalid")
			}
		})
	}
}

// TestFieldErrorText: where a problem is, in both languages.
func TestFieldErrorText(t *testing.T) {
	p := invalid(i18n.ValNotWhole, "x")
	tests := []struct {
		name   string
		fe     FieldError
		zh, en string
	}{
		{"cell", FieldError{Line: 12, Column: 3, Header: "手机", Field: "mobile", Err: p},
			`第 12 行，C 列（手机）：mobile：不是整数："x"`, `row 12, column C (手机): mobile: not a whole number: "x"`},
		{"column without header", FieldError{Line: 12, Column: 28, Field: "mobile", Err: p},
			`第 12 行，AB 列：mobile：不是整数："x"`, `row 12, column AB: mobile: not a whole number: "x"`},
		{"constant", FieldError{Line: 2, Field: "product_id", Err: p},
			`第 2 行，常量：product_id：不是整数："x"`, `row 2, constant: product_id: not a whole number: "x"`},
		{"whole row", FieldError{Line: 7, Err: NotAdjacentError("9", 2)},
			`第 7 行：订单 #9 的行不相邻：第一次出现在第 2 行；请按订单号排序后再导入`, `row 7: rows of order #9 are not adjacent: first seen at row 2; sort the file by order number`},
		{"warning", FieldError{Line: 3, Column: 1, Header: "电话", Field: "mobile", Warning: true, Err: errLandline},
			`第 3 行，A 列（电话）：mobile：提醒：像是座机号码，不是手机号`, `row 3, column A (电话): mobile: warning: looks like a landline, not a mobile`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.fe.Text(i18n.Zh); got != tc.zh {
				t.Errorf("zh:\n got %q\nwant %q", got, tc.zh)
			}
			if got := tc.fe.Text(i18n.En); got != tc.en {
				t.Errorf("en:\n got %q\nwant %q", got, tc.en)
			}
			if tc.fe.Error() != tc.en {
				t.Errorf("Error() = %q, want the English text", tc.fe.Error())
			}
		})
	}
}

// BenchmarkFieldErrorText: the cost of writing one problem into the
// result sheet's error column, per language (an invalid row pays it once
// per problem).
func BenchmarkFieldErrorText(b *testing.B) {
	mobile := providers.Field{Name: "mobile", Kind: providers.KindMobile, Max: 20}
	fe := &FieldError{Line: 12, Column: 3, Header: "手机", Field: "mobile", Err: check(&mobile, nil, "1380013800", false).err}
	for _, l := range i18n.Langs {
		b.Run(string(l), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_ = fe.Text(l)
			}
		})
	}
}

// TestHeaderErrorText: a header the mapping cannot use, in both languages;
// the mapping's own hints and lacks in the language asked when the mapping
// gives them in both, else as written.
func TestHeaderErrorText(t *testing.T) {
	tests := []struct {
		name   string
		e      HeaderError
		zh, en string
	}{
		{"one field", HeaderError{Missing: []MissingField{{Field: "qty", Accepts: []string{"数量", "qty"}}}, Found: []string{"a"}},
			`缺少必填字段的列：qty（可用的表头：数量, qty）；文件里的表头："a"`,
			`no column for required field: qty (accepted headers: 数量, qty); headers found: "a"`},
		{"fields and mapping", HeaderError{Mapping: "m.yaml", Missing: []MissingField{{Field: "qty"}, {Field: "city"}}},
			`缺少这些必填字段的列：qty；city；文件里的表头：(none)（映射 m.yaml）；请在映射文件中写明文件的列，或用 --set 字段=值 给出值`,
			`no column for required fields: qty; city; headers found: (none) (mapping m.yaml); name the file's columns in a mapping file, or give a value with --set field=value`},
		{"hint and the rest", HeaderError{Missing: []MissingField{{Field: "product_id", Hint: Plain("choose the gift")}, {Field: "qty"}}, Found: []string{"a"}},
			`choose the gift；另外，缺少必填字段的列：qty；文件里的表头："a"`,
			`choose the gift; and no column for required field: qty; headers found: "a"`},
		{"an export that lacks columns", HeaderError{Layout: "Pinduoduo's export", Lacks: Plain("no consignee columns")},
			"这是Pinduoduo's export：no consignee columns", "this is Pinduoduo's export: no consignee columns"},
		{"hints in both languages, given twice", HeaderError{Missing: []MissingField{
			{Field: "product_id", Hint: Text{Zh: "请说明商品", En: "say which product"}},
			{Field: "variant_id", Hint: Text{Zh: "请说明商品", En: "say which product"}}}},
			"请说明商品", "say which product"},
		{"lacks in both languages", HeaderError{Layout: "Pinduoduo's export", Lacks: Text{Zh: "没有收货人的列", En: "no consignee columns"}},
			"这是Pinduoduo's export：没有收货人的列", "this is Pinduoduo's export: no consignee columns"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.e.Text(i18n.Zh); got != tc.zh {
				t.Errorf("zh:\n got %q\nwant %q", got, tc.zh)
			}
			if got := tc.e.Error(); got != tc.en {
				t.Errorf("en:\n got %q\nwant %q", got, tc.en)
			}
		})
	}
}
