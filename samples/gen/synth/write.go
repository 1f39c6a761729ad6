package synth

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"strconv"

	"github.com/xuri/excelize/v2"
)

// Generator yields the rows of one kind of export.
type Generator interface {
	// Row returns the next row, reusing dst when it can.
	Row(dst []string) []string
}

// Kind is one kind of export: its header, its numeric columns and a
// generator factory.
type Kind struct {
	Name    string
	Header  []string
	Numeric []int
	New     func(seed uint64) Generator
}

// Kinds lists the kinds of export the generator writes.
var Kinds = []Kind{
	{Name: "damaijia", Header: DamaijiaHeader, Numeric: DamaijiaNumeric,
		New: func(seed uint64) Generator { return NewDamaijia(seed) }},
	{Name: "storefront", Header: StorefrontHeader, Numeric: StorefrontNumeric,
		New: func(seed uint64) Generator { return NewStorefront(seed) }},
}

// LookupKind returns the kind called name.
func LookupKind(name string) (Kind, error) {
	for _, k := range Kinds {
		if k.Name == name {
			return k, nil
		}
	}
	return Kind{}, fmt.Errorf("unknown kind %q: damaijia or storefront", name)
}

// WriteCSV writes a UTF-8 CSV with a BOM (as Excel saves it): the header,
// then rows rows of k seeded by seed.
func WriteCSV(w io.Writer, k Kind, rows int, seed uint64) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	if _, err := bw.WriteString("\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(bw)
	if err := cw.Write(k.Header); err != nil {
		return err
	}
	g := k.New(seed)
	var row []string
	for range rows {
		row = g.Row(row)
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// WriteXLSX writes an XLSX file at path with excelize's StreamWriter: the
// header, then rows rows of k seeded by seed, with k's numeric columns
// stored as numbers.
func WriteXLSX(path string, k Kind, rows int, seed uint64) (err error) {
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		return err
	}
	numeric := make([]bool, len(k.Header))
	for _, c := range k.Numeric {
		numeric[c] = true
	}
	cells := make([]any, len(k.Header))
	if err := sw.SetRow("A1", toAny(cells, k.Header, nil)); err != nil {
		return err
	}
	g := k.New(seed)
	var row []string
	for i := range rows {
		row = g.Row(row)
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, toAny(cells, row, numeric)); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.SaveAs(path)
}

// toAny fills dst with row's cells, numeric ones as integers when they
// parse; blank cells stay nil (no cell written).
func toAny(dst []any, row []string, numeric []bool) []any {
	for i, s := range row {
		dst[i] = nil
		if s == "" {
			continue
		}
		dst[i] = s
		if i < len(numeric) && numeric[i] {
			if n, err := strconv.ParseInt(s, 10, 64); err == nil {
				dst[i] = n
			}
		}
	}
	return dst
}

// WriteFile writes rows rows of k to path as "csv" or "xlsx".
func WriteFile(path, format string, k Kind, rows int, seed uint64) error {
	switch format {
	case "xlsx":
		return WriteXLSX(path, k, rows, seed)
	case "csv":
		f, err := os.Create(path)
		if err != nil {
			return err
		}
		if err := WriteCSV(f, k, rows, seed); err != nil {
			f.Close()
			return err
		}
		return f.Close()
	}
	return fmt.Errorf("unknown format %q: csv or xlsx", format)
}
