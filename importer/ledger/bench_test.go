//go:build unix

package ledger

import (
	"context"
	"fmt"
	"io"
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
// group. Size: BENCH_LEDGER_ORDERS (default 5000). BENCH_LEDGER_BASE=N
// starts every pass from a ledger that already holds N settled rows (a
// ledger after months of nightly runs; built once, 1M rows take ~45 s).
func BenchmarkClaimRecord(b *testing.B) {
	n := envInt("BENCH_LEDGER_ORDERS", 5000)
	base := ""
	if rows := envInt("BENCH_LEDGER_BASE", 0); rows > 0 {
		base = buildBase(b, rows)
	}
	rec := []string{"2024010112345678", "1001", "2", "张三", "13800138000", "浙江省", "杭州市", "余杭区",
		"文一西路 969 号", "gift", "note", "2024-01-01 10:00:00"}
	ctx := context.Background()
	var cpu time.Duration
	var commits, grouped int64
	for b.Loop() {
		b.StopTimer()
		l := openBench(b, base)
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

// openBench opens a fresh ledger, a copy of base when base is not empty,
// and begins a run.
func openBench(b *testing.B, base string) *Ledger {
	b.Helper()
	path := filepath.Join(b.TempDir(), "ledger.db")
	if base != "" {
		copyFile(b, base, path)
	}
	return openAt(b, path)
}

// openAt opens the ledger at path and begins a run.
func openAt(b *testing.B, path string) *Ledger {
	b.Helper()
	l, err := Open(context.Background(), path)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := l.BeginRun(context.Background(), "bench.csv"); err != nil {
		b.Fatal(err)
	}
	return l
}

// buildBase writes a ledger holding rows settled one-row claims of another
// account (in one transaction) and returns its path.
func buildBase(b *testing.B, rows int) string {
	b.Helper()
	ctx := context.Background()
	path := filepath.Join(b.TempDir(), "base.db")
	l := openAt(b, path)
	defer l.Close()
	tx, err := l.db.BeginTx(ctx, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer tx.Rollback()
	now, id := time.Now().UnixMilli(), time.Now().UnixMicro()
	for i := range rows {
		res, err := tx.Exec(qInsertClaim, "old", l.RunID(), id, 1, "closed", now, now)
		if err != nil {
			b.Fatal(err)
		}
		claim, err := res.LastInsertId()
		if err != nil {
			b.Fatal(err)
		}
		if _, err := tx.Exec(`INSERT INTO rows(key, claim_id, pos, run_id, state, site_row_id, line, order_sn, msg_code, amount, updated)
			VALUES (?,?,0,?,'ok',?,?,?,'2000',1990,?)`, Key("old", strconv.Itoa(i)), claim, l.RunID(), id+1, i+2, "SN"+strconv.Itoa(i), now); err != nil {
			b.Fatal(err)
		}
		id += 2
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	if err := l.EndRun(ctx, 0); err != nil {
		b.Fatal(err)
	}
	return path
}

// copyFile copies src to dst.
func copyFile(b *testing.B, src, dst string) {
	b.Helper()
	in, err := os.Open(src)
	if err != nil {
		b.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		b.Fatal(err)
	}
	if err := out.Close(); err != nil {
		b.Fatal(err)
	}
}

// envInt reads a positive integer from the environment, or returns def.
func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
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
