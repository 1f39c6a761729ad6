// Package providers defines what an order-creation API must offer the importer:
// the row fields it needs, how rows travel together in one order, and how one
// order is submitted. Each API lives in its own sub-package (damaijia, openapi)
// behind the Provider interface; providers/all registers them in one place.
package providers

import (
	"context"
	"net/http"
)

// Provider is one order-creation API.
//
// The importer maps every input row to a Record aligned with Fields, groups
// records into Orders as Grouping and AppendOrderKey say, and calls Submit
// once per order attempt. Submit must be safe for concurrent use.
type Provider interface {
	// Fields lists the row fields the provider reads, in Record order.
	Fields() []Field
	// Grouping tells how rows may share one order.
	Grouping() Grouping
	// AppendOrderKey appends the grouping key of a valid record to dst and
	// returns the extended buffer: rows whose keys are equal may travel in
	// one order; an empty key means none (a continuation row, with adjacent
	// grouping). It is called for every row, so it appends into the caller's
	// buffer instead of allocating a string.
	AppendOrderKey(dst []byte, r Record) []byte
	// Submit creates one order and reports the outcome of each of its rows.
	// A non-nil error is an *Error that says whether the whole order may be
	// retried, was refused, or must stop the run.
	Submit(ctx context.Context, o Order) (Outcome, error)
}

// OrderKey returns p's grouping key of r as a string (see
// Provider.AppendOrderKey), for callers off the per-row path.
func OrderKey(p Provider, r Record) string { return string(p.AppendOrderKey(nil, r)) }

// Config is what every provider client is built from.
type Config struct {
	// BaseURL is scheme://host[:port] of the API, without the endpoint path.
	BaseURL string
	// Token is the API access token. It is sent in a header and never
	// appears in an error, a log line or a result.
	Token string
	// HTTPClient sends the requests; nil means a client with no timeout of
	// its own (the importer bounds every attempt with a context deadline).
	HTTPClient *http.Client
	// UserAgent is sent with every request when not empty.
	UserAgent string
}

// Client returns c.HTTPClient or defaultClient.
func (c Config) Client() *http.Client {
	if c.HTTPClient != nil {
		return c.HTTPClient
	}
	return defaultClient
}

// maxIdlePerHost is how many idle connections to one API the default
// client keeps: as many as the workers that may send at once. With
// http.DefaultClient's 2, workers released together (by the ledger's group
// commit) opened a new connection for most requests: 3,400 connections for
// 5,000 orders, ~200 us of CPU per order, more with TLS.
const maxIdlePerHost = 256

// defaultClient is http.DefaultClient with maxIdlePerHost idle connections
// per host and no timeout of its own.
var defaultClient = newDefaultClient()

func newDefaultClient() *http.Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConns = max(t.MaxIdleConns, maxIdlePerHost)
	t.MaxIdleConnsPerHost = maxIdlePerHost
	return &http.Client{Transport: t}
}

// Grouping describes how a provider groups rows into orders.
type Grouping struct {
	// Adjacent means only consecutive rows with equal keys form one order
	// (storefront: the rows of one order follow each other in an export).
	// Otherwise rows with equal keys anywhere in the file may be joined.
	Adjacent bool
	// MaxRows caps the rows of one order; 0 means no cap.
	MaxRows int
	// Idempotent means re-sending an Order with the same IDs can never create
	// a second order, so a request whose answer was lost may be retried.
	Idempotent bool
}

// Record holds one row's values, aligned index by index with Fields().
// Values are already normalised and validated by the mapping.
type Record struct {
	Values []string
}

// Value returns the value of field i, or "" when r is short.
func (r Record) Value(i int) string {
	if i >= 0 && i < len(r.Values) {
		return r.Values[i]
	}
	return ""
}

// Order is a group of rows that travels in one request.
type Order struct {
	// ID identifies the order at the provider where the API allows it
	// (damaijia site_order_id). It is the same on every attempt.
	ID int64
	// Rows are the order's rows in input order.
	Rows []OrderRow
}

// OrderRow is one row of an order.
type OrderRow struct {
	// ID identifies the row at the provider where the API allows it
	// (damaijia site_order_consignee_id). It is the same on every attempt.
	ID int64
	// Record is the row's mapped values.
	Record Record
}

// Outcome is the provider's answer to a successful request.
type Outcome struct {
	OrderID string
	OrderSN string
	// Rows has one entry per Order.Rows, in the same order.
	Rows []RowOutcome
}

// RowOutcome is what the provider said about one row of an accepted order.
type RowOutcome struct {
	// OK is false when the provider refused this row although the order was
	// created (damaijia msg_code 2001 forbidden zone, for example).
	OK            bool
	MsgCode       string
	Msg           string
	ForbiddenZone string
	// Amount is what the provider charged for this row in its own unit
	// (damaijia: amount, 点券 consumed per consignee); 0 when not reported.
	Amount int64
	// Unknown is true when the answer says the order was created but not
	// what became of this row (damaijia: its consignee is missing from the
	// answer): the row may be in the order. OK is then false.
	Unknown bool
}
