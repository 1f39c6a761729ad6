// Package damaijia is the client of damaijia's (大麦家) gift drop-shipping
// order API, POST /vv/external/v1/order_create.
//
// One request carries one product, a quantity and many consignees; each input
// row is one consignee. The order's site_order_id and each consignee's
// site_order_consignee_id come from the importer and are the same on every
// attempt, so a resend after a lost answer is refused with status 234 instead
// of creating a second order.
package damaijia

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"orderimport/providers"
)

// DefaultBaseURL is damaijia's host as the API text gives it.
const DefaultBaseURL = "http://www.damaijia168.com"

// Path is the order-creation endpoint.
const Path = "/vv/external/v1/order_create"

// DefaultBatch is the default number of consignees sent in one request.
const DefaultBatch = 50

// MaxBatch is the largest accepted Options.Batch.
const MaxBatch = 1000

// Options tune the client beyond providers.Config.
type Options struct {
	// Batch caps the consignees (rows) of one request; 0 means DefaultBatch.
	Batch int
}

// Client submits orders to damaijia. It is safe for concurrent use.
type Client struct {
	endpoint string
	// trackEndpoint is get_packages_status (track.go).
	trackEndpoint string
	token         string
	agent         string
	http          *http.Client
	batch         int
}

// New returns a client for cfg. An empty cfg.BaseURL means DefaultBaseURL.
func New(cfg providers.Config, opts Options) (*Client, error) {
	base := strings.TrimRight(strings.TrimSpace(cfg.BaseURL), "/")
	if base == "" {
		base = DefaultBaseURL
	}
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("damaijia: base URL %q must look like http://host[:port]", base)
	}
	if cfg.Token == "" {
		return nil, errors.New("damaijia: no access token")
	}
	if strings.ContainsAny(cfg.Token, "\r\n") {
		return nil, errors.New("damaijia: the access token contains a line break")
	}
	batch := opts.Batch
	if batch == 0 {
		batch = DefaultBatch
	}
	if batch < 1 || batch > MaxBatch {
		return nil, fmt.Errorf("damaijia: batch %d out of range 1..%d", opts.Batch, MaxBatch)
	}
	return &Client{endpoint: base + Path, trackEndpoint: base + TrackPath, token: cfg.Token, agent: cfg.UserAgent, http: cfg.Client(), batch: batch}, nil
}

// Grouping: rows with the same product, quantity, source, remark and sender
// anywhere in the file may share a request, up to the batch size; resending
// is safe thanks to site_order_id.
func (c *Client) Grouping() providers.Grouping {
	return providers.Grouping{Adjacent: false, MaxRows: c.batch, Idempotent: true}
}

// keySep cannot occur in a normalised value.
const keySep = "\x1f"

// AppendOrderKey joins what one request holds once: product_id,
// product_number, source, remark and the sender fields (consigners is one
// per request, so rows with different senders must not share an order).
func (c *Client) AppendOrderKey(dst []byte, r providers.Record) []byte {
	for i, j := range orderKeyFields {
		if i > 0 {
			dst = append(dst, keySep...)
		}
		dst = append(dst, r.Value(j)...)
	}
	return dst
}

// orderKeyFields are the fields whose values make rows one order.
var orderKeyFields = [...]int{FieldProductID, FieldProductNumber, FieldSource, FieldRemark,
	FieldConsigner, FieldConsignerMobile, FieldConsignerProvince,
	FieldConsignerCity, FieldConsignerDistrict, FieldConsignerAddress}

// Submit creates one order of o's consignees. Every text of the answer is
// scrubbed of the token (providers.ScrubResult).
func (c *Client) Submit(ctx context.Context, o providers.Order) (providers.Outcome, error) {
	out, err := c.submit(ctx, o)
	return providers.ScrubResult(out, err, c.token)
}

func (c *Client) submit(ctx context.Context, o providers.Order) (providers.Outcome, error) {
	req, err := buildRequest(o)
	if err != nil {
		return providers.Outcome{}, &providers.Error{Class: providers.Permanent, Msg: err.Error()}
	}
	rep, perr := providers.PostJSON(ctx, c.http, c.endpoint, "Authorization", c.token, c.agent, req)
	if perr != nil {
		return providers.Outcome{}, perr
	}
	out, perr := classify(rep, o, c.token)
	if perr != nil {
		return providers.Outcome{}, perr
	}
	return out, nil
}

var _ providers.Provider = (*Client)(nil)
