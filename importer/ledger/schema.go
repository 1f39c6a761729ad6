package ledger

import (
	"context"
	"fmt"
)

// migrations[i] moves the schema from user_version i to i+1. Append only.
var migrations = []string{
	`CREATE TABLE runs (
		id        TEXT PRIMARY KEY,
		pid       INTEGER NOT NULL,
		host      TEXT NOT NULL,
		input     TEXT NOT NULL DEFAULT '',
		started   INTEGER NOT NULL,
		heartbeat INTEGER NOT NULL,
		finished  INTEGER,
		exit_code INTEGER
	);
	CREATE TABLE claims (
		id            INTEGER PRIMARY KEY,
		ns            TEXT NOT NULL,
		run_id        TEXT NOT NULL,
		site_order_id INTEGER NOT NULL,
		nrows         INTEGER NOT NULL,
		state         TEXT NOT NULL,
		created       INTEGER NOT NULL,
		updated       INTEGER NOT NULL
	);
	CREATE INDEX claims_open ON claims(ns, state);
	CREATE TABLE rows (
		key         TEXT PRIMARY KEY,
		claim_id    INTEGER NOT NULL REFERENCES claims(id),
		pos         INTEGER NOT NULL,
		run_id      TEXT NOT NULL,
		state       TEXT NOT NULL,
		site_row_id INTEGER NOT NULL,
		line        INTEGER NOT NULL,
		record      TEXT,
		order_id    TEXT NOT NULL DEFAULT '',
		order_sn    TEXT NOT NULL DEFAULT '',
		msg_code    TEXT NOT NULL DEFAULT '',
		msg         TEXT NOT NULL DEFAULT '',
		amount      INTEGER NOT NULL DEFAULT 0,
		updated     INTEGER NOT NULL
	);
	CREATE INDEX rows_claim ON rows(claim_id);
	CREATE TABLE seq (name TEXT PRIMARY KEY, next INTEGER NOT NULL);`,
	// 2: claims_open holds only the open claims, what Recover looks for. A
	// claim enters it once and leaves it when recorded, instead of moving
	// between two places of an index of every claim ever made (measured on
	// a ledger of 1M rows, with wal_autocheckpoint(10000): ~15% less CPU
	// per order).
	`DROP INDEX claims_open;
	CREATE INDEX claims_open ON claims(ns) WHERE state IN ('claimed', 'unknown');`,
	// 3 (issue 11): accounts lists every namespace the ledger has claims
	// of, so that a run finds its account's rows written under an older
	// spelling (namespaces of provider + URL, before accounts had names)
	// and warns about the provider's other accounts; rows keep a hash of
	// their mapped content and the refusal's forbidden zone, so that a
	// refused row is resent only when it changed.
	`CREATE TABLE accounts (ns TEXT PRIMARY KEY);
	INSERT OR IGNORE INTO accounts(ns) SELECT DISTINCT ns FROM claims;
	ALTER TABLE rows ADD COLUMN content TEXT NOT NULL DEFAULT '';
	ALTER TABLE rows ADD COLUMN forbidden_zone TEXT NOT NULL DEFAULT '';`,
	// 4 (issue 15): the history of runs. A run keeps its provider, account,
	// result sheet, counts per status and whether a signal stopped it
	// (NoteRun); a row keeps its platform order number. A run's rows are
	// the rows it claimed last (rows_run) and, in run_rows, the rows it
	// claimed that a later run claimed again, as they were then (see
	// runlog.go).
	`ALTER TABLE runs ADD COLUMN provider TEXT NOT NULL DEFAULT '';
	ALTER TABLE runs ADD COLUMN account TEXT NOT NULL DEFAULT '';
	ALTER TABLE runs ADD COLUMN output TEXT NOT NULL DEFAULT '';
	ALTER TABLE runs ADD COLUMN nrows INTEGER NOT NULL DEFAULT 0;
	ALTER TABLE runs ADD COLUMN counts TEXT NOT NULL DEFAULT '';
	ALTER TABLE runs ADD COLUMN interrupted INTEGER NOT NULL DEFAULT 0;
	CREATE INDEX runs_started ON runs(started);
	ALTER TABLE rows ADD COLUMN platform TEXT NOT NULL DEFAULT '';
	CREATE INDEX rows_run ON rows(run_id);
	CREATE TABLE run_rows (
		id            INTEGER PRIMARY KEY,
		run_id        TEXT NOT NULL,
		claim_id      INTEGER NOT NULL,
		key           TEXT NOT NULL,
		line          INTEGER NOT NULL,
		platform      TEXT NOT NULL DEFAULT '',
		site_order_id INTEGER NOT NULL,
		site_row_id   INTEGER NOT NULL,
		state         TEXT NOT NULL,
		order_id      TEXT NOT NULL DEFAULT '',
		order_sn      TEXT NOT NULL DEFAULT '',
		msg_code      TEXT NOT NULL DEFAULT '',
		msg           TEXT NOT NULL DEFAULT '',
		updated       INTEGER NOT NULL
	);
	CREATE INDEX run_rows_run ON run_rows(run_id);`,
}

// SchemaVersion is the user_version of a fully migrated ledger.
var SchemaVersion = len(migrations)

// migrate applies the missing migrations in one transaction.
func (l *Ledger) migrate(ctx context.Context) error {
	tx, err := l.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var v int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return fmt.Errorf("reading the schema version: %w", err)
	}
	if v > len(migrations) {
		return fmt.Errorf("schema version %d is newer than this program knows (%d): use a newer orderimport", v, len(migrations))
	}
	if v == len(migrations) {
		return nil
	}
	for i := v; i < len(migrations); i++ {
		if _, err := tx.ExecContext(ctx, migrations[i]); err != nil {
			return fmt.Errorf("migrating the schema to version %d: %w", i+1, err)
		}
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", len(migrations))); err != nil {
		return err
	}
	return tx.Commit()
}
