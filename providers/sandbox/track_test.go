package sandbox

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// created makes the sandbox create an order of two consignees (ids 1000111
// and 77788111), the second in a forbidden zone.
func created(t *testing.T, s *Server) {
	t.Helper()
	body := validDamaijia()
	body["consignees"] = append(body["consignees"].([]any), map[string]any{
		"site_order_consignee_id": 77788111, "consignee": "李四", "mobile": "13800138000",
		"province": "北京", "city": "北京市", "district": "朝阳区", "address": "测试路1号",
		"platform_order_sn": "00000000002",
	})
	if _, got := call(t, s, DamaijiaPath, dmjHeaders(), body); got["status"] != 0.0 {
		t.Fatalf("create: %v", got)
	}
}

// packagesOf asks the sandbox for ids and returns the answer's packages by
// id.
func packagesOf(t *testing.T, s *Server, ids ...any) map[string]map[string]any {
	t.Helper()
	code, got := call(t, s, DamaijiaTrackPath, dmjHeaders(), map[string]any{"site_order_consignee_ids": ids})
	if code != http.StatusOK || got["status"] != 0.0 {
		t.Fatalf("track %v: HTTP %d %v", ids, code, got)
	}
	out := map[string]map[string]any{}
	for _, p := range got["data"].([]any) {
		m := p.(map[string]any)
		out[m["site_order_consignee_id"].(string)] = m
	}
	return out
}

func TestTrackPackagesMoveByShip(t *testing.T) {
	s := New(Options{Token: token, ForbiddenProvinces: []string{"北京"}})
	created(t, s)
	got := packagesOf(t, s, 1000111, "77788111", 999)
	if len(got) != 2 {
		t.Fatalf("answer %v: want the two created consignees, not the unknown 999", got)
	}
	if p := got["1000111"]; p["status"] != PackageAwaitingShipment || p["express_no"] != "" || p["express_company_name"] != "" {
		t.Errorf("before shipping: %v", p)
	}
	if p := got["77788111"]; p["status"] != PackageCancelled {
		t.Errorf("the refused consignee's package: %v, want cancelled", p)
	}
	if n := s.Ship(0); n != 1 {
		t.Fatalf("Ship shipped %d, want 1", n)
	}
	p := packagesOf(t, s, 1000111)["1000111"]
	if p["status"] != PackageShipped || p["express_company_name"] != SandboxCourier || !strings.HasPrefix(p["express_no"].(string), "SB") {
		t.Errorf("after shipping: %v", p)
	}
	if st := s.Stats(); st.TrackRequests != 2 || st.PackagesShipped != 1 {
		t.Errorf("stats %+v", st)
	}
}

func TestTrackShipAfterTime(t *testing.T) {
	var mu sync.Mutex
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	s := New(Options{Token: token, ShipAfter: time.Hour, Clock: clock})
	created(t, s)
	cases := []struct {
		name  string
		after time.Duration
		want  string
	}{
		{"just created", 0, PackageAwaitingShipment},
		{"a minute short", 59 * time.Minute, PackageAwaitingShipment},
		{"due", time.Hour, PackageShipped},
	}
	start := now
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			mu.Lock()
			now = start.Add(c.after)
			mu.Unlock()
			if p := packagesOf(t, s, 1000111)["1000111"]; p["status"] != c.want {
				t.Errorf("%s after creation: %v, want %s", c.after, p, c.want)
			}
		})
	}
}

func TestTrackRefusals(t *testing.T) {
	s := New(Options{Token: token})
	created(t, s)
	cases := []struct {
		name   string
		hdr    map[string]string
		body   any
		status float64
	}{
		{"wrong token", map[string]string{"Authorization": "nope", "Content-Type": "application/json"}, map[string]any{"site_order_consignee_ids": []any{1}}, 200},
		{"no token", map[string]string{"Content-Type": "application/json"}, map[string]any{"site_order_consignee_ids": []any{1}}, 200},
		{"not JSON", map[string]string{"Authorization": token, "Content-Type": "text/plain"}, map[string]any{"site_order_consignee_ids": []any{1}}, 132},
		{"broken JSON", dmjHeaders(), "{", 132},
		{"no ids", dmjHeaders(), map[string]any{}, 422},
		{"empty ids", dmjHeaders(), map[string]any{"site_order_consignee_ids": []any{}}, 422},
		{"not an integer", dmjHeaders(), map[string]any{"site_order_consignee_ids": []any{"12a"}}, 422},
		{"negative", dmjHeaders(), map[string]any{"site_order_consignee_ids": []any{-4}}, 422},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, got := call(t, s, DamaijiaTrackPath, c.hdr, c.body)
			if code != http.StatusOK || got["status"] != c.status {
				t.Errorf("HTTP %d %v, want status %v", code, got, c.status)
			}
		})
	}
}

func TestShipEndpoint(t *testing.T) {
	s := New(Options{Token: token})
	created(t, s)
	body := validDamaijia()
	body["site_order_id"] = 1000222
	consignee0(body)["site_order_consignee_id"] = "1000333"
	if _, got := call(t, s, DamaijiaPath, dmjHeaders(), body); got["status"] != 0.0 {
		t.Fatalf("create: %v", got)
	}
	srv := httptest.NewServer(s)
	defer srv.Close()
	post := func(query, tok string) (int, string) {
		req, _ := http.NewRequest(http.MethodPost, srv.URL+ShipPath+query, nil)
		if tok != "" {
			req.Header.Set("Authorization", tok)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var b strings.Builder
		buf := make([]byte, 512)
		n, _ := resp.Body.Read(buf)
		b.Write(buf[:n])
		return resp.StatusCode, b.String()
	}
	if code, body := post("", "wrong"); code != http.StatusOK || !strings.Contains(body, `"status":200`) {
		t.Errorf("wrong token: %d %s", code, body)
	}
	if code, _ := post("?n=0", token); code != http.StatusBadRequest {
		t.Errorf("n=0: %d", code)
	}
	if code, body := post("?n=1", token); code != http.StatusOK || !strings.Contains(body, `"shipped":1`) {
		t.Errorf("n=1: %d %s", code, body)
	}
	got := packagesOf(t, s, 1000111, 1000333)
	if got["1000111"]["status"] != PackageShipped || got["1000333"]["status"] != PackageAwaitingShipment {
		t.Errorf("after shipping the oldest: %v", got)
	}
	if code, body := post("", token); code != http.StatusOK || !strings.Contains(body, `"shipped":2`) {
		t.Errorf("ship all (77788111 and 1000333): %d %s", code, body)
	}
	if st := s.Stats(); st.Requests != 3 { // 2 orders, 1 status request: the control is not counted
		t.Errorf("requests %d", st.Requests)
	}
}

func TestSetPackageStatus(t *testing.T) {
	s := New(Options{Token: token})
	created(t, s)
	if s.SetPackageStatus(42, PackageShipped) {
		t.Error("an unknown consignee's package was set")
	}
	if !s.SetPackageStatus(1000111, PackageCancelled) {
		t.Fatal("not set")
	}
	if p := packagesOf(t, s, 1000111)["1000111"]; p["status"] != PackageCancelled {
		t.Errorf("got %v", p)
	}
	if ps := s.Packages(); len(ps) != 2 || ps[0].SiteOrderConsigneeID != 1000111 {
		t.Errorf("packages %+v", ps)
	}
}

func TestTrackEndpointGetsFaults(t *testing.T) {
	s := New(Options{Token: token, Fail5xx: 1})
	code, _ := call(t, s, DamaijiaTrackPath, dmjHeaders(), map[string]any{"site_order_consignee_ids": []any{1}})
	if code != http.StatusBadGateway || s.Stats().Injected5xx != 1 {
		t.Errorf("HTTP %d, stats %+v: the status endpoint must get the injected faults too", code, s.Stats())
	}
}
