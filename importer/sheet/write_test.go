package sheet

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var rwUpdate = flag.Bool("update", false, "rewrite the golden files under testdata/result and testdata/corpus")

var rwHeader = []string{"订单号", "姓名", "手机", "地址", "备注"}

var rwRows = []struct {
	line  int
	cells []string
	r     testResult
}{
	{2, []string{"301234567890123456", "张三", "13800138000", "北京市测试路1号", ""}, testResult{Status: statusOK, OrderSN: "SN0001", MsgCode: "2000"}},
	{3, []string{"0012", "李四", "13900139000", "上海市示例街2号\n3楼", "含,逗号\"引号\""}, testResult{Status: statusRejected, MsgCode: "2001", Msg: "禁发区域", ForbiddenZone: "上海"}},
	{5, []string{"", "测试"}, testResult{Status: statusInvalid, Error: "手机: 必填"}},
	{6, []string{"7", " 前后空格 ", "", "", "", "多余列"}, testResult{Status: statusUnknown, Error: "timeout"}},
}

// rwWrite writes the fixture rows to path, with the layout a run gives the
// writer (its widest row: 6 cells).
func rwWrite(t *testing.T, path string) {
	t.Helper()
	rwWriteLayout(t, path, Layout{Widest: 6})
}

// rwWriteLayout writes the fixture rows to path with layout l.
func rwWriteLayout(t *testing.T, path string, l Layout) {
	t.Helper()
	w, err := createTest(path)
	if err != nil {
		t.Fatal(err)
	}
	w.SetLayout(l)
	if err := w.WriteHeader(rwHeader); err != nil {
		t.Fatal(err)
	}
	for _, r := range rwRows {
		if err := w.WriteRow(Row{Line: r.line, Cells: r.cells}, r.r.Cells()); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("result sheet exists before Close: %v", err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestResultRoundTrip(t *testing.T) {
	for _, ext := range []string{".csv", ".xlsx"} {
		t.Run(ext, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "orders.result"+ext)
			rwWrite(t, path)
			entries, _ := os.ReadDir(dir)
			if len(entries) != 1 {
				t.Errorf("directory holds %d files, want only the result (no temp files)", len(entries))
			}
			in, rows, err := readAll(t, path, Options{})
			if err != nil {
				t.Fatal(err)
			}
			wantHeader := append(append(append([]string{}, rwHeader...), testColumns...), "extra_1")
			if strings.Join(in.Header(), "|") != strings.Join(wantHeader, "|") {
				t.Errorf("header = %q", in.Header())
			}
			if len(rows) != len(rwRows) {
				t.Fatalf("read %d rows, want %d", len(rows), len(rwRows))
			}
			for i, r := range rwRows {
				// The cells beyond the header follow the result columns.
				data, extra := rwSplit(r.cells, len(rwHeader))
				want := append(append(testPad(append([]string{}, data...), len(rwHeader)), r.r.Cells()...), extra...)
				got := rows[i].Cells
				// trailing empty cells are not stored in XLSX
				for len(got) < len(want) {
					got = append(got, "")
				}
				if strings.Join(got, "|") != strings.Join(want, "|") {
					t.Errorf("row %d = %q, want %q", i, got, want)
				}
			}
		})
	}
}

func TestResultCSVGolden(t *testing.T) {
	path := filepath.Join(t.TempDir(), "orders.result.csv")
	rwWrite(t, path)
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "result", "orders.result.csv")
	if *rwUpdate {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("result CSV differs from %s:\n%s", golden, got)
	}
	if !bytes.HasPrefix(got, []byte("\ufeff")) || !bytes.Contains(got, []byte("\r\n")) {
		t.Error("result CSV lacks the BOM or CRLF line ends")
	}
}

func TestResultCreateFails(t *testing.T) {
	for _, ext := range []string{".csv", ".xlsx"} {
		if _, err := createTest(filepath.Join(t.TempDir(), "missing", "r"+ext)); err == nil {
			t.Errorf("%s: CreateResult in a missing directory succeeded", ext)
		}
	}
}

// TestResultXLSXReadsBackAsInput: an XLSX result sheet of an XLSX input
// reads back, cell for cell, as the input reads: the same texts and the
// same kinds (numbers stay numbers — every digit of a long one — dates
// stay dates, elapsed times stay elapsed times, text stays text), for
// workbooks written by excelize, openpyxl and LibreOffice.
func TestResultXLSXReadsBackAsInput(t *testing.T) {
	for _, c := range []struct {
		file string
		o    Options
	}{
		{"styled_orders.xlsx", Options{HeaderRow: 1}},
		{"number_formats.xlsx", Options{HeaderRow: 1}},
		{"lo_orders.xlsx", Options{HeaderRow: 3}},
		{"strict_open_xml.xlsx", Options{HeaderRow: 1}},
		{"wide_rows.xlsx", Options{HeaderRow: 1}},
		{"merged_header.xlsx", Options{}},
	} {
		t.Run(c.file, func(t *testing.T) {
			in, rows, err := readAll(t, filepath.Join(readCorpusDir, c.file), c.o)
			if err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(t.TempDir(), "r.xlsx")
			w, err := createTest(out)
			if err != nil {
				t.Fatal(err)
			}
			in2, err := Open(filepath.Join(readCorpusDir, c.file), c.o)
			if err != nil {
				t.Fatal(err)
			}
			w.SetLayout(in2.Layout()) // the styles must be open while rows are written
			n := len(in.Header())
			writeReady(t, w, in.Header(), rows)
			in2.Close()
			res, back, err := readAll(t, out, Options{HeaderRow: 1})
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(res.Header()[:n], "|"); got != strings.Join(in.Header(), "|") {
				t.Errorf("header %q", got)
			}
			for i, r := range rows {
				got := rwUnsplit(back[i], n)
				if a, b := rwDescribe(r), rwDescribe(got); a != b {
					t.Errorf("row %d reads back as\n%s\nwant\n%s", r.Line, b, a)
				}
			}
		})
	}
}

// rwUnsplit takes the result columns out of a result sheet's row.
func rwUnsplit(r Row, n int) Row {
	end := min(n+len(testColumns), len(r.Cells))
	r.Cells = append(append([]string{}, r.Cells[:min(n, len(r.Cells))]...), r.Cells[end:]...)
	if len(r.Types) >= end {
		r.Types = append(append([]CellType{}, r.Types[:n]...), r.Types[end:]...)
	}
	return r
}

// rwDescribe renders a row's non-empty cells with their kinds.
func rwDescribe(r Row) string {
	var b strings.Builder
	for i, c := range r.Cells {
		if c == "" {
			continue
		}
		k := CellNone
		if i < len(r.Types) {
			k = r.Types[i].Kind
		}
		fmt.Fprintf(&b, "%d:%q/%d ", i, c, k)
	}
	return b.String()
}

// TestResultWideRowsGolden (issue 16 item 2): the CSV result of a CSV whose
// rows are wider than its header, whether the writer knows the widest row
// before the header (a real run's precheck) or labels the extra_N columns
// at the end (a dry run), is testdata/result/wide_rows.result.csv: the
// result columns right after the header, the cells beyond it after them.
func TestResultWideRowsGolden(t *testing.T) {
	in, rows, err := readAll(t, filepath.Join(readCorpusDir, "wide_rows.csv"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	widest := 0
	for _, r := range rows {
		widest = max(widest, RowWidth(r.Cells))
	}
	golden := filepath.Join("testdata", "result", "wide_rows.result.csv")
	for _, l := range []Layout{{Widest: widest}, {Widest: -1}} {
		path := filepath.Join(t.TempDir(), "wide_rows.result.csv")
		w, err := createTest(path)
		if err != nil {
			t.Fatal(err)
		}
		w.SetLayout(l)
		writeReady(t, w, in.Header(), rows)
		got, _ := os.ReadFile(path)
		if *rwUpdate && l.Widest >= 0 {
			if err := os.WriteFile(golden, got, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run with -update to create it)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("widest row known: %v: result differs from %s:\n%s", l.Widest >= 0, golden, got)
		}
	}
}
