package i18n

// The readers' refusals of a file (package sheet's *Error): where in the
// file, and why. The flags named (--max-columns, --encoding …) and the
// file, sheet and header names are never translated.
const (
	// SheetInSheet names a sheet of a workbook: file, sheet.
	SheetInSheet ID = "sheet.at.sheet"
	// SheetAtRowLine is a CSV record's row and the text line it starts on.
	SheetAtRowLine ID = "sheet.at.row_line"
	// SheetAtRow is a row as Excel shows it.
	SheetAtRow ID = "sheet.at.row"
	// SheetAtLine is a line of a text file.
	SheetAtLine ID = "sheet.at.line"
	// SheetAtColumn is a column: "3" for CSV, "C" for XLSX.
	SheetAtColumn ID = "sheet.at.column"
	// SheetPosSep separates the parts of a position (row, column).
	SheetPosSep ID = "sheet.at.pos_sep"
	// SheetSep separates the file, the position and the reason.
	SheetSep ID = "sheet.at.sep"

	// SheetCannotRead is a file that cannot be opened or read (the
	// system's words).
	SheetCannotRead ID = "sheet.cannot_read"
	// SheetEmpty is a file with nothing in it.
	SheetEmpty ID = "sheet.empty"
	// SheetExtNotSupported refuses .ods and .numbers by their extension.
	SheetExtNotSupported ID = "sheet.ext_not_supported"
	// SheetXLSB refuses an Excel binary workbook.
	SheetXLSB ID = "sheet.xlsb"
	// SheetXLS refuses a legacy Excel 97-2003 workbook.
	SheetXLS ID = "sheet.xls"
	// SheetNotZip refuses an .xlsx that is not a zip archive.
	SheetNotZip ID = "sheet.not_zip"
	// SheetODS refuses an OpenDocument spreadsheet found inside the zip.
	SheetODS ID = "sheet.ods"
	// SheetNumbers refuses an Apple Numbers file found inside the zip.
	SheetNumbers ID = "sheet.numbers"
	// SheetPassword refuses a workbook that needs a real password.
	SheetPassword ID = "sheet.password"
	// SheetEncryptedOrXLS is excelize's refusal of an encrypted or .xls file.
	SheetEncryptedOrXLS ID = "sheet.encrypted_or_xls"
	// SheetBadZip is a corrupt or truncated zip (the library's words).
	SheetBadZip ID = "sheet.bad_zip"
	// SheetCorrupt is an XLSX excelize cannot open (its words).
	SheetCorrupt ID = "sheet.corrupt"
	// SheetNoWorkbook is a zip without a readable workbook (why).
	SheetNoWorkbook ID = "sheet.no_workbook"
	// SheetZipNoWorksheet is a zip without a worksheet.
	SheetZipNoWorksheet ID = "sheet.zip_no_worksheet"
	// SheetTruncated is a sheet whose XML is malformed or truncated.
	SheetTruncated ID = "sheet.truncated"
	// SheetTruncatedDetail is SheetTruncated with what was wrong.
	SheetTruncatedDetail ID = "sheet.truncated_detail"
	// SheetNoValue is a formula whose result was never saved.
	SheetNoValue ID = "sheet.no_value"
	// SheetUnzipLimit is a zip that decompresses beyond --max-unzip.
	SheetUnzipLimit ID = "sheet.unzip_limit"
	// SheetNoSuchSheet is a --sheet the workbook lacks.
	SheetNoSuchSheet ID = "sheet.no_such_sheet"

	// SheetNoHeader is a file whose header row was not recognised; its
	// last argument is the hints that follow.
	SheetNoHeader ID = "sheet.no_header"
	// SheetExpectedHeaders lists headers the mapping expects.
	SheetExpectedHeaders ID = "sheet.no_header.expected"
	// SheetUndecodableHeader follows a header with undecodable characters.
	SheetUndecodableHeader ID = "sheet.no_header.undecodable"
	// SheetDelimiterHint suggests --delimiter for a one-column CSV.
	SheetDelimiterHint ID = "sheet.no_header.delimiter"
	// SheetNameHeaderRow suggests --header-row.
	SheetNameHeaderRow ID = "sheet.no_header.header_row"
	// SheetHeaderRowMissing is a --header-row beyond the end of the file.
	SheetHeaderRowMissing ID = "sheet.header_row_missing"
	// SheetNoRows is a file with a header and no data rows.
	SheetNoRows ID = "sheet.no_rows"
	// SheetOtherProvider is a file a preset of another provider reads.
	SheetOtherProvider ID = "sheet.other_provider"

	// SheetTooManyColumns is a row wider than --max-columns.
	SheetTooManyColumns ID = "sheet.too_many_columns"
	// SheetCellTooLong is a cell longer than --max-cell.
	SheetCellTooLong ID = "sheet.cell_too_long"
	// SheetRowTooLong is a CSV record longer than the limits allow.
	SheetRowTooLong ID = "sheet.row_too_long"

	// SheetCannotDecode is text that cannot be decoded as the encoding.
	SheetCannotDecode ID = "sheet.cannot_decode"
	// SheetNUL is a CSV with a NUL byte; its argument is SheetUTF16Hint or "".
	SheetNUL ID = "sheet.nul"
	// SheetUTF16Hint suggests a UTF-16 file without a BOM.
	SheetUTF16Hint ID = "sheet.nul.utf16"
	// SheetBadChars is text not valid in the guessed encoding.
	SheetBadChars ID = "sheet.bad_chars"
	// SheetQuoteNotClosed is a quoted CSV cell never closed.
	SheetQuoteNotClosed ID = "sheet.quote_not_closed"
	// SheetQuoteExtraneous is a stray quote in a quoted CSV cell.
	SheetQuoteExtraneous ID = "sheet.quote_extraneous"
	// SheetBareQuote is a quote inside an unquoted CSV cell.
	SheetBareQuote ID = "sheet.bare_quote"
)

func sheetMessages() []Message {
	return []Message{
		{SheetInSheet, "%s, sheet %s", "%s，工作表 %s"},
		{SheetAtRowLine, "row %d (line %d)", "第 %d 行（文本第 %d 行）"},
		{SheetAtRow, "row %d", "第 %d 行"},
		{SheetAtLine, "line %d", "第 %d 行"},
		{SheetAtColumn, "column %s", "第 %s 列"},
		{SheetPosSep, ", ", "，"},
		{SheetSep, ": ", "："},

		{SheetCannotRead, "%s", "无法读取文件：%s"},
		{SheetEmpty, "file is empty", "文件是空的"},
		{SheetExtNotSupported, "%s files are not supported: save it as .xlsx or CSV", "不支持 %s 文件：请另存为 .xlsx 或 CSV 再导入"},
		{SheetXLSB, "an Excel binary workbook (.xlsb): save it as .xlsx or CSV", "这是 Excel 二进制工作簿（.xlsb）：请另存为 .xlsx 或 CSV 再导入"},
		{SheetXLS, "a legacy Excel 97-2003 (.xls) workbook: open it and save it as .xlsx or CSV",
			"这是旧版 Excel 97-2003 工作簿（.xls）：请打开它，另存为 .xlsx 或 CSV 再导入"},
		{SheetNotZip, "not a valid %s file (it is not a zip archive): save it as .xlsx or CSV",
			"不是有效的 %s 文件（它不是 zip 压缩包）：请另存为 .xlsx 或 CSV 再导入"},
		{SheetODS, "an OpenDocument spreadsheet (.ods): save it as .xlsx or CSV", "这是 OpenDocument 表格（.ods）：请另存为 .xlsx 或 CSV 再导入"},
		{SheetNumbers, "an Apple Numbers file: save it as .xlsx or CSV", "这是 Apple Numbers 文件：请另存为 .xlsx 或 CSV 再导入"},
		{SheetPassword, "the workbook is password-protected: open it, remove the password (File > Info > Protect Workbook), save it and import it again",
			"工作簿有密码保护：请打开它，去掉密码（文件 > 信息 > 保护工作簿），保存后重新导入"},
		{SheetEncryptedOrXLS, "encrypted or legacy .xls file: save it as .xlsx or CSV", "文件已加密或是旧版 .xls：请另存为 .xlsx 或 CSV 再导入"},
		{SheetBadZip, "not a valid XLSX file (corrupt or truncated zip): %s", "不是有效的 XLSX 文件（zip 已损坏或不完整）：%s"},
		{SheetCorrupt, "not a valid XLSX file (corrupt or truncated?): %s", "不是有效的 XLSX 文件（已损坏或不完整？）：%s"},
		{SheetNoWorkbook, "not an XLSX file (no readable workbook in the zip): %s", "不是 XLSX 文件（zip 里没有可读的工作簿）：%s"},
		{SheetZipNoWorksheet, "not an XLSX file: the zip holds no worksheet", "不是 XLSX 文件：zip 里没有工作表"},
		{SheetTruncated, "the sheet's XML is malformed or truncated", "工作表的 XML 格式错误或不完整"},
		{SheetTruncatedDetail, "%s: %s", "%s：%s"},
		{SheetNoValue, "a formula whose result was never saved (the file was written by a program that does not calculate formulas): open it in Excel, WPS or LibreOffice, save it and import it again",
			"公式的计算结果没有保存（文件是由不计算公式的程序生成的）：请用 Excel、WPS 或 LibreOffice 打开，保存后重新导入"},
		{SheetUnzipLimit, "decompressed size exceeds the limit of %d bytes (a zip bomb? raise the limit with --max-unzip)",
			"解压后的大小超过了 %d 字节的上限（zip 炸弹？可以用 --max-unzip 提高上限）"},
		{SheetNoSuchSheet, "no sheet %q; the sheets are: %s", "没有工作表 %q；现有的工作表：%s"},

		{SheetNoHeader, "no header row recognised in the first %d rows; headers found (row %d): %s%s",
			"前 %d 行里没有认出表头行；找到的表头（第 %d 行）：%s%s"},
		{SheetExpectedHeaders, "; expected headers such as: %s", "；应有的表头例如：%s"},
		{SheetUndecodableHeader, "; some characters could not be decoded: is --encoding right?", "；有些字符无法解码：--encoding 是否正确？"},
		{SheetDelimiterHint, " (the rows read as one column whose cells hold %s: give the delimiter with --delimiter %s)",
			"（每一行都只读出一列，单元格里有 %s：请用 --delimiter %s 指定分隔符）"},
		{SheetNameHeaderRow, " (name the header row with --header-row)", "（请用 --header-row 指定表头行）"},
		{SheetHeaderRowMissing, "header row %d not found: the file ends before it", "找不到第 %d 行表头：文件在这之前就结束了"},
		{SheetNoRows, "no data rows below the header: nothing to import", "表头下面没有数据行，没有可导入的内容"},
		{SheetOtherProvider, "this looks like %s, which preset %s reads for provider %s: import it with --provider %s --preset %s (or give --mapping)",
			"这看起来是 %[1]s，由平台 %[3]s 的预设 %[2]s 读取：请用 --provider %[4]s --preset %[5]s 导入（或者指定 --mapping）"},

		{SheetTooManyColumns, "%d columns, more than the limit of %d (raise it with --max-columns)",
			"有 %d 列，超过了 %d 列的上限（可以用 --max-columns 提高）"},
		{SheetCellTooLong, "cell is %d bytes long, more than the limit of %d (raise it with --max-cell)",
			"单元格长 %d 字节，超过了 %d 字节的上限（可以用 --max-cell 提高）"},
		{SheetRowTooLong, "a row starting at or after this line is longer than %d bytes: an unbalanced quote (\")? (cells are limited by --max-cell, rows by --max-columns)",
			"从这一行或之后开始的一行超过了 %d 字节：是不是有不成对的引号（\"）？（单元格长度由 --max-cell 限制，列数由 --max-columns 限制）"},

		{SheetCannotDecode, "cannot decode the file as %s: %s", "无法按 %s 解码文件：%s"},
		{SheetNUL, "file contains a NUL byte: is it really a CSV?%s", "文件里有 NUL 字节：它真的是 CSV 吗？%s"},
		{SheetUTF16Hint, " (a UTF-16 file without BOM? try --encoding utf-16le)", "（没有 BOM 的 UTF-16 文件？试试 --encoding utf-16le）"},
		{SheetBadChars, "characters that are not valid %s (the encoding was guessed): pass --encoding (utf-8, gb18030, utf-16le, utf-16be)",
			"有不符合 %s 编码的字符（编码是猜出来的）：请用 --encoding 指定（utf-8、gb18030、utf-16le、utf-16be）"},
		{SheetQuoteNotClosed, "a quoted cell starting on this line is not closed (unbalanced \", still open at line %d)",
			"从这一行开始的带引号单元格没有结束（引号 \" 不成对，到第 %d 行仍未关闭）"},
		{SheetQuoteExtraneous, "extraneous or missing \" in a quoted cell (character %d)", "带引号的单元格里多了或少了引号 \"（第 %d 个字符）"},
		{SheetBareQuote, "a \" inside a cell that is not quoted (character %d); quote the cell and double the \"",
			"没有引号的单元格里出现了引号 \"（第 %d 个字符）；请给单元格加上引号，并把其中的 \" 写两遍"},
	}
}
