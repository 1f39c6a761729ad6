package sheet

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"orderimport/mapping"
)

// readCorpusDir holds files written by other tools (generate.sh) and the
// golden outputs of reading them.
const readCorpusDir = "testdata/corpus"

// readCorpusOptions are the per-file options of the corpus test; files not
// listed are read with the defaults.
var readCorpusOptions = map[string]Options{
	"zip_bomb.xlsx":       {MaxUnzipBytes: 16 << 20},
	"number_formats.xlsx": {HeaderRow: 1},
}

// readCorpusExtra are further golden cases: a corpus file read with
// options, golden file name → file and options.
var readCorpusExtra = map[string]struct {
	file string
	o    Options
}{
	"openpyxl_orders.xlsx@sheet=说明":   {"openpyxl_orders.xlsx", Options{Sheet: "说明"}},
	"openpyxl_orders.xlsx@sheet=3":    {"openpyxl_orders.xlsx", Options{Sheet: "3"}},
	"lo_orders.xlsx@sheet=汇总":         {"lo_orders.xlsx", Options{Sheet: "汇总"}},
	"lo_orders.xlsx@sheet=nope":       {"lo_orders.xlsx", Options{Sheet: "nope"}},
	"py_gbk.csv@header-row=3":         {"py_gbk.csv", Options{HeaderRow: 3}},
	"py_gbk.csv@encoding=utf-8":       {"py_gbk.csv", Options{Encoding: "utf-8"}},
	"long_cell.csv@max-cell=65536":    {"long_cell.csv", Options{MaxCellBytes: 65536}},
	"zip_bomb.xlsx@max-unzip=1GiB":    {"zip_bomb.xlsx", Options{}},
	"py_utf16le.txt@delimiter=comma":  {"py_utf16le.txt", Options{Delimiter: ','}},
	"too_many_columns.csv@max-col=2k": {"too_many_columns.csv", Options{MaxColumns: 2000}},
	"merged_header.xlsx@header-row=4": {"merged_header.xlsx", Options{HeaderRow: 4}},
	"merged_header.xlsx@header-row=1": {"merged_header.xlsx", Options{HeaderRow: 1}},
	"chart_sheet.xlsx@sheet=1":        {"chart_sheet.xlsx", Options{Sheet: "1"}},
	"chart_sheet.xlsx@sheet=图表":       {"chart_sheet.xlsx", Options{Sheet: "图表"}},
	"template_header.csv@mapping":     {"template_header.csv", Options{}},
}

// readCorpusMappings are the mappings (YAML) whose header names find the
// header of some golden cases, golden file name → mapping; the others use
// the damaijia mapping's.
var readCorpusMappings = map[string]string{
	// A template naming a field ({consignee}) does not make "consignee" a
	// header the file must have.
	"template_header.csv@mapping": "fields:\n  consignee: [收件人]\n  remark: {template: '{consignee} 的礼品'}\n",
}

// TestCorpus reads every file of testdata/corpus with the damaijia
// mapping's header recognition and compares what it reads (or the refusal)
// with NAME.golden. go test ./importer -run TestCorpus -update rewrites them.
func TestCorpus(t *testing.T) {
	m, err := mapping.Default("damaijia")
	if err != nil {
		t.Fatal(err)
	}
	var expected []string
	for _, r := range m.Rules {
		if len(r.Headers) > 0 && !r.HasValue {
			expected = append(expected, r.Headers[0])
		}
	}
	entries, err := os.ReadDir(readCorpusDir)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !readIsCorpusFile(name) {
			continue
		}
		n++
		o := readCorpusOptions[name]
		o.IsHeader, o.ExpectedHeaders = m.IsHeader, expected
		t.Run(name, func(t *testing.T) { readCheckGolden(t, name, name, o) })
	}
	if n < 20 {
		t.Errorf("only %d corpus files: run %s/generate.sh", n, readCorpusDir)
	}
	for golden, c := range readCorpusExtra {
		o := c.o
		o.IsHeader, o.ExpectedHeaders = m.IsHeader, expected
		if yaml, ok := readCorpusMappings[golden]; ok {
			cm, err := mapping.Parse([]byte(yaml), golden)
			if err != nil {
				t.Fatal(err)
			}
			o.IsHeader, o.ExpectedHeaders = cm.IsHeader, cm.PrimaryHeaderNames()
		}
		t.Run(golden, func(t *testing.T) { readCheckGolden(t, c.file, golden, o) })
	}
}

func readIsCorpusFile(name string) bool {
	switch filepath.Ext(name) {
	case ".golden", ".sh", ".py", ".md":
		return false
	}
	return true
}

func readCheckGolden(t *testing.T, file, golden string, o Options) {
	got := readDescribe(t, filepath.Join(readCorpusDir, file), o)
	gp := filepath.Join(readCorpusDir, golden+".golden")
	if *rwUpdate {
		if err := os.WriteFile(gp, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(gp)
	if err != nil {
		t.Fatalf("%v (run go test ./importer -run TestCorpus -update)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from %s:\n--- got\n%s--- want\n%s", file, gp, got, want)
	}
}

// readDescribe renders what the reader makes of a file: its name, header
// and rows (line number and quoted cells), or the error that stopped it.
func readDescribe(t *testing.T, path string, o Options) string {
	t.Helper()
	var b strings.Builder
	in, err := Open(path, o)
	if err != nil {
		readDescribeError(t, &b, err)
		return b.String()
	}
	defer in.Close()
	fmt.Fprintf(&b, "input: %s\nheader %d: %s\n", in.Name(), in.HeaderLine(), readQuoteCells(in.Header()))
	for {
		r, err := in.Next()
		if errors.Is(err, io.EOF) {
			b.WriteString("end\n")
			return b.String()
		}
		if err != nil {
			readDescribeError(t, &b, err)
			return b.String()
		}
		fmt.Fprintf(&b, "%d: %s%s%s\n", r.Line, readQuoteCells(r.Cells), readDescribeLine(r), readDescribeTypes(r.Types))
	}
}

// readDescribeLine shows a CSV record's text line when it differs from the
// row Excel shows it on.
func readDescribeLine(r Row) string {
	if r.TextLine != 0 && r.TextLine != r.Line {
		return fmt.Sprintf(" (line %d)", r.TextLine)
	}
	return ""
}

// readDescribeTypes shows how an XLSX row's cells were stored: s text, n
// number, d date, dt date and time, t time, el elapsed time, b boolean, e
// error, - none.
func readDescribeTypes(types []CellType) string {
	if types == nil {
		return ""
	}
	names := map[CellKind]string{CellNone: "-", CellText: "s", CellNumber: "n", CellDate: "d", CellDateTime: "dt",
		CellTime: "t", CellDuration: "el", CellBool: "b", CellError: "e"}
	parts := make([]string, len(types))
	for i, t := range types {
		parts[i] = names[t.Kind]
	}
	return "  [" + strings.Join(parts, " ") + "]"
}

func readDescribeError(t *testing.T, b *strings.Builder, err error) {
	t.Helper()
	var ie *Error
	if !errors.As(err, &ie) {
		t.Errorf("error %v is %T, want *Error", err, err)
	}
	if strings.ContainsAny(err.Error(), "\r\n") {
		t.Errorf("error %q is not one line", err)
	}
	fmt.Fprintf(b, "error: %s\n", err)
}

func readQuoteCells(cells []string) string {
	parts := make([]string, len(cells))
	for i, c := range cells {
		if len(c) > 80 {
			c = fmt.Sprintf("%s…(%d bytes)", c[:40], len(c))
		}
		parts[i] = fmt.Sprintf("%q", c)
	}
	return strings.Join(parts, " ")
}
