package ledger

import (
	"context"
	"encoding/json"
	"fmt"
)

// Pending is an open claim taken over for resending, exactly as it was first
// claimed: same site order id, same rows, same row ids.
type Pending struct {
	ClaimID     int64
	SiteOrderID int64
	// From is the run that made the claim.
	From string
	Rows []PendingRow
}

// PendingRow is one row of a Pending claim.
type PendingRow struct {
	Key       string
	SiteRowID int64
	Line      int
	Record    []string
	// Open is true for the rows whose outcome is open: the others were
	// answered (ok or refused) and keep their outcome whatever the resend
	// is answered.
	Open bool
}

// Recover takes over, for this run, every open claim of account ns (or of
// its older spellings, legacy) that can be resent safely: claims whose
// outcome is unknown, and claims held by dead runs. It is for idempotent
// providers only (a resend with the same ids cannot create a second
// order). Claims that lost rows to a later claim are not returned; their
// rows stay unknown.
func (l *Ledger) Recover(ctx context.Context, ns string, legacy ...string) ([]Pending, error) {
	tx, err := l.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("ledger: recover: %w", err)
	}
	defer tx.Rollback()
	var cands []openClaim
	for _, n := range append([]string{ns}, legacy...) {
		c, err := openClaims(ctx, tx, n)
		if err != nil {
			return nil, err
		}
		cands = append(cands, c...)
	}
	if err != nil {
		return nil, err
	}
	runs := map[string]RunInfo{}
	var out []Pending
	for _, c := range cands {
		if c.state == string(Claimed) {
			ri, seen := runs[c.run]
			if !seen {
				if ri, err = l.runInfo(ctx, tx, c.run); err != nil {
					return nil, err
				}
				runs[c.run] = ri
			}
			if !ri.Dead || c.run == l.RunID() {
				continue
			}
		}
		p, err := l.takeOver(ctx, tx, c)
		if err != nil {
			return nil, err
		}
		if p != nil {
			out = append(out, *p)
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("ledger: committing the recovery: %w", err)
	}
	return out, nil
}

type openClaim struct {
	id, siteOrderID, nrows int64
	run, state             string
}

func openClaims(ctx context.Context, q querier, ns string) ([]openClaim, error) {
	rs, err := q.QueryContext(ctx, `SELECT id, site_order_id, nrows, run_id, state FROM claims
		WHERE ns = ? AND state IN ('claimed', 'unknown') ORDER BY id`, ns)
	if err != nil {
		return nil, fmt.Errorf("ledger: open claims: %w", err)
	}
	defer rs.Close()
	var out []openClaim
	for rs.Next() {
		var c openClaim
		if err := rs.Scan(&c.id, &c.siteOrderID, &c.nrows, &c.run, &c.state); err != nil {
			return nil, fmt.Errorf("ledger: open claims: %w", err)
		}
		out = append(out, c)
	}
	return out, rs.Err()
}

// takeOver moves claim c to this run and returns it, or nil when it can no
// longer be resent as it was.
func (l *Ledger) takeOver(ctx context.Context, tx querier, c openClaim) (*Pending, error) {
	rs, err := tx.QueryContext(ctx, `SELECT key, site_row_id, line, record, state IN ('claimed', 'unknown') FROM rows WHERE claim_id = ? ORDER BY pos`, c.id)
	if err != nil {
		return nil, fmt.Errorf("ledger: claim %d: %w", c.id, err)
	}
	p := &Pending{ClaimID: c.id, SiteOrderID: c.siteOrderID, From: c.run}
	intact := true
	for rs.Next() {
		var r PendingRow
		var rec *string
		if err := rs.Scan(&r.Key, &r.SiteRowID, &r.Line, &rec, &r.Open); err != nil {
			rs.Close()
			return nil, fmt.Errorf("ledger: claim %d: %w", c.id, err)
		}
		if rec == nil || json.Unmarshal([]byte(*rec), &r.Record) != nil {
			intact = false
		}
		p.Rows = append(p.Rows, r)
	}
	rs.Close()
	if err := rs.Err(); err != nil {
		return nil, err
	}
	now := l.now().UnixMilli()
	if !intact || int64(len(p.Rows)) != c.nrows {
		// Part of the claim was answered or re-claimed: resending it would
		// not be the same request. Its open rows stay unknown.
		_, err := tx.ExecContext(ctx, `UPDATE rows SET state='unknown', updated=? WHERE claim_id=? AND state IN ('claimed','unknown')`, now, c.id)
		if err == nil {
			_, err = tx.ExecContext(ctx, `UPDATE claims SET state='stuck', updated=? WHERE id=?`, now, c.id)
		}
		return nil, err
	}
	if err := l.archiveTakenOver(ctx, tx, c.id); err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE claims SET run_id=?, state='claimed', updated=? WHERE id=?`, l.RunID(), now, c.id); err != nil {
		return nil, fmt.Errorf("ledger: taking over claim %d: %w", c.id, err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE rows SET run_id=?, state='claimed', updated=? WHERE claim_id=? AND state IN ('claimed', 'unknown')`, l.RunID(), now, c.id); err != nil {
		return nil, fmt.Errorf("ledger: taking over claim %d: %w", c.id, err)
	}
	return p, nil
}
