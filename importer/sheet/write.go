package importer

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
)

// ResultWriter writes the result sheet: every input row, in input order,
// with the result columns.
//
// The result columns always start right after the input header's columns.
// A row's cells beyond the header (a note typed in a column without a
// header) follow the result columns, under extra_1, extra_2 …, so that
// status is always a status and a retry of the sheet gives each row back
// every cell it had (see resultColumnsAt).
type ResultWriter interface {
	// SetLayout, called before WriteHeader, describes the input sheet: how
	// many cells its widest row has (for the extra_N headers) and what an
	// XLSX result keeps of it (sheet name, column widths, cell styles).
	SetLayout(l SheetLayout)
	// WriteHeader writes the input header followed by ResultColumns, then
	// extra_1 … for the cells of the widest row beyond the header.
	WriteHeader(header []string) error
	// WriteRow writes the original cells of row untouched (padded to the
	// header width), then r.Cells(), then the row's cells beyond the
	// header.
	WriteRow(row Row, r RowResult) error
	// Close flushes and moves the file into place: the result sheet exists
	// and is complete only after Close returns nil.
	Close() error
}

// CreateResult creates the result sheet at path: XLSX when path ends in
// .xlsx, CSV otherwise. It writes to a temporary file beside path and
// renames it on Close, so there is never a half-written result sheet; a
// device or named pipe at path (/dev/null, /dev/stdout) is written straight
// into (see atomicFile).
func CreateResult(path string) (ResultWriter, error) { return createResult(path, false) }

// createResult is CreateResult; tracked adds the tracking columns
// (TrackColumns) after the result columns, filled from RowResult.Track.
func createResult(path string, tracked bool) (ResultWriter, error) {
	if strings.EqualFold(filepath.Ext(path), ".xlsx") {
		x, err := rwNewXLSX(path)
		if err == nil {
			x.tracked = tracked
		}
		return x, err
	}
	c, err := rwNewCSV(path)
	if err == nil {
		c.tracked = tracked
	}
	return c, err
}

// resultHeader returns the header of a result sheet: the input's, the
// result columns and, when tracked, the tracking columns.
func resultHeader(header []string, tracked bool) []string {
	row := append(append(make([]string, 0, len(header)+len(ResultColumns)+len(TrackColumns)), header...), ResultColumns...)
	if tracked {
		row = append(row, TrackColumns...)
	}
	return row
}

// ResultPath returns the result sheet path for an input: beside it, named
// NAME.result.xlsx for an XLSX input and NAME.result.csv otherwise.
func ResultPath(input string) string {
	ext := filepath.Ext(input)
	base := strings.TrimSuffix(input, ext)
	switch strings.ToLower(ext) {
	case ".xlsx", ".xlsm":
		return base + ".result.xlsx"
	}
	return base + ".result.csv"
}

// rwExtraColumn is the header of the i-th (1-based) column of cells beyond
// the input header, after the result columns.
func rwExtraColumn(i int) string { return "extra_" + strconv.Itoa(i) }

// rwExtraHeader returns extra_1 … extra_n.
func rwExtraHeader(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = rwExtraColumn(i + 1)
	}
	return out
}

// rwExtras returns how many cells beyond width the layout's widest row has
// (0 when not known).
func rwExtras(l SheetLayout, width int) int { return max(l.Widest-width, 0) }

// rwSplit splits a row's cells at the header width: the cells under the
// header, and those beyond it up to the last one that is not empty.
func rwSplit(cells []string, width int) (data, extra []string) {
	if len(cells) <= width {
		return cells, nil
	}
	return cells[:width], cells[width:max(rowWidth(cells), width)]
}

// rwPad returns cells padded with empty cells to width n (never cut).
func rwPad(cells []string, n int) []string {
	if len(cells) >= n {
		return cells
	}
	out := make([]string, n)
	copy(out, cells)
	return out
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
