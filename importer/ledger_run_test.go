package importer_test

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"orderimport/importer"
	"orderimport/importer/ledger"
	"orderimport/mapping"
	"orderimport/providers"
	"orderimport/providers/all"
	"orderimport/providers/sandbox"
)

// ledgerRun runs importer.Run in-process (so the race detector sees the
// ledger paths) with its own ledger handle on path.
func ledgerRun(t *testing.T, path, file, out, url string) *importer.Summary {
	t.Helper()
	ctx := context.Background()
	led, err := ledger.Open(ctx, path)
	if err != nil {
		t.Error(err)
		return nil
	}
	defer led.Close()
	if _, err := led.BeginRun(ctx, file); err != nil {
		t.Error(err)
		return nil
	}
	entry, _ := all.Lookup("damaijia")
	prov, err := entry.New(providers.Config{BaseURL: url, Token: "tok-inproc"}, 4)
	if err != nil {
		t.Error(err)
		return nil
	}
	m, _ := mapping.Default("damaijia")
	sum, err := importer.Run(ctx, importer.Options{Input: file, Output: out, ProviderName: "damaijia", Provider: prov,
		Mapping: m, Account: url, Ledger: led, Workers: 4, Timeout: 300 * time.Millisecond, Retries: 4,
		Backoff: func(int) time.Duration { return time.Millisecond }})
	if err != nil {
		t.Error(err)
	}
	_ = led.EndRun(ctx, sum.ExitCode())
	return sum
}

func TestLedgerRunInProcess(t *testing.T) {
	const rows = 300
	dir := t.TempDir()
	file := writeDamaijiaCSV(t, dir, rows)
	srv, url := cliSandbox(t, sandbox.Options{Token: "tok-inproc", Seed: 3, Fail5xx: 0.1, DropAfter: 0.05,
		SlowAfter: 0.03, SlowDelay: time.Second})
	path := filepath.Join(dir, "l.db")
	var wg sync.WaitGroup
	sums := make([]*importer.Summary, 2)
	for i := range sums {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sums[i] = ledgerRun(t, path, file, filepath.Join(dir, "out"+string(rune('a'+i))+".csv"), url)
		}()
	}
	wg.Wait()
	if t.Failed() {
		return
	}
	again := ledgerRun(t, path, file, filepath.Join(dir, "final.csv"), url)
	if d := srv.Duplicates(); d != 0 {
		t.Fatalf("%d duplicates", d)
	}
	created := createdBySN(srv)
	for i := range rows {
		if created[damaijiaSN(i)] != 1 {
			t.Errorf("row %d created %d times", i+2, created[damaijiaSN(i)])
		}
	}
	if again.ExitCode() != 0 {
		t.Errorf("final run: %v", again.Counts)
	}
	t.Logf("concurrent: %v / %v; final %v", sums[0].Counts, sums[1].Counts, again.Counts)
}
