// Command gofixtures writes the parts of the reader corpus that excelize and
// hand-written XML in a zip produce (issue 16): merged header blocks, rows
// wider than the header, an empty style attribute, bracketed number formats,
// workbooks encrypted with Excel's default password and with a real one, a
// Strict Open XML workbook, an .xlsb, a chart sheet, a workbook whose result
// sheet must look like it, and CSV files with multi-line cells. Run by
// ../../generate.sh; synthetic data only.
//
//	go run ./importer/sheet/testdata/corpus/gen/gofixtures importer/sheet/testdata/corpus
package main

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

var out string

func main() {
	if len(os.Args) != 2 {
		log.Fatal("usage: gofixtures DIR")
	}
	out = os.Args[1]
	mergedHeader()
	wideRows()
	emptyStyleAttr()
	numberFormats()
	encrypted()
	strict()
	xlsb()
	chartSheet()
	styledOrders()
	csvFiles()
}

func path(name string) string { return filepath.Join(out, name) }

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}

// set writes rows of values from cell A{first} on.
func set(f *excelize.File, sheet string, first int, rows ...[]any) {
	for i, r := range rows {
		cell, err := excelize.CoordinatesToCellName(1, first+i)
		check(err)
		check(f.SetSheetRow(sheet, cell, &r))
	}
}

func merge(f *excelize.File, sheet string, ranges ...string) {
	for _, r := range ranges {
		from, to, _ := strings.Cut(r, ":")
		check(f.MergeCell(sheet, from, to))
	}
}

func save(f *excelize.File, name string, opts ...excelize.Options) {
	check(f.SaveAs(path(name), opts...))
	check(f.Close())
}

// mergedHeader: a two-level Chinese order template whose header cells are
// merged down over rows 1-4 (A1:A4, B2:B4 …, E1:E3 with E4 left blank),
// under a group title merged across B1:D1; a data merge below it.
func mergedHeader() {
	f := excelize.NewFile()
	s := "Sheet1"
	check(f.SetSheetName(s, "订单"))
	s = "订单"
	set(f, s, 1,
		[]any{"订单编号", "收货信息", nil, nil, "数量", "备注"},
		[]any{nil, "收货人姓名", "联系手机", "收货地址"},
	)
	merge(f, s, "A1:A4", "B1:D1", "B2:B4", "C2:C4", "D2:D4", "E1:E3", "F1:F4")
	// Bordered, as templates are: Excel writes every cell of the block.
	border := []excelize.Border{{Type: "left", Style: 1}, {Type: "right", Style: 1}, {Type: "top", Style: 1}, {Type: "bottom", Style: 1}}
	style, err := f.NewStyle(&excelize.Style{Border: border, Font: &excelize.Font{Bold: true}})
	check(err)
	check(f.SetCellStyle(s, "A1", "F4", style))
	set(f, s, 5,
		[]any{"T20240001", "测试甲", "13800138000", "浙江省杭州市余杭区测试路1号", 1, nil},
		[]any{"T20240002", "测试乙", "13900139000", "上海市浦东新区测试大道2号", 2, "同一收货人两行"},
		[]any{"T20240003", nil, "13900139000", "上海市浦东新区测试大道2号", 1},
	)
	merge(f, s, "B6:B7")
	save(f, "merged_header.xlsx")
}

// wideRows: rows with cells beyond the header (and a styled empty cell
// beyond it, which is not a value).
func wideRows() {
	f := excelize.NewFile()
	s := "Sheet1"
	set(f, s, 1,
		[]any{"订单编号", "收货人姓名", "联系手机", "收货地址"},
		[]any{"W001", "测试甲", "13800138000", "浙江省杭州市余杭区测试路1号"},
		[]any{"W002", "测试乙", "13900139000", "上海市浦东新区测试大道2号", nil, "客服备注：周末送"},
		[]any{"W003", "测试丙", "13700137000", "北京市朝阳区测试街3号"},
		[]any{"W004", "测试丁", "13600136000", "广东省深圳市南山区测试路4号", "多出来的一格", nil, "ok"},
	)
	style, err := f.NewStyle(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFFF00"}}})
	check(err)
	check(f.SetCellStyle(s, "E4", "H4", style)) // styled, empty: not values
	save(f, "wide_rows.xlsx")
}

// zipParts writes a zip of the given parts, in order.
func zipParts(name string, parts [][2]string) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := zw.Create(p[0])
		check(err)
		_, err = io.WriteString(w, p[1])
		check(err)
	}
	check(zw.Close())
	check(os.WriteFile(path(name), buf.Bytes(), 0o644))
}

const (
	contentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`
	rootRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`
	workbook = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`
	workbookRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`
	styles = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`
)

// emptyStyleAttr: a valid workbook (as some generators write it) whose
// cells carry s="": Excel, LibreOffice and calamine read it.
func emptyStyleAttr() {
	sheet := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` +
		`<row r="1"><c r="A1" s="" t="inlineStr"><is><t>收货人姓名</t></is></c><c r="B1" s="" t="inlineStr"><is><t>联系手机</t></is></c><c r="C1" s="" t="inlineStr"><is><t>数量</t></is></c><c r="D1" s="" t="inlineStr"><is><t>下单日期</t></is></c></row>` +
		`<row r="2"><c r="A2" s="" t="inlineStr"><is><t>测试甲</t></is></c><c r="B2" s=""><v>13800138000</v></c><c r="C2" s=""><v>2</v></c><c r="D2" s="1"><v>45292</v></c></row>` +
		`<row r="3"><c r="A3" s="" t="inlineStr"><is><t>测试乙</t></is></c><c r="B3" s=""><v>13900139000</v></c><c r="C3" s=""><v>1</v></c><c r="D3" s="1"><v>45293</v></c></row>` +
		`</sheetData></worksheet>`
	zipParts("empty_style_attr.xlsx", [][2]string{
		{"[Content_Types].xml", contentTypes}, {"_rels/.rels", rootRels}, {"xl/workbook.xml", workbook},
		{"xl/_rels/workbook.xml.rels", workbookRels}, {"xl/styles.xml", styles}, {"xl/worksheets/sheet1.xml", sheet},
	})
}

// numberFormats: one row per number format: the format code as text, then
// a number shown with it.
func numberFormats() {
	f := excelize.NewFile()
	s := "Sheet1"
	set(f, s, 1, []any{"格式", "值", "Excel 显示"})
	elapsed := (255*3600 + 10*60 + 10) / 86400.0
	rows := []struct {
		code  string
		v     any
		shows string
	}{
		{"[DBNum1][$-804]General", 12323, "一万二千三百二十三"},
		{"[DBNum2][$-804]0", 614, "陆佰壹拾肆"},
		{"[Red]0.00", 12.5, "12.50"},
		{"[Magenta]#,##0;[Blue]-#,##0", 1234, "1,234"},
		{"[$USD-409]#,##0.00", 99.5, "USD99.50"},
		{"[$€-407]#,##0.00", 7, "€7.00"},
		{"[>=100][Red]0;[Blue]0", 150, "150"},
		{`0.00"m"`, 3.5, "3.50m"},
		{`#,##0 "个"`, 20, "20 个"},
		{`0.0\m`, 2, "2.0m"},
		{`[$-804]yyyy"年"m"月"d"日"`, 45292, "2024年1月1日"},
		{"[$-F800]dddd, mmmm dd, yyyy", 45292, "Monday, January 01, 2024"},
		{"[ENG][$-409]mmmm d, yyyy", 45293, "January 2, 2024"},
		{"d-mmm-yy", 45294, "3-Jan-24"},
		{"yyyy/m/d h:mm", 45292.75, "2024/1/1 18:00"},
		{"[$-F400]h:mm:ss AM/PM", 0.75, "6:00:00 PM"},
		{"mm:ss.0", 0.0123, "17:42.7"},
		{"[h]:mm:ss", elapsed, "255:10:10"},
		{"[hh]:mm:ss", elapsed, "255:10:10"},
		{"[mm]:ss", 0.0123, "17:43"},
		{"[h]:mm", 1.5, "36:00"},
		{"[ss]", 0.0123, "1063"},
		{"@", 614, "614"},
		{"General", 0.1, "0.1"},
	}
	for i, r := range rows {
		row := i + 2
		set(f, s, row, []any{r.code, r.v, r.shows})
		code := r.code
		id, err := f.NewStyle(&excelize.Style{CustomNumFmt: &code})
		check(err)
		cell, _ := excelize.CoordinatesToCellName(2, row)
		check(f.SetCellStyle(s, cell, cell, id))
	}
	save(f, "number_formats.xlsx")
}

// orders fills a small order sheet.
func orders(f *excelize.File, s string) {
	set(f, s, 1,
		[]any{"订单编号", "收货人姓名", "联系手机", "收货地址", "数量"},
		[]any{"V001", "测试甲", "13800138000", "浙江省杭州市余杭区测试路1号", 1},
		[]any{"V002", "测试乙", "13900139000", "上海市浦东新区测试大道2号", 2},
	)
}

// encrypted: Excel's default password (VelvetSweatshop: opens without a
// prompt) and a real one.
func encrypted() {
	f := excelize.NewFile()
	orders(f, "Sheet1")
	save(f, "velvet_sweatshop.xlsx", excelize.Options{Password: "VelvetSweatshop"})
	f = excelize.NewFile()
	orders(f, "Sheet1")
	save(f, "real_password.xlsx", excelize.Options{Password: "test-password-1"})
}

// strictNamespaces maps the transitional namespaces to their Strict Open
// XML (ISO/IEC 29500 strict) forms.
var strictNamespaces = strings.NewReplacer(
	"http://schemas.openxmlformats.org/spreadsheetml/2006/main", "http://purl.oclc.org/ooxml/spreadsheetml/main",
	"http://schemas.openxmlformats.org/officeDocument/2006/relationships", "http://purl.oclc.org/ooxml/officeDocument/relationships",
	"http://schemas.openxmlformats.org/drawingml/2006/main", "http://purl.oclc.org/ooxml/drawingml/main",
	"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties", "http://purl.oclc.org/ooxml/officeDocument/extendedProperties",
)

// strict: an excelize workbook turned into Strict Open XML as Excel's
// "Strict Open XML Spreadsheet" writes it: strict namespaces and
// relationship types, conformance="strict", dates as ISO 8601 (t="d").
func strict() {
	f := excelize.NewFile()
	s := "Sheet1"
	check(f.SetSheetName(s, "订单"))
	orders(f, "订单")
	set(f, "订单", 1, []any{"订单编号", "收货人姓名", "联系手机", "收货地址", "数量", "下单日期"})
	check(f.SetCellValue("订单", "F2", 45293)) // replaced by t="d" cells below
	check(f.SetCellValue("订单", "F3", 45294.396))
	var buf bytes.Buffer
	check(f.Write(&buf))
	check(f.Close())
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	check(err)
	var parts [][2]string
	for _, zf := range zr.File {
		rc, err := zf.Open()
		check(err)
		b, err := io.ReadAll(rc)
		check(err)
		rc.Close()
		text := strictNamespaces.Replace(string(b))
		switch {
		case zf.Name == "xl/workbook.xml":
			text = strings.Replace(text, "<workbook ", `<workbook conformance="strict" `, 1)
		case strings.HasPrefix(zf.Name, "xl/worksheets/"):
			text = strictDate(text, "F2", "2024-01-02T00:00:00")
			text = strictDate(text, "F3", "2024-01-03T09:30:00")
		}
		parts = append(parts, [2]string{zf.Name, text})
	}
	zipParts("strict_open_xml.xlsx", parts)
}

// strictDate replaces cell ref of a sheet by a t="d" cell holding iso.
func strictDate(sheet, ref, iso string) string {
	start := strings.Index(sheet, `<c r="`+ref+`"`)
	if start < 0 {
		log.Fatalf("no cell %s", ref)
	}
	end := strings.Index(sheet[start:], "</c>") + start + len("</c>")
	return sheet[:start] + fmt.Sprintf(`<c r="%s" t="d"><v>%s</v></c>`, ref, iso) + sheet[end:]
}

// xlsb: the package layout of an Excel binary workbook (its .bin records
// are not what is tested: the reader must refuse it by its parts), and the
// same named .xlsx.
func xlsb() {
	types := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="bin" ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/xl/worksheets/sheet1.bin" ContentType="application/vnd.ms-excel.worksheet"/></Types>`
	rels := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.bin"/></Relationships>`
	wbRels := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.bin"/></Relationships>`
	// BrtBeginBook (0x83 0x01) and BrtBeginSheet (0x81 0x01) record
	// headers, as the binary parts start.
	parts := [][2]string{
		{"[Content_Types].xml", types}, {"_rels/.rels", rels}, {"xl/_rels/workbook.bin.rels", wbRels},
		{"xl/workbook.bin", "\x83\x01\x00\x84\x01\x00"}, {"xl/worksheets/sheet1.bin", "\x81\x01\x00\x82\x01\x00"},
	}
	zipParts("binary_workbook.xlsb", parts)
	zipParts("binary_workbook_named.xlsx", parts)
}

// chartSheet: a chart sheet before the data sheet.
func chartSheet() {
	f := excelize.NewFile()
	check(f.AddChartSheet("图表", &excelize.Chart{
		Type:   excelize.Col,
		Series: []excelize.ChartSeries{{Name: "订单!$E$1", Categories: "订单!$A$2:$A$3", Values: "订单!$E$2:$E$3"}},
	}))
	_, err := f.NewSheet("订单")
	check(err)
	orders(f, "订单")
	check(f.DeleteSheet("Sheet1"))
	save(f, "chart_sheet.xlsx")
}

// styledOrders: what the result sheet must keep of its input: the sheet's
// name, column widths, numbers, dates, times, a multi-line cell.
func styledOrders() {
	f := excelize.NewFile()
	check(f.SetSheetName("Sheet1", "十二月订单"))
	s := "十二月订单"
	set(f, s, 1, []any{"订单编号", "收货人姓名", "联系手机", "收货地址", "商品ID", "数量", "金额", "下单日期", "下单时间", "已付款"})
	day := time.Date(2024, 12, 1, 0, 0, 0, 0, time.UTC)
	set(f, s, 2,
		[]any{"301234567890123456", "测试甲", "13800138000", "浙江省杭州市余杭区\n测试路1号", 614, 1, 12.5, day, day.Add(9*time.Hour + 30*time.Minute), true},
		[]any{"301234567890123457", "测试乙", "13900139000", "上海市浦东新区测试大道2号", 614, 2, 25, day.AddDate(0, 0, 1), day.AddDate(0, 0, 1).Add(18 * time.Hour), false},
	)
	for col, width := range map[string]float64{"A": 22, "B": 10, "C": 14, "D": 30, "H": 12, "I": 18} {
		check(f.SetColWidth(s, col, col, width))
	}
	money, date, dt := "0.00", "yyyy-mm-dd", "yyyy-mm-dd hh:mm"
	styles := map[string]*excelize.Style{
		"G": {CustomNumFmt: &money},
		"H": {CustomNumFmt: &date},
		"I": {CustomNumFmt: &dt},
		"D": {Alignment: &excelize.Alignment{WrapText: true}},
		"A": {NumFmt: 49}, // text
	}
	for col, st := range styles {
		id, err := f.NewStyle(st)
		check(err)
		check(f.SetCellStyle(s, col+"2", col+"3", id))
	}
	check(f.SetPanes(s, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}))
	save(f, "styled_orders.xlsx")
}

// csvFiles: multi-line quoted cells and blank lines, so that the rows
// Excel shows differ from the lines of the text; and a CSV with rows wider
// than its header.
func csvFiles() {
	multi := "订单编号,收货人姓名,联系手机,收货地址,备注\r\n" +
		"M001,测试甲,13800138000,\"浙江省杭州市余杭区\r\n测试路1号\r\n3幢\",\r\n" +
		"M002,测试乙,13900139000,上海市浦东新区测试大道2号,\"两行\r\n备注\"\r\n" +
		"\r\n" +
		"M003,测试丙,1390013900,北京市朝阳区测试街3号,手机少一位\r\n" +
		"M001,测试甲,13800138000,\"浙江省杭州市余杭区\r\n测试路1号\r\n3幢\",\r\n"
	check(os.WriteFile(path("multiline_rows.csv"), []byte(multi), 0o644))
	wide := "订单编号,收货人姓名,联系手机,收货地址\r\n" +
		"W001,测试甲,13800138000,浙江省杭州市余杭区测试路1号\r\n" +
		"W002,测试乙,13900139000,上海市浦东新区测试大道2号,,客服备注：周末送\r\n" +
		"W003,测试丙,13700137000,北京市朝阳区测试街3号,,,\r\n" +
		"W004,测试丁,13600136000,广东省深圳市南山区测试路4号,多出来的一格,,ok\r\n"
	check(os.WriteFile(path("wide_rows.csv"), []byte(wide), 0o644))
	// A title row, then a header that a mapping with a template naming a
	// field ({consignee}) must still recognise.
	tmpl := "订单导出 2024-12-01\r\n" +
		"收件人,电话,地址\r\n" +
		"测试甲,13800138000,浙江省杭州市余杭区测试路1号\r\n"
	check(os.WriteFile(path("template_header.csv"), []byte(tmpl), 0o644))
}
