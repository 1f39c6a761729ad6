package importer_test

import (
	"context"
	"os"
	"testing"

	"orderimport/importer"
)

// BenchmarkDryRun runs importer.Run with DryRun (read, map, validate, group,
// write the result sheet) over a generated damaijia file, beside the bare
// library read of the same file in the same benchmark run. The importer
// sub-benchmark reports x_baseline, its time over the baseline's: the
// targets are <= 3 for CSV and <= 2 for XLSX. Sizes: BENCH_CSV_ROWS
// (default 100000) and BENCH_XLSX_ROWS (default 20000).
func BenchmarkDryRun(b *testing.B) {
	cases := []struct {
		format string
		rows   int
		bare   func(testing.TB, string) int
	}{
		{"csv", benchRows("BENCH_CSV_ROWS", 100000), bareCSV},
		{"xlsx", benchRows("BENCH_XLSX_ROWS", 20000), bareXLSX},
	}
	for _, c := range cases {
		b.Run(c.format, func(b *testing.B) {
			path := benchFile(b, "damaijia", c.format, c.rows)
			var base float64
			b.Run("baseline", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					c.bare(b, path)
				}
				reportRows(b, c.rows)
				base = nsPerOp(b)
			})
			b.Run("importer", func(b *testing.B) {
				o := benchOptions(b, "damaijia", benchProvider(b, "damaijia", "", 0), path)
				o.DryRun = true
				b.ReportAllocs()
				for b.Loop() {
					// The last result sheet goes first, untimed: replacing a
					// large file makes the rename free it (see bench.sh).
					b.StopTimer()
					os.Remove(o.Output)
					b.StartTimer()
					sum, err := importer.Run(context.Background(), o)
					if err != nil {
						b.Fatal(err)
					}
					if sum.Rows != c.rows || sum.Counts[importer.StatusReady] != c.rows {
						b.Fatalf("rows %d, ready %d, want %d", sum.Rows, sum.Counts[importer.StatusReady], c.rows)
					}
				}
				reportRows(b, c.rows)
				if base > 0 {
					b.ReportMetric(nsPerOp(b)/base, "x_baseline")
				}
			})
		})
	}
}
