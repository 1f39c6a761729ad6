package importer_test

import (
	"context"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"orderimport/importer"
	"orderimport/mapping"
	"orderimport/providers"
	"orderimport/providers/all"
)

// scripted is the damaijia client with Submit replaced: answer is given
// the 1-based number of the call.
type scripted struct {
	providers.Provider
	calls  atomic.Int64
	answer func(call int64, o providers.Order) (providers.Outcome, error)
}

func (s *scripted) Submit(_ context.Context, o providers.Order) (providers.Outcome, error) {
	return s.answer(s.calls.Add(1), o)
}

// allOK accepts every row of o.
func allOK(o providers.Order) providers.Outcome {
	out := providers.Outcome{OrderID: "1", OrderSN: "SN1", Rows: make([]providers.RowOutcome, len(o.Rows))}
	for i := range out.Rows {
		out.Rows[i] = providers.RowOutcome{OK: true, MsgCode: "2000"}
	}
	return out
}

// runScripted imports rows damaijia rows (3 products, batch 2) through
// answer, one worker, no ledger, quick backoff.
func runScripted(t *testing.T, rows int, answer func(int64, providers.Order) (providers.Outcome, error), tune func(*importer.Options)) (*importer.Summary, []map[string]string, *scripted) {
	t.Helper()
	dir := t.TempDir()
	file := writeDamaijiaCSV(t, dir, rows)
	entry, err := all.Lookup("damaijia")
	if err != nil {
		t.Fatal(err)
	}
	base, err := entry.New(providers.Config{BaseURL: "http://127.0.0.1:9", Token: "t"}, 2)
	if err != nil {
		t.Fatal(err)
	}
	m, err := mapping.Default("damaijia")
	if err != nil {
		t.Fatal(err)
	}
	p := &scripted{Provider: base, answer: answer}
	out := filepath.Join(dir, "out.csv")
	o := importer.Options{Input: file, Output: out, ProviderName: "damaijia", Provider: p, Mapping: m,
		Workers: 1, Rate: 0, Timeout: 2 * time.Second, Retries: 3,
		Backoff: func(int) time.Duration { return time.Millisecond }}
	if tune != nil {
		tune(&o)
	}
	sum, err := importer.Run(context.Background(), o)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	return sum, sheetRows(t, out), p
}

var (
	refusedErr = &providers.Error{Class: providers.Transient, Msg: "network error before the request was sent: connection refused",
		Unreachable: true, URL: "http://127.0.0.1:9/vv/external/v1/order_create"}
	notFoundErr = &providers.Error{Class: providers.Transient, Code: "http 404", Msg: "no order endpoint at this address",
		NoEndpoint: true, URL: "http://127.0.0.1:9/vv/external/v1/order_create"}
)

// TestHardening11_18_FirstOrdersNotReachedStop: the first three orders
// failing without reaching the API stop the run (exit 3) naming the URL;
// an unreachable endpoint is retried (a restart heals), a missing one
// (404) is not; once the API has answered, later failures are an outage
// that retries handle, not a wrong URL.
func TestHardening11_18_FirstOrdersNotReachedStop(t *testing.T) {
	cases := []struct {
		name      string
		answer    func(int64, providers.Order) (providers.Outcome, error)
		fatal     bool
		calls     int64
		failedMin int
	}{
		{name: "connection refused, retried", fatal: true, calls: 3 * 4,
			answer: func(int64, providers.Order) (providers.Outcome, error) { return providers.Outcome{}, refusedErr }},
		{name: "404, not retried", fatal: true, calls: 3,
			answer: func(int64, providers.Order) (providers.Outcome, error) { return providers.Outcome{}, notFoundErr }},
		{name: "refused after the API answered", fatal: false, calls: 1 + 14*4,
			answer: func(n int64, o providers.Order) (providers.Outcome, error) {
				if n == 1 {
					return allOK(o), nil
				}
				return providers.Outcome{}, refusedErr
			}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// 30 rows: 3 products, batch 2: 15 orders.
			sum, sheet, p := runScripted(t, 30, tc.answer, nil)
			if (sum.Fatal != nil) != tc.fatal {
				t.Fatalf("fatal %v, want %v", sum.Fatal, tc.fatal)
			}
			if got := p.calls.Load(); got != tc.calls {
				t.Errorf("%d calls, want %d", got, tc.calls)
			}
			if !tc.fatal {
				if sum.ExitCode() != importer.ExitRowsNotOK || sum.Counts[importer.StatusFailed] != 28 {
					t.Errorf("exit %d counts %v", sum.ExitCode(), sum.Counts)
				}
				return
			}
			if sum.ExitCode() != importer.ExitFatal || !strings.Contains(sum.Fatal.Error(), refusedErr.URL) ||
				!strings.Contains(sum.Fatal.Error(), "--base-url") {
				t.Errorf("exit %d fatal %v", sum.ExitCode(), sum.Fatal)
			}
			counts := statusCounts(sheet)
			if counts["failed"] != 6 || counts["not_sent"] != 24 {
				t.Errorf("statuses %v, want the 3 orders tried failed (6 rows), the rest not_sent", counts)
			}
		})
	}
}

// TestHardening11_09_FatalMaybeCreatedIsUnknown: a fatal answer that may
// follow a created order (a 302 or 303 redirect) leaves its rows unknown,
// never not_sent (which the next run would send with fresh ids).
func TestHardening11_09_FatalMaybeCreatedIsUnknown(t *testing.T) {
	redirect := &providers.Error{Class: providers.Fatal, Code: "http 302", MaybeCreated: true,
		Msg: "the order API answered with a redirect to http://elsewhere.test/"}
	sum, sheet, p := runScripted(t, 6, func(int64, providers.Order) (providers.Outcome, error) {
		return providers.Outcome{}, redirect
	}, nil)
	counts := statusCounts(sheet)
	if sum.ExitCode() != importer.ExitFatal || p.calls.Load() != 1 || counts["unknown"] != 2 || counts["not_sent"] != 4 {
		t.Errorf("exit %d, %d calls, statuses %v", sum.ExitCode(), p.calls.Load(), counts)
	}
}

// TestHardening11_19_MaxWait: a Retry-After within MaxWait is waited for
// and counted; a longer one fails the order at once and every order that
// would wait, without sending them; a negative MaxWait never waits.
func TestHardening11_19_MaxWait(t *testing.T) {
	tooMany := func(d time.Duration) error {
		return &providers.Error{Class: providers.Transient, Code: "http 429", Msg: "too many requests", RetryAfter: d}
	}
	cases := []struct {
		name        string
		retryAfter  time.Duration
		maxWait     time.Duration
		calls       int64
		ok          int
		waits, over int
	}{
		{name: "an hour asked, the default allowed", retryAfter: time.Hour, calls: 1, over: 1},
		{name: "50ms asked, never wait", retryAfter: 50 * time.Millisecond, maxWait: -1, calls: 1, over: 1},
		{name: "50ms asked, 1s allowed", retryAfter: 50 * time.Millisecond, maxWait: time.Second, calls: 1 + 3, ok: 6, waits: 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			sum, sheet, p := runScripted(t, 6, func(n int64, o providers.Order) (providers.Outcome, error) {
				if n == 1 {
					return providers.Outcome{}, tooMany(tc.retryAfter)
				}
				return allOK(o), nil
			}, func(o *importer.Options) { o.MaxWait = tc.maxWait })
			if p.calls.Load() != tc.calls || sum.Counts[importer.StatusOK] != tc.ok || sum.Waits != tc.waits || sum.WaitsOverMax != tc.over {
				t.Fatalf("%d calls, counts %v, waits %d (%s), over max %d", p.calls.Load(), sum.Counts, sum.Waits, sum.Waited, sum.WaitsOverMax)
			}
			if tc.waits > 0 && sum.Waited < tc.retryAfter/2 {
				t.Errorf("waited %s in all", sum.Waited)
			}
			for i, r := range sheet {
				if r["status"] != "ok" && (r["status"] != "failed" || !strings.Contains(r["error"], "--max-wait")) {
					t.Errorf("row %d: %s %q", i+2, r["status"], r["error"])
				}
			}
		})
	}
}
