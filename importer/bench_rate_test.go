package importer_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
	"time"

	"orderimport/importer"
	"orderimport/providers"
	"orderimport/providers/all"
	"orderimport/providers/sandbox"
)

// arrivals records when each request arrives at the sandbox (wrapping its
// handler, at the same point it counts requests), so a sliding one-second
// window can be checked: the sandbox's own PerSecond buckets are fixed Unix
// seconds. As a RoundTripper it records when each request leaves the client.
type arrivals struct {
	next http.Handler
	rt   http.RoundTripper
	mu   sync.Mutex
	at   []time.Time
}

func (a *arrivals) record() {
	now := time.Now()
	a.mu.Lock()
	a.at = append(a.at, now)
	a.mu.Unlock()
}

func (a *arrivals) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	a.record()
	a.next.ServeHTTP(w, r)
}

func (a *arrivals) RoundTrip(r *http.Request) (*http.Response, error) {
	a.record()
	return a.rt.RoundTrip(r)
}

// times returns the arrival times in order.
func (a *arrivals) times() []time.Time {
	a.mu.Lock()
	defer a.mu.Unlock()
	t := slices.Clone(a.at)
	slices.SortFunc(t, func(x, y time.Time) int { return x.Compare(y) })
	return t
}

// maxInWindow returns the most arrivals in any half-open window [t, t+w).
func maxInWindow(at []time.Time, w time.Duration) int {
	best, j := 0, 0
	for i := range at {
		for j < len(at) && at[j].Sub(at[i]) < w {
			j++
		}
		best = max(best, j-i)
	}
	return best
}

// steadyRate is the arrival rate between the first and the last request.
func steadyRate(at []time.Time) float64 {
	if len(at) < 2 {
		return 0
	}
	return float64(len(at)-1) / at[len(at)-1].Sub(at[0]).Seconds()
}

// rateRun imports the generated damaijia rows of path, one consignee per
// request (batch 1), into a sandbox answering after latency, and returns
// when the requests left the client and when they arrived at the sandbox.
func rateRun(tb testing.TB, path string, latency time.Duration, rate float64, burst, workers int) (left, arrived []time.Time) {
	srv := &arrivals{next: sandbox.New(sandbox.Options{Latency: latency})}
	hs := httptest.NewServer(srv)
	defer hs.Close()
	client := &arrivals{rt: http.DefaultTransport.(*http.Transport).Clone()}
	defer client.rt.(*http.Transport).CloseIdleConnections()
	entry, err := all.Lookup("damaijia")
	if err != nil {
		tb.Fatal(err)
	}
	prov, err := entry.New(providers.Config{BaseURL: hs.URL, Token: "bench-token", HTTPClient: &http.Client{Transport: client}}, 1)
	if err != nil {
		tb.Fatal(err)
	}
	o := benchOptions(tb, "damaijia", prov, path)
	o.Rate, o.Burst, o.Workers = rate, burst, workers
	sum, err := importer.Run(context.Background(), o)
	if err != nil {
		tb.Fatal(err)
	}
	if sum.Counts[importer.StatusOK] != sum.Rows {
		tb.Fatalf("ok %d of %d rows: %v", sum.Counts[importer.StatusOK], sum.Rows, sum.Counts)
	}
	return client.times(), srv.times()
}

// TestRateNeverExceedsRatePlusBurst checks invariant 3: in no sliding
// one-second window do more than rate+burst requests leave the client. It
// logs the count at the sandbox too, which adds the transit time's jitter
// (a few ms on loopback, 25 ms and more on a loaded machine under -race);
// BenchmarkSubmitRate reports it.
func TestRateNeverExceedsRatePlusBurst(t *testing.T) {
	if testing.Short() {
		t.Skip("takes about 3 s")
	}
	cases := []struct {
		name  string
		rate  float64
		burst int
		rows  int
	}{
		{"rate 200 burst 1", 200, 1, 260},
		{"rate 200 burst 20", 200, 20, 280},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := genTestFile(t, c.rows)
			left, arrived := rateRun(t, path, 50*time.Millisecond, c.rate, c.burst, 16)
			if len(left) != c.rows {
				t.Fatalf("%d requests, want %d", len(left), c.rows)
			}
			limit := int(c.rate) + c.burst
			if got := maxInWindow(left, time.Second); got > limit {
				t.Errorf("%d requests left in one sliding second, limit rate+burst = %d", got, limit)
			}
			t.Logf("most in one sliding second: %d left the client, %d arrived at the sandbox (limit %d)",
				maxInWindow(left, time.Second), maxInWindow(arrived, time.Second), limit)
		})
	}
}

func TestMaxInWindow(t *testing.T) {
	t0 := time.Unix(100, 0)
	at := func(ms ...int) []time.Time {
		var out []time.Time
		for _, m := range ms {
			out = append(out, t0.Add(time.Duration(m)*time.Millisecond))
		}
		return out
	}
	cases := []struct {
		name string
		at   []time.Time
		want int
	}{
		{"none", nil, 0},
		{"one", at(0), 1},
		{"window is half open", at(0, 1000), 1},
		{"straddles a second boundary", at(900, 950, 1050, 1100, 1899), 5},
		{"spread", at(0, 600, 1200, 1800), 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := maxInWindow(c.at, time.Second); got != c.want {
				t.Errorf("got %d, want %d", got, c.want)
			}
		})
	}
}

// BenchmarkSubmitRate submits BENCH_RATE_ROWS (default 1000, about 5 s)
// one-consignee orders at --rate 200 to a sandbox answering after 50 ms,
// and reports the rate reached at the sandbox (target >= 95% of 200) and
// the most requests in any sliding second (limit rate+burst = 201), as
// they arrived at the sandbox and as they left the client.
func BenchmarkSubmitRate(b *testing.B) {
	const rate, burst = 200, 1
	rows := benchRows("BENCH_RATE_ROWS", 1000)
	path := benchFile(b, "damaijia", "csv", rows)
	var steady, overall float64
	worstIn, worstOut := 0, 0
	for b.Loop() {
		start := time.Now()
		left, arrived := rateRun(b, path, 50*time.Millisecond, rate, burst, 16)
		overall = float64(len(arrived)) / time.Since(start).Seconds()
		steady = steadyRate(arrived)
		worstIn = max(worstIn, maxInWindow(arrived, time.Second))
		worstOut = max(worstOut, maxInWindow(left, time.Second))
	}
	b.ReportMetric(steady, "req/s")
	b.ReportMetric(100*steady/rate, "pct_of_rate")
	b.ReportMetric(overall, "req/s_incl_startup")
	b.ReportMetric(float64(worstIn), "max_per_sliding_s_sandbox")
	b.ReportMetric(float64(worstOut), "max_per_sliding_s_client")
}
