package damaijia

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

const testToken = "tok-secret-4703691108576a"

// record builds a valid record; sender fields are left blank.
func record(platformSN string) providers.Record {
	v := make([]string, fieldCount)
	v[FieldProductID] = "614"
	v[FieldProductNumber] = "2"
	v[FieldSource] = "taobao"
	v[FieldRemark] = "测试备注"
	v[FieldConsignee] = "张三"
	v[FieldMobile] = "13800138000"
	v[FieldProvince] = "浙江省"
	v[FieldCity] = "杭州市"
	v[FieldDistrict] = "余杭区"
	v[FieldAddress] = "梦想大道108号"
	v[FieldPlatformOrderSN] = platformSN
	return providers.Record{Values: v}
}

func testOrder() providers.Order {
	return providers.Order{ID: 1000111, Rows: []providers.OrderRow{
		{ID: 88888111, Record: record("00000000001")},
		{ID: 77788111, Record: record("00000000002")},
	}}
}

func newClient(t *testing.T, h http.Handler) *Client {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	c, err := New(providers.Config{BaseURL: srv.URL, Token: testToken}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func answer(body string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, body)
	}
}

// submitErr submits testOrder and returns its *providers.Error.
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

func TestRequestShape(t *testing.T) {
	var got map[string]any
	var hdr http.Header
	var path, method string
	c := newClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hdr, path, method = r.Header.Clone(), r.URL.Path, r.Method
		if err := json.NewDecoder(r.Body).Decode(&got); err != nil {
			t.Errorf("decode body: %v", err)
		}
		_, _ = io.WriteString(w, `{"status":0,"data":{"order_id":1,"order_sn":"1","consignees":[]}}`)
	}))
	if _, err := c.Submit(context.Background(), testOrder()); err != nil {
		t.Fatal(err)
	}
	if method != http.MethodPost || path != Path {
		t.Errorf("got %s %s, want POST %s", method, path, Path)
	}
	if hdr.Get("Authorization") != testToken {
		t.Errorf("Authorization = %q", hdr.Get("Authorization"))
	}
	if hdr.Get("Content-Type") != "application/json" {
		t.Errorf("Content-Type = %q", hdr.Get("Content-Type"))
	}
	want := map[string]any{
		"product_id": float64(614), "site_order_id": float64(1000111), "product_number": float64(2),
		"remark": "测试备注", "source": "taobao",
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %#v, want %#v", k, got[k], v)
		}
	}
	if _, ok := got["consigners"]; ok {
		t.Error("consigners sent although no sender field is filled")
	}
	cs, ok := got["consignees"].([]any)
	if !ok || len(cs) != 2 {
		t.Fatalf("consignees = %#v", got["consignees"])
	}
	c0 := cs[0].(map[string]any)
	wantC := map[string]any{
		"site_order_consignee_id": float64(88888111), "consignee": "张三", "mobile": "13800138000",
		"province": "浙江省", "city": "杭州市", "district": "余杭区", "address": "梦想大道108号",
		"platform_order_sn": "00000000001",
	}
	if len(c0) != len(wantC) {
		t.Errorf("consignee has keys %v, want %d keys", c0, len(wantC))
	}
	for k, v := range wantC {
		if c0[k] != v {
			t.Errorf("consignees[0].%s = %#v, want %#v", k, c0[k], v)
		}
	}
	if len(got) != 6 {
		t.Errorf("body has %d keys, want 6: %v", len(got), got)
	}
}

func TestConsignersIsOneObject(t *testing.T) {
	var got map[string]any
	c := newClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = json.NewDecoder(r.Body).Decode(&got)
		_, _ = io.WriteString(w, `{"status":0,"data":{"order_id":1,"order_sn":"1","consignees":[]}}`)
	}))
	o := testOrder()
	for _, row := range o.Rows {
		row.Record.Values[FieldConsigner] = "李四"
		row.Record.Values[FieldConsignerMobile] = "13900139000"
	}
	if _, err := c.Submit(context.Background(), o); err != nil {
		t.Fatal(err)
	}
	obj, ok := got["consigners"].(map[string]any)
	if !ok {
		t.Fatalf("consigners = %#v, want an object", got["consigners"])
	}
	want := map[string]any{"consigner": "李四", "mobile": "13900139000", "province": "", "city": "", "district": "", "address": ""}
	for k, v := range want {
		if obj[k] != v {
			t.Errorf("consigners.%s = %#v, want %#v", k, obj[k], v)
		}
	}
}

func TestSubmitOutcome(t *testing.T) {
	tests := []struct {
		name string
		body string
		want providers.Outcome
	}{
		{
			name: "document example ids as strings",
			body: `{"data":{"order_id":360,"order_sn":"2021020411023208680132","consignees":[
				{"site_order_consignee_id":"88888111","forbidden_zone":"","msg_code":2000,"msg":"","amount":1},
				{"site_order_consignee_id":"77788111","forbidden_zone":"","msg_code":2000,"msg":"","amount":1}]},"status":0}`,
			want: providers.Outcome{OrderID: "360", OrderSN: "2021020411023208680132", Rows: []providers.RowOutcome{
				{OK: true, MsgCode: "2000", Amount: 1}, {OK: true, MsgCode: "2000", Amount: 1}}},
		},
		{
			name: "partial 2001 with numeric ids and string codes, answer reordered",
			body: `{"status":0,"data":{"order_id":"361","order_sn":"2021020411023208680133","consignees":[
				{"site_order_consignee_id":77788111,"forbidden_zone":"","msg_code":"2000","msg":""},
				{"site_order_consignee_id":88888111,"forbidden_zone":"北京/北京市","msg_code":"2001","msg":"该地区已禁发"}]}}`,
			want: providers.Outcome{OrderID: "361", OrderSN: "2021020411023208680133", Rows: []providers.RowOutcome{
				{MsgCode: "2001", Msg: "该地区已禁发", ForbiddenZone: "北京/北京市"}, {OK: true, MsgCode: "2000"}}},
		},
		{
			name: "unknown msg_code and a missing consignee",
			body: `{"status":0,"data":{"order_id":362,"order_sn":"x","consignees":[
				{"site_order_consignee_id":88888111,"msg_code":2003,"msg":"其他错误"}]}}`,
			want: providers.Outcome{OrderID: "362", OrderSN: "x", Rows: []providers.RowOutcome{
				{MsgCode: "2003", Msg: "其他错误"}, {Unknown: true}}},
		},
		{
			name: "2001 without msg",
			body: `{"status":0,"data":{"order_id":363,"order_sn":"y","consignees":[
				{"site_order_consignee_id":88888111,"msg_code":2001,"forbidden_zone":"新疆/乌鲁木齐市"},
				{"site_order_consignee_id":77788111,"msg_code":2000}]}}`,
			want: providers.Outcome{OrderID: "363", OrderSN: "y", Rows: []providers.RowOutcome{
				{MsgCode: "2001", Msg: "发货地已禁发 (forbidden zone)", ForbiddenZone: "新疆/乌鲁木齐市"}, {OK: true, MsgCode: "2000"}}},
		},
		{
			// Status 0: the order exists, but nothing says which answer is
			// which row: a guess by position could mark a refused row ok.
			name: "renumbered ids: unknown, not matched by position",
			body: `{"status":0,"data":{"order_id":364,"order_sn":"z","consignees":[
				{"site_order_consignee_id":1,"msg_code":2000},{"site_order_consignee_id":2,"msg_code":2001}]}}`,
			want: providers.Outcome{OrderID: "364", OrderSN: "z", Rows: []providers.RowOutcome{{Unknown: true}, {Unknown: true}}},
		},
		{
			name: "status 0 without data",
			body: `{"status":0}`,
			want: providers.Outcome{Rows: []providers.RowOutcome{{Unknown: true}, {Unknown: true}}},
		},
		{
			name: "status 0 with an empty data array",
			body: `{"status":0,"data":[]}`,
			want: providers.Outcome{Rows: []providers.RowOutcome{{Unknown: true}, {Unknown: true}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newClient(t, answer(tt.body))
			got, err := c.Submit(context.Background(), testOrder())
			if err != nil {
				t.Fatal(err)
			}
			if got.OrderID != tt.want.OrderID || got.OrderSN != tt.want.OrderSN || len(got.Rows) != len(tt.want.Rows) {
				t.Fatalf("got %+v, want %+v", got, tt.want)
			}
			for i := range got.Rows {
				if got.Rows[i] != tt.want.Rows[i] {
					t.Errorf("row %d = %+v, want %+v", i, got.Rows[i], tt.want.Rows[i])
				}
			}
		})
	}
}

func TestStatusClassification(t *testing.T) {
	tests := []struct {
		status string
		class  providers.Class
		exists bool
	}{
		{"160", providers.Transient, false},
		{"200", providers.Fatal, false},
		{"209", providers.Fatal, false},
		{"161", providers.Fatal, false},
		{"201", providers.Fatal, false},
		{"234", providers.Permanent, true},
		{"132", providers.Permanent, false},
		{"422", providers.Permanent, false},
		{"202", providers.Permanent, false},
		{"203", providers.Permanent, false},
		{"204", providers.Permanent, false},
		{"205", providers.Permanent, false},
		{"206", providers.Permanent, false},
		{"210", providers.Permanent, false},
		{"226", providers.Permanent, false},
		{"228", providers.Permanent, false},
		{"229", providers.Permanent, false},
		{"230", providers.Permanent, false},
		{"231", providers.Permanent, false},
		{"232", providers.Permanent, false},
		{"233", providers.Permanent, false},
		{"235", providers.Permanent, false},
		{"236", providers.Permanent, false},
		{"429", providers.Permanent, false},
		{"999", providers.Permanent, false},
		{`"422"`, providers.Permanent, false},
	}
	for _, tt := range tests {
		t.Run(tt.status, func(t *testing.T) {
			c := newClient(t, answer(`{"status":`+tt.status+`,"err":"服务端说明 `+testToken+`","data":[]}`))
			pe := submitErr(t, c)
			if pe.Class != tt.class {
				t.Errorf("class = %v, want %v", pe.Class, tt.class)
			}
			if want := strings.Trim(tt.status, `"`); pe.Code != want {
				t.Errorf("code = %q, want %q", pe.Code, want)
			}
			if errors.Is(pe, providers.ErrAlreadyExists) != tt.exists {
				t.Errorf("errors.Is(ErrAlreadyExists) = %v, want %v", !tt.exists, tt.exists)
			}
			if !strings.Contains(pe.Msg, "服务端说明") {
				t.Errorf("msg %q lost the provider's err text", pe.Msg)
			}
			if pe.MaybeCreated {
				t.Error("MaybeCreated set for an explicit refusal")
			}
		})
	}
}

func TestFatalMessagesSayWhatToDo(t *testing.T) {
	for status, word := range map[string]string{"200": "token", "209": "top up", "161": "tomorrow", "201": "support"} {
		t.Run(status, func(t *testing.T) {
			pe := submitErr(t, newClient(t, answer(`{"status":`+status+`,"err":""}`)))
			if !strings.Contains(pe.Msg, word) {
				t.Errorf("msg %q does not mention %q", pe.Msg, word)
			}
		})
	}
}

func TestHTTPFailures(t *testing.T) {
	date := time.Now().Add(30 * time.Second).UTC().Format(http.TimeFormat)
	tests := []struct {
		name         string
		status       int
		header       map[string]string
		body         string
		code         string
		maybeCreated bool
		retryMin     time.Duration
		retryMax     time.Duration
	}{
		{name: "500", status: 500, body: "oops", code: "http 500", maybeCreated: true},
		{name: "502 with a JSON error body", status: 502, body: `{"status":200}`, code: "http 502", maybeCreated: true},
		{name: "429 seconds", status: 429, header: map[string]string{"Retry-After": "7"}, code: "http 429",
			retryMin: 7 * time.Second, retryMax: 7 * time.Second},
		{name: "429 date", status: 429, header: map[string]string{"Retry-After": date}, code: "http 429",
			retryMin: 20 * time.Second, retryMax: 31 * time.Second},
		{name: "429 without Retry-After", status: 429, code: "http 429"},
		{name: "404", status: 404, body: "not found", code: "http 404"},
		{name: "200 HTML", status: 200, body: "<html>gateway</html>", code: "http 200", maybeCreated: true},
		{name: "200 JSON without status", status: 200, body: `{"data":{}}`, code: "http 200", maybeCreated: true},
		{name: "200 empty", status: 200, code: "http 200", maybeCreated: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				for k, v := range tt.header {
					w.Header().Set(k, v)
				}
				w.WriteHeader(tt.status)
				_, _ = io.WriteString(w, tt.body)
			}))
			pe := submitErr(t, c)
			if pe.Class != providers.Transient || pe.Code != tt.code || pe.MaybeCreated != tt.maybeCreated {
				t.Errorf("got class %v code %q maybeCreated %v, want transient %q %v",
					pe.Class, pe.Code, pe.MaybeCreated, tt.code, tt.maybeCreated)
			}
			if pe.RetryAfter < tt.retryMin || pe.RetryAfter > tt.retryMax {
				t.Errorf("RetryAfter = %v, want %v..%v", pe.RetryAfter, tt.retryMin, tt.retryMax)
			}
		})
	}
}

func TestOversizedAnswer(t *testing.T) {
	c := newClient(t, answer(`{"status":0,"data":"`+strings.Repeat("x", providers.MaxBody)+`"}`))
	if pe := submitErr(t, c); pe.Class != providers.Transient || !pe.MaybeCreated {
		t.Errorf("got %+v", pe)
	}
}

func TestLostAnswer(t *testing.T) {
	c := newClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		conn, _, err := w.(http.Hijacker).Hijack()
		if err != nil {
			t.Error(err)
			return
		}
		_ = conn.Close()
	}))
	pe := submitErr(t, c)
	if pe.Class != providers.Transient || !pe.MaybeCreated {
		t.Errorf("got class %v maybeCreated %v, want transient, maybe created", pe.Class, pe.MaybeCreated)
	}
}

func TestTimeoutWhileWaiting(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	c := newClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	_, err := c.Submit(ctx, testOrder())
	var pe *providers.Error
	if !errors.As(err, &pe) || pe.Class != providers.Transient || !pe.MaybeCreated {
		t.Fatalf("got %v, want transient maybe-created", err)
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error %v does not wrap context.DeadlineExceeded", err)
	}
}

func TestConnectionRefused(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	base := srv.URL
	srv.Close()
	c, err := New(providers.Config{BaseURL: base, Token: testToken}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	pe := submitErr(t, c)
	if pe.Class != providers.Transient || pe.MaybeCreated {
		t.Errorf("got class %v maybeCreated %v, want transient, not created", pe.Class, pe.MaybeCreated)
	}
}

func TestBadOrderIsPermanentAndNotSent(t *testing.T) {
	var sent atomic.Bool
	c := newClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { sent.Store(true) }))
	bad := testOrder()
	bad.Rows[0].Record.Values[FieldProductID] = "abc"
	for name, o := range map[string]providers.Order{"non-numeric product_id": bad, "no rows": {ID: 1}} {
		t.Run(name, func(t *testing.T) {
			if _, err := c.Submit(context.Background(), o); providers.ClassOf(err) != providers.Permanent {
				t.Errorf("got %v, want permanent", err)
			}
		})
	}
	if sent.Load() {
		t.Error("an invalid order was sent")
	}
}
