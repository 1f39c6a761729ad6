package ledger

import (
	"context"
	"encoding/json"
	"fmt"
)

// Policy says which known rows a claim may take over.
type Policy struct {
	// AllowDuplicates claims rows the ledger knows as ok (sends them again).
	AllowDuplicates bool
	// ResendUnknown claims rows whose outcome is unknown (sent, no answer,
	// or claimed by a run that died), at the risk of a second order.
	ResendUnknown bool
	// Whole claims every row of the order or none: for providers whose
	// orders cannot be split without creating a second order.
	Whole bool
}

// Verdict is what a claim decided for one row.
type Verdict int

// The verdicts.
const (
	// Take: the row is claimed by this call; send it.
	Take Verdict = iota
	// Done: the ledger knows the row as ok, or this run already settled it;
	// Entry says where and how.
	Done
	// Busy: a live run holds the row.
	Busy
	// Unresolved: the row's outcome is unknown and the policy does not resend it.
	Unresolved
	// Held: the row is claimable, but another row of its whole order is not.
	Held
)

// ClaimRow is one row offered to Claim.
type ClaimRow struct {
	Key  string
	Line int
	// Record is the mapped row, stored until the outcome is known so that a
	// later run can resend the claim exactly.
	Record []string
}

// Claim is a committed claim: the rows it took and the ids to send them with.
type Claim struct {
	ID          int64
	SiteOrderID int64
	// Rows are the indexes (into the offered rows) of the claimed rows, and
	// SiteRowIDs their row ids, aligned.
	Rows       []int
	SiteRowIDs []int64
}

// Decision is the outcome of Claim: a verdict per offered row (and the
// ledger's entry for every row not taken), and the claim when rows were
// taken.
type Decision struct {
	Verdicts []Verdict
	Entries  []Entry
	Claim    *Claim
}

// Claim decides, in one write transaction, which of rows this run sends,
// and commits the claim with freshly allocated ids before returning. ns
// names the account (provider and base URL).
func (l *Ledger) Claim(ctx context.Context, ns string, rows []ClaimRow, p Policy) (Decision, error) {
	var d Decision
	err := l.write(ctx, func(ctx context.Context, tx querier) error {
		var err error
		d, err = l.claim(ctx, tx, ns, rows, p)
		return err
	})
	if err != nil {
		return Decision{}, fmt.Errorf("ledger: claim: %w", err)
	}
	return d, nil
}

// claim is Claim's work inside the group's transaction.
func (l *Ledger) claim(ctx context.Context, tx querier, ns string, rows []ClaimRow, p Policy) (Decision, error) {
	d := Decision{Verdicts: make([]Verdict, len(rows)), Entries: make([]Entry, len(rows))}
	runs := map[string]RunInfo{}
	taken := 0
	for i, r := range rows {
		e, ok, err := l.entry(ctx, tx, r.Key, runs)
		if err != nil {
			return Decision{}, err
		}
		d.Entries[i] = e
		d.Verdicts[i] = Take
		if ok {
			d.Verdicts[i] = Judge(e, l.RunID(), p)
		}
		if d.Verdicts[i] == Take {
			taken++
		}
	}
	if p.Whole && taken > 0 && taken < len(rows) {
		for i, v := range d.Verdicts {
			if v == Take {
				d.Verdicts[i] = Held
			}
		}
		taken = 0
	}
	if taken == 0 {
		return d, nil
	}
	c, err := l.insertClaim(ctx, tx, ns, rows, d.Verdicts, taken)
	if err != nil {
		return Decision{}, err
	}
	d.Claim = c
	return d, nil
}

// Judge decides whether a known row may be claimed by run me under p.
func Judge(e Entry, me string, p Policy) Verdict {
	if e.Run.ID == me && e.State != Claimed {
		return Done // settled by this very run (a resent open claim)
	}
	switch e.State {
	case OK:
		if p.AllowDuplicates && e.Run.ID != me {
			return Take
		}
		return Done
	case Unknown:
		if p.ResendUnknown {
			return Take
		}
		return Unresolved
	case Claimed:
		if e.Run.ID == me || !e.Run.Dead {
			return Busy
		}
		if p.ResendUnknown {
			return Take
		}
		return Unresolved
	}
	return Take // rejected, failed, not_sent: the merchant may have fixed it
}

// The statements of a claim.
const (
	qInsertClaim = `INSERT INTO claims(ns, run_id, site_order_id, nrows, state, created, updated) VALUES (?,?,?,?,?,?,?)`
	qClaimRow    = `INSERT INTO rows(key, claim_id, pos, run_id, state, site_row_id, line, record, updated)
		VALUES (?,?,?,?,?,?,?,?,?)
		ON CONFLICT(key) DO UPDATE SET claim_id=excluded.claim_id, pos=excluded.pos, run_id=excluded.run_id,
			state=excluded.state, site_row_id=excluded.site_row_id, line=excluded.line, record=excluded.record,
			order_id='', order_sn='', msg_code='', msg='', amount=0, updated=excluded.updated`
)

// insertClaim allocates the ids and writes the claim and its rows.
func (l *Ledger) insertClaim(ctx context.Context, tx querier, ns string, rows []ClaimRow, v []Verdict, taken int) (*Claim, error) {
	first, err := l.allocate(ctx, tx, int64(taken)+1)
	if err != nil {
		return nil, err
	}
	now := l.now().UnixMilli()
	c := &Claim{SiteOrderID: first}
	res, err := tx.ExecContext(ctx, qInsertClaim, ns, l.RunID(), first, taken, string(Claimed), now, now)
	if err != nil {
		return nil, fmt.Errorf("ledger: writing the claim: %w", err)
	}
	if c.ID, err = res.LastInsertId(); err != nil {
		return nil, fmt.Errorf("ledger: writing the claim: %w", err)
	}
	next := first + 1
	for i, r := range rows {
		if v[i] != Take {
			continue
		}
		rec, err := json.Marshal(r.Record)
		if err != nil {
			return nil, fmt.Errorf("ledger: encoding row %d: %w", r.Line, err)
		}
		_, err = tx.ExecContext(ctx, qClaimRow, r.Key, c.ID, len(c.Rows), l.RunID(), string(Claimed), next, r.Line, string(rec), now)
		if err != nil {
			return nil, fmt.Errorf("ledger: claiming row %d: %w", r.Line, err)
		}
		c.Rows = append(c.Rows, i)
		c.SiteRowIDs = append(c.SiteRowIDs, next)
		next++
	}
	return c, nil
}
