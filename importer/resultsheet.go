package importer

import (
	"path/filepath"
	"strings"

	"orderimport/importer/i18n"
	"orderimport/importer/sheet"
)

// ResultWriter writes the result sheet: every input row, in input order,
// with the result columns (ResultColumns, and TrackColumns in a tracked
// sheet) filled from the row's RowResult. It is a sheet.Writer given the
// run's vocabulary: the result columns' names, the status colours and the
// legend.
type ResultWriter interface {
	// SetLayout, called before WriteHeader, describes the input sheet (see
	// sheet.Writer).
	SetLayout(l sheet.Layout)
	// WriteHeader writes the input header followed by the result columns,
	// then extra_1 … for the cells of the widest row beyond the header.
	WriteHeader(header []string) error
	// WriteRow writes the original cells of row untouched (padded to the
	// header width), then r's cells, then the row's cells beyond the
	// header.
	WriteRow(row sheet.Row, r RowResult) error
	// Close flushes and moves the file into place: the result sheet exists
	// and is complete only after Close returns nil.
	Close() error
}

// CreateResult creates the result sheet at path: XLSX when path ends in
// .xlsx, CSV otherwise (see sheet.Create: written whole or not at all).
// An XLSX sheet's legend explains in Chinese, then in lang when lang is
// another language ("" is i18n.Default).
func CreateResult(path string, lang i18n.Lang) (ResultWriter, error) {
	return createResult(path, false, lang)
}

// createResult is CreateResult; tracked adds the tracking columns
// (TrackColumns) after the result columns, filled from RowResult.Track.
func createResult(path string, tracked bool, lang i18n.Lang) (ResultWriter, error) {
	w, err := sheet.Create(path, resultSpec(tracked, lang))
	if err != nil {
		return nil, err
	}
	return &resultWriter{Writer: w, tracked: tracked}, nil
}

// resultWriter hands each row's result to a sheet.Writer as cells.
type resultWriter struct {
	sheet.Writer
	tracked bool
	cells   []string // reused for every row: the writer keeps nothing
}

// WriteRow implements ResultWriter.
func (w *resultWriter) WriteRow(row sheet.Row, r RowResult) error {
	w.cells = r.appendAll(w.cells[:0], w.tracked)
	return w.Writer.WriteRow(row, w.cells)
}

// statusFills colours the status cell of an XLSX result sheet: green for
// rows that need nothing, red for rows to fix, amber for rows to check.
var statusFills = func() map[string]string {
	fills := map[string]string{}
	for colour, statuses := range map[string][]Status{
		"C6EFCE": {StatusOK, StatusReady, StatusSkipped},        // green
		"FFC7CE": {StatusRejected, StatusInvalid, StatusFailed}, // red
		"FFEB9C": {StatusUnknown, StatusNotSent},                // amber
	} {
		for _, st := range statuses {
			fills[string(st)] = colour
		}
	}
	return fills
}()

// resultSpec is what a result sheet adds to the input's rows: the result
// columns (the status coloured; every text but the status guarded against
// formulas in a CSV sheet) and, when tracked, the tracking columns (the
// time of the answer written as it is), explained by the legend.
func resultSpec(tracked bool, lang i18n.Lang) sheet.Result {
	var cols []sheet.Column
	for i, name := range ResultColumns {
		c := sheet.Column{Name: name}
		if i == 0 {
			c.Fills, c.Plain = statusFills, true
		}
		cols = append(cols, c)
	}
	if tracked {
		for i, name := range TrackColumns {
			cols = append(cols, sheet.Column{Name: name, Plain: i == len(TrackColumns)-1})
		}
	}
	return sheet.Result{Columns: cols, Legend: resultLegend(lang)}
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

// resultLayout is the layout the result writer gets: the input's, with its
// widest row from the precheck (widest, -1 when there was none) when the
// input cannot tell before reading (CSV). An XLSX result of such an input
// in a dry run (no precheck) gets it from a pass of its own: the extra_N
// headers come first in a stream; a CSV result labels them at the end
// instead (relabelled when closed), so CSV dry runs read the file once.
func resultLayout(o Options, in sheet.Input, widest int) sheet.Layout {
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
		widest = max(widest, sheet.RowWidth(row.Cells))
	}
}
