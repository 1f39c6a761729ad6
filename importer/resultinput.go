package importer

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"orderimport/importer/sheet"
)

// strippedInput reads a result sheet fed back in as input: the result
// columns at the end of its header (before any extra_N columns), and the
// tracking columns that follow them in a sheet "orderimport track" wrote,
// are taken off before mapping, the cells under extra_N go back to the end
// of their row, and the previous result of the row last read is kept.
type strippedInput struct {
	sheet.Input
	width   int
	tracked bool
	last    []string
}

// openStripped opens path; a result sheet's result columns are taken off.
func openStripped(path string, ro sheet.Options) (sheet.Input, error) {
	in, err := sheet.Open(path, ro)
	if err != nil {
		return nil, err
	}
	n, tracked := resultColumnsAt(in.Header())
	if n < 0 {
		return in, nil
	}
	return &strippedInput{Input: in, width: n, tracked: tracked}, nil
}

// IsResultSheet reports whether header ends with the result columns
// (followed only by the tracking columns and extra_N columns, if any).
func IsResultSheet(header []string) bool {
	n, _ := resultColumnsAt(header)
	return n >= 0
}

// resultColumnsAt returns where the result columns start in a result
// sheet's header, and whether the tracking columns follow them: they end
// it, or only the tracking columns, then extra_1, extra_2 … follow them;
// -1 when header is not a result sheet's.
func resultColumnsAt(header []string) (int, bool) {
	for n := len(header) - len(ResultColumns); n > 0; n-- {
		if !slices.Equal(header[n:n+len(ResultColumns)], ResultColumns) {
			continue
		}
		extras := header[n+len(ResultColumns):]
		tracked := len(extras) >= len(TrackColumns) && slices.Equal(extras[:len(TrackColumns)], TrackColumns)
		if tracked {
			extras = extras[len(TrackColumns):]
		}
		for i, h := range extras {
			if h != sheet.ExtraColumn(i+1) {
				return -1, false
			}
		}
		return n, tracked
	}
	return -1, false
}

// added is the number of columns a result sheet adds after the input's:
// the result columns and, tracked, the tracking columns.
func (s *strippedInput) added() int {
	if s.tracked {
		return len(ResultColumns) + len(TrackColumns)
	}
	return len(ResultColumns)
}

// Header returns the input's header without the result columns.
func (s *strippedInput) Header() []string { return s.Input.Header()[:s.width] }

// Layout returns the input's layout without the result columns.
func (s *strippedInput) Layout() sheet.Layout {
	l := s.Input.Layout()
	end := s.width + s.added()
	if len(l.Widths) > s.width {
		l.Widths = append(slices.Clone(l.Widths[:s.width]), l.Widths[min(end, len(l.Widths)):]...)
	}
	if l.Widest > end {
		l.Widest -= s.added()
	} else {
		l.Widest = min(l.Widest, s.width)
	}
	return l
}

// Next returns the next row without its result cells.
func (s *strippedInput) Next() (sheet.Row, error) {
	row, err := s.Input.Next()
	if err != nil {
		return row, err
	}
	if s.strip(&row) {
		row.Raw = nil // it holds the result cells too
	}
	return row, nil
}

// NextAppend is Next reading into the caller's buffers (see
// readInput.NextAppend).
func (s *strippedInput) NextAppend(b *sheet.Buffers) (sheet.Row, error) {
	in, ok := s.Input.(appendInput)
	if !ok {
		return s.Next()
	}
	row, err := in.NextAppend(b)
	if err != nil {
		return row, err
	}
	if s.strip(&row) {
		b.Raw = b.Raw[:len(b.Raw)-len(row.Raw)]
		row.Raw = nil // it holds the result cells too
	}
	return row, nil
}

// strip takes the result cells off row and keeps them (carried), and moves
// the cells under extra_N back to the end of the row; it reports whether
// there were any. A stripped row's Raw must not be written: the caller
// drops it.
func (s *strippedInput) strip(row *sheet.Row) bool {
	s.last = nil
	if len(row.Cells) <= s.width {
		return false
	}
	end := min(s.width+s.added(), len(row.Cells))
	s.last = append([]string(nil), row.Cells[s.width:end]...)
	for i, c := range s.last {
		s.last[i] = sheet.Unneutral(c) // the CSV writer's formula guard
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
// even on a machine whose ledger does not know them. Their tracking cells
// (a tracked sheet) go with them.
func (s *strippedInput) carried() (RowResult, bool) {
	r := s.previous()
	if !r.exists() {
		return RowResult{}, false
	}
	return r, true
}

// previous returns what the sheet says of the row last read: its result
// columns and, in a tracked sheet, its tracking columns.
func (s *strippedInput) previous() RowResult {
	c := make([]string, len(ResultColumns)+len(TrackColumns))
	copy(c, s.last)
	r := RowResult{Status: Status(strings.TrimSpace(c[0])), OrderID: c[1], OrderSN: c[2], MsgCode: c[3], Msg: c[4],
		ForbiddenZone: c[5], Error: c[6]}
	if s.tracked {
		t := c[len(ResultColumns):]
		r.Track = Tracking{Status: t[0], Company: t[1], ExpressNo: t[2], At: t[3]}
	}
	return r
}

// exists reports whether a result says the row's order exists: ok, or
// skipped with the order_sn or order_id of an earlier creation.
func (r RowResult) exists() bool {
	return r.Status == StatusOK ||
		(r.Status == StatusSkipped && (strings.TrimSpace(r.OrderID) != "" || strings.TrimSpace(r.OrderSN) != ""))
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

// isTracked reports whether in is a result sheet that "orderimport track"
// wrote: the sheet written from it keeps the tracking columns.
func isTracked(in sheet.Input) bool {
	s, ok := in.(*strippedInput)
	return ok && s.tracked
}
