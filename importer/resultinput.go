package importer

import (
	"slices"
	"strings"
)

// strippedInput reads a result sheet fed back in as input: the result
// columns at the end of its header are taken off before mapping, and the
// previous result of the row last read is kept.
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
	h := in.Header()
	n := len(h) - len(ResultColumns)
	if n <= 0 || !slices.Equal(h[n:], ResultColumns) {
		return in, nil
	}
	return &strippedInput{Input: in, width: n}, nil
}

// IsResultSheet reports whether header ends with the result columns.
func IsResultSheet(header []string) bool {
	n := len(header) - len(ResultColumns)
	return n > 0 && slices.Equal(header[n:], ResultColumns)
}

// Header returns the input's header without the result columns.
func (s *strippedInput) Header() []string { return s.Input.Header()[:s.width] }

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
func (s *strippedInput) nextAppend(cells []string, raw []byte) (Row, []string, []byte, error) {
	in, ok := s.Input.(appendInput)
	if !ok {
		row, err := s.Next()
		return row, cells, raw, err
	}
	row, cells, raw, err := in.nextAppend(cells, raw)
	if err != nil {
		return row, cells, raw, err
	}
	if s.strip(&row) {
		raw = raw[:len(raw)-len(row.Raw)]
		row.Raw = nil // it holds the result cells too
	}
	return row, cells, raw, nil
}

// strip takes the result cells off row and keeps them (carried); it
// reports whether there were any. A stripped row's Raw must not be
// written: the caller drops it.
func (s *strippedInput) strip(row *Row) bool {
	s.last = nil
	if len(row.Cells) <= s.width {
		return false
	}
	s.last = append([]string(nil), row.Cells[s.width:]...)
	for i, c := range s.last {
		s.last[i] = csvUnneutral(c) // the CSV writer's formula guard
	}
	row.Cells = row.Cells[:s.width]
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
