package ledger

import (
	"context"
	"fmt"
)

// A run's history is every row it claimed and what became of it. The rows
// table holds each row's last claim, with the run that made it (indexed by
// run_id): that is most of every run's history, kept at no cost. When a
// run claims a row again that an earlier run claimed (a refused or failed
// row sent anew, a dead run's open claim taken over), the earlier run's
// row is first archived, as it was, in run_rows, under the earlier run.
// A run's rows (RunRows) are its rows in rows and in run_rows.

// The statements of the archive.
const (
	archiveFrom = `INSERT INTO run_rows(run_id, claim_id, key, line, platform, site_order_id, site_row_id, state,
			order_id, order_sn, msg_code, msg, updated)
		SELECT r.run_id, r.claim_id, r.key, r.line, r.platform, c.site_order_id, r.site_row_id, r.state,
			r.order_id, r.order_sn, r.msg_code, r.msg, r.updated
		FROM rows r JOIN claims c ON c.id = r.claim_id WHERE `
	// qArchiveRow archives a row about to be claimed by another run.
	qArchiveRow = archiveFrom + `r.key = ? AND r.run_id != ?`
	// qArchiveTakenOver archives the open rows of a claim about to be
	// taken over by another run.
	qArchiveTakenOver = archiveFrom + `r.claim_id = ? AND r.run_id != ? AND r.state IN ('claimed', 'unknown')`
)

// archiveRow keeps the earlier run's record of a row about to be claimed
// again by this run.
func (l *Ledger) archiveRow(ctx context.Context, tx querier, key string) error {
	if _, err := tx.ExecContext(ctx, qArchiveRow, key, l.RunID()); err != nil {
		return fmt.Errorf("ledger: keeping the history of row %s: %w", key, err)
	}
	return nil
}

// archiveTakenOver keeps the earlier run's record of the open rows of
// claim id, about to be taken over by this run.
func (l *Ledger) archiveTakenOver(ctx context.Context, tx querier, id int64) error {
	if _, err := tx.ExecContext(ctx, qArchiveTakenOver, id, l.RunID()); err != nil {
		return fmt.Errorf("ledger: keeping the history of claim %d: %w", id, err)
	}
	return nil
}

// qRunRows reads a run's rows: its last claims, and its archived ones.
const qRunRows = `SELECT line, key, platform, site_order_id, site_row_id, state, order_id, order_sn, msg_code, msg, updated FROM (
		SELECT r.line, r.key, r.platform, c.site_order_id, r.site_row_id, r.state, r.order_id, r.order_sn,
			r.msg_code, r.msg, r.updated
		FROM rows r JOIN claims c ON c.id = r.claim_id WHERE r.run_id = ?
		UNION ALL
		SELECT line, key, platform, site_order_id, site_row_id, state, order_id, order_sn, msg_code, msg, updated
		FROM run_rows WHERE run_id = ?)
	ORDER BY line, key`

// qRunStates counts a run's rows per state.
const qRunStates = `SELECT state, count(*) FROM (
		SELECT state FROM rows WHERE run_id = ? UNION ALL SELECT state FROM run_rows WHERE run_id = ?)
	GROUP BY state`
