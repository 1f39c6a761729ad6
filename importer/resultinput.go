package importer

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// strippedInput reads a result sheet fed back in as input: the result
// columns at the end of its header (before any extra_N columns) are taken
// off before mapping, the cells under extra_N go back to the end of their
// row, and the previous result of the row last read is kept.
type strippedInput struct {
	Input
	width int
	last  []string
}

// openStripped opens path; a result sheet's result columns are taken off.
func openStripped(path string, ro ReadOptions) (Input, error) {
	in, err := OpenInput(path, ro)
	if err != nil {
		return nil, err
	}
	n := resultColumnsAt(in.Header())
	if n < 0 {
		return in, nil
	}
	return &strippedInput{Input: in, width: n}, nil
}

// IsResultSheet reports whether header ends with the result columns
// (followed only by extra_N columns, if any).
func IsResultSheet(header []string) bool { return resultColumnsAt(header) >= 0 }

// resultColumnsAt returns where the result columns start in a result
// sheet's header: they end it, or only extra_1, extra_2 … follow them; -1
// when header is not a result sheet's.
func resultColumnsAt(header []string) int {
	for n := len(header) - len(ResultColumns); n > 0; n-- {
		if !slices.Equal(header[n:n+len(ResultColumns)], ResultColumns) {
			continue
		}
		extras := header[n+len(ResultColumns):]
		for i, h := range extras {
			if h != rwExtraColumn(i+1) {
				return -1
			}
		}
		return n
	}
	return -1
}

// Header returns the input's header without the result columns.
func (s *strippedInput) Header() []string { return s.Input.Header()[:s.width] }

// Layout returns the input's layout without the result columns.
func (s *strippedInput) Layout() SheetLayout {
	l := s.Input.Layout()
	end := s.width + len(ResultColumns)
	if len(l.Widths) > s.width {
		l.Widths = append(slices.Clone(l.Widths[:s.width]), l.Widths[min(end, len(l.Widths)):]...)
	}
	if l.Widest > end {
		l.Widest -= len(ResultColumns)
	} else {
		l.Widest = min(l.Widest, s.width)
	}
	return l
}

// Next returns the next row without its result cells.
func (s *strippedInput) Next() (Row, error) {
	row, err := s.Input.Next()
	if err != nil {
		return row, err
	}
	if s.strip(&row) {
		row.Raw = nil // it holds the result cells too
	}
	return row, nil
}

// nextAppend is Next reading into the caller's buffers (see
// readInput.nextAppend).
func (s *strippedInput) nextAppend(b *rowBuffers) (Row, error) {
	in, ok := s.Input.(appendInput)
	if !ok {
		return s.Next()
	}
	row, err := in.nextAppend(b)
	if err != nil {
		return row, err
	}
	if s.strip(&row) {
		b.raw = b.raw[:len(b.raw)-len(row.Raw)]
		row.Raw = nil // it holds the result cells too
	}
	return row, nil
}

// strip takes the result cells off row and keeps them (carried), and moves
// the cells under extra_N back to the end of the row; it reports whether
// there were any. A stripped row's Raw must not be written: the caller
// drops it.
func (s *strippedInput) strip(row *Row) bool {
	s.last = nil
	if len(row.Cells) <= s.width {
		return false
	}
	end := min(s.width+len(ResultColumns), len(row.Cells))
	s.last = append([]string(nil), row.Cells[s.width:end]...)
	for i, c := range s.last {
		s.last[i] = csvUnneutral(c) // the CSV writer's formula guard
	}
	row.Cells = append(row.Cells[:s.width], row.Cells[end:]...)
	if len(row.Types) > s.width {
		row.Types = append(row.Types[:s.width], row.Types[min(end, len(row.Types)):]...)
	}
	return true
}

// carried returns the previous result of the row last read when it says
// the order exists: ok, or skipped with the order_sn or order_id of an
// earlier creation. Such rows are never sent again from a result sheet,
// even on a machine whose ledger does not know them.
func (s *strippedInput) carried() (RowResult, bool) {
	c := make([]string, len(ResultColumns))
	copy(c, s.last)
	st := Status(strings.TrimSpace(c[0]))
	exists := st == StatusOK || (st == StatusSkipped && (strings.TrimSpace(c[1]) != "" || strings.TrimSpace(c[2]) != ""))
	if !exists {
		return RowResult{}, false
	}
	return RowResult{Status: st, OrderID: c[1], OrderSN: c[2], MsgCode: c[3], Msg: c[4], ForbiddenZone: c[5], Error: c[6]}, true
}

// priorUnknown is what a result sheet says of a row whose earlier outcome
// is unknown (sent, no answer: the order may exist). Such a row is never
// sent afresh from the sheet: a ledger that knows it decides; otherwise
// damaijia rows are resent only with the ids the sheet carries (a resend
// then answered "already exists" proves the order), and storefront rows
// only with --resend-unknown.
type priorUnknown struct {
	// siteOrderID and siteRowID are the ids the row was sent with, and rows
	// the number of rows sent with siteOrderID whose outcome was unknown
	// (idsMarker); 0 when the sheet carries none.
	siteOrderID, siteRowID int64
	rows                   int
}

// idsPattern finds the ids an unknown damaijia row was sent with in its
// error cell (see idsMarker).
var idsPattern = regexp.MustCompile(`\[site_order_id=(\d+) site_order_consignee_id=(\d+) rows=(\d+)\]`)

// idsMarker is the text an unknown damaijia row carries in its error cell:
// the ids it was sent with and the number of rows sent with them whose
// outcome is unknown, so that a result sheet imported with a ledger that
// never saw the row can ask damaijia again with the same ids.
func idsMarker(siteOrderID, siteRowID int64, rows int) string {
	return fmt.Sprintf(" [site_order_id=%d site_order_consignee_id=%d rows=%d]", siteOrderID, siteRowID, rows)
}

// unknown returns what the sheet says of the row last read when its
// previous status is unknown.
func (s *strippedInput) unknown() (*priorUnknown, bool) {
	if len(s.last) == 0 || Status(strings.TrimSpace(s.last[0])) != StatusUnknown {
		return nil, false
	}
	p := &priorUnknown{}
	if len(s.last) >= len(ResultColumns) {
		if m := idsPattern.FindStringSubmatch(s.last[len(ResultColumns)-1]); m != nil {
			p.siteOrderID, _ = strconv.ParseInt(m[1], 10, 64)
			p.siteRowID, _ = strconv.ParseInt(m[2], 10, 64)
			p.rows, _ = strconv.Atoi(m[3])
			if p.siteOrderID <= 0 || p.siteRowID <= 0 || p.rows <= 0 {
				*p = priorUnknown{}
			}
		}
	}
	return p, true
}
