package ledger

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

func openTest(t *testing.T, path string) *Ledger {
	t.Helper()
	l, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	if _, err := l.BeginRun(context.Background(), "test.csv"); err != nil {
		t.Fatal(err)
	}
	return l
}

func rowsOf(keys ...string) []ClaimRow {
	out := make([]ClaimRow, len(keys))
	for i, k := range keys {
		out[i] = ClaimRow{Key: k, Line: i + 2, Record: []string{"v" + k}}
	}
	return out
}

func TestOpenMigratesOnceAndReopens(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ledger.db")
	l := openTest(t, path)
	var v int
	if err := l.db.QueryRow("PRAGMA user_version").Scan(&v); err != nil || v != SchemaVersion {
		t.Fatalf("user_version %d (%v), want %d", v, err, SchemaVersion)
	}
	var mode string
	if err := l.db.QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
		t.Fatalf("journal_mode %q (%v)", mode, err)
	}
	l.Close()
	openTest(t, path) // a second open finds the schema current
}

func TestClaimVerdicts(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "l.db")
	a, b := openTest(t, path), openTest(t, path)
	d, err := a.Claim(ctx, "ns", rowsOf("k1", "k2"), Policy{})
	if err != nil || d.Claim == nil || len(d.Claim.Rows) != 2 {
		t.Fatalf("first claim %+v, %v", d, err)
	}
	if id := d.Claim.SiteOrderID; id <= 0 || id >= 1<<53 || d.Claim.SiteRowIDs[1] != id+2 {
		t.Fatalf("ids %d %v", id, d.Claim.SiteRowIDs)
	}
	// A live run holds k1 and k2: b may not take them.
	d2, err := b.Claim(ctx, "ns", rowsOf("k1", "k3"), Policy{})
	if err != nil || d2.Verdicts[0] != Busy || d2.Verdicts[1] != Take {
		t.Fatalf("second claim %+v, %v", d2.Verdicts, err)
	}
	if err := a.Record(ctx, d.Claim.ID, []Outcome{{Key: "k1", State: OK, OrderSN: "SN1"}, {Key: "k2", State: Rejected}}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		key  string
		pol  Policy
		want Verdict
	}{
		{"ok is done", "k1", Policy{}, Done},
		{"ok with allow-duplicates", "k1", Policy{AllowDuplicates: true}, Take},
		{"rejected is sent again", "k2", Policy{}, Take},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := b.Lookup(ctx, []string{tt.key})
			if err != nil {
				t.Fatal(err)
			}
			if v := Judge(got[tt.key], b.RunID(), tt.pol, ""); v != tt.want {
				t.Fatalf("verdict %v, want %v", v, tt.want)
			}
		})
	}
	got, _ := b.Lookup(ctx, []string{"k1"})
	if e := got["k1"]; e.OrderSN != "SN1" || e.Run.ID != a.RunID() {
		t.Fatalf("entry %+v", e)
	}
}

func TestWholeClaimHeld(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "l.db")
	a, b := openTest(t, path), openTest(t, path)
	if _, err := a.Claim(ctx, "ns", rowsOf("x1"), Policy{Whole: true}); err != nil {
		t.Fatal(err)
	}
	d, err := b.Claim(ctx, "ns", rowsOf("x1", "x2"), Policy{Whole: true})
	if err != nil || d.Claim != nil || d.Verdicts[0] != Busy || d.Verdicts[1] != Held {
		t.Fatalf("%+v %v", d, err)
	}
}

// TestConcurrentClaimsOneWinner: many claimers on one file, one key each
// round: exactly one wins.
func TestConcurrentClaimsOneWinner(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "l.db")
	ls := []*Ledger{openTest(t, path), openTest(t, path), openTest(t, path)}
	var wg sync.WaitGroup
	wins := make([]int, len(ls))
	for i, l := range ls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range 30 {
				d, err := l.Claim(ctx, "ns", rowsOf(string(rune('a'+k%26))+string(rune('0'+k/26))), Policy{})
				if err != nil {
					t.Error(err)
					return
				}
				if d.Claim != nil {
					wins[i]++
				}
			}
		}()
	}
	wg.Wait()
	if total := wins[0] + wins[1] + wins[2]; total != 30 {
		t.Fatalf("wins %v: %d keys claimed, want 30", wins, total)
	}
}

func TestRecoverDeadRunsClaimKeepsIDs(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "l.db")
	dead := openTest(t, path)
	d, err := dead.Claim(ctx, "ns", rowsOf("r1", "r2"), Policy{})
	if err != nil {
		t.Fatal(err)
	}
	if err := dead.EndRun(ctx, 137); err != nil { // as good as dead
		t.Fatal(err)
	}
	l := openTest(t, path)
	if got, _ := l.Lookup(ctx, []string{"r1"}); Judge(got["r1"], l.RunID(), Policy{}, "") != Unresolved {
		t.Fatalf("a dead run's claim is %+v", got["r1"])
	}
	other, err := l.Recover(ctx, "other-ns")
	if err != nil || len(other) != 0 {
		t.Fatalf("another account recovered %v %v", other, err)
	}
	p, err := l.Recover(ctx, "ns")
	if err != nil || len(p) != 1 {
		t.Fatalf("recover %+v %v", p, err)
	}
	if p[0].SiteOrderID != d.Claim.SiteOrderID || p[0].Rows[1].SiteRowID != d.Claim.SiteRowIDs[1] ||
		p[0].Rows[0].Record[0] != "vr1" || p[0].From != dead.RunID() {
		t.Fatalf("recovered %+v, claimed %+v", p[0], d.Claim)
	}
	// Taken over: a third run sees it busy, and nothing is left to recover.
	third := openTest(t, path)
	if again, _ := third.Recover(ctx, "ns"); len(again) != 0 {
		t.Fatalf("recovered twice: %+v", again)
	}
	if err := l.Record(ctx, p[0].ClaimID, []Outcome{{Key: "r1", State: OK}, {Key: "r2", State: OK}}); err != nil {
		t.Fatal(err)
	}
	var recs int
	if err := l.db.QueryRow(`SELECT count(*) FROM rows WHERE record IS NOT NULL`).Scan(&recs); err != nil || recs != 0 {
		t.Fatalf("%d records kept after the outcome is known (%v)", recs, err)
	}
}

func TestStaleHeartbeatIsDead(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "l.db")
	l := openTest(t, path)
	if _, err := l.db.Exec(`INSERT INTO runs(id, pid, host, started, heartbeat) VALUES ('far', 1, 'elsewhere', 0, ?)`,
		time.Now().Add(-StaleAfter-time.Second).UnixMilli()); err != nil {
		t.Fatal(err)
	}
	if _, err := l.db.Exec(`INSERT INTO runs(id, pid, host, started, heartbeat) VALUES ('near', 1, 'elsewhere', 0, ?)`,
		time.Now().UnixMilli()); err != nil {
		t.Fatal(err)
	}
	for id, want := range map[string]bool{"far": true, "near": false, "missing": true} {
		ri, err := l.runInfo(ctx, l.db, id)
		if err != nil || ri.Dead != want {
			t.Errorf("run %s dead=%v (%v), want %v", id, ri.Dead, err, want)
		}
	}
}

func TestKey(t *testing.T) {
	if Key("ns", "ab", "c") == Key("ns", "a", "bc") || len(Key("ns", "x")) != 32 {
		t.Error("keys are ambiguous or not 128 bits")
	}
}

// TestOpenConcurrently: processes (here: ledgers) opening one new file at
// the same moment all get it; none fails with "database is locked".
func TestOpenConcurrently(t *testing.T) {
	for round := range 5 {
		path := filepath.Join(t.TempDir(), fmt.Sprintf("l%d.db", round))
		errs := make(chan error, 4)
		for range 4 {
			go func() {
				l, err := Open(context.Background(), path)
				if err == nil {
					err = l.Close()
				}
				errs <- err
			}()
		}
		for range 4 {
			if err := <-errs; err != nil {
				t.Fatalf("round %d: %v", round, err)
			}
		}
	}
}
