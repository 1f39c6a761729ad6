package importer_test

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"orderimport/importer"
	"orderimport/providers/sandbox"
)

// corpus returns the path of a file of the readers' corpus (importer/sheet).
func corpus(name string) string { return filepath.Join("sheet", "testdata", "corpus", name) }

// copyCorpus copies a corpus file into dir (a result sheet is written
// beside its input by default).
func copyCorpus(t *testing.T, dir, name string) string {
	t.Helper()
	data, err := os.ReadFile(corpus(name))
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// genericFlags import the corpus's order files with damaijia's generic
// template preset and one gift.
var genericFlags = []string{"--provider", "damaijia", "--preset", "damaijia", "--set", "product_id=614"}

// TestCLIRowNumbersAsExcelShows (issue 12 item 12): in a CSV whose cells
// hold line breaks, every row number shown — the result sheet's error, the
// duplicate-of-row message, the log and mapping check — is the row Excel
// shows (row 5), not the line of the text (line 8); the log gives the line
// too.
func TestCLIRowNumbersAsExcelShows(t *testing.T) {
	out := filepath.Join(t.TempDir(), "r.csv")
	run := cliExec(t, "tok", append([]string{"import", corpus("multiline_rows.csv"), "--dry-run", "--out", out}, genericFlags...)...)
	if run.code != 1 {
		t.Fatalf("exit %d, want 1 (one invalid row)\n%s\n%s", run.code, run.stdout, run.stderr)
	}
	rows := sheetRows(t, out)
	if len(rows) != 4 {
		t.Fatalf("%d rows", len(rows))
	}
	if e := rows[2]["error"]; rows[2]["status"] != "invalid" || !strings.HasPrefix(e, "row 5, column C (联系手机)") {
		t.Errorf("invalid row: %s %q, want it to name row 5", rows[2]["status"], e)
	}
	if e := rows[3]["error"]; rows[3]["status"] != "skipped" || !strings.HasPrefix(e, "duplicate of row 2:") {
		t.Errorf("repeated row: %s %q, want duplicate of row 2", rows[3]["status"], e)
	}
	if !strings.Contains(run.stderr, "row=5 line=8 ") || strings.Contains(run.stderr, "row=8") {
		t.Errorf("log does not name row 5 (line 8):\n%s", run.stderr)
	}
	check := cliExec(t, "tok", append([]string{"mapping", "check", corpus("multiline_rows.csv")}, genericFlags...)...)
	if check.code != 1 || !strings.Contains(check.stdout, "\nrow 5: invalid") ||
		!strings.Contains(check.stdout, "  row 5, column C (联系手机)") || !strings.Contains(check.stdout, "\nrow 6: skipped (duplicate of row 2") {
		t.Errorf("mapping check: exit %d\n%s", check.code, check.stdout)
	}
}

// wideInput is what wide_rows.csv and wide_rows.xlsx hold: rows with cells
// beyond the header's four columns.
var wideInput = [][]string{
	{"W001", "测试甲", "13800138000", "浙江省杭州市余杭区测试路1号"},
	{"W002", "测试乙", "13900139000", "上海市浦东新区测试大道2号", "", "客服备注：周末送"},
	{"W003", "测试丙", "13700137000", "北京市朝阳区测试街3号"},
	{"W004", "测试丁", "13600136000", "广东省深圳市南山区测试路4号", "多出来的一格", "", "ok"},
}

// checkWideSheet checks a result sheet of the wide rows: the result
// columns start after the header, every row's status is a status, and the
// cells beyond the header follow the result columns under extra_1 ….
func checkWideSheet(t *testing.T, path, want string) {
	t.Helper()
	sheet := readSheet(t, path)
	header := append(append([]string{"订单编号", "收货人姓名", "联系手机", "收货地址"}, importer.ResultColumns...), "extra_1", "extra_2", "extra_3")
	if !slices.Equal(sheet[0], header) {
		t.Fatalf("%s: header %q, want %q", filepath.Base(path), sheet[0], header)
	}
	if len(sheet) != len(wideInput)+1 {
		t.Fatalf("%s: %d rows", filepath.Base(path), len(sheet)-1)
	}
	for i, in := range wideInput {
		row := sheet[i+1]
		got := slices.Clone(row[:min(4, len(row))])
		if len(row) > 4+len(importer.ResultColumns) {
			got = append(got, row[4+len(importer.ResultColumns):]...)
		}
		if !slices.Equal(got, in) {
			t.Errorf("%s: row %d cells %q, want %q", filepath.Base(path), i+2, got, in)
		}
		if len(row) <= 4 || row[4] != want {
			t.Errorf("%s: row %d status %q, want %s", filepath.Base(path), i+2, cellOf(row, 4), want)
		}
	}
}

func cellOf(row []string, i int) string {
	if i < len(row) {
		return row[i]
	}
	return ""
}

// TestCLIWideRowsKeepEveryCell (issue 16 item 2): cells beyond the header
// no longer land under status; they follow the result columns under
// extra_N, in a real run, a dry run and after retry, for every combination
// of CSV and XLSX input and result; nothing is created twice.
func TestCLIWideRowsKeepEveryCell(t *testing.T) {
	for _, input := range []string{"wide_rows.csv", "wide_rows.xlsx"} {
		for _, ext := range []string{".csv", ".xlsx"} {
			t.Run(input+"→"+ext, func(t *testing.T) {
				dir := t.TempDir()
				file := copyCorpus(t, dir, input)
				dry := filepath.Join(dir, "dry"+ext)
				run := cliExec(t, "tok", append([]string{"import", file, "--dry-run", "--out", dry}, genericFlags...)...)
				if run.code != 0 {
					t.Fatalf("dry run: exit %d\n%s", run.code, run.stderr)
				}
				checkWideSheet(t, dry, "ready")
				srv, url := cliSandbox(t, sandbox.Options{})
				out := filepath.Join(dir, "r"+ext)
				flags := append([]string{"--base-url", url, "--rate", "0", "--ledger", filepath.Join(dir, "l.db"), "--out", out}, genericFlags...)
				if run := cliExec(t, "tok", append([]string{"import", file}, flags...)...); run.code != 0 {
					t.Fatalf("import: exit %d\n%s", run.code, run.stderr)
				}
				checkWideSheet(t, out, "ok")
				if run := cliExec(t, "tok", append([]string{"retry", out}, flags...)...); run.code != 0 {
					t.Fatalf("retry: exit %d\n%s", run.code, run.stderr)
				}
				checkWideSheet(t, out, "ok")
				created := createdBySN(srv)
				for _, in := range wideInput {
					if created[in[0]] != 1 {
						t.Errorf("%s created %d times, want once", in[0], created[in[0]])
					}
				}
			})
		}
	}
}

// TestCLIResultLooksLikeInput (issue 16, "the result sheet looks like the
// input"): the XLSX result of styled_orders.xlsx, read back with excelize,
// keeps the sheet's name, its column widths, numbers as numbers, dates as
// dates in their formats, booleans, text ids as text, the frozen header
// and the status colours, and has a Chinese legend sheet; a retry of it
// keeps all that; a CSV result keeps the cell's line break as the input had
// it (LF).
func TestCLIResultLooksLikeInput(t *testing.T) {
	dir := t.TempDir()
	file := copyCorpus(t, dir, "styled_orders.xlsx")
	out := filepath.Join(dir, "r.xlsx")
	if run := cliExec(t, "tok", append([]string{"import", file, "--dry-run", "--out", out}, genericFlags...)...); run.code != 0 {
		t.Fatalf("dry run: exit %d\n%s", run.code, run.stderr)
	}
	checkStyledResult(t, out)
	// retry reads the result back and writes it again: still alike.
	if run := cliExec(t, "tok", append([]string{"retry", out, "--dry-run"}, genericFlags...)...); run.code != 0 {
		t.Fatalf("retry: exit %d\n%s", run.code, run.stderr)
	}
	checkStyledResult(t, out)

	csvOut := filepath.Join(dir, "r.csv")
	if run := cliExec(t, "tok", append([]string{"import", file, "--dry-run", "--out", csvOut}, genericFlags...)...); run.code != 0 {
		t.Fatalf("dry run to CSV: exit %d\n%s", run.code, run.stderr)
	}
	data, err := os.ReadFile(csvOut)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte("\"浙江省杭州市余杭区\n测试路1号\"")) {
		t.Errorf("CSV result changed the cell's line break:\n%q", data)
	}
	if !bytes.Contains(data, []byte(",ready,,,,,,\r\n")) {
		t.Errorf("CSV result lines do not end in CRLF:\n%q", data)
	}
}

// checkStyledResult reads the XLSX result of styled_orders.xlsx with
// excelize.
func checkStyledResult(t *testing.T, path string) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	const s = "十二月订单"
	if got := f.GetSheetList(); !slices.Equal(got, []string{s, "说明"}) {
		t.Fatalf("sheets %q, want the input's name and 说明", got)
	}
	for col, want := range map[string]float64{"A": 22, "D": 30, "H": 12, "I": 18} {
		if w, err := f.GetColWidth(s, col); err != nil || w != want {
			t.Errorf("column %s width %v, want the input's %v", col, w, want)
		}
	}
	cells := []struct {
		cell  string
		typ   excelize.CellType
		raw   string // the value stored
		shown string // as Excel shows it
	}{
		{"A2", excelize.CellTypeSharedString, "301234567890123456", "301234567890123456"},
		{"C2", excelize.CellTypeSharedString, "13800138000", "13800138000"},
		{"D2", excelize.CellTypeSharedString, "浙江省杭州市余杭区\n测试路1号", "浙江省杭州市余杭区\n测试路1号"},
		{"E2", excelize.CellTypeUnset, "614", "614"}, // a number: no t attribute
		{"G2", excelize.CellTypeUnset, "12.5", "12.50"},
		{"H2", excelize.CellTypeUnset, "45627", "2024-12-01"},
		{"I3", excelize.CellTypeUnset, "45628.75", "2024-12-02 18:00"},
		{"J2", excelize.CellTypeBool, "1", "TRUE"},
		{"K2", excelize.CellTypeSharedString, "ready", "ready"},
	}
	for _, c := range cells {
		typ, _ := f.GetCellType(s, c.cell)
		raw, _ := f.GetCellValue(s, c.cell, excelize.Options{RawCellValue: true})
		shown, _ := f.GetCellValue(s, c.cell)
		if typ != c.typ && !(c.typ == excelize.CellTypeSharedString && typ == excelize.CellTypeInlineString) {
			t.Errorf("%s type %v, want %v", c.cell, typ, c.typ)
		}
		if raw != c.raw || shown != c.shown {
			t.Errorf("%s = %q shown %q, want %q shown %q", c.cell, raw, shown, c.raw, c.shown)
		}
	}
	if p, err := f.GetPanes(s); err != nil || !p.Freeze || p.YSplit != 1 {
		t.Errorf("panes %+v: the header row is not frozen", p)
	}
	id, _ := f.GetCellStyle(s, "K2")
	if st, err := f.GetStyle(id); err != nil || len(st.Fill.Color) == 0 || st.Fill.Color[0] != "C6EFCE" {
		t.Errorf("status cell style %+v: not green", st)
	}
	legend, _ := f.GetRows("说明")
	text := ""
	for _, r := range legend {
		text += strings.Join(r, "|") + "\n"
	}
	for _, want := range []string{"status|这一行的结果", "ok|订单已创建", "unknown|已发送但没有收到回答", "extra_1 …|"} {
		if !strings.Contains(text, want) {
			t.Errorf("legend lacks %q:\n%s", want, text)
		}
	}
}
