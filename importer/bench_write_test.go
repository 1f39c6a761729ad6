package importer_test

import (
	"bufio"
	"encoding/csv"
	"os"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"

	"orderimport/importer"
	"orderimport/importer/i18n"
	"orderimport/importer/sheet"
	"orderimport/samples/gen/synth"
)

// BenchmarkWriteResult writes a result sheet of generated damaijia rows
// through importer.CreateResult, beside a bare write of the same cells
// (encoding/csv; excelize StreamWriter) in the same benchmark run. Size:
// BENCH_WRITE_ROWS (default 20000).
func BenchmarkWriteResult(b *testing.B) {
	n := benchRows("BENCH_WRITE_ROWS", 20000)
	rows := benchGenRows(n)
	res := importer.RowResult{Status: importer.StatusReady}
	for _, format := range []string{"csv", "xlsx"} {
		b.Run(format, func(b *testing.B) {
			path := filepath.Join(b.TempDir(), "result."+format)
			var base float64
			b.Run("baseline", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					bareWrite(b, format, path, rows, res.Cells())
				}
				reportRows(b, n)
				base = nsPerOp(b)
			})
			b.Run("importer", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					writeResult(b, path, rows, res)
				}
				reportRows(b, n)
				if base > 0 {
					b.ReportMetric(nsPerOp(b)/base, "x_baseline")
				}
			})
		})
	}
}

// benchGenRows returns n generated damaijia rows, each its own slice.
func benchGenRows(n int) [][]string {
	g := synth.NewDamaijia(1)
	rows := make([][]string, n)
	for i := range rows {
		rows[i] = g.Row(nil)
	}
	return rows
}

func writeResult(b *testing.B, path string, rows [][]string, res importer.RowResult) {
	w, err := importer.CreateResult(path, i18n.En)
	if err != nil {
		b.Fatal(err)
	}
	if err := w.WriteHeader(synth.DamaijiaHeader); err != nil {
		b.Fatal(err)
	}
	for i, r := range rows {
		if err := w.WriteRow(sheet.Row{Line: i + 2, Cells: r}, res); err != nil {
			b.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		b.Fatal(err)
	}
}

// bareWrite writes the same cells with the libraries alone.
func bareWrite(b *testing.B, format, path string, rows [][]string, extra []string) {
	full := make([]string, 0, len(synth.DamaijiaHeader)+len(extra))
	if format == "csv" {
		f, err := os.Create(path)
		if err != nil {
			b.Fatal(err)
		}
		w := csv.NewWriter(bufio.NewWriterSize(f, 64<<10))
		for _, r := range rows {
			w.Write(append(append(full[:0], r...), extra...))
		}
		w.Flush()
		if err := f.Close(); err != nil || w.Error() != nil {
			b.Fatal(err, w.Error())
		}
		return
	}
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	cells := make([]any, cap(full))
	for i, r := range rows {
		for j, c := range append(append(full[:0], r...), extra...) {
			cells[j] = c
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := sw.SetRow(cell, cells); err != nil {
			b.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		b.Fatal(err)
	}
}
