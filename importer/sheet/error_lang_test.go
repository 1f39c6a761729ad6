package sheet

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/xuri/excelize/v2"

	"orderimport/importer/i18n"
)

// TestErrorText: every refusal of a file a merchant meets says itself in
// Chinese and in English; Text(i18n.En) is exactly Error(), the Chinese
// text names the same file, and the row and column where the English one
// does, and none of the English reason is left in it.
func TestErrorText(t *testing.T) {
	corpus := func(name string) string { return filepath.Join(readCorpusDir, name) }
	never := func([]string) bool { return false }
	tests := []struct {
		name   string
		path   string
		o      Options
		en, zh []string // substrings of each language's text
	}{
		{"legacy .xls", corpus("lo_orders.xls"), Options{},
			[]string{"lo_orders.xls: a legacy Excel 97-2003 (.xls) workbook"}, []string{"lo_orders.xls：这是旧版 Excel 97-2003 工作簿（.xls）"}},
		{".xlsb", corpus("binary_workbook.xlsb"), Options{},
			[]string{"binary_workbook.xlsb: an Excel binary workbook (.xlsb)"}, []string{"binary_workbook.xlsb：这是 Excel 二进制工作簿（.xlsb）"}},
		{".xlsb named .xlsx", corpus("binary_workbook_named.xlsx"), Options{},
			[]string{"binary_workbook_named.xlsx: an Excel binary workbook"}, []string{"binary_workbook_named.xlsx：这是 Excel 二进制工作簿"}},
		{".ods", corpus("lo_orders.ods"), Options{},
			[]string{"lo_orders.ods: .ods files are not supported"}, []string{"lo_orders.ods：不支持 .ods 文件"}},
		{".numbers", corpus("apple.numbers"), Options{},
			[]string{"apple.numbers: .numbers files are not supported"}, []string{"apple.numbers：不支持 .numbers 文件"}},
		{"Numbers named .xlsx", corpus("apple_numbers_named.xlsx"), Options{},
			[]string{"apple_numbers_named.xlsx: an Apple Numbers file"}, []string{"apple_numbers_named.xlsx：这是 Apple Numbers 文件"}},
		{"password", corpus("real_password.xlsx"), Options{},
			[]string{"real_password.xlsx: the workbook is password-protected"}, []string{"real_password.xlsx：工作簿有密码保护"}},
		{"not a zip", corpus("random_bytes.xlsx"), Options{},
			[]string{"random_bytes.xlsx: not a valid .xlsx file (it is not a zip archive)"}, []string{"random_bytes.xlsx：不是有效的 .xlsx 文件（它不是 zip 压缩包）"}},
		{"truncated zip", corpus("truncated.xlsx"), Options{},
			[]string{"truncated.xlsx: not a valid XLSX file (corrupt or truncated zip): zip: not a valid zip file"},
			[]string{"truncated.xlsx：不是有效的 XLSX 文件（zip 已损坏或不完整）：zip: not a valid zip file"}},
		{"empty", corpus("empty.csv"), Options{},
			[]string{"empty.csv: file is empty"}, []string{"empty.csv：文件是空的"}},
		{"no header", corpus("no_header.csv"), Options{IsHeader: never, ExpectedHeaders: []string{"收货人", "手机"}},
			[]string{`no_header.csv: no header row recognised in the first 20 rows; headers found (row 1): "名称", "规格", "库存"; expected headers such as: 收货人, 手机 (name the header row with --header-row)`},
			[]string{`no_header.csv：前 20 行里没有认出表头行；找到的表头（第 1 行）："名称", "规格", "库存"；应有的表头例如：收货人, 手机（请用 --header-row 指定表头行）`}},
		{"no header, wrong encoding", corpus("py_gbk.csv"), Options{IsHeader: never, Encoding: "utf-8"},
			[]string{"py_gbk.csv: no header row recognised", "; some characters could not be decoded: is --encoding right? (name the header row with --header-row)"},
			[]string{"py_gbk.csv：前 20 行里没有认出表头行", "；有些字符无法解码：--encoding 是否正确？（请用 --header-row 指定表头行）"}},
		{"no header, other delimiter", readWriteFile(t, "semicolons.csv", []byte("名称;规格;库存\n测试;1;2\n")), Options{IsHeader: never, Delimiter: ','},
			[]string{`(the rows read as one column whose cells hold ";": give the delimiter with --delimiter ";")`},
			[]string{`semicolons.csv：前 20 行里没有认出表头行`, `（每一行都只读出一列，单元格里有 ";"：请用 --delimiter ";" 指定分隔符）`}},
		{"header row beyond the end", corpus("header_only.csv"), Options{HeaderRow: 9},
			[]string{"header_only.csv: line 9: header row 9 not found: the file ends before it"}, []string{"header_only.csv：第 9 行：找不到第 9 行表头"}},
		{"NUL byte", corpus("nul_byte.csv"), Options{},
			[]string{"nul_byte.csv: row 3, column 2: file contains a NUL byte: is it really a CSV? (a UTF-16 file without BOM? try --encoding utf-16le)"},
			[]string{"nul_byte.csv：第 3 行，第 2 列：文件里有 NUL 字节：它真的是 CSV 吗？（没有 BOM 的 UTF-16 文件？试试 --encoding utf-16le）"}},
		{"undecodable characters", readWriteFile(t, "latin1.csv", []byte("name,city\nJos\xe9,M\xfcnchen\n")), Options{},
			[]string{"latin1.csv: row 2, column 1: characters that are not valid gb18030 (the encoding was guessed)"},
			[]string{"latin1.csv：第 2 行，第 1 列：有不符合 gb18030 编码的字符（编码是猜出来的）"}},
		{"unbalanced quote", corpus("unbalanced_quote.csv"), Options{},
			[]string{"unbalanced_quote.csv: line 3: a quoted cell starting on this line is not closed"},
			[]string{"unbalanced_quote.csv：第 3 行：从这一行开始的带引号单元格没有结束（引号 \" 不成对，到第 4 行仍未关闭）"}},
		{"too many columns", corpus("too_many_columns.csv"), Options{},
			[]string{"too_many_columns.csv: row 2: 1002 columns, more than the limit of 1000 (raise it with --max-columns)"},
			[]string{"too_many_columns.csv：第 2 行：有 1002 列，超过了 1000 列的上限（可以用 --max-columns 提高）"}},
		{"cell too long", corpus("long_cell.csv"), Options{},
			[]string{"long_cell.csv: row 2, column 3: cell is 36000 bytes long, more than the limit of 32767 (raise it with --max-cell)"},
			[]string{"long_cell.csv：第 2 行，第 3 列：单元格长 36000 字节，超过了 32767 字节的上限（可以用 --max-cell 提高）"}},
		{"cell too long in a sheet", errorTextXLSX(t), Options{MaxCellBytes: 11},
			[]string{"orders.xlsx, sheet 订单: row 2, column C: cell is 12 bytes long, more than the limit of 11"},
			[]string{"orders.xlsx，工作表 订单：第 2 行，第 C 列：单元格长 12 字节，超过了 11 字节的上限"}},
		{"zip bomb", corpus("zip_bomb.xlsx"), Options{MaxUnzipBytes: 16 << 20},
			[]string{"zip_bomb.xlsx: decompressed size exceeds the limit of 16777216 bytes (a zip bomb? raise the limit with --max-unzip)"},
			[]string{"zip_bomb.xlsx：解压后的大小超过了 16777216 字节的上限（zip 炸弹？可以用 --max-unzip 提高上限）"}},
		{"sheet not found", corpus("lo_orders.xlsx"), Options{Sheet: "nope"},
			[]string{`lo_orders.xlsx: no sheet "nope"; the sheets are: "说明", "订单", "汇总"`},
			[]string{`lo_orders.xlsx：没有工作表 "nope"；现有的工作表："说明", "订单", "汇总"`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := readAll(t, tc.path, tc.o)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("got %v (%T), want a *sheet.Error", err, err)
			}
			if _, ok := e.Err.(*Reason); !ok {
				t.Errorf("Err is %T (%v), want a *sheet.Reason", e.Err, e.Err)
			}
			en, zh := e.Text(i18n.En), e.Text(i18n.Zh)
			if en != e.Error() {
				t.Errorf("Text(en) = %q\nError()  = %q", en, e.Error())
			}
			for _, want := range tc.en {
				if !strings.Contains(en, want) {
					t.Errorf("English %q lacks %q", en, want)
				}
			}
			for _, want := range tc.zh {
				if !strings.Contains(zh, want) {
					t.Errorf("Chinese %q lacks %q", zh, want)
				}
			}
			if !strings.HasPrefix(zh, e.File) || !strings.ContainsFunc(zh, func(r rune) bool { return unicode.Is(unicode.Han, r) }) {
				t.Errorf("Chinese %q does not start with the file %q or has no Chinese", zh, e.File)
			}
			if reason := e.Err.Error(); strings.Contains(zh, reason) {
				t.Errorf("Chinese %q still holds the English reason %q", zh, reason)
			}
		})
	}
}

// errorTextXLSX writes orders.xlsx, whose sheet 订单 has a 12-byte cell at C2.
func errorTextXLSX(t *testing.T) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", "订单"); err != nil {
		t.Fatal(err)
	}
	for cell, v := range map[string]string{"A1": "收货人", "B1": "手机", "C1": "备注", "A2": "测试", "B2": "13800138000", "C2": "123456789012"} {
		if err := f.SetCellValue("订单", cell, v); err != nil {
			t.Fatal(err)
		}
	}
	p := filepath.Join(t.TempDir(), "orders.xlsx")
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestErrorTextFallback: an *Error whose Err is not a Reason (the
// system's words) keeps them in Chinese too, with the position translated.
func TestErrorTextFallback(t *testing.T) {
	e := &Error{File: "orders.xlsx", Sheet: "订单", Line: 4, Column: 2, Err: errors.New("read: input/output error")}
	if got, want := e.Text(i18n.Zh), "orders.xlsx，工作表 订单：第 4 行，第 B 列：read: input/output error"; got != want {
		t.Errorf("Text(zh) = %q, want %q", got, want)
	}
	if got := e.Text(i18n.En); got != e.Error() {
		t.Errorf("Text(en) = %q, Error() = %q", got, e.Error())
	}
	csv := &Error{File: "orders.csv", Line: 10, TextLine: 12, Err: errXLSXTruncated}
	if got, want := csv.Text(i18n.Zh), "orders.csv：第 10 行（文本第 12 行）：工作表的 XML 格式错误或不完整"; got != want {
		t.Errorf("Text(zh) = %q, want %q", got, want)
	}
}
