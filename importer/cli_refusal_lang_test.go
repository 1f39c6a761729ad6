package importer_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestCLIRefusalLanguage: on the real binary, the readers' one-line
// refusal of a file (exit 2, nothing sent) is written in the language of
// --lang, naming the file and the row where there is one.
func TestCLIRefusalLanguage(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	xls := write("订单.xls", []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0})
	headerOnly := write("header.csv", []byte(strings.SplitAfter(langCSV, "\n")[0]))
	orders := write("orders.csv", []byte(langCSV))
	tests := []struct {
		name   string
		file   string
		args   []string
		zh, en string
	}{
		{"legacy .xls", xls, nil,
			"orderimport: 订单.xls：这是旧版 Excel 97-2003 工作簿（.xls）：请打开它，另存为 .xlsx 或 CSV 再导入\n",
			"orderimport: 订单.xls: a legacy Excel 97-2003 (.xls) workbook: open it and save it as .xlsx or CSV\n"},
		{"no data rows", headerOnly, nil,
			"orderimport: header.csv：第 1 行：表头下面没有数据行，没有可导入的内容\n",
			"orderimport: header.csv: line 1: no data rows below the header: nothing to import\n"},
		{"too many columns", orders, []string{"--max-columns", "5"},
			"orderimport: orders.csv：第 1 行：有 11 列，超过了 5 列的上限（可以用 --max-columns 提高）\n",
			"orderimport: orders.csv: row 1: 11 columns, more than the limit of 5 (raise it with --max-columns)\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for lang, want := range map[string]string{"zh": tc.zh, "en": tc.en} {
				out := filepath.Join(t.TempDir(), "r.csv")
				args := append([]string{"import", tc.file, "--provider", "damaijia", "--sandbox", "--out", out, "--lang", lang}, tc.args...)
				run := cliExecLimit(t, 2*time.Minute, "tok", nil, args...)
				if run.code != 2 {
					t.Fatalf("--lang %s: exit %d, want 2\n%s", lang, run.code, run.stderr)
				}
				if !strings.Contains(run.stderr, want) {
					t.Errorf("--lang %s: stderr lacks %q:\n%s", lang, want, run.stderr)
				}
				if _, err := os.Stat(out); err == nil {
					t.Errorf("--lang %s: a refused file left a result sheet", lang)
				}
			}
		})
	}
}
