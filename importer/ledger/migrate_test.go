package ledger

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
)

// TestMigratesAVersion1Ledger: a ledger written by the first schema opens,
// migrates, and its open claims are still found and resent.
func TestMigratesAVersion1Ledger(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v1.db")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		migrations[0],
		`PRAGMA user_version = 1`,
		`INSERT INTO runs(id, pid, host, started, heartbeat, finished, exit_code) VALUES ('old', 1, 'h', 0, 0, 1, 137)`,
		`INSERT INTO claims(id, ns, run_id, site_order_id, nrows, state, created, updated) VALUES (7, 'ns', 'old', 1000, 1, 'claimed', 0, 0)`,
		`INSERT INTO claims(id, ns, run_id, site_order_id, nrows, state, created, updated) VALUES (8, 'ns', 'old', 1002, 1, 'closed', 0, 0)`,
		`INSERT INTO rows(key, claim_id, pos, run_id, state, site_row_id, line, record, updated) VALUES ('k7', 7, 0, 'old', 'claimed', 1001, 2, '["v7"]', 0)`,
		`INSERT INTO rows(key, claim_id, pos, run_id, state, site_row_id, line, record, updated) VALUES ('k8', 8, 0, 'old', 'ok', 1003, 3, NULL, 0)`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()
	l := openTest(t, path)
	var v int
	var index string
	if err := l.db.QueryRow(`PRAGMA user_version`).Scan(&v); err != nil || v != SchemaVersion {
		t.Fatalf("user_version %d (%v), want %d", v, err, SchemaVersion)
	}
	if err := l.db.QueryRow(`SELECT sql FROM sqlite_master WHERE name = 'claims_open'`).Scan(&index); err != nil || !strings.Contains(index, "WHERE") {
		t.Fatalf("claims_open is %q (%v), want the open claims only", index, err)
	}
	p, err := l.Recover(ctx, "ns")
	if err != nil || len(p) != 1 || p[0].ClaimID != 7 || p[0].Rows[0].Record[0] != "v7" {
		t.Fatalf("recovered %+v %v, want claim 7", p, err)
	}
	if err := l.Record(ctx, 7, []Outcome{{Key: "k7", State: OK}}); err != nil {
		t.Fatal(err)
	}
	if again, err := openTest(t, path).Recover(ctx, "ns"); err != nil || len(again) != 0 {
		t.Fatalf("recovered again %+v %v", again, err)
	}
}
