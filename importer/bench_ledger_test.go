package importer_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"testing"
	"time"

	"orderimport/importer"
	"orderimport/providers/sandbox"
)

// BenchmarkLedgerShare measures what the SQLite ledger costs a run as the
// provider's latency grows: --rate 0, 16 workers, one consignee per order,
// the sandbox answering after 0, 2 or 20 ms; each latency runs without and
// with a fresh ledger (synchronous=FULL, as the CLI). orders/s is wall
// clock, cpu_us/order process CPU per order (getrusage). Compare the pairs:
// with a provider that answers in milliseconds, the ledger's two durable
// commits per order hide behind the request. Size: BENCH_SUBMIT_ROWS
// (default 5000; the 20 ms case sends a fifth of them).
func BenchmarkLedgerShare(b *testing.B) {
	rows := benchRows("BENCH_SUBMIT_ROWS", 5000)
	for _, lat := range []time.Duration{0, 2 * time.Millisecond, 20 * time.Millisecond} {
		n := rows
		if lat >= 20*time.Millisecond {
			n = max(rows/5, 100)
		}
		path := benchFile(b, "damaijia", "csv", n)
		for _, withLedger := range []bool{false, true} {
			name := fmt.Sprintf("latency=%v/ledger=%v", lat, withLedger)
			b.Run(name, func(b *testing.B) {
				hs := httptest.NewServer(sandbox.New(sandbox.Options{Latency: lat}))
				defer hs.Close()
				o := benchOptions(b, "damaijia", benchProvider(b, "damaijia", hs.URL, 1), path)
				o.Rate, o.Workers, o.Account = 0, 16, hs.URL
				cpu0 := cpuTime(b)
				for b.Loop() {
					if withLedger {
						o.Ledger = benchLedger(b)
					}
					sum, err := importer.Run(context.Background(), o)
					if err != nil {
						b.Fatal(err)
					}
					if sum.Counts[importer.StatusOK] != n {
						b.Fatalf("ok %d of %d: %v", sum.Counts[importer.StatusOK], n, sum.Counts)
					}
				}
				b.ReportMetric(perOrder(cpuTime(b)-cpu0, b.N*n), "cpu_us/order")
				b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "orders/s")
			})
		}
	}
}
