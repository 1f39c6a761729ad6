package importer

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
)

// readSource is one format's row stream, blank rows included. Errors it
// returns are *InputError already, except io.EOF at the end. The cells next
// returns (and the text lastRaw returns) are valid until the next call: a
// source reuses its buffers.
type readSource interface {
	displayName() string // "orders.xlsx, sheet 订单"
	fileName() string
	sheetName() string // "" for CSV
	next() (line int, cells []string, err error)
	close() error
}

// rawSource is a readSource that also gives the text of the record next
// returned last (Row.Raw), valid until the next call; nil when it cannot.
type rawSource interface {
	lastRaw() []byte
}

// numberSource is a readSource that records which cells of the row next
// returned last are stored as long numbers (Row.Numbers): XLSX.
type numberSource interface {
	lastNumbers() []int
}

// readInput implements Input over a readSource: it finds the header, skips
// blank rows and enforces the size limits common to every format.
type readInput struct {
	src        readSource
	o          ReadOptions
	header     []string
	headerLine int
	raw        rawSource
}

func readNewInput(src readSource, o ReadOptions) (*readInput, error) {
	in := &readInput{src: src, o: o}
	in.raw, _ = src.(rawSource)
	if err := in.findHeader(); err != nil {
		return nil, err
	}
	return in, nil
}

// Name implements Input.
func (in *readInput) Name() string { return in.src.displayName() }

// Header implements Input.
func (in *readInput) Header() []string { return in.header }

// HeaderLine implements Input.
func (in *readInput) HeaderLine() int { return in.headerLine }

// Close implements Input.
func (in *readInput) Close() error { return in.src.close() }

// Next implements Input.
func (in *readInput) Next() (Row, error) {
	r, _, _, err := in.nextAppend(nil, nil)
	return r, err
}

// nextAppend is Next with the row's cells appended to cells and its text
// (Row.Raw, if any) to raw: a caller reading many rows reuses its buffers
// instead of allocating them for each row. Row.Cells and Row.Raw point into
// the returned slices.
func (in *readInput) nextAppend(cells []string, raw []byte) (Row, []string, []byte, error) {
	r, err := in.nextNonBlank()
	if err != nil {
		return Row{}, cells, raw, err
	}
	start := len(cells)
	cells = append(cells, r.Cells...)
	r.Cells = cells[start:len(cells):len(cells)]
	if r.Raw != nil {
		start := len(raw)
		raw = append(raw, r.Raw...)
		r.Raw = raw[start:len(raw):len(raw)]
	}
	return r, cells, raw, nil
}

// nextNonBlank returns the next non-blank row as the source gives it: its
// cells and text are valid until the next call.
func (in *readInput) nextNonBlank() (Row, error) {
	for {
		line, cells, err := in.src.next()
		if err != nil {
			return Row{}, err
		}
		r := Row{Line: line, Cells: cells}
		if in.raw != nil {
			r.Raw = in.raw.lastRaw()
		}
		if ns, ok := in.src.(numberSource); ok && len(ns.lastNumbers()) > 0 {
			r.Numbers = slices.Clone(ns.lastNumbers())
		}
		if r.Blank() {
			continue
		}
		if err := in.checkLimits(r); err != nil {
			return Row{}, err
		}
		return r, nil
	}
}

func (in *readInput) errorf(line, col int, format string, a ...any) *InputError {
	return &InputError{File: in.src.fileName(), Sheet: in.src.sheetName(),
		Line: line, Column: col, Err: fmt.Errorf(format, a...)}
}

// checkLimits enforces MaxColumns and MaxCellBytes.
func (in *readInput) checkLimits(r Row) error {
	width := len(r.Cells)
	for width > 0 && r.Cells[width-1] == "" {
		width--
	}
	if width > in.o.MaxColumns {
		return in.errorf(r.Line, 0, "%d columns, more than the limit of %d (raise it with --max-columns)",
			width, in.o.MaxColumns)
	}
	for i, c := range r.Cells {
		if len(c) > in.o.MaxCellBytes {
			return in.errorf(r.Line, i+1, "cell is %d bytes long, more than the limit of %d (raise it with --max-cell)",
				len(c), in.o.MaxCellBytes)
		}
	}
	return nil
}

// findHeader reads up to the header row and keeps nothing before it.
func (in *readInput) findHeader() error {
	if in.o.HeaderRow > 0 {
		return in.findHeaderAt(in.o.HeaderRow)
	}
	var first *Row
	for i := 0; i < readHeaderSearchRows; i++ {
		r, err := in.nextNonBlank()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		if first == nil {
			first = &Row{Line: r.Line, Cells: slices.Clone(r.Cells)} // r is valid until the next row
		}
		if in.o.IsHeader == nil || in.o.IsHeader(readTrimHeader(r.Cells)) {
			in.setHeader(r)
			return nil
		}
	}
	if first == nil {
		return in.errorf(0, 0, "file is empty")
	}
	found := readTrimHeader(first.Cells)
	msg := fmt.Sprintf("no header row recognised in the first %d rows; headers found (row %d): %s",
		readHeaderSearchRows, first.Line, readQuoteList(found))
	if len(in.o.ExpectedHeaders) > 0 {
		msg += "; expected headers such as: " + strings.Join(in.o.ExpectedHeaders, ", ")
	}
	if strings.ContainsRune(strings.Join(found, ""), '\uFFFD') {
		msg += "; some characters could not be decoded: is --encoding right?"
	}
	if hint := csvDelimiterHint(found); hint != "" && in.src.sheetName() == "" {
		return in.errorf(0, 0, "%s (%s)", msg, hint)
	}
	return in.errorf(0, 0, "%s (name the header row with --header-row)", msg)
}

// findHeaderAt takes the first non-blank row at or after line as header.
func (in *readInput) findHeaderAt(line int) error {
	seen := false
	for {
		r, err := in.nextNonBlank()
		if errors.Is(err, io.EOF) {
			if !seen {
				return in.errorf(0, 0, "file is empty")
			}
			return in.errorf(line, 0, "header row %d not found: the file ends before it", line)
		}
		if err != nil {
			return err
		}
		seen = true
		if r.Line >= line {
			in.setHeader(r)
			return nil
		}
	}
}

func (in *readInput) setHeader(r Row) {
	in.header = readTrimHeader(r.Cells)
	in.headerLine = r.Line
}

// readTrimHeader trims spaces, full-width spaces, BOMs and removes line
// breaks from header cells; it returns a new slice.
func readTrimHeader(cells []string) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		c = strings.NewReplacer("\r", "", "\n", "", "\ufeff", "").Replace(c)
		out[i] = strings.Trim(c, " \t\u3000\u00a0")
	}
	return out
}

func readQuoteList(cells []string) string {
	parts := make([]string, 0, len(cells))
	for _, c := range cells {
		parts = append(parts, fmt.Sprintf("%q", c))
	}
	return strings.Join(parts, ", ")
}
