package damaijia

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"orderimport/providers"
)

// TrackPath is the package-status endpoint, POST
// {"site_order_consignee_ids": [...]}, under the same Authorization header
// as order_create.
const TrackPath = "/vv/external/get_packages_status"

// TrackBatch is how many consignee ids one status request carries. The
// server's source shows no limit; 100 keeps a request small (about 2 KB)
// and an answer well under providers.MaxBody, and asks for two orders of
// the default --batch at once.
const TrackBatch = 100

// trackRequest is the JSON body of get_packages_status.
type trackRequest struct {
	IDs []int64 `json:"site_order_consignee_ids"`
}

// packageData is the answer about one package.
type packageData struct {
	SiteOrderConsigneeID providers.Text `json:"site_order_consignee_id"`
	Status               providers.Text `json:"status"`
	ExpressCompanyName   providers.Text `json:"express_company_name"`
	ExpressNo            providers.Text `json:"express_no"`
}

// TrackBatch implements providers.Tracker.
func (c *Client) TrackBatch() int { return TrackBatch }

// Track implements providers.Tracker: one get_packages_status request for
// ids. Every text of the answer is scrubbed of the token.
func (c *Client) Track(ctx context.Context, ids []int64) ([]providers.Package, error) {
	pkgs, err := c.track(ctx, ids)
	if err != nil {
		return providers.ScrubPackages(nil, err, c.token)
	}
	return providers.ScrubPackages(pkgs, nil, c.token)
}

func (c *Client) track(ctx context.Context, ids []int64) ([]providers.Package, error) {
	rep, perr := providers.PostJSON(ctx, c.http, c.trackEndpoint, "Authorization", c.token, c.agent, trackRequest{IDs: ids})
	if perr != nil {
		return nil, perr
	}
	data, perr := envelopeData(rep, c.token)
	if perr != nil {
		return nil, perr
	}
	items, ok := packageItems(data)
	if !ok {
		return nil, &providers.Error{Class: providers.Transient, Code: "0", Msg: "status 0 but the packages could not be read"}
	}
	asked := make(map[int64]bool, len(ids))
	for _, id := range ids {
		asked[id] = true
	}
	var out []providers.Package
	for _, it := range items {
		id, err := strconv.ParseInt(strings.TrimSpace(string(it.SiteOrderConsigneeID)), 10, 64)
		if err != nil || !asked[id] {
			continue // not a package of ours: never guessed by position
		}
		code := strings.TrimSpace(string(it.Status))
		out = append(out, providers.Package{RowID: id, State: packageState(code), Code: code,
			Company: strings.TrimSpace(string(it.ExpressCompanyName)), ExpressNo: strings.TrimSpace(string(it.ExpressNo))})
	}
	return out, nil
}

// envelopeData checks an answer's HTTP status and envelope, classifying a
// failure as order_create's are (statusError, providers.HTTPError), and
// returns the data of a status-0 answer.
func envelopeData(r providers.Reply, token string) (json.RawMessage, *providers.Error) {
	if r.Status != http.StatusOK {
		return nil, providers.HTTPError(r, "unexpected HTTP status")
	}
	var env envelope
	if err := json.Unmarshal(r.Body, &env); err != nil || env.Status == nil {
		return nil, providers.HTTPError(r, "answer is not a damaijia JSON envelope")
	}
	if status := string(*env.Status); status != "0" {
		msg := string(env.Err)
		if msg == "" {
			msg = string(env.Msg)
		}
		return nil, statusError(status, providers.Scrub(msg, token))
	}
	return env.Data, nil
}

// packageItems reads the packages of an answer's data liberally, since the
// API text does not draw it: an array of package objects (what the server's
// source builds, and the sandbox answers), or an object keyed by
// site_order_consignee_id whose values are a package or an array of them
// (PHP's associative arrays), or an object holding such an array under any
// key ({"list": [...]}). Empty data ([], {}, null) is no package. ok is
// false when the data is none of these.
func packageItems(data json.RawMessage) ([]packageData, bool) {
	raw := strings.TrimSpace(string(data))
	if raw == "" || raw == "null" || raw == `""` {
		return nil, true
	}
	var list []packageData
	if err := json.Unmarshal(data, &list); err == nil {
		return list, true
	}
	var byKey map[string]json.RawMessage
	if err := json.Unmarshal(data, &byKey); err != nil {
		return nil, false
	}
	var out []packageData
	for key, v := range byKey {
		items, ok := keyedItems(v)
		if !ok {
			return nil, false
		}
		for _, it := range items {
			if strings.TrimSpace(string(it.SiteOrderConsigneeID)) == "" {
				it.SiteOrderConsigneeID = providers.Text(key)
			}
			out = append(out, it)
		}
	}
	return out, true
}

// keyedItems reads one value of an object of packages: a package or an
// array of packages.
func keyedItems(v json.RawMessage) ([]packageData, bool) {
	var one packageData
	switch t := strings.TrimSpace(string(v)); {
	case !strings.HasPrefix(t, "[") && !strings.HasPrefix(t, "{"):
		return nil, true // a count or a flag beside the packages
	case strings.HasPrefix(t, "{"):
		if err := json.Unmarshal(v, &one); err != nil {
			return nil, false
		}
		return []packageData{one}, true
	}
	var list []packageData
	if err := json.Unmarshal(v, &list); err != nil {
		return nil, false
	}
	return list, true
}

// packageState maps damaijia's package status to the importer's.
func packageState(code string) providers.PackageState {
	switch strings.ToLower(code) {
	case "f":
		return providers.PackageAwaitingPayment
	case "p":
		return providers.PackageAwaitingShipment
	case "s":
		return providers.PackageShipped
	case "c":
		return providers.PackageCancelled
	}
	return providers.PackageOther
}

var _ providers.Tracker = (*Client)(nil)
