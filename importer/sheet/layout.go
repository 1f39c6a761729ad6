package importer

import (
	"path/filepath"
	"strings"
)

// SheetLayout describes the input sheet to the result writer: what an XLSX
// result sheet keeps of it (its name, column widths and cell styles), and
// how wide its rows are, so that the result columns never land on a cell
// of the input.
type SheetLayout struct {
	// Name is the input sheet's name; "" for CSV.
	Name string
	// Widths are the input's column widths by 0-based column, in Excel's
	// units (0: not set).
	Widths []float64
	// Widest is the number of cells of the widest data row (up to its last
	// cell with a value), or -1 when it is not known before the rows are
	// read (CSV).
	Widest int
	// styles are the input workbook's cell styles (Row.Types refers to
	// them); nil for CSV.
	styles *xlsxStyleTable
}

// width returns the width of 0-based column i, 0 when not set.
func (l SheetLayout) width(i int) float64 {
	if i >= 0 && i < len(l.Widths) {
		return l.Widths[i]
	}
	return 0
}

// resultLayout is the layout the result writer gets: the input's, with its
// widest row from the precheck (widest, -1 when there was none) when the
// input cannot tell before reading (CSV). An XLSX result of such an input
// in a dry run (no precheck) gets it from a pass of its own: the extra_N
// headers come first in a stream; a CSV result labels them at the end
// instead (rwCSV.relabel), so CSV dry runs read the file once.
func resultLayout(o Options, in Input, widest int) SheetLayout {
	l := in.Layout()
	if l.Widest < 0 {
		l.Widest = widest
	}
	if l.Widest < 0 && strings.EqualFold(filepath.Ext(o.Output), ".xlsx") {
		l.Widest = widestRow(o)
	}
	return l
}

// widestRow reads the input once and returns the cells of its widest row
// (-1 when it cannot be read: the run itself reports why).
func widestRow(o Options) int {
	in, err := openStripped(o.Input, readOptions(o))
	if err != nil {
		return -1
	}
	defer in.Close()
	widest := 0
	for {
		row, err := in.Next()
		if err != nil {
			return widest
		}
		widest = max(widest, rowWidth(row.Cells))
	}
}
