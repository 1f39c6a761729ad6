package damaijia

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"orderimport/providers"
)

func TestTrackRequestShape(t *testing.T) {
	var got map[string]any
	var hdr http.Header
	var path string
	c := newClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hdr, path = r.Header.Clone(), r.URL.Path
		if err := json.NewDecoder(r.Body).Decode(&got); err != nil {
			t.Errorf("decode body: %v", err)
		}
		w.Write([]byte(`{"status":0,"data":[]}`))
	}))
	if _, err := c.Track(context.Background(), []int64{88888111, 77788111}); err != nil {
		t.Fatal(err)
	}
	if path != TrackPath || hdr.Get("Authorization") != testToken || hdr.Get("Content-Type") != "application/json" {
		t.Errorf("POST %s with %v", path, hdr)
	}
	ids, _ := got["site_order_consignee_ids"].([]any)
	if len(got) != 1 || len(ids) != 2 || ids[0] != float64(88888111) || ids[1] != float64(77788111) {
		t.Errorf("body %v", got)
	}
	if c.TrackBatch() != TrackBatch {
		t.Errorf("TrackBatch %d", c.TrackBatch())
	}
}

func TestTrackAnswerShapes(t *testing.T) {
	shipped := providers.Package{RowID: 11, State: providers.PackageShipped, Code: "s", Company: "顺丰速运", ExpressNo: "SF1234567890"}
	waiting := providers.Package{RowID: 12, State: providers.PackageAwaitingShipment, Code: "p"}
	cases := []struct {
		name string
		data string
		want []providers.Package
	}{
		{"array (the server's source)", `[{"site_order_consignee_id":"11","status":"s","express_company_name":"顺丰速运","express_no":"SF1234567890"},
			{"site_order_consignee_id":12,"status":"p","express_company_name":null,"express_no":""}]`, []providers.Package{shipped, waiting}},
		{"object keyed by id", `{"11":{"status":"s","express_company_name":"顺丰速运","express_no":"SF1234567890"},"12":{"status":"p"}}`,
			[]providers.Package{shipped, waiting}},
		{"object of arrays", `{"11":[{"status":"s","express_company_name":"顺丰速运","express_no":"SF1234567890"}],"12":[{"status":"p"}]}`,
			[]providers.Package{shipped, waiting}},
		{"a list beside a count", `{"total":2,"list":[{"site_order_consignee_id":11,"status":"S","express_company_name":"顺丰速运","express_no":"SF1234567890"},
			{"site_order_consignee_id":12,"status":"p"}]}`, []providers.Package{{RowID: 11, State: providers.PackageShipped, Code: "S",
			Company: "顺丰速运", ExpressNo: "SF1234567890"}, waiting}},
		{"two packages of one consignee", `[{"site_order_consignee_id":11,"status":"s","express_no":"A1"},{"site_order_consignee_id":11,"status":"p"}]`,
			[]providers.Package{{RowID: 11, State: providers.PackageShipped, Code: "s", ExpressNo: "A1"}, {RowID: 11, State: providers.PackageAwaitingShipment, Code: "p"}}},
		{"unknown status kept", `[{"site_order_consignee_id":11,"status":"x9"}]`, []providers.Package{{RowID: 11, State: providers.PackageOther, Code: "x9"}}},
		{"awaiting payment and cancelled", `[{"site_order_consignee_id":11,"status":"f"},{"site_order_consignee_id":12,"status":"c"}]`,
			[]providers.Package{{RowID: 11, State: providers.PackageAwaitingPayment, Code: "f"}, {RowID: 12, State: providers.PackageCancelled, Code: "c"}}},
		{"ids not asked for are left out", `[{"site_order_consignee_id":99,"status":"s"},{"status":"s"},{"site_order_consignee_id":12,"status":"p"}]`,
			[]providers.Package{waiting}},
		{"empty array", `[]`, nil},
		{"null", `null`, nil},
		{"empty object", `{}`, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cl := newClient(t, answer(`{"status":0,"data":`+c.data+`}`))
			got, err := cl.Track(context.Background(), []int64{11, 12})
			if err != nil {
				t.Fatal(err)
			}
			slices.SortStableFunc(got, func(a, b providers.Package) int { return int(a.RowID - b.RowID) })
			if !slices.Equal(got, c.want) {
				t.Errorf("got %+v\nwant %+v", got, c.want)
			}
		})
	}
}

func TestTrackErrors(t *testing.T) {
	cases := []struct {
		name       string
		status     int
		header     map[string]string
		body       string
		class      providers.Class
		retryAfter time.Duration
	}{
		{"auth failed stops the run", 200, nil, `{"status":200,"err":"认证失败"}`, providers.Fatal, 0},
		{"too frequent is transient", 200, nil, `{"status":160,"err":"请求过于频繁"}`, providers.Transient, 0},
		{"invalid parameters refused", 200, nil, `{"status":422,"err":"参数列表不合法"}`, providers.Permanent, 0},
		{"HTTP 502 gateway page", 502, nil, `<html>502</html>`, providers.Transient, 0},
		{"HTTP 429 with Retry-After", 429, map[string]string{"Retry-After": "7"}, `too many`, providers.Transient, 7 * time.Second},
		{"not an envelope", 200, nil, `<html>maintenance</html>`, providers.Transient, 0},
		{"unreadable data", 200, nil, `{"status":0,"data":"oops"}`, providers.Transient, 0},
		{"an array of numbers", 200, nil, `{"status":0,"data":[1,2]}`, providers.Transient, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cl := newClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				for k, v := range c.header {
					w.Header().Set(k, v)
				}
				w.WriteHeader(c.status)
				w.Write([]byte(c.body))
			}))
			_, err := cl.Track(context.Background(), []int64{11})
			var pe *providers.Error
			if !errors.As(err, &pe) {
				t.Fatalf("error %T %v, want a *providers.Error", err, err)
			}
			if pe.Class != c.class || pe.RetryAfter != c.retryAfter {
				t.Errorf("class %v retry-after %v (%v), want %v %v", pe.Class, pe.RetryAfter, pe, c.class, c.retryAfter)
			}
		})
	}
}

func TestTrackScrubsTheToken(t *testing.T) {
	cl := newClient(t, answer(`{"status":0,"data":[{"site_order_consignee_id":11,"status":"s","express_company_name":"`+testToken+`","express_no":"x`+testToken+`"}]}`))
	got, err := cl.Track(context.Background(), []int64{11})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || strings.Contains(got[0].Company+got[0].ExpressNo, testToken) {
		t.Errorf("the token reached the packages: %+v", got)
	}
	cl = newClient(t, answer(`{"status":422,"err":"bad `+testToken+`"}`))
	if _, err := cl.Track(context.Background(), []int64{11}); err == nil || strings.Contains(err.Error(), testToken) {
		t.Errorf("error %v", err)
	}
}
