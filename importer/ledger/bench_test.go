//go:build unix

package ledger

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// BenchmarkClaimRecord measures the ledger alone as the importer uses it
// with 16 workers and one row per order: Lookup, Claim, Record, from 16
// goroutines, no provider. cpu_us/order is process CPU (user+sys,
// getrusage) per order; orders/s is the ledger's capacity on this disk
// with synchronous=FULL; writes/commit is the group commit's average
// group. Size: BENCH_LEDGER_ORDERS (default 5000).
func BenchmarkClaimRecord(b *testing.B) {
	n := 5000
	if v, err := strconv.Atoi(os.Getenv("BENCH_LEDGER_ORDERS")); err == nil && v > 0 {
		n = v
	}
	rec := []string{"2024010112345678", "1001", "2", "张三", "13800138000", "浙江省", "杭州市", "余杭区",
		"文一西路 969 号", "gift", "note", "2024-01-01 10:00:00"}
	ctx := context.Background()
	var cpu time.Duration
	var commits, grouped int64
	for b.Loop() {
		b.StopTimer()
		l := openBench(b)
		b.StartTimer()
		cpu0 := cpuTime(b)
		claimRecordAll(b, l, n, 16, rec)
		cpu += cpuTime(b) - cpu0
		commits += l.commits.Load()
		grouped += l.grouped.Load()
		b.StopTimer()
		_ = l.EndRun(ctx, 0)
		l.Close()
		b.StartTimer()
	}
	orders := float64(n * b.N)
	b.ReportMetric(float64(cpu.Microseconds())/orders, "cpu_us/order")
	b.ReportMetric(orders/b.Elapsed().Seconds(), "orders/s")
	b.ReportMetric(float64(grouped)/float64(commits), "writes/commit")
}

// openBench opens a fresh ledger and begins a run.
func openBench(b *testing.B) *Ledger {
	b.Helper()
	l, err := Open(context.Background(), filepath.Join(b.TempDir(), "ledger.db"))
	if err != nil {
		b.Fatal(err)
	}
	if _, err := l.BeginRun(context.Background(), "bench.csv"); err != nil {
		b.Fatal(err)
	}
	return l
}

// claimRecordAll looks up, claims and records n one-row orders from
// workers goroutines.
func claimRecordAll(b *testing.B, l *Ledger, n, workers int, rec []string) {
	ctx := context.Background()
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				i := next.Add(1)
				if i > int64(n) {
					return
				}
				if err := claimRecordOne(ctx, l, Key("ns", strconv.FormatInt(i, 10)), int(i), rec); err != nil {
					b.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
}

// claimRecordOne is one order's ledger work.
func claimRecordOne(ctx context.Context, l *Ledger, key string, line int, rec []string) error {
	if _, err := l.Lookup(ctx, []string{key}); err != nil {
		return err
	}
	d, err := l.Claim(ctx, "ns", []ClaimRow{{Key: key, Line: line, Record: rec}}, Policy{})
	if err != nil {
		return err
	}
	if d.Claim == nil {
		return fmt.Errorf("row %d not claimed: %v", line, d.Verdicts)
	}
	return l.Record(ctx, d.Claim.ID, []Outcome{{Key: key, State: OK, OrderSN: "SN" + key[:8], MsgCode: "2000", Amount: 1990}})
}

func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
