package sheet

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCSVSniffDelimiter: a vertical bar is sniffed like a semicolon and a
// tab, also when cells hold commas, and commas still win a tie.
func TestCSVSniffDelimiter(t *testing.T) {
	const table = "订单号,收货人,地址\n1,测试甲,北京市测试路1号\n2,测试乙,上海市示例街2号\n"
	tests := []struct {
		name string
		data string
		want rune
	}{
		{"comma", table, ','},
		{"vertical bar", strings.ReplaceAll(table, ",", "|"), '|'},
		{"vertical bar, commas inside cells", "订单号|收货人|地址\n1|测试甲|北京市,朝阳区,测试路1号\n2|测试乙|上海市,示例街2号\n", '|'},
		{"vertical bar, quoted cells holding one", "订单号|备注\n1|\"a|b\"\n2|\"c|d|e\"\n", '|'},
		{"semicolon", strings.ReplaceAll(table, ",", ";"), ';'},
		{"tab", strings.ReplaceAll(table, ",", "\t"), '\t'},
		{"comma wins a tie with a bar", "a,b|c\n1,2|3\n", ','},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := csvSniffDelimiter([]byte(tt.data), true, encChoice{name: "utf-8"}); got != tt.want {
				t.Errorf("sniffed %q, want %q", got, tt.want)
			}
		})
	}
}

// TestReadCSVNoHeaderHint: when no header is found and the rows read as
// one column whose cells hold a bar, a semicolon or a tab, the error
// suggests --delimiter; otherwise --header-row.
func TestReadCSVNoHeaderHint(t *testing.T) {
	const rows = "订单号|收货人|地址\n1|测试甲|北京市测试路1号\n"
	tests := []struct {
		name, data string
		delim      rune
		want, not  string
	}{
		{"bar file read with commas", rows, ',', `--delimiter "|"`, "--header-row"},
		{"semicolon file read with commas", strings.ReplaceAll(rows, "|", ";"), ',', `--delimiter ";"`, "--header-row"},
		{"tab file read with semicolons", strings.ReplaceAll(rows, "|", "\t"), ';', "--delimiter tab", "--header-row"},
		{"one plain column", "甲\n1\n", 0, "--header-row", "--delimiter"},
		{"several columns", "甲,乙\n1,2\n", 0, "--header-row", "--delimiter"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "x.csv")
			if err := os.WriteFile(path, []byte(tt.data), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := Open(path, Options{Delimiter: tt.delim, IsHeader: func([]string) bool { return false }})
			if err == nil || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), tt.not) {
				t.Errorf("error %v, want %q and not %q", err, tt.want, tt.not)
			}
		})
	}
}
