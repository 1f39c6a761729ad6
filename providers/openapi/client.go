// Package openapi is the client of a storefront's open-API plugin,
// POST /manager/api/apps/openapi/order/create.
//
// One request is one order; each input row is one line item, and the rows of
// one order (equal order_key) follow each other in the export. The API has no
// idempotency key: after a lost answer the order may exist, and resending it
// could create a second one, so such failures say MaybeCreated.
package openapi

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"orderimport/providers"
)

// DefaultBaseURL is empty: the API text names no host.
const DefaultBaseURL = ""

// Path is the order-creation endpoint.
const Path = "/manager/api/apps/openapi/order/create"

// Client submits orders to the storefront. It is safe for concurrent use.
type Client struct {
	endpoint string
	token    string
	agent    string
	http     *http.Client
}

// New returns a client for cfg; cfg.BaseURL is required.
func New(cfg providers.Config) (*Client, error) {
	base := strings.TrimRight(strings.TrimSpace(cfg.BaseURL), "/")
	if base == "" {
		return nil, errors.New("openapi has no default host: pass --base-url")
	}
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("openapi: base URL %q must look like https://host[:port]", base)
	}
	if cfg.Token == "" {
		return nil, errors.New("openapi: no open-access-token")
	}
	if strings.ContainsAny(cfg.Token, "\r\n") {
		return nil, errors.New("openapi: the open-access-token contains a line break")
	}
	return &Client{endpoint: base + Path, token: cfg.Token, agent: cfg.UserAgent, http: cfg.Client()}, nil
}

// Grouping: consecutive rows with the same order_key form one order, of any
// size; the API is not idempotent.
func (c *Client) Grouping() providers.Grouping {
	return providers.Grouping{Adjacent: true, MaxRows: 0, Idempotent: false}
}

// AppendOrderKey appends the order_key value.
func (c *Client) AppendOrderKey(dst []byte, r providers.Record) []byte {
	return append(dst, r.Value(FieldOrderKey)...)
}

// Submit creates one order whose items are o's rows. Every text of the answer is
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
	rep, perr := providers.PostJSON(ctx, c.http, c.endpoint, "open-access-token", c.token, c.agent, req)
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
