package sheet

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
)

// Writer writes a result sheet: every input row, in input order, with the
// columns a Result adds.
//
// The added columns always start right after the input header's columns.
// A row's cells beyond the header (a note typed in a column without a
// header) follow the added columns, under extra_1, extra_2 …, so that the
// added columns always hold what the writer was given and a sheet read
// back gives each row every cell it had (see ExtraColumn).
type Writer interface {
	// SetLayout, called before WriteHeader, describes the input sheet: how
	// many cells its widest row has (for the extra_N headers) and what an
	// XLSX result keeps of it (sheet name, column widths, cell styles).
	SetLayout(l Layout)
	// WriteHeader writes the input header followed by the added columns'
	// names, then extra_1 … for the cells of the widest row beyond the
	// header.
	WriteHeader(header []string) error
	// WriteRow writes the original cells of row untouched (padded to the
	// header width), then added (one cell per added column, in order; the
	// writer keeps nothing of the slice), then the row's cells beyond the
	// header.
	WriteRow(row Row, added []string) error
	// Close flushes and moves the file into place: the result sheet exists
	// and is complete only after Close returns nil.
	Close() error
}

// Result describes what a result sheet adds to the input's rows. The
// sheet package knows nothing of what the columns mean: the caller names
// them, colours them and explains them.
type Result struct {
	// Columns are the columns added after the input header's.
	Columns []Column
	// Legend, when it has a Name, is a second sheet of an XLSX result
	// explaining the columns.
	Legend Legend
}

// Column is one column a Result adds.
type Column struct {
	// Name is the column's header.
	Name string
	// Fills colours an XLSX cell of the column by its text: a fill colour
	// as RGB hex ("C6EFCE"). A column with fills has a cell in every row.
	Fills map[string]string
	// Plain cells are the caller's own words (a status, a time): a CSV
	// sheet writes them as they are. Every other added cell of a CSV sheet
	// is made inert where a spreadsheet would run it as a formula
	// (Neutral).
	Plain bool
}

// Legend is the second sheet of an XLSX result.
type Legend struct {
	// Name is the legend sheet's name; Alt is used when the result sheet
	// (named after the input's) already has that name.
	Name, Alt string
	// Tables are written one under another, a blank row between them; the
	// first row of each is bold. The first column is narrow (names), the
	// others (at least B and C) wide (explanations).
	Tables [][][]string
}

// Create creates the result sheet at path: XLSX when path ends in .xlsx,
// CSV otherwise, with the columns res adds. It writes to a temporary file
// beside path and renames it on Close, so there is never a half-written
// result sheet; a device or named pipe at path (/dev/null, /dev/stdout) is
// written straight into (see atomicfile).
func Create(path string, res Result) (Writer, error) {
	if strings.EqualFold(filepath.Ext(path), ".xlsx") {
		return rwNewXLSX(path, res)
	}
	return rwNewCSV(path, res)
}

// headerOf returns the header of a result sheet: the input's, then the
// added columns'.
func (res Result) headerOf(header []string) []string {
	row := append(make([]string, 0, len(header)+len(res.Columns)), header...)
	for _, c := range res.Columns {
		row = append(row, c.Name)
	}
	return row
}

// ExtraColumn is the header of the i-th (1-based) column of cells beyond
// the input header, after the added columns: extra_1, extra_2 ….
func ExtraColumn(i int) string { return "extra_" + strconv.Itoa(i) }

// rwExtraHeader returns extra_1 … extra_n.
func rwExtraHeader(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = ExtraColumn(i + 1)
	}
	return out
}

// rwExtras returns how many cells beyond width the layout's widest row has
// (0 when not known).
func rwExtras(l Layout, width int) int { return max(l.Widest-width, 0) }

// rwSplit splits a row's cells at the header width: the cells under the
// header, and those beyond it up to the last one that is not empty.
func rwSplit(cells []string, width int) (data, extra []string) {
	if len(cells) <= width {
		return cells, nil
	}
	return cells[:width], cells[width:max(RowWidth(cells), width)]
}

// rwError describes a failure to write the result sheet at path, naming
// path once.
func rwError(path string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) && pe.Path == path {
		return fmt.Errorf("write result sheet: %w", err)
	}
	return fmt.Errorf("write result sheet %s: %w", path, err)
}
