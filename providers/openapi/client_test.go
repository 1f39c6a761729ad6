package openapi

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"orderimport/providers"
)

const testToken = "open-secret-8f3a9c2d"

// record builds a valid row of order key with one item.
func record(key string, product, variant, qty string) providers.Record {
	v := make([]string, fieldCount)
	v[FieldOrderKey] = key
	v[FieldFirstName] = "三"
	v[FieldLastName] = "张"
	v[FieldPhone] = "13800138000"
	v[FieldAddress1] = "测试路1号"
	v[FieldCity] = "测试市"
	v[FieldCountryCode] = "CN"
	v[FieldEmail] = "test@example.com"
	v[FieldShippingMethodName] = "UPS"
	v[FieldProductID] = product
	v[FieldVariantID] = variant
	v[FieldQty] = qty
	return providers.Record{Values: v}
}

func testOrder() providers.Order {
	first := record("A1001", "658", "4400", "2")
	first.Values[FieldTags] = "vip, 复购、测试；"
	first.Values[FieldAddress2] = "5-6-102"
	first.Values[FieldShippingAmount] = "12"
	return providers.Order{ID: 1, Rows: []providers.OrderRow{
		{ID: 1, Record: first},
		{ID: 2, Record: record("A1001", "648", "4345", "4")},
	}}
}

func newClient(t *testing.T, h http.Handler) *Client {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	c, err := New(providers.Config{BaseURL: srv.URL, Token: testToken})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func answer(status int, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}
}

func submitErr(t *testing.T, c *Client) *providers.Error {
	t.Helper()
	_, err := c.Submit(context.Background(), testOrder())
	if err == nil {
		t.Fatal("Submit succeeded, want an error")
	}
	var pe *providers.Error
	if !errors.As(err, &pe) {
		t.Fatalf("error %T is not a *providers.Error: %v", err, err)
	}
	if strings.Contains(err.Error(), testToken) {
		t.Fatalf("error text holds the token: %v", err)
	}
	return pe
}

const okBody = `{"code":200,"data":{"order_id":46,"order_number":"A522103576670205"},"message":"success"}`

func TestRequestShape(t *testing.T) {
	var got map[string]any
	var hdr http.Header
	var path string
	c := newClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hdr, path = r.Header.Clone(), r.URL.Path
		if err := json.NewDecoder(r.Body).Decode(&got); err != nil {
			t.Errorf("decode: %v", err)
		}
		_, _ = io.WriteString(w, okBody)
	}))
	if _, err := c.Submit(context.Background(), testOrder()); err != nil {
		t.Fatal(err)
	}
	if path != Path || hdr.Get("open-access-token") != testToken || hdr.Get("Content-Type") != "application/json" {
		t.Errorf("path %q headers %v", path, hdr)
	}
	if hdr.Get("Authorization") != "" {
		t.Error("Authorization header sent")
	}
	if len(got) != 1 {
		t.Fatalf("body keys %v, want only order", got)
	}
	ord := got["order"].(map[string]any)
	want := map[string]any{
		"first_name": "三", "last_name": "张", "phone": "13800138000", "address_1": "测试路1号",
		"address_2": "5-6-102", "city": "测试市", "country_code": "CN", "email": "test@example.com",
		"shipping_method_name": "UPS", "shipping_amount": "12",
	}
	for k, v := range want {
		if ord[k] != v {
			t.Errorf("order.%s = %#v, want %#v", k, ord[k], v)
		}
	}
	for _, k := range []string{"province_code", "zip", "discount_amount", "note", "order_key"} {
		if _, ok := ord[k]; ok {
			t.Errorf("blank or unsent field %s is present", k)
		}
	}
	tags, _ := ord["tags"].([]any)
	if len(tags) != 3 || tags[0] != "vip" || tags[1] != "复购" || tags[2] != "测试" {
		t.Errorf("tags = %#v", ord["tags"])
	}
	items, _ := ord["items"].([]any)
	if len(items) != 2 {
		t.Fatalf("items = %#v", ord["items"])
	}
	it := items[1].(map[string]any)
	if it["product_id"] != float64(648) || it["variant_id"] != float64(4345) || it["qty"] != "4" || len(it) != 3 {
		t.Errorf("items[1] = %#v", it)
	}
	if len(ord) != len(want)+2 {
		t.Errorf("order has %d keys: %v", len(ord), ord)
	}
}

func TestNoTagsOmitted(t *testing.T) {
	var got map[string]map[string]any
	c := newClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = json.NewDecoder(r.Body).Decode(&got)
		_, _ = io.WriteString(w, okBody)
	}))
	o := providers.Order{Rows: []providers.OrderRow{{Record: record("k", "1", "2", "3")}}}
	o.Rows[0].Record.Values[FieldTags] = " , ；"
	if _, err := c.Submit(context.Background(), o); err != nil {
		t.Fatal(err)
	}
	if _, ok := got["order"]["tags"]; ok {
		t.Error("tags sent although blank")
	}
}

func TestSuccess(t *testing.T) {
	tests := []struct{ name, body, id string }{
		{"number id", okBody, "46"},
		{"string id and code", `{"code":"200","message":"success","data":{"order_id":"47","order_number":"A522103576670205"}}`, "47"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := newClient(t, answer(200, tt.body)).Submit(context.Background(), testOrder())
			if err != nil {
				t.Fatal(err)
			}
			if out.OrderID != tt.id || out.OrderSN != "A522103576670205" || len(out.Rows) != 2 {
				t.Fatalf("outcome %+v", out)
			}
			for _, r := range out.Rows {
				if r != (providers.RowOutcome{OK: true, MsgCode: "200", Msg: "success"}) {
					t.Errorf("row %+v", r)
				}
			}
		})
	}
}

func TestFailures(t *testing.T) {
	date := time.Now().Add(30 * time.Second).UTC().Format(http.TimeFormat)
	tests := []struct {
		name         string
		status       int
		header       string
		body         string
		class        providers.Class
		code         string
		maybeCreated bool
		retryAfter   bool
	}{
		{name: "code 401", status: 200, body: `{"code":401,"message":"token invalid"}`, class: providers.Fatal, code: "401"},
		{name: "code 403", status: 200, body: `{"code":403,"message":"no"}`, class: providers.Fatal, code: "403"},
		{name: "auth message", status: 200, body: `{"code":400,"message":"open-access-token 错误"}`, class: providers.Fatal, code: "400"},
		{name: "HTTP 401 JSON", status: 401, body: `{"code":401,"message":"Unauthenticated."}`, class: providers.Fatal, code: "401"},
		{name: "HTTP 401 HTML", status: 401, body: `<html>`, class: providers.Fatal, code: "http 401"},
		{name: "code 422", status: 200, body: `{"code":422,"message":"variant not found"}`, class: providers.Permanent, code: "422"},
		{name: "HTTP 422 JSON", status: 422, body: `{"code":422,"message":"The order.email field is required."}`, class: providers.Permanent, code: "422"},
		{name: "code 500 in body", status: 200, body: `{"code":500,"message":"error"}`, class: providers.Transient, code: "500", maybeCreated: true},
		{name: "code 429 in body", status: 200, body: `{"code":429,"message":"slow down"}`, class: providers.Transient, code: "429"},
		{name: "HTTP 500", status: 500, body: `oops`, class: providers.Transient, code: "http 500", maybeCreated: true},
		{name: "HTTP 502", status: 502, body: `{"code":200}`, class: providers.Transient, code: "http 502", maybeCreated: true},
		{name: "HTTP 429", status: 429, header: "3", class: providers.Transient, code: "http 429", retryAfter: true},
		{name: "HTTP 429 date", status: 429, header: date, class: providers.Transient, code: "http 429", retryAfter: true},
		{name: "HTML 200", status: 200, body: "<html>", class: providers.Transient, code: "http 200", maybeCreated: true},
		{name: "HTML 404", status: 404, body: "<html>", class: providers.Transient, code: "http 404"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if tt.header != "" {
					w.Header().Set("Retry-After", tt.header)
				}
				w.WriteHeader(tt.status)
				_, _ = io.WriteString(w, strings.ReplaceAll(tt.body, "message\":\"", "message\":\""+testToken+" "))
			}))
			pe := submitErr(t, c)
			if pe.Class != tt.class || pe.Code != tt.code || pe.MaybeCreated != tt.maybeCreated {
				t.Errorf("got %v %q maybeCreated=%v (%v), want %v %q %v", pe.Class, pe.Code, pe.MaybeCreated, pe, tt.class, tt.code, tt.maybeCreated)
			}
			if (pe.RetryAfter > 0) != tt.retryAfter {
				t.Errorf("RetryAfter = %v", pe.RetryAfter)
			}
		})
	}
}

func TestLostAnswer(t *testing.T) {
	c := newClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			_ = conn.Close()
		}
	}))
	if pe := submitErr(t, c); pe.Class != providers.Transient || !pe.MaybeCreated {
		t.Errorf("got %+v, want transient maybe-created", pe)
	}
}

func TestConnectionRefused(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	base := srv.URL
	srv.Close()
	c, err := New(providers.Config{BaseURL: base, Token: testToken})
	if err != nil {
		t.Fatal(err)
	}
	if pe := submitErr(t, c); pe.Class != providers.Transient || pe.MaybeCreated {
		t.Errorf("got %+v, want transient not created", pe)
	}
}

func TestBadOrderNotSent(t *testing.T) {
	var sent atomic.Bool
	c := newClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { sent.Store(true) }))
	bad := testOrder()
	bad.Rows[1].Record.Values[FieldQty] = "0"
	for name, o := range map[string]providers.Order{"qty 0": bad, "no rows": {}} {
		t.Run(name, func(t *testing.T) {
			if _, err := c.Submit(context.Background(), o); providers.ClassOf(err) != providers.Permanent {
				t.Errorf("got %v, want permanent", err)
			}
		})
	}
	if sent.Load() {
		t.Error("invalid order sent")
	}
}

func TestNew(t *testing.T) {
	if _, err := New(providers.Config{Token: "t"}); err == nil || !strings.Contains(err.Error(), "--base-url") {
		t.Errorf("empty base URL: %v", err)
	}
	if _, err := New(providers.Config{BaseURL: "http://x.test"}); err == nil {
		t.Error("no token accepted")
	}
	c, err := New(providers.Config{BaseURL: "https://shop.test/", Token: "t"})
	if err != nil {
		t.Fatal(err)
	}
	if g := c.Grouping(); !g.Adjacent || g.MaxRows != 0 || g.Idempotent {
		t.Errorf("grouping %+v", g)
	}
	if providers.OrderKey(c, record("K9", "1", "1", "1")) != "K9" {
		t.Error("order key")
	}
	fields := c.Fields()
	if len(fields) != fieldCount || fields[FieldOrderKey].Name != "order_key" || !fields[FieldOrderKey].NotSent ||
		fields[FieldQty].Name != "qty" || fields[FieldQty].Level != providers.RowLevel || fields[FieldEmail].Kind != providers.KindEmail {
		t.Errorf("fields %+v", fields)
	}
}
