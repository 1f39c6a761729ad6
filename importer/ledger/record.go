package ledger

import (
	"context"
	"fmt"
)

// Outcome is what became of one claimed row.
type Outcome struct {
	Key                            string
	State                          State
	OrderID, OrderSN, MsgCode, Msg string
	Amount                         int64
}

// Record stores the outcome of claim id's rows in one transaction. A row
// whose outcome is known loses its stored record; an unknown row keeps it,
// so that the claim can be resent exactly. Rows claimed since by another
// claim are left alone.
func (l *Ledger) Record(ctx context.Context, claimID int64, outs []Outcome) error {
	tx, err := l.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("ledger: record: %w", err)
	}
	defer tx.Rollback()
	now := l.now().UnixMilli()
	claimState := State("closed")
	for _, o := range outs {
		if o.State == Unknown || o.State == Claimed {
			claimState = Unknown
		}
		_, err := tx.ExecContext(ctx, `UPDATE rows SET state=?, order_id=?, order_sn=?, msg_code=?, msg=?, amount=?, updated=?,
			record = CASE WHEN ? IN ('unknown', 'claimed') THEN record ELSE NULL END
			WHERE key=? AND claim_id=?`,
			string(o.State), o.OrderID, o.OrderSN, o.MsgCode, o.Msg, o.Amount, now, string(o.State), o.Key, claimID)
		if err != nil {
			return fmt.Errorf("ledger: recording row %s: %w", o.Key, err)
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE claims SET state=?, updated=? WHERE id=?`, string(claimState), now, claimID); err != nil {
		return fmt.Errorf("ledger: recording claim %d: %w", claimID, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("ledger: committing outcomes: %w", err)
	}
	return nil
}
