package importer

import (
	"slices"
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
