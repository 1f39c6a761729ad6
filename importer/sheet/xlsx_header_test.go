package sheet

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/xuri/excelize/v2"
)

// xlsxTemplate writes a sheet of rows (nil cells left empty) with merged
// ranges, every cell of rows 1..styledRows bordered (as templates are:
// Excel writes the cells a merge covers).
func xlsxTemplate(t *testing.T, rows [][]any, merges []string, styledRows int) string {
	t.Helper()
	return xlsxBuild(t, func(f *excelize.File) {
		for i, r := range rows {
			cell, _ := excelize.CoordinatesToCellName(1, i+1)
			if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
				t.Fatal(err)
			}
		}
		for _, m := range merges {
			from, to, _ := strings.Cut(m, ":")
			if err := f.MergeCell("Sheet1", from, to); err != nil {
				t.Fatal(err)
			}
		}
		if styledRows > 0 {
			id, _ := f.NewStyle(&excelize.Style{Border: []excelize.Border{{Type: "bottom", Style: 1}}})
			last, _ := excelize.CoordinatesToCellName(6, styledRows)
			if err := f.SetCellStyle("Sheet1", "A1", last, id); err != nil {
				t.Fatal(err)
			}
		}
	})
}

// TestReadHeaderBlock (issue 16 item 1): header cells merged down over
// several rows make one header; the merged-cell fill must not turn the
// header's lower rows into data rows that copy it.
func TestReadHeaderBlock(t *testing.T) {
	isHeader := func(c []string) bool { return strings.Contains(strings.Join(c, "|"), "订单号") }
	data := []any{"T1", "测试甲", "13800138000", 2}
	tests := []struct {
		name       string
		rows       [][]any
		merges     []string
		styled     int
		o          Options
		wantHeader string
		wantLine   int
		wantRows   []string
	}{
		{
			name: "two-level template: group title over sub-headers",
			rows: [][]any{
				{"订单号", "收货信息", nil, "数量"},
				{nil, "收货人", "手机"},
				data,
			},
			merges:     []string{"A1:A2", "B1:C1", "D1:D2"},
			styled:     2,
			wantHeader: "订单号|收货人|手机|数量", wantLine: 2,
			wantRows: []string{"3|T1|测试甲|13800138000|2"},
		},
		{
			name: "headers merged down unevenly (A1:A5, B1:B4)",
			rows: [][]any{
				{"订单号", "收货人", "手机", "数量"},
				nil, nil, nil,
				{nil, nil, "(11位)"},
				data,
			},
			merges:     []string{"A1:A5", "B1:B4", "C1:C4", "D1:D3"},
			styled:     5,
			wantHeader: "订单号|收货人|(11位)|数量", wantLine: 5,
			wantRows: []string{"6|T1|测试甲|13800138000|2"},
		},
		{
			name: "the recognised row is the block's lower row",
			rows: [][]any{
				{"订单信息", nil, "其他", nil},
				{"订单号", "收货人", "手机", "数量"},
				data,
			},
			merges:     []string{"A1:B1", "C1:D1"},
			styled:     2,
			wantHeader: "订单号|收货人|手机|数量", wantLine: 2,
			wantRows: []string{"3|T1|测试甲|13800138000|2"},
		},
		{
			name: "--header-row names the last header row",
			rows: [][]any{
				{"订单号", "收货信息", nil, "数量"},
				{nil, "收货人", "手机"},
				data,
			},
			merges:     []string{"A1:A2", "B1:C1", "D1:D2"},
			styled:     2,
			o:          Options{HeaderRow: 2},
			wantHeader: "订单号|收货人|手机|数量", wantLine: 2,
			wantRows: []string{"3|T1|测试甲|13800138000|2"},
		},
		{
			name: "a tall merge down beside the data is a label, not header",
			rows: [][]any{
				{"店铺", "订单号", "收货人", "手机"},
				{nil, "T1", "测试甲", "13800138000"},
				{nil, "T2", "测试乙", "13900139000"},
				{nil, "T3", "测试丙", "13700137000"},
				{nil, "T4", "测试丁", "13600136000"},
				{nil, "T5", "测试戊", "13500135000"},
				{nil, "T6", "测试己", "13400134000"},
				{nil, "T7", "测试庚", "13300133000"},
				{nil, "T8", "测试辛", "13200132000"},
				{nil, "T9", "测试壬", "13100131000"},
				{nil, "T10", "测试癸", "13000130000"},
			},
			merges:     []string{"A1:A11"},
			wantHeader: "店铺|订单号|收货人|手机", wantLine: 1,
			wantRows: []string{"2|店铺|T1|测试甲|13800138000", "3|店铺|T2|测试乙|13900139000"},
		},
		{
			name: "a data merge below the header is filled as before",
			rows: [][]any{
				{"订单号", "收货人", "手机"},
				{"T1", "测试甲", "13800138000"},
				{"T2", nil, "13900139000"},
			},
			merges:     []string{"B2:B3"},
			wantHeader: "订单号|收货人|手机", wantLine: 1,
			wantRows: []string{"2|T1|测试甲|13800138000", "3|T2|测试甲|13900139000"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := xlsxTemplate(t, tt.rows, tt.merges, tt.styled)
			o := tt.o
			o.IsHeader = isHeader
			in, rows, err := readAll(t, p, o)
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(in.Header(), "|"); got != tt.wantHeader || in.HeaderLine() != tt.wantLine {
				t.Errorf("header %q at row %d, want %q at row %d", got, in.HeaderLine(), tt.wantHeader, tt.wantLine)
			}
			got := readLines(rows)
			if len(got) > len(tt.wantRows) {
				got = got[:len(tt.wantRows)]
			}
			if strings.Join(got, "\n") != strings.Join(tt.wantRows, "\n") {
				t.Errorf("rows =\n%q\nwant\n%q", got, tt.wantRows)
			}
		})
	}
}

// TestReadXLSXDefaultPassword (issue 16 item 5): a workbook encrypted with
// Excel's default password opens like Excel opens it; one with a real
// password is refused; neither leaves a decrypted copy behind.
func TestReadXLSXDefaultPassword(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp) // where the decrypted copy goes
	dir := t.TempDir()
	write := func(name, password string) string {
		f := excelize.NewFile()
		defer f.Close()
		f.SetSheetRow("Sheet1", "A1", &[]any{"收货人", "手机"})
		f.SetSheetRow("Sheet1", "A2", &[]any{"测试甲", 13800138000})
		p := filepath.Join(dir, name)
		if err := f.SaveAs(p, excelize.Options{Password: password}); err != nil {
			t.Fatal(err)
		}
		return p
	}
	in, rows, err := readAll(t, write("default.xlsx", "VelvetSweatshop"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := readLines(rows); len(got) != 1 || got[0] != "2|测试甲|13800138000" || in.Name() != "default.xlsx, sheet Sheet1" {
		t.Errorf("read %q from %s", got, in.Name())
	}
	_, _, err = readAll(t, write("locked.xlsx", "测试-password"), Options{})
	readWantError(t, err, 0, "locked.xlsx: the workbook is password-protected")
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

// TestReadXLSXEmptyStyleAttribute (issue 16 item 3): a cell's s="" is read
// as no style, with its value; the sanitised copy is removed on close.
func TestReadXLSXEmptyStyleAttribute(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	p := xlsxBuild(t, func(f *excelize.File) {
		f.SetSheetRow("Sheet1", "A1", &[]any{"收货人", "手机", "日期"})
		f.SetSheetRow("Sheet1", "A2", &[]any{"测试甲", 13800138000, 45292})
		id, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
		f.SetCellStyle("Sheet1", "C2", "C2", id)
	})
	p = xlsxPatchPart(t, p, "xl/worksheets/sheet1.xml", func(s string) string {
		s = strings.ReplaceAll(s, `<c r="A2" `, `<c r="A2" s="" `)
		s = strings.ReplaceAll(s, `<c r="B2"`, `<c s="" r="B2"`)
		return strings.ReplaceAll(s, `<c r="A1" `, `<c r="A1" s='' `)
	})
	in, rows, err := readAll(t, p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if h := strings.Join(in.Header(), "|"); h != "收货人|手机|日期" {
		t.Errorf("header %q", h)
	}
	if got := readLines(rows); len(got) != 1 || got[0] != "2|测试甲|13800138000|2024-01-01" {
		t.Errorf("rows %q", got)
	}
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

// TestXLSXDropBadStyle: only a non-numeric s attribute goes.
func TestXLSXDropBadStyle(t *testing.T) {
	tests := map[string]string{
		`c r="A1" s="" t="s">`:     `c r="A1" t="s">`,
		`c r="A1" s='x'>`:          `c r="A1">`,
		`c s="" r="A1"/>`:          `c r="A1"/>`,
		`c r="A1" s="3" t="s">`:    `c r="A1" s="3" t="s">`,
		`c r="A1" t="s">`:          `c r="A1" t="s">`,
		`x:c r="A1" x:s="" t="n">`: `x:c r="A1" t="n">`,
	}
	for in, want := range tests {
		if got := string(xlsxDropBadStyle([]byte(in))); got != want {
			t.Errorf("xlsxDropBadStyle(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestXLSXScanSheet: the scan before the rows finds the widest rows below
// any row, column widths, merged ranges and an empty style attribute,
// whatever the namespace prefixes and wherever the chunks end.
func TestXLSXScanSheet(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`)
	b.WriteString(`<x:cols><x:col min="1" max="2" width="22.5" customWidth="1"/><x:col min="4" max="4" width="9" hidden="1"/></x:cols><x:sheetData>`)
	for r := 1; r <= 6000; r++ {
		fmt.Fprintf(&b, `<x:row r="%d" spans="1:4">`, r)
		fmt.Fprintf(&b, `<x:c r="A%d" t="s"><x:v>1</x:v></x:c><x:c><x:v>2</x:v></x:c>`, r) // B: no r attribute
		switch r {
		case 100: // a cell beyond the others, with a value
			b.WriteString(`<x:c r="H100" t="inlineStr"><x:is><x:t>x</x:t></x:is></x:c>`)
		case 3000: // styled but empty beyond: not a value
			b.WriteString(`<x:c r="Z3000" s="3"/>`)
		case 4000:
			b.WriteString(`<x:c r="E4000"><x:f>1+1</x:f><x:v>2</x:v></x:c>`)
		case 5000:
			b.WriteString(`<x:c r="C5000" s=""><x:v>1</x:v></x:c>`)
		}
		b.WriteString(`</x:row>`)
	}
	b.WriteString(`</x:sheetData><x:mergeCells count="1"><x:mergeCell ref="B10:F12"/></x:mergeCells></x:worksheet>`)
	for _, reader := range []struct {
		name string
		r    func(string) io.Reader
	}{
		{"whole", func(s string) io.Reader { return strings.NewReader(s) }},
		{"one byte at a time", func(s string) io.Reader { return iotest.OneByteReader(strings.NewReader(s)) }},
	} {
		t.Run(reader.name, func(t *testing.T) {
			sc, err := xlsxScanSheet(reader.r(b.String()))
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range []struct{ after, want int }{{0, 8}, {99, 8}, {100, 5}, {11, 8}, {3000, 5}, {4000, 3}, {5000, 2}, {6000, 0}} {
				if got := sc.widestAfter(c.after); got != c.want {
					t.Errorf("widest row after %d: %d cells, want %d", c.after, got, c.want)
				}
			}
			if len(sc.widths) < 2 || sc.widths[0] != 22.5 || sc.widths[1] != 22.5 || len(sc.widths) > 2 {
				t.Errorf("widths %v, want [22.5 22.5] (the hidden column left out)", sc.widths)
			}
			if len(sc.merges) != 1 || sc.merges[0] != (xlsxMerge{top: 10, left: 2, bottom: 12, right: 6}) {
				t.Errorf("merges %+v", sc.merges)
			}
			if !sc.badStyle {
				t.Error(`s="" not noticed`)
			}
		})
	}
}

// TestXLSXNumberCell: how a numeric cell reads, by its number format.
func TestXLSXNumberCell(t *testing.T) {
	tests := []struct {
		raw      string
		nf       xlsxNumFormat
		date1904 bool
		text     string
		kind     CellKind
		num      float64
	}{
		{"614", xlsxNumFormat{}, false, "614", CellNumber, 614},
		{"12323", xlsxNumFormat{kind: xlsxKindOfFormat("[DBNum1][$-804]General")}, false, "12323", CellNumber, 12323},
		{"45292", xlsxNumFormat{kind: xlsxDate}, false, "2024-01-01", CellDate, 45292},
		{"43830", xlsxNumFormat{kind: xlsxDate}, true, "2024-01-01", CellDate, 43830 + xlsx1904Offset},
		{"-5", xlsxNumFormat{kind: xlsxDate}, false, "-5", CellNumber, -5}, // no date: a number
		{"0.75", xlsxNumFormat{kind: xlsxTime}, false, "18:00:00", CellTime, 0.75},
		{"1.75", xlsxNumFormat{kind: xlsxTime}, false, "1900-01-01 18:00:00", CellDateTime, 1.75},
		{"10.63206018518518", xlsxNumFormat{kind: xlsxDuration, code: "[h]:mm:ss"}, false, "255:10:10", CellDuration, 10.63206018518518},
		{"abc", xlsxNumFormat{}, false, "abc", CellText, 0},
	}
	for _, tt := range tests {
		text, ct := xlsxNumberCell(tt.raw, tt.nf, tt.date1904, CellType{Kind: CellText})
		if text != tt.text || ct.Kind != tt.kind || ct.Num != tt.num {
			t.Errorf("%q (%+v): %q kind %d num %v, want %q kind %d num %v", tt.raw, tt.nf, text, ct.Kind, ct.Num, tt.text, tt.kind, tt.num)
		}
	}
}
