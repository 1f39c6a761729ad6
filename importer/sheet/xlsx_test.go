package sheet

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// xlsxBuild writes a workbook built by fill to a temp file.
func xlsxBuild(t testing.TB, fill func(f *excelize.File)) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	fill(f)
	p := filepath.Join(t.TempDir(), "orders.xlsx")
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	return p
}

func xlsxSet(t testing.TB, f *excelize.File, sheet, cell string, v any) {
	t.Helper()
	if err := f.SetCellValue(sheet, cell, v); err != nil {
		t.Fatal(err)
	}
}

func xlsxStyle(t testing.TB, f *excelize.File, sheet, cell string, st *excelize.Style) {
	t.Helper()
	id, err := f.NewStyle(st)
	if err == nil {
		err = f.SetCellStyle(sheet, cell, cell, id)
	}
	if err != nil {
		t.Fatal(err)
	}
}

func TestReadXLSXValues(t *testing.T) {
	custom := "yyyy/m/d h:mm"
	p := xlsxBuild(t, func(f *excelize.File) {
		s := "Sheet1"
		for i, h := range []string{"手机", "订单号", "金额", "浮点", "日期", "时间", "布尔", "公式", "文本数", "大数", "自定义日期"} {
			c, _ := excelize.CoordinatesToCellName(i+1, 1)
			xlsxSet(t, f, s, c, h)
		}
		xlsxSet(t, f, s, "A2", 13800138000)
		xlsxSet(t, f, s, "B2", int64(301234567890123456))
		xlsxSet(t, f, s, "C2", 12.5)
		xlsxSet(t, f, s, "D2", 0.1+0.2)
		xlsxSet(t, f, s, "E2", time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC))
		xlsxStyle(t, f, s, "E2", &excelize.Style{NumFmt: 14})
		xlsxSet(t, f, s, "F2", time.Date(2024, 1, 2, 15, 4, 5, 0, time.UTC))
		xlsxStyle(t, f, s, "F2", &excelize.Style{NumFmt: 22})
		xlsxSet(t, f, s, "G2", true)
		if err := f.SetCellFormula(s, "H2", "C2*2"); err != nil {
			t.Fatal(err)
		}
		xlsxSet(t, f, s, "I2", "0571")
		xlsxSet(t, f, s, "J2", 3.01234567890123456e17)
		xlsxSet(t, f, s, "K2", 45292.75)
		xlsxStyle(t, f, s, "K2", &excelize.Style{CustomNumFmt: &custom})
		// excelize writes no cached value for a formula: give it one as Excel would.
	})
	p = xlsxPatchPart(t, p, "xl/worksheets/sheet1.xml", func(s string) string {
		return strings.Replace(s, "<f>C2*2</f>", "<f>C2*2</f><v>25</v>", 1)
	})
	in, rows, err := readAll(t, p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if in.Name() != "orders.xlsx, sheet Sheet1" || in.HeaderLine() != 1 {
		t.Errorf("Name() = %q, HeaderLine() = %d", in.Name(), in.HeaderLine())
	}
	want := []string{"13800138000", "301234567890123456", "12.5", "0.3", "2024-01-02", "2024-01-02 15:04:05",
		"TRUE", "25", "0571", "301234567890123000", "2024-01-01 18:00:00"}
	if len(rows) != 1 {
		t.Fatalf("rows = %v", rows)
	}
	for i, w := range want {
		if i >= len(rows[0].Cells) || rows[0].Cells[i] != w {
			t.Errorf("column %s (%s) = %q, want %q", in.Header()[i], readColumnLabel(i+1, true), cellAt(rows[0].Cells, i), w)
		}
	}
}

func cellAt(cells []string, i int) string {
	if i < len(cells) {
		return cells[i]
	}
	return "<missing>"
}

func TestReadXLSXLayout(t *testing.T) {
	p := xlsxBuild(t, func(f *excelize.File) {
		s := "Sheet1"
		xlsxSet(t, f, s, "A1", "订单导出")
		xlsxSet(t, f, s, "A3", "姓名")
		xlsxSet(t, f, s, "B3", "省份")
		xlsxSet(t, f, s, "C3", "手机")
		xlsxSet(t, f, s, "A4", "张三")
		xlsxSet(t, f, s, "B4", "浙江省")
		xlsxSet(t, f, s, "C4", "13800138000")
		xlsxSet(t, f, s, "A5", "李四")
		xlsxSet(t, f, s, "C5", "13900139000")
		xlsxSet(t, f, s, "A8", "测试")
		xlsxSet(t, f, s, "C8", "13700137000")
		if err := f.MergeCell(s, "B4", "B5"); err != nil {
			t.Fatal(err)
		}
	})
	isHeader := func(c []string) bool { return len(c) > 0 && c[0] == "姓名" }
	in, rows, err := readAll(t, p, Options{IsHeader: isHeader})
	if err != nil {
		t.Fatal(err)
	}
	if in.HeaderLine() != 3 || strings.Join(in.Header(), "|") != "姓名|省份|手机" {
		t.Errorf("header %q at %d", in.Header(), in.HeaderLine())
	}
	want := []string{"4|张三|浙江省|13800138000", "5|李四|浙江省|13900139000", "8|测试||13700137000"}
	if got := readLines(rows); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("rows =\n%q\nwant\n%q", got, want)
	}
}

func TestReadXLSXSheets(t *testing.T) {
	p := xlsxBuild(t, func(f *excelize.File) {
		f.NewSheet("空")
		f.NewSheet("隐藏")
		f.NewSheet("订单")
		xlsxSet(t, f, "隐藏", "A1", "hidden")
		xlsxSet(t, f, "订单", "A1", "h")
		xlsxSet(t, f, "订单", "A2", "v")
		if err := f.SetSheetVisible("隐藏", false); err != nil {
			t.Fatal(err)
		}
	})
	tests := []struct {
		sheet, wantName, wantErr string
	}{
		{"", "订单", ""},
		{"订单", "订单", ""},
		{"4", "订单", ""},
		{"隐藏", "隐藏", ""},
		{"nope", "", `no sheet "nope"; the sheets are: "Sheet1", "空", "隐藏", "订单"`},
	}
	for _, tt := range tests {
		t.Run("sheet "+tt.sheet, func(t *testing.T) {
			in, _, err := readAll(t, p, Options{Sheet: tt.sheet})
			if tt.wantErr != "" {
				readWantError(t, err, 0, tt.wantErr)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if in.Name() != "orders.xlsx, sheet "+tt.wantName {
				t.Errorf("Name() = %q", in.Name())
			}
		})
	}
}

// xlsxPatchPart rewrites one part of a zip.
func xlsxPatchPart(t testing.TB, p, part string, edit func(string) string) string {
	t.Helper()
	zr, err := zip.OpenReader(p)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if f.Name == part {
			b = []byte(edit(string(b)))
		}
		w, err := zw.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(b)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), filepath.Base(p))
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestReadXLSXWrongDimension(t *testing.T) {
	p := xlsxBuild(t, func(f *excelize.File) {
		xlsxSet(t, f, "Sheet1", "A1", "h")
		for r := 2; r <= 50; r++ {
			c, _ := excelize.CoordinatesToCellName(2, r)
			xlsxSet(t, f, "Sheet1", c, r)
		}
	})
	dim := regexp.MustCompile(`<dimension ref="[^"]*"(/>|></dimension>)`)
	p = xlsxPatchPart(t, p, "xl/worksheets/sheet1.xml", func(s string) string {
		if !dim.MatchString(s) {
			t.Fatal("no dimension in the sheet")
		}
		return dim.ReplaceAllString(s, `<dimension ref="A1:A1"/>`)
	})
	_, rows, err := readAll(t, p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 49 || rows[48].Line != 50 || rows[48].Cells[1] != "50" {
		t.Errorf("read %d rows, last %v", len(rows), rows[len(rows)-1])
	}
}

func TestReadXLSXBroken(t *testing.T) {
	good := xlsxBuild(t, func(f *excelize.File) {
		xlsxSet(t, f, "Sheet1", "A1", "h")
		xlsxSet(t, f, "Sheet1", "A2", "v")
		xlsxSet(t, f, "Sheet1", "A3", "w")
	})
	data, _ := os.ReadFile(good)
	t.Run("truncated file", func(t *testing.T) {
		_, _, err := readAll(t, readWriteFile(t, "cut.xlsx", data[:len(data)/2]), Options{})
		readWantError(t, err, 0, "corrupt or truncated")
	})
	t.Run("truncated sheet XML", func(t *testing.T) {
		p := xlsxPatchPart(t, good, "xl/worksheets/sheet1.xml", func(s string) string {
			i := strings.Index(s, `<row r="3"`)
			return s[:i+5]
		})
		_, _, err := readAll(t, p, Options{})
		readWantError(t, err, 3, "malformed or truncated")
	})
	t.Run("zip bomb", func(t *testing.T) {
		_, _, err := readAll(t, good, Options{MaxUnzipBytes: 1000})
		readWantError(t, err, 0, "--max-unzip")
	})
	t.Run("ods", func(t *testing.T) {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		w, _ := zw.Create("mimetype")
		w.Write([]byte("application/vnd.oasis.opendocument.spreadsheet"))
		zw.Close()
		_, _, err := readAll(t, readWriteFile(t, "orders.xlsx", buf.Bytes()), Options{})
		readWantError(t, err, 0, "save it as .xlsx or CSV")
	})
	t.Run("zip without workbook", func(t *testing.T) {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		w, _ := zw.Create("hello.txt")
		w.Write([]byte("hi"))
		zw.Close()
		_, _, err := readAll(t, readWriteFile(t, "orders.xlsx", buf.Bytes()), Options{})
		readWantError(t, err, 0, "not an XLSX file")
	})
}

func TestXLSXKindOfFormat(t *testing.T) {
	tests := map[string]xlsxNumKind{
		"yyyy/m/d":                    xlsxDate,
		`yyyy"年"m"月"d"日"`:             xlsxDate,
		"[$-804]yyyy年m月d日":            xlsxDate,
		"yyyy-mm-dd hh:mm:ss":         xlsxDateTime,
		"h:mm AM/PM":                  xlsxTime,
		"[h]:mm:ss":                   xlsxDuration,
		"[hh]:mm:ss":                  xlsxDuration,
		"[mm]:ss":                     xlsxDuration,
		"[ss].00":                     xlsxDuration,
		"mm:ss":                       xlsxTime,
		"mm:ss.0":                     xlsxTime,
		"[DBNum1][$-804]General":      xlsxPlain,
		"[DBNum2][$-804]0":            xlsxPlain,
		"[Magenta]#,##0":              xlsxPlain,
		"[$USD-409]#,##0.00":          xlsxPlain,
		"[$-804]General":              xlsxPlain,
		"[>=100][Red]0;[Blue]0":       xlsxPlain,
		`0.00"m"`:                     xlsxPlain,
		`0.0\m`:                       xlsxPlain,
		"0.00E+00":                    xlsxPlain,
		"[DBNum1]yyyy\"年\"m\"月\"":     xlsxDate,
		"[$-F800]dddd, mmmm dd, yyyy": xlsxDate,
		"[$-F400]h:mm:ss AM/PM":       xlsxTime,
		"[ENG][$-409]mmmm d, yyyy":    xlsxDate,
		"yyyy/m/d h:mm":               xlsxDateTime,
		"m/d":                         xlsxDate,
		"0.00":                        xlsxPlain,
		`#,##0 "pcs"`:                 xlsxPlain,
		"General":                     xlsxPlain,
		`[Red]0.00;[Blue]-0.00`:       xlsxPlain,
		`0.00_);\(0.00\)`:             xlsxPlain,
		"mmm":                         xlsxDate,
		`"days: "d`:                   xlsxDate,
	}
	for code, want := range tests {
		t.Run(code, func(t *testing.T) {
			if got := xlsxKindOfFormat(code); got != want {
				t.Errorf("kind(%q) = %v, want %v", code, got, want)
			}
		})
	}
}

// TestXLSXFormatElapsed: elapsed-time formats read as Excel shows them,
// not as a date in 1900.
func TestXLSXFormatElapsed(t *testing.T) {
	days := (255*3600 + 10*60 + 10) / 86400.0
	tests := []struct {
		days float64
		code string
		want string
	}{
		{days, "[h]:mm:ss", "255:10:10"},
		{days, "[hh]:mm:ss", "255:10:10"},
		{days, "[h]:mm", "255:10"},
		{days, "[mm]:ss", "15310:10"},
		{days, "[ss]", "918610"},
		{0.5, "[hh]:mm:ss", "12:00:00"},
		{1.0 / 86400 * 61.25, "[mm]:ss.00", "01:01.25"},
		{-days, "[h]:mm:ss", "-255:10:10"},
		{days, `[h]"小时"mm"分"`, "255小时10分"},
		{days, "[Red][h]:mm:ss;[Blue]-[h]:mm:ss", "255:10:10"},
	}
	for _, tt := range tests {
		if got := xlsxFormatElapsed(tt.days, tt.code); got != tt.want {
			t.Errorf("xlsxFormatElapsed(%v, %q) = %q, want %q", tt.days, tt.code, got, tt.want)
		}
	}
}

func TestXLSXFormatNumber(t *testing.T) {
	tests := map[string]string{
		"13800138000":          "13800138000",
		"1.3800138E10":         "13800138000",
		"301234567890123456":   "301234567890123456",
		"3.01234567890123E+17": "301234567890123000",
		"12.5":                 "12.5",
		"0.30000000000000004":  "0.3",
		"-7":                   "-7",
		"1E-12":                "1e-12",
		"abc":                  "abc",
	}
	for in, want := range tests {
		if got := xlsxFormatNumber(in); got != want {
			t.Errorf("xlsxFormatNumber(%q) = %q, want %q", in, got, want)
		}
	}
}
