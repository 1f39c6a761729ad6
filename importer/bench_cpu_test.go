package importer_test

import (
	"context"
	"net/http/httptest"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"orderimport/importer"
	"orderimport/importer/ledger"
	"orderimport/mapping"
	"orderimport/providers"
	"orderimport/providers/sandbox"
	"orderimport/samples/gen/synth"
)

// genTestFile writes rows generated damaijia rows as CSV for a test.
func genTestFile(t *testing.T, rows int) string {
	t.Helper()
	k, _ := synth.LookupKind("damaijia")
	p := t.TempDir() + "/orders.csv"
	if err := synth.WriteFile(p, "csv", k, rows, 1); err != nil {
		t.Fatal(err)
	}
	return p
}

// BenchmarkSubmitCPU measures CPU per order with --rate 0, 16 workers and a
// zero-latency in-process sandbox, one consignee per order (batch 1). The
// baseline sub-benchmark sends the same pre-mapped orders straight through
// the provider client from 16 goroutines (client + sandbox cost); the
// importer sub-benchmark runs importer.Run over the file without a ledger,
// importer+ledger with a fresh SQLite ledger per run (as the CLI does). cpu_us/order is
// process CPU (user+sys, getrusage) per order; own_cpu_us/order is the
// importer's minus the baseline's: the importer's own cost per order
// (reading, mapping, grouping, limiter, sequencer, result sheet);
// own_allocs/order and own_B/order likewise. The sandbox shares the
// process: for CPU without it, run samples/gen/bench.sh (separate sandbox
// process). Size:
// BENCH_SUBMIT_ROWS (default 5000).
func BenchmarkSubmitCPU(b *testing.B) {
	rows := benchRows("BENCH_SUBMIT_ROWS", 5000)
	path := benchFile(b, "damaijia", "csv", rows)
	var baseCPU, baseAllocs, baseBytes float64
	b.Run("baseline", func(b *testing.B) {
		hs := httptest.NewServer(sandbox.New(sandbox.Options{}))
		defer hs.Close()
		prov := benchProvider(b, "damaijia", hs.URL, 1)
		orders := benchOrders(b, prov, rows)
		b.ReportAllocs()
		cpu0, m0 := cpuTime(b), memStats()
		for b.Loop() {
			submitAll(b, prov, orders, 16)
		}
		baseCPU = perOrder(cpuTime(b)-cpu0, b.N*rows)
		baseAllocs, baseBytes = memPerOrder(m0, b.N*rows)
		b.ReportMetric(baseCPU, "cpu_us/order")
		b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "orders/s")
	})
	for _, withLedger := range []bool{false, true} {
		name := "importer"
		if withLedger {
			name = "importer+ledger"
		}
		b.Run(name, func(b *testing.B) {
			hs := httptest.NewServer(sandbox.New(sandbox.Options{}))
			defer hs.Close()
			o := benchOptions(b, "damaijia", benchProvider(b, "damaijia", hs.URL, 1), path)
			o.Rate, o.Workers, o.Account = 0, 16, hs.URL
			b.ReportAllocs()
			cpu0, m0 := cpuTime(b), memStats()
			for b.Loop() {
				if withLedger {
					o.Ledger = benchLedger(b)
				}
				sum, err := importer.Run(context.Background(), o)
				if err != nil {
					b.Fatal(err)
				}
				if sum.Counts[importer.StatusOK] != rows {
					b.Fatalf("ok %d of %d: %v", sum.Counts[importer.StatusOK], rows, sum.Counts)
				}
			}
			cpu := perOrder(cpuTime(b)-cpu0, b.N*rows)
			allocs, bytes := memPerOrder(m0, b.N*rows)
			b.ReportMetric(cpu, "cpu_us/order")
			b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "orders/s")
			if baseCPU > 0 {
				b.ReportMetric(cpu-baseCPU, "own_cpu_us/order")
				b.ReportMetric(allocs-baseAllocs, "own_allocs/order")
				b.ReportMetric(bytes-baseBytes, "own_B/order")
			}
		})
	}
}

// benchLedger opens a fresh ledger in a temporary directory and begins a
// run in it; it is closed when b ends.
func benchLedger(b *testing.B) *ledger.Ledger {
	b.Helper()
	ctx := context.Background()
	led, err := ledger.Open(ctx, filepath.Join(b.TempDir(), "ledger.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() {
		_ = led.EndRun(ctx, 0)
		led.Close()
	})
	if _, err := led.BeginRun(ctx, "bench.csv"); err != nil {
		b.Fatal(err)
	}
	return led
}

// memStats reads the allocation counters.
func memStats() runtime.MemStats {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m
}

// memPerOrder returns the allocations and bytes per order since m0.
func memPerOrder(m0 runtime.MemStats, orders int) (allocs, bytes float64) {
	m := memStats()
	return float64(m.Mallocs-m0.Mallocs) / float64(orders), float64(m.TotalAlloc-m0.TotalAlloc) / float64(orders)
}

func perOrder(d time.Duration, orders int) float64 {
	return float64(d.Microseconds()) / float64(orders)
}

// benchOrders maps n generated rows into one-row orders.
func benchOrders(b *testing.B, prov providers.Provider, n int) []providers.Order {
	b.Helper()
	m, err := mapping.Default("damaijia")
	if err != nil {
		b.Fatal(err)
	}
	mp, err := m.Compile(synth.DamaijiaHeader, prov.Fields())
	if err != nil {
		b.Fatal(err)
	}
	g := synth.NewDamaijia(1)
	orders := make([]providers.Order, n)
	for i := range orders {
		rec, _ := mp.Map(i+2, g.Row(nil))
		orders[i] = providers.Order{Rows: []providers.OrderRow{{Record: rec}}}
	}
	return orders
}

// benchIDs hands out fresh ids, so that every pass creates new orders.
var benchIDs atomic.Int64

// submitAll sends every order through prov from workers goroutines.
func submitAll(b *testing.B, prov providers.Provider, orders []providers.Order, workers int) {
	benchIDs.CompareAndSwap(0, time.Now().UnixMicro())
	next := atomic.Int64{}
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(orders) {
					return
				}
				o := orders[i]
				o.ID = benchIDs.Add(1)
				o.Rows = []providers.OrderRow{{ID: benchIDs.Add(1), Record: o.Rows[0].Record}}
				if _, err := prov.Submit(context.Background(), o); err != nil {
					b.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
}
