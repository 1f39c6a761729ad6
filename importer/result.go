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

// RowResult is what the result sheet says about one input row.
type RowResult struct {
	Status        Status
	OrderID       string
	OrderSN       string
	MsgCode       string
	Msg           string
	ForbiddenZone string
	Error         string
}

// Cells returns the result columns' texts in ResultColumns order.
func (r RowResult) Cells() []string { return r.appendCells(make([]string, 0, len(ResultColumns))) }

// appendCells appends the result columns' texts, in ResultColumns order, to
// dst.
func (r RowResult) appendCells(dst []string) []string {
	return append(dst, string(r.Status), r.OrderID, r.OrderSN, r.MsgCode, r.Msg, r.ForbiddenZone, r.Error)
}
