// Command bare reads a CSV or XLSX file the fastest way the libraries allow
// and prints the row count and the time: the baseline of the importer's
// dry run over the same file (samples/gen/bench.sh runs both).
//
//	go run ./samples/gen/bare big.csv    # encoding/csv, ReuseRecord
//	go run ./samples/gen/bare big.xlsx   # excelize Rows(), raw values
package main

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: bare FILE.csv|FILE.xlsx")
		os.Exit(2)
	}
	start := time.Now()
	n, err := count(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "bare:", err)
		os.Exit(1)
	}
	d := time.Since(start)
	fmt.Printf("bare: %d rows in %.3fs, %.0f rows/s\n", n, d.Seconds(), float64(n)/d.Seconds())
}

// count returns the records of path, the header included.
func count(path string) (int, error) {
	if strings.EqualFold(filepath.Ext(path), ".xlsx") {
		return countXLSX(path)
	}
	return countCSV(path)
}

func countCSV(path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.ReuseRecord = true
	r.FieldsPerRecord = -1
	n := 0
	for {
		_, err := r.Read()
		if errors.Is(err, io.EOF) {
			return n, nil
		}
		if err != nil {
			return n, err
		}
		n++
	}
}

func countXLSX(path string) (int, error) {
	opts := excelize.Options{RawCellValue: true}
	f, err := excelize.OpenFile(path, opts)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	rows, err := f.Rows(f.GetSheetName(0))
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		if _, err := rows.Columns(opts); err != nil {
			return n, err
		}
		n++
	}
	return n, rows.Error()
}
