package ledger

import (
	"context"
	"fmt"
)

// Outcome is what became of one claimed row.
type Outcome struct {
	Key                                           string
	State                                         State
	OrderID, OrderSN, MsgCode, Msg, ForbiddenZone string
	Amount                                        int64
}

// Record stores the outcome of claim id's rows (outs: every row of the
// claim) in one transaction (shared with other writes queued at the same
// moment: group commit). While a row of the claim is unknown, every row of
// the claim keeps its stored record, so that the claim can be resent
// exactly; once none is, the records are erased. Rows claimed since by
// another claim are left alone.
func (l *Ledger) Record(ctx context.Context, claimID int64, outs []Outcome) error {
	return l.write(ctx, func(ctx context.Context, tx querier) error {
		return l.record(ctx, tx, claimID, outs, false)
	})
}

// RecordOpen is Record for a claim resent by Recover: outs are its rows
// that were open (PendingRow.Open); the others keep their outcome.
func (l *Ledger) RecordOpen(ctx context.Context, claimID int64, outs []Outcome) error {
	return l.write(ctx, func(ctx context.Context, tx querier) error {
		return l.record(ctx, tx, claimID, outs, true)
	})
}

// The statements of a record.
const (
	qRecordRow = `UPDATE rows SET state=?, order_id=?, order_sn=?, msg_code=?, msg=?, forbidden_zone=?, amount=?, updated=?,
		record = CASE WHEN ? THEN record ELSE NULL END
		WHERE key=? AND claim_id=?`
	qRecordClaim = `UPDATE claims SET state=?, updated=? WHERE id=?`
	// qForgetRecords erases the records of a claim whose every row is
	// settled (rows claimed since by another claim are not its rows).
	qForgetRecords = `UPDATE rows SET record=NULL WHERE claim_id=? AND record IS NOT NULL
		AND NOT EXISTS (SELECT 1 FROM rows o WHERE o.claim_id=? AND o.state IN ('unknown', 'claimed'))`
)

// record is Record's work inside the group's transaction; partial says
// outs are only some of the claim's rows.
func (l *Ledger) record(ctx context.Context, tx querier, claimID int64, outs []Outcome, partial bool) error {
	now := l.now().UnixMilli()
	claimState := State("closed")
	for _, o := range outs {
		if o.State == Unknown || o.State == Claimed {
			claimState = Unknown
		}
	}
	keep := claimState == Unknown
	for _, o := range outs {
		_, err := tx.ExecContext(ctx, qRecordRow, string(o.State), o.OrderID, o.OrderSN, o.MsgCode, o.Msg, o.ForbiddenZone,
			o.Amount, now, keep, o.Key, claimID)
		if err != nil {
			return fmt.Errorf("ledger: recording row %s: %w", o.Key, err)
		}
	}
	if _, err := tx.ExecContext(ctx, qRecordClaim, string(claimState), now, claimID); err != nil {
		return fmt.Errorf("ledger: recording claim %d: %w", claimID, err)
	}
	if partial && !keep {
		if _, err := tx.ExecContext(ctx, qForgetRecords, claimID, claimID); err != nil {
			return fmt.Errorf("ledger: recording claim %d: %w", claimID, err)
		}
	}
	return nil
}
