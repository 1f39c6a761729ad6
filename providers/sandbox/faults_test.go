package sandbox

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"
)

// post sends a damaijia body with a fresh site_order_id over a real
// connection and returns the HTTP status, or an error when the connection
// was dropped.
func post(ctx context.Context, url string, id int) (int, error) {
	b := validDamaijia()
	b["site_order_id"] = id
	consignee0(b)["platform_order_sn"] = fmt.Sprintf("sn%06d", id)
	data, _ := json.Marshal(b)
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, url+DamaijiaPath, bytes.NewReader(data))
	req.Header.Set("Authorization", token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	return resp.StatusCode, nil
}

func TestFaultInjection(t *testing.T) {
	opts := Options{Seed: 42, Fail5xx: 0.1, Fail429: 0.1, DropBefore: 0.1, DropAfter: 0.1}
	run := func() (Stats, map[int]int, int) {
		s := New(opts)
		srv := httptest.NewServer(s)
		defer srv.Close()
		codes := map[int]int{}
		dropped := 0
		for i := 1; i <= 400; i++ {
			code, err := post(context.Background(), srv.URL, i)
			if err != nil {
				dropped++
				continue
			}
			codes[code]++
		}
		return s.Stats(), codes, dropped
	}
	st, codes, dropped := run()
	if st.Requests != 400 {
		t.Fatalf("requests = %d", st.Requests)
	}
	if codes[429] != st.Injected429 || codes[502] != st.Injected5xx || dropped != st.DroppedBefore+st.DroppedAfter {
		t.Errorf("answers %v dropped %d do not match stats %+v", codes, dropped, st)
	}
	if st.Created != codes[200]+st.DroppedAfter {
		t.Errorf("created %d, want %d answered + %d dropped after", st.Created, codes[200], st.DroppedAfter)
	}
	for name, n := range map[string]int{"429": st.Injected429, "502": st.Injected5xx, "drop before": st.DroppedBefore, "drop after": st.DroppedAfter} {
		if n < 15 || n > 70 {
			t.Errorf("%s injected %d times in 400 requests, want about 10%%", name, n)
		}
	}
	st2, codes2, dropped2 := run()
	if st2.Injected429 != st.Injected429 || st2.Injected5xx != st.Injected5xx || st2.DroppedAfter != st.DroppedAfter ||
		codes2[200] != codes[200] || dropped2 != dropped {
		t.Errorf("same seed gave different faults: %+v vs %+v", st2, st)
	}
}

func TestRetryAfterHeader(t *testing.T) {
	srv := httptest.NewServer(New(Options{Fail429: 1}))
	defer srv.Close()
	req, _ := http.NewRequest(http.MethodPost, srv.URL+OpenAPIPath, bytes.NewReader([]byte("{}")))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 429 || resp.Header.Get("Retry-After") != "1" {
		t.Errorf("HTTP %d Retry-After %q", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
}

func TestLatencyAndSlowAnswers(t *testing.T) {
	s := New(Options{Latency: 20 * time.Millisecond, SlowAfter: 1, SlowDelay: 30 * time.Millisecond})
	srv := httptest.NewServer(s)
	defer srv.Close()
	start := time.Now()
	if code, err := post(context.Background(), srv.URL, 1); err != nil || code != 200 {
		t.Fatalf("code %d err %v", code, err)
	}
	if d := time.Since(start); d < 50*time.Millisecond {
		t.Errorf("answered in %v, want at least 50ms", d)
	}
	if st := s.Stats(); st.Slowed != 1 || st.Created != 1 {
		t.Errorf("stats %+v", st)
	}
}

func TestSlowAnswerTimesOutAfterCreating(t *testing.T) {
	s := New(Options{SlowAfter: 1, SlowDelay: time.Minute})
	srv := httptest.NewServer(s)
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	if code, err := post(ctx, srv.URL, 1); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v (HTTP %d), want deadline", err, code)
	}
	if st := s.Stats(); st.Slowed != 1 || st.Created != 1 {
		t.Errorf("stats %+v", st)
	}
}

func TestConcurrentRequests(t *testing.T) {
	s := New(Options{Seed: 7, DropAfter: 0.2})
	srv := httptest.NewServer(s)
	defer srv.Close()
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Go(func() {
			for i := range 25 {
				_, _ = post(context.Background(), srv.URL, w*100+i+1)
			}
		})
	}
	wg.Wait()
	st := s.Stats()
	if st.Requests != 200 || st.Created != 200 || len(s.DamaijiaOrders()) != 200 || s.Duplicates() != 0 {
		t.Errorf("stats %+v duplicates %d", st, s.Duplicates())
	}
	if st.MaxPerSecond < 1 || len(st.PerSecond) == 0 {
		t.Errorf("per-second counts missing: %+v", st)
	}
}
