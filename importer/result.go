package importer

// Status is the outcome of one input row.
type Status string

// The statuses a row can end with.
const (
	// StatusOK: the provider created the row's order and accepted the row.
	StatusOK Status = "ok"
	// StatusRejected: the provider refused this row (or its whole order).
	StatusRejected Status = "rejected"
	// StatusFailed: transient failures, retries spent; nothing was created.
	StatusFailed Status = "failed"
	// StatusInvalid: the row failed validation and was not sent.
	StatusInvalid Status = "invalid"
	// StatusUnknown: the request was sent and no answer came back; the order
	// may exist.
	StatusUnknown Status = "unknown"
	// StatusSkipped: the row was deliberately not sent (a duplicate, or
	// already done).
	StatusSkipped Status = "skipped"
	// StatusNotSent: the run stopped before the row was sent.
	StatusNotSent Status = "not_sent"
	// StatusReady: dry run only: the row is valid and would be sent.
	StatusReady Status = "ready"
)

// Statuses lists every status in the order summaries print them.
var Statuses = statusOrder[:]

// ResultColumns are the columns appended to every input row of a result sheet.
var ResultColumns = []string{"status", "order_id", "order_sn", "msg_code", "msg", "forbidden_zone", "error"}

// TrackColumns are the columns "orderimport track" writes after the result
// columns: what it last learned of each created row's package. They are
// not merchant data: import and retry take them off a tracked sheet with
// the result columns, and carry them on the rows whose order they carry
// (a row sent anew is a new order, with no tracking yet).
var TrackColumns = []string{"package_status", "express_company", "express_no", "tracked_at"}

// RowResult is what the result sheet says about one input row.
type RowResult struct {
	Status        Status
	OrderID       string
	OrderSN       string
	MsgCode       string
	Msg           string
	ForbiddenZone string
	Error         string
	// Track is what track last learned of the row's package; written only
	// in a tracked sheet (TrackColumns).
	Track Tracking
}

// Tracking is the cells of TrackColumns of one row.
type Tracking struct {
	// Status is the package's state in words, with the provider's value in
	// brackets ("已发货 shipped (s)"), or why the row is not tracked.
	Status string
	// Company and ExpressNo are the courier and the tracking number.
	Company, ExpressNo string
	// At is when the provider said so (local time, 2006-01-02 15:04:05).
	At string
}

// appendCells appends the tracking cells, in TrackColumns order, to dst.
func (t Tracking) appendCells(dst []string) []string {
	return append(dst, t.Status, t.Company, t.ExpressNo, t.At)
}

// Cells returns the result columns' texts in ResultColumns order.
func (r RowResult) Cells() []string { return r.appendCells(make([]string, 0, len(ResultColumns))) }

// appendAll appends the result columns' texts and, in a tracked sheet,
// the tracking columns' to dst.
func (r RowResult) appendAll(dst []string, tracked bool) []string {
	dst = r.appendCells(dst)
	if tracked {
		dst = r.Track.appendCells(dst)
	}
	return dst
}

// appendCells appends the result columns' texts, in ResultColumns order, to
// dst.
func (r RowResult) appendCells(dst []string) []string {
	return append(dst, string(r.Status), r.OrderID, r.OrderSN, r.MsgCode, r.Msg, r.ForbiddenZone, r.Error)
}
