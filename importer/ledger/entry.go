package ledger

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// State is what the ledger knows about one row.
type State string

// The row states.
const (
	// Claimed: a run committed to send the row; it may have been sent.
	Claimed State = "claimed"
	// OK: the provider created the row's order and accepted the row.
	OK State = "ok"
	// Rejected: the provider refused the row; it may be sent again.
	Rejected State = "rejected"
	// Failed: the row was surely not created; it may be sent again.
	Failed State = "failed"
	// Unknown: the row was sent and no answer came back.
	Unknown State = "unknown"
	// NotSent: the row was claimed but its run stopped before sending it.
	NotSent State = "not_sent"
)

// Entry is the ledger's record of one row.
type Entry struct {
	Key   string
	State State
	// Run is the run that last claimed the row.
	Run         RunInfo
	ClaimID     int64
	SiteOrderID int64
	SiteRowID   int64
	// Line is the row's line in the input of the run that claimed it.
	Line                                          int
	OrderID, OrderSN, MsgCode, Msg, ForbiddenZone string
	Amount                                        int64
	// Content is the hash of the row's mapped values when it was claimed
	// (ContentHash); "" for rows of older ledgers.
	Content string
	Updated time.Time
}

const entryColumns = `r.key, r.state, r.run_id, r.claim_id, c.site_order_id, r.site_row_id, r.line,
	r.order_id, r.order_sn, r.msg_code, r.msg, r.forbidden_zone, r.amount, r.content, r.updated`

// qEntry reads one row's entry.
const qEntry = `SELECT ` + entryColumns + ` FROM rows r JOIN claims c ON c.id = r.claim_id WHERE r.key = ?`

// entry reads one row's entry; ok is false when the ledger has none.
func (l *Ledger) entry(ctx context.Context, q querier, key string, runs map[string]RunInfo) (Entry, bool, error) {
	var e Entry
	var runID string
	var updated int64
	err := q.QueryRowContext(ctx, qEntry, key).
		Scan(&e.Key, &e.State, &runID, &e.ClaimID, &e.SiteOrderID, &e.SiteRowID, &e.Line,
			&e.OrderID, &e.OrderSN, &e.MsgCode, &e.Msg, &e.ForbiddenZone, &e.Amount, &e.Content, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return Entry{}, false, nil
	}
	if err != nil {
		return Entry{}, false, fmt.Errorf("ledger: reading row %s: %w", key, err)
	}
	e.Updated = time.UnixMilli(updated)
	ri, seen := runs[runID]
	if !seen {
		if ri, err = l.runInfo(ctx, q, runID); err != nil {
			return Entry{}, false, fmt.Errorf("ledger: reading run %s: %w", runID, err)
		}
		runs[runID] = ri
	}
	e.Run = ri
	return e, true, nil
}

// entryOrAlias reads the entry of key, or when the ledger has none, of the
// first of aliases it has (the row's keys under an older spelling).
func (l *Ledger) entryOrAlias(ctx context.Context, q querier, key string, aliases []string, runs map[string]RunInfo) (Entry, bool, error) {
	e, ok, err := l.entry(ctx, q, key, runs)
	for _, a := range aliases {
		if ok || err != nil {
			break
		}
		e, ok, err = l.entry(ctx, q, a, runs)
	}
	return e, ok, err
}

// Lookup returns the entries the ledger holds for keys (absent keys are
// missing from the map). It takes no lock: Claim decides. It reads on its
// own connection, so it does not wait for the group writer's commits.
func (l *Ledger) Lookup(ctx context.Context, keys []string) (map[string]Entry, error) {
	return l.LookupAliased(ctx, keys, nil)
}

// LookupAliased is Lookup where a key the ledger does not hold is also
// looked up under its aliases (aliases[i] for keys[i]; nil for none): the
// entry found is returned under the key.
func (l *Ledger) LookupAliased(ctx context.Context, keys []string, aliases [][]string) (map[string]Entry, error) {
	out := make(map[string]Entry, len(keys))
	runs := map[string]RunInfo{}
	for i, k := range keys {
		var al []string
		if i < len(aliases) {
			al = aliases[i]
		}
		e, ok, err := l.entryOrAlias(ctx, l.r, k, al, runs)
		if err != nil {
			return nil, err
		}
		if ok {
			out[k] = e
		}
	}
	return out, nil
}

// OpenRows counts the rows of claim id whose outcome is still open.
func (l *Ledger) OpenRows(ctx context.Context, claimID int64) (int, error) {
	var n int
	err := l.r.QueryRowContext(ctx, `SELECT count(*) FROM rows WHERE claim_id = ? AND state IN ('claimed', 'unknown')`, claimID).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("ledger: claim %d: %w", claimID, err)
	}
	return n, nil
}
