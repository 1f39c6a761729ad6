package sheet

import (
	"bufio"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"

	"github.com/xuri/excelize/v2"

	"orderimport/importer/i18n"
)

// xlsxCellMeta is what the side stream learns about a cell: its column,
// style id, type attribute and whether it holds a formula and a value.
type xlsxCellMeta struct {
	col     int
	style   int
	typ     string
	formula bool // has <f>
	value   bool // has <v> or <is>
}

// noValue reports a formula whose result was never saved: files written by
// programs that do not calculate (openpyxl writes <f>…</f><v></v>; others
// leave <v> out). raw is the cell's value; an empty text result (t="str")
// is a saved value.
func (m xlsxCellMeta) noValue(raw string) bool {
	if !m.formula {
		return false
	}
	return !m.value || (raw == "" && (m.typ == "" || m.typ == "n"))
}

// xlsxMetaStream walks a worksheet's XML alongside excelize's row iterator
// (which returns values only) and yields each <row>'s number and its cells'
// types and styles. It holds one row at a time.
type xlsxMetaStream struct {
	rc    io.ReadCloser
	d     *xml.Decoder
	row   int
	cells []xlsxCellMeta
	done  bool
}

func xlsxNewMetaStream(rc io.ReadCloser) *xlsxMetaStream {
	return &xlsxMetaStream{rc: rc, d: xml.NewDecoder(bufio.NewReaderSize(rc, 64<<10))}
}

func (s *xlsxMetaStream) close() error { return s.rc.Close() }

// errXLSXTruncated reports a sheet whose XML ends before </sheetData>.
var errXLSXTruncated = reason(i18n.SheetTruncated)

// xlsxTruncated is errXLSXTruncated with what was wrong (the parser's or
// excelize's words).
func xlsxTruncated(detail string) error {
	return reason(i18n.SheetTruncatedDetail, errXLSXTruncated, detail)
}

// next advances to the next <row>; it returns io.EOF after </sheetData>.
// The returned slice is reused by the next call.
func (s *xlsxMetaStream) next() (int, []xlsxCellMeta, error) {
	if s.done {
		return 0, nil, io.EOF
	}
	for {
		tok, err := s.d.RawToken()
		if err != nil {
			return 0, nil, s.tokenError(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Local == "row" {
				return s.readRow(t)
			}
		case xml.EndElement:
			if t.Name.Local == "sheetData" {
				s.done = true
				return 0, nil, io.EOF
			}
		}
	}
}

func (s *xlsxMetaStream) tokenError(err error) error {
	if errors.Is(err, io.EOF) {
		return errXLSXTruncated
	}
	return xlsxTruncated(err.Error())
}

func (s *xlsxMetaStream) readRow(start xml.StartElement) (int, []xlsxCellMeta, error) {
	s.row++
	if v, ok := xlsxAttr(start, "r"); ok {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > excelize.TotalRows {
			return 0, nil, xlsxTruncated(fmt.Sprintf("bad row number %q", v))
		}
		s.row = n
	}
	s.cells = s.cells[:0]
	col := 0
	for {
		tok, err := s.d.RawToken()
		if err != nil {
			return 0, nil, s.tokenError(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Local == "c" {
				col++
				m, err := xlsxReadCellMeta(t, col)
				if err != nil {
					return 0, nil, err
				}
				col = m.col
				s.cells = append(s.cells, m)
			}
			s.markChild(t.Name.Local)
		case xml.EndElement:
			if t.Name.Local == "row" {
				return s.row, s.cells, nil
			}
		}
	}
}

// markChild records a <f>, <v> or <is> child of the current cell.
func (s *xlsxMetaStream) markChild(name string) {
	if len(s.cells) == 0 {
		return
	}
	c := &s.cells[len(s.cells)-1]
	switch name {
	case "f":
		c.formula = true
	case "v", "is":
		c.value = true
	}
}

func xlsxReadCellMeta(t xml.StartElement, col int) (xlsxCellMeta, error) {
	m := xlsxCellMeta{col: col}
	for _, a := range t.Attr {
		switch a.Name.Local {
		case "r":
			c, _, err := excelize.CellNameToCoordinates(a.Value)
			if err != nil {
				return m, xlsxTruncated(fmt.Sprintf("bad cell reference %q", a.Value))
			}
			m.col = c
		case "s":
			m.style, _ = strconv.Atoi(a.Value)
		case "t":
			m.typ = a.Value
		}
	}
	return m, nil
}

func xlsxAttr(t xml.StartElement, name string) (string, bool) {
	for _, a := range t.Attr {
		if a.Name.Local == name {
			return a.Value, true
		}
	}
	return "", false
}

// xlsxMetaAhead runs a metadata pass on a goroutine of its own, up to
// xlsxAheadRows rows ahead of excelize's decoder, so that the two XML
// decoders of one sheet use two cores.
type xlsxMetaAhead struct {
	meta *xlsxMetaStream
	rows chan xlsxMetaRow
	stop chan struct{}
	done chan struct{}
	last error // the pass's final error (io.EOF at the end), once rows is closed
}

// xlsxMetaRow is one row of the metadata pass.
type xlsxMetaRow struct {
	num   int
	cells []xlsxCellMeta
}

// xlsxAheadRows bounds the rows the metadata pass may run ahead.
const xlsxAheadRows = 256

func xlsxNewMetaAhead(m *xlsxMetaStream) *xlsxMetaAhead {
	a := &xlsxMetaAhead{meta: m, rows: make(chan xlsxMetaRow, xlsxAheadRows),
		stop: make(chan struct{}), done: make(chan struct{})}
	go a.run()
	return a
}

func (a *xlsxMetaAhead) run() {
	defer close(a.done)
	defer close(a.rows)
	for {
		num, cells, err := a.meta.next()
		if err != nil {
			a.last = err
			return
		}
		select {
		case a.rows <- xlsxMetaRow{num: num, cells: slices.Clone(cells)}:
		case <-a.stop:
			return
		}
	}
}

// next returns what xlsxMetaStream.next returned for the next row; after
// the last row, the pass's final error again and again.
func (a *xlsxMetaAhead) next() (int, []xlsxCellMeta, error) {
	r, ok := <-a.rows
	if !ok {
		return 0, nil, a.last
	}
	return r.num, r.cells, nil
}

// close stops the pass, waits for it, then closes the sheet's reader (never
// while the pass still reads it).
func (a *xlsxMetaAhead) close() error {
	close(a.stop)
	<-a.done
	return a.meta.close()
}
