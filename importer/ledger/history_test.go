package ledger

import (
	"context"
	"database/sql"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// runRows reads every row run id logged.
func runRows(t *testing.T, l *Ledger, id string) []RunRow {
	t.Helper()
	var out []RunRow
	if err := l.RunRows(context.Background(), id, func(r RunRow) error { out = append(out, r); return nil }); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestRunLogKeepsEachRunsRows: a row sent by one run and again by a later
// one (rows keeps only the last claim) stays in the first run's history
// with the first outcome; a run that dies keeps its claims; a run that
// resends a dead run's open claim logs the rows it resent.
func TestRunLogKeepsEachRunsRows(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "l.db")
	first := openTest(t, path)
	a := Account{Provider: "damaijia", Name: "shop", Host: "shop"}
	if _, err := first.UseAccount(ctx, a); err != nil {
		t.Fatal(err)
	}
	rows := rowsOf("k1", "k2")
	rows[0].Platform, rows[1].Platform = "TB-1", "TB-2"
	d, err := first.Claim(ctx, a.Namespace(), rows, Policy{})
	if err != nil {
		t.Fatal(err)
	}
	if err := first.Record(ctx, d.Claim.ID, []Outcome{{Key: "k1", State: OK, OrderID: "9", OrderSN: "SN9", MsgCode: "2000"},
		{Key: "k2", State: Rejected, MsgCode: "2001", Msg: "该地区已禁发"}}); err != nil {
		t.Fatal(err)
	}
	note := RunNote{Output: "/x/orders.result.csv", Rows: 3, Counts: map[string]int{"ok": 1, "rejected": 1, "invalid": 1}}
	if err := first.NoteRun(ctx, note); err != nil {
		t.Fatal(err)
	}
	if err := first.EndRun(ctx, 1); err != nil {
		t.Fatal(err)
	}

	second := openTest(t, path) // sends k2 again (changed), and dies with it claimed
	d2, err := second.Claim(ctx, a.Namespace(), rowsOf("k2"), Policy{ResendRejected: true})
	if err != nil || d2.Claim == nil {
		t.Fatalf("second claim %+v %v", d2, err)
	}
	if _, err := second.db.Exec(`UPDATE runs SET heartbeat = 0 WHERE id = ?`, second.RunID()); err != nil {
		t.Fatal(err)
	}

	third := openTest(t, path) // resends the dead run's open claim
	p, err := third.Recover(ctx, a.Namespace())
	if err != nil || len(p) != 1 {
		t.Fatalf("recover %+v %v", p, err)
	}
	if err := third.RecordOpen(ctx, p[0].ClaimID, []Outcome{{Key: "k2", State: OK, OrderSN: "SN10"}}); err != nil {
		t.Fatal(err)
	}

	got := runRows(t, first, first.RunID())
	if len(got) != 2 || got[0].Key != "k1" || got[0].State != OK || got[0].OrderSN != "SN9" || got[0].Platform != "TB-1" ||
		got[0].SiteOrderID != d.Claim.SiteOrderID || got[0].SiteRowID != d.Claim.SiteRowIDs[0] || got[0].Line != 2 ||
		got[1].State != Rejected || got[1].MsgCode != "2001" || got[1].Msg != "该地区已禁发" {
		t.Fatalf("first run's rows %+v", got)
	}
	if got := runRows(t, first, second.RunID()); len(got) != 1 || got[0].State != Claimed || got[0].SiteRowID != d2.Claim.SiteRowIDs[0] {
		t.Fatalf("the dead run's rows %+v", got)
	}
	if got := runRows(t, first, third.RunID()); len(got) != 1 || got[0].State != OK || got[0].OrderSN != "SN10" ||
		got[0].SiteRowID != d2.Claim.SiteRowIDs[0] {
		t.Fatalf("the resending run's rows %+v", got)
	}

	runs, err := first.History(ctx, time.Time{})
	if err != nil || len(runs) != 3 {
		t.Fatalf("history %+v %v", runs, err)
	}
	r := runs[0]
	if r.ID != first.RunID() || r.State != RunFinished || r.ExitCode != 1 || r.Interrupted || r.Provider != "damaijia" ||
		r.Account != "shop" || r.Output != note.Output || r.Input != "test.csv" || r.Rows != 3 || !maps.Equal(r.Counts, note.Counts) ||
		!maps.Equal(r.Sent, map[string]int{"ok": 1, "rejected": 1}) {
		t.Errorf("first run %+v", r)
	}
	if r := runs[1]; r.State != RunDied || !r.Interrupted || r.Counts != nil || !maps.Equal(r.Sent, map[string]int{"claimed": 1}) {
		t.Errorf("dead run %+v", r)
	}
	if r := runs[2]; r.State != RunRunning || r.Interrupted {
		t.Errorf("running run %+v", r)
	}
}

func TestHistorySinceAndUnknownRun(t *testing.T) {
	ctx := context.Background()
	l := openTest(t, filepath.Join(t.TempDir(), "l.db"))
	old := time.Date(2026, 11, 1, 2, 0, 0, 0, time.Local)
	if _, err := l.db.Exec(`INSERT INTO runs(id, pid, host, input, started, heartbeat, finished, exit_code, interrupted)
		VALUES ('old', 1, 'h', 'a.csv', ?, ?, ?, 130, 1)`, old.UnixMilli(), old.UnixMilli(), old.Add(time.Minute).UnixMilli()); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name  string
		since time.Time
		want  []string
	}{
		{"all", time.Time{}, []string{"old", l.RunID()}},
		{"since the old run's start", old, []string{"old", l.RunID()}},
		{"after it", old.Add(time.Second), []string{l.RunID()}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			runs, err := l.History(ctx, c.since)
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, r := range runs {
				ids = append(ids, r.ID)
			}
			if len(ids) != len(c.want) || ids[0] != c.want[0] {
				t.Errorf("runs %v, want %v", ids, c.want)
			}
		})
	}
	r, err := l.RunByID(ctx, "old")
	if err != nil || !r.Interrupted || r.ExitCode != 130 || r.State != RunFinished || !r.Ended.Equal(old.Add(time.Minute)) {
		t.Errorf("old run %+v %v", r, err)
	}
	if _, err := l.RunByID(ctx, "nope"); !errors.Is(err, ErrNoRun) {
		t.Errorf("unknown run: %v", err)
	}
	if err := l.RunRows(ctx, "nope", func(RunRow) error { return nil }); !errors.Is(err, ErrNoRun) {
		t.Errorf("rows of an unknown run: %v", err)
	}
}

// TestMigrationKeepsTheHistoryOfAVersion3Ledger: rows written before the
// run log start it (each row under the run that last claimed it), so a
// ledger written by an earlier version keeps the history of its rows.
func TestMigrationKeepsTheHistoryOfAVersion3Ledger(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v3.db")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	stmts := append([]string{}, migrations[:3]...)
	stmts = append(stmts, `PRAGMA user_version = 3`,
		`INSERT INTO runs(id, pid, host, input, started, heartbeat, finished, exit_code) VALUES ('r3', 1, 'h', '/in.csv', 1000, 1000, 2000, 0)`,
		`INSERT INTO claims(id, ns, run_id, site_order_id, nrows, state, created, updated) VALUES (5, 'damaijia account:shop', 'r3', 700, 1, 'closed', 0, 0)`,
		`INSERT INTO rows(key, claim_id, pos, run_id, state, site_row_id, line, record, order_sn, msg_code, updated)
			VALUES ('k5', 5, 0, 'r3', 'ok', 701, 4, NULL, 'SN5', '2000', 1500)`)
	for _, q := range stmts {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()
	l := openTest(t, path)
	got := runRows(t, l, "r3")
	if len(got) != 1 || got[0].Key != "k5" || got[0].SiteOrderID != 700 || got[0].SiteRowID != 701 || got[0].OrderSN != "SN5" ||
		got[0].Line != 4 || got[0].State != OK || got[0].At.UnixMilli() != 1500 {
		t.Fatalf("rows of the version-3 run %+v", got)
	}
	r, err := l.RunByID(context.Background(), "r3")
	if err != nil || r.State != RunFinished || r.Counts != nil || r.Sent["ok"] != 1 || r.Input != "/in.csv" {
		t.Fatalf("version-3 run %+v %v", r, err)
	}
}

func TestOpenExistingNeverCreates(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "none.db")
	if _, err := OpenExisting(context.Background(), path); !errors.Is(err, ErrNoLedger) {
		t.Fatalf("got %v, want ErrNoLedger", err)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("a ledger was made: %v", err)
	}
	openTest(t, path).Close()
	l, err := OpenExisting(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	l.Close()
	t.Setenv("XDG_STATE_HOME", dir)
	if _, err := OpenExisting(context.Background(), ""); !errors.Is(err, ErrNoLedger) {
		t.Fatalf("default path: got %v, want ErrNoLedger", err)
	}
}

// TestSpellingsWritesNothing: a reader of the ledger finds the account's
// older spellings without registering the account.
func TestSpellingsWritesNothing(t *testing.T) {
	ctx := context.Background()
	l := openTest(t, filepath.Join(t.TempDir(), "l.db"))
	if _, err := l.db.Exec(`INSERT INTO accounts(ns) VALUES ('damaijia http://Shop.example.com/')`); err != nil {
		t.Fatal(err)
	}
	a, err := NewAccount("damaijia", "", "https://shop.example.com")
	if err != nil {
		t.Fatal(err)
	}
	sp, err := l.Spellings(ctx, a)
	if err != nil || len(sp.Legacy) != 1 {
		t.Fatalf("spellings %+v %v", sp, err)
	}
	var n int
	if err := l.db.QueryRow(`SELECT count(*) FROM accounts`).Scan(&n); err != nil || n != 1 {
		t.Fatalf("%d accounts (%v): Spellings registered one", n, err)
	}
}
