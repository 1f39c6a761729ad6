package importer

import "testing"

func TestResultPath(t *testing.T) {
	tests := map[string]string{
		"dir/orders.csv":        "dir/orders.result.csv",
		"dir/orders.XLSX":       "dir/orders.result.xlsx",
		"orders.txt":            "orders.result.csv",
		"a/b.tsv":               "a/b.result.csv",
		"orders":                "orders.result.csv",
		"dir/orders.result.csv": "dir/orders.result.result.csv",
	}
	for in, want := range tests {
		if got := ResultPath(in); got != want {
			t.Errorf("ResultPath(%q) = %q, want %q", in, got, want)
		}
	}
}
