package sheet

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"
)

const readBenchRows = 20000

var readBenchHeader = []string{"订单号", "姓名", "手机", "省", "市", "区", "地址", "商品", "数量", "金额", "备注", "日期"}

func readBenchRow(i int) []string {
	return []string{fmt.Sprintf("3012%014d", i), "测试", fmt.Sprintf("138%08d", i), "浙江省", "杭州市", "余杭区",
		fmt.Sprintf("测试路%d号", i), "SKU-001", "2", "12.50", "", "2024-01-02"}
}

func readBenchCSV(b *testing.B) string {
	b.Helper()
	p := filepath.Join(b.TempDir(), "bench.csv")
	f, err := os.Create(p)
	if err != nil {
		b.Fatal(err)
	}
	w := csv.NewWriter(bufio.NewWriter(f))
	w.Write(readBenchHeader)
	for i := 0; i < readBenchRows; i++ {
		w.Write(readBenchRow(i))
	}
	w.Flush()
	f.Close()
	return p
}

func readBenchXLSX(b *testing.B) string {
	b.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	row := func(cells []string) []any {
		out := make([]any, len(cells))
		for i, c := range cells {
			out[i] = c
		}
		return out
	}
	sw.SetRow("A1", row(readBenchHeader))
	for i := 0; i < readBenchRows; i++ {
		cells := row(readBenchRow(i))
		cells[2], cells[9] = 13800000000+i, 12.5 // numbers, as merchants' files have them
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		sw.SetRow(cell, cells)
	}
	sw.Flush()
	p := filepath.Join(b.TempDir(), "bench.xlsx")
	if err := f.SaveAs(p); err != nil {
		b.Fatal(err)
	}
	return p
}

// readBenchInput reads every row of path through Open.
func readBenchInput(b *testing.B, path string) int {
	in, err := Open(path, Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer in.Close()
	n := 0
	for {
		_, err := in.Next()
		if errors.Is(err, io.EOF) {
			return n
		}
		if err != nil {
			b.Fatal(err)
		}
		n++
	}
}

func readReportRows(b *testing.B, rows int) {
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

func BenchmarkReadCSV(b *testing.B) {
	p := readBenchCSV(b)
	b.Run("bare", func(b *testing.B) {
		n := 0
		for b.Loop() {
			f, _ := os.Open(p)
			r := csv.NewReader(f)
			r.ReuseRecord = true
			r.FieldsPerRecord = -1
			n = 0
			for {
				if _, err := r.Read(); err != nil {
					break
				}
				n++
			}
			f.Close()
		}
		readReportRows(b, n)
	})
	b.Run("Open", func(b *testing.B) {
		n := 0
		for b.Loop() {
			n = readBenchInput(b, p)
		}
		readReportRows(b, n)
	})
}

func BenchmarkReadXLSX(b *testing.B) {
	p := readBenchXLSX(b)
	b.Run("bare", func(b *testing.B) {
		n := 0
		for b.Loop() {
			f, err := excelize.OpenFile(p, excelize.Options{RawCellValue: true})
			if err != nil {
				b.Fatal(err)
			}
			rows, _ := f.Rows("Sheet1")
			n = 0
			for rows.Next() {
				rows.Columns(excelize.Options{RawCellValue: true})
				n++
			}
			rows.Close()
			f.Close()
		}
		readReportRows(b, n)
	})
	b.Run("Open", func(b *testing.B) {
		n := 0
		for b.Loop() {
			n = readBenchInput(b, p)
		}
		readReportRows(b, n)
	})
}
