package sheet

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"orderimport/importer/i18n"
)

// readSource is one format's row stream, blank rows included. Errors it
// returns are *Error already, except io.EOF at the end. The cells next
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

// typedSource is a readSource that also gives the types of the cells next
// returned last (Row.Types), valid until the next call.
type typedSource interface {
	lastTypes() []CellType
}

// textLineSource is a readSource whose rows also have a line of a text
// file (Row.TextLine): the line the record next returned last starts on.
type textLineSource interface {
	lastTextLine() int
}

// blockSource is a readSource that knows which rows form one header with
// a given row: header cells merged down over several rows.
type blockSource interface {
	headerBlock(row int) (first, last int)
}

// layoutSource is a readSource that can describe its sheet for the result
// writer, given the header row.
type layoutSource interface {
	layout(headerLine int) Layout
}

// readInput implements Input over a readSource: it finds the header, skips
// blank rows and enforces the size limits common to every format.
type readInput struct {
	src        readSource
	o          Options
	header     []string
	headerLine int
	raw        rawSource
	typed      typedSource
	textLine   textLineSource
	// pending is a row read past the end of a header block, returned next.
	pending *Row
}

func readNewInput(src readSource, o Options) (*readInput, error) {
	in := &readInput{src: src, o: o}
	in.raw, _ = src.(rawSource)
	in.typed, _ = src.(typedSource)
	in.textLine, _ = src.(textLineSource)
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

// Layout implements Input.
func (in *readInput) Layout() Layout {
	if ls, ok := in.src.(layoutSource); ok {
		return ls.layout(in.headerLine)
	}
	return Layout{Widest: -1}
}

// Next implements Input.
func (in *readInput) Next() (Row, error) {
	return in.NextAppend(&Buffers{})
}

// Buffers hold the cells, text and cell types of rows read one after
// another (see NextAppend). A caller empties them (Cells[:0] …) once it no
// longer needs the rows read into them.
type Buffers struct {
	Cells []string
	Raw   []byte
	Types []CellType
}

// NextAppend is Next with the row's cells, its text (Row.Raw, if any) and
// its cell types (Row.Types, if any) appended to b: a caller reading many
// rows reuses its buffers instead of allocating them for each row.
// Row.Cells, Row.Raw and Row.Types point into b.
func (in *readInput) NextAppend(b *Buffers) (Row, error) {
	r, err := in.nextNonBlank()
	if err != nil {
		return Row{}, err
	}
	start := len(b.Cells)
	b.Cells = append(b.Cells, r.Cells...)
	r.Cells = b.Cells[start:len(b.Cells):len(b.Cells)]
	if r.Raw != nil {
		start := len(b.Raw)
		b.Raw = append(b.Raw, r.Raw...)
		r.Raw = b.Raw[start:len(b.Raw):len(b.Raw)]
	}
	if r.Types != nil {
		start := len(b.Types)
		b.Types = append(b.Types, r.Types...)
		r.Types = b.Types[start:len(b.Types):len(b.Types)]
	}
	return r, nil
}

// nextNonBlank returns the next non-blank row as the source gives it: its
// cells and text are valid until the next call.
func (in *readInput) nextNonBlank() (Row, error) {
	if r := in.pending; r != nil {
		in.pending = nil
		return *r, nil
	}
	for {
		line, cells, err := in.src.next()
		if err != nil {
			return Row{}, err
		}
		r := Row{Line: line, Cells: cells}
		if in.raw != nil {
			r.Raw = in.raw.lastRaw()
		}
		if in.typed != nil {
			r.Types = in.typed.lastTypes()
		}
		if in.textLine != nil {
			r.TextLine = in.textLine.lastTextLine()
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

func (in *readInput) errorf(line, col int, id i18n.ID, a ...any) *Error {
	return &Error{File: in.src.fileName(), Sheet: in.src.sheetName(),
		Line: line, Column: col, Err: reason(id, a...)}
}

// rowErrorf is errorf at a row, naming its text line too when it differs.
func (in *readInput) rowErrorf(r Row, col int, id i18n.ID, a ...any) *Error {
	e := in.errorf(r.Line, col, id, a...)
	e.TextLine = r.TextLine
	return e
}

// checkLimits enforces MaxColumns and MaxCellBytes.
func (in *readInput) checkLimits(r Row) error {
	if width := RowWidth(r.Cells); width > in.o.MaxColumns {
		return in.rowErrorf(r, 0, i18n.SheetTooManyColumns,
			width, in.o.MaxColumns)
	}
	for i, c := range r.Cells {
		if len(c) > in.o.MaxCellBytes {
			return in.rowErrorf(r, i+1, i18n.SheetCellTooLong,
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
	var seen []Row // the rows searched, for a header block and the message
	for i := 0; i < readHeaderSearchRows; i++ {
		r, err := in.nextNonBlank()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		seen = append(seen, readCloneRow(r)) // r is valid until the next row
		if in.o.IsHeader == nil || in.o.IsHeader(readTrimHeader(r.Cells)) {
			return in.setHeaderBlock(seen, true)
		}
	}
	if len(seen) == 0 {
		return in.errorf(0, 0, i18n.SheetEmpty)
	}
	first := seen[0]
	found := readTrimHeader(first.Cells)
	var hints texts
	if len(in.o.ExpectedHeaders) > 0 {
		hints = append(hints, reason(i18n.SheetExpectedHeaders, strings.Join(in.o.ExpectedHeaders, ", ")))
	}
	if strings.ContainsRune(strings.Join(found, ""), '\uFFFD') {
		hints = append(hints, reason(i18n.SheetUndecodableHeader))
	}
	if flag := csvDelimiterFlag(found); flag != "" && in.src.sheetName() == "" {
		hints = append(hints, reason(i18n.SheetDelimiterHint, flag, flag))
	} else {
		hints = append(hints, reason(i18n.SheetNameHeaderRow))
	}
	return in.errorf(0, 0, i18n.SheetNoHeader, readHeaderSearchRows, first.Line, readQuoteList(found), hints)
}

// findHeaderAt takes the first non-blank row at or after line as the
// (last) header row.
func (in *readInput) findHeaderAt(line int) error {
	var seen []Row // the last rows before it, for a header block
	for {
		r, err := in.nextNonBlank()
		if errors.Is(err, io.EOF) {
			if len(seen) == 0 {
				return in.errorf(0, 0, i18n.SheetEmpty)
			}
			return in.errorf(line, 0, i18n.SheetHeaderRowMissing, line)
		}
		if err != nil {
			return err
		}
		if len(seen) == readHeaderSearchRows {
			seen = append(seen[:0], seen[1:]...)
		}
		seen = append(seen, readCloneRow(r))
		if r.Line >= line {
			return in.setHeaderBlock(seen, false)
		}
	}
}

// setHeaderBlock takes the last row of seen as the header row. When header
// cells are merged over it and the rows around it, the merged rows make one
// header block: the rows above it (in seen) and, when below is set, the
// rows below it down to the block's end. Each column's header is the
// lowest non-blank cell of the block (merged cells repeat their value), so
// a two-level template (收货信息 over 收货人 | 手机) gives 收货人, 手机.
func (in *readInput) setHeaderBlock(seen []Row, below bool) error {
	r := seen[len(seen)-1]
	block := []Row{r}
	bs, ok := in.src.(blockSource)
	if !ok {
		in.setHeader(block)
		return nil
	}
	first, last := bs.headerBlock(r.Line)
	for i := len(seen) - 2; i >= 0 && seen[i].Line >= first; i-- {
		block = append([]Row{seen[i]}, block...)
	}
	for below && last > r.Line {
		next, err := in.nextNonBlank()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		next = readCloneRow(next)
		if next.Line > last {
			in.pending = &next
			break
		}
		block = append(block, next)
	}
	in.setHeader(block)
	return nil
}

// setHeader combines the rows of a header block into the header.
func (in *readInput) setHeader(block []Row) {
	width := 0
	for _, r := range block {
		width = max(width, len(r.Cells))
	}
	header := make([]string, width)
	for _, r := range block {
		for i, c := range readTrimHeader(r.Cells) {
			if c != "" {
				header[i] = c
			}
		}
	}
	in.header = header
	in.headerLine = block[len(block)-1].Line
}

// readCloneRow copies a row out of its source's buffers.
func readCloneRow(r Row) Row {
	r.Cells = slices.Clone(r.Cells)
	r.Types = slices.Clone(r.Types)
	if r.Raw != nil {
		r.Raw = slices.Clone(r.Raw)
	}
	return r
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
