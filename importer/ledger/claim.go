package ledger

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
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
	// ResendRejected claims rows the provider refused although they have
	// not changed since.
	ResendRejected bool
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
	// Refused: the provider refused the row and it has not changed since
	// (same content hash); Entry holds the refusal.
	Refused
)

// ClaimRow is one row offered to Claim.
type ClaimRow struct {
	Key string
	// Aliases are the row's keys under older spellings of the account
	// (LookupAliased); the row is claimed under Key.
	Aliases []string
	Line    int
	// Record is the mapped row, stored until the outcome is known so that a
	// later run can resend the claim exactly.
	Record []string
	// Content is ContentHash(Record), kept with the row.
	Content string
	// Platform is the row's platform order number as mapped (damaijia
	// platform_order_sn, the storefront's order number), kept for the
	// run's history; "" when the row has none.
	Platform string
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
	for i, r := range rows {
		e, ok, err := l.entryOrAlias(ctx, tx, r.Key, r.Aliases, runs)
		if err != nil {
			return Decision{}, err
		}
		d.Entries[i] = e
		d.Verdicts[i] = Take
		if ok {
			d.Verdicts[i] = Judge(e, l.RunID(), p, r.Content)
		}
	}
	if p.Whole {
		WholeOrder(d.Verdicts)
	}
	taken := 0
	for _, v := range d.Verdicts {
		if v == Take {
			taken++
		}
	}
	if taken == 0 {
		return d, nil
	}
	for i, r := range rows {
		if d.Verdicts[i] == Take && d.Entries[i].Key == r.Key && r.Key != "" {
			if err := l.archiveRow(ctx, tx, r.Key); err != nil {
				return Decision{}, err
			}
		}
	}
	c, err := l.insertClaim(ctx, tx, ns, rows, d.Verdicts, taken)
	if err != nil {
		return Decision{}, err
	}
	d.Claim = c
	return d, nil
}

// WholeOrder adjusts the verdicts of the rows of an order that is sent
// whole or not at all: when some row is taken, the unchanged refused rows
// are taken with it (the order changed, and nothing of it was created);
// when another row is not to be sent, the rows to take are held.
func WholeOrder(v []Verdict) {
	taken, refused := 0, 0
	for _, x := range v {
		switch x {
		case Take:
			taken++
		case Refused:
			refused++
		}
	}
	if taken == 0 {
		return
	}
	for i, x := range v {
		switch {
		case taken+refused == len(v) && x == Refused:
			v[i] = Take
		case taken+refused < len(v) && x == Take:
			v[i] = Held
		}
	}
}

// Judge decides whether a known row may be claimed by run me under p;
// content is the row's content hash now (ContentHash).
func Judge(e Entry, me string, p Policy, content string) Verdict {
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
	case Rejected:
		if !p.ResendRejected && e.Content != "" && e.Content == content {
			return Refused
		}
	}
	return Take // rejected and changed, failed, not_sent: the merchant may have fixed it
}

// The statements of a claim.
const (
	qInsertClaim = `INSERT INTO claims(ns, run_id, site_order_id, nrows, state, created, updated) VALUES (?,?,?,?,?,?,?)`
	qClaimRow    = `INSERT INTO rows(key, claim_id, pos, run_id, state, site_row_id, line, record, content, platform, updated)
		VALUES (?,?,?,?,?,?,?,?,?,?,?)
		ON CONFLICT(key) DO UPDATE SET claim_id=excluded.claim_id, pos=excluded.pos, run_id=excluded.run_id,
			state=excluded.state, site_row_id=excluded.site_row_id, line=excluded.line, record=excluded.record,
			content=excluded.content, platform=excluded.platform, order_id='', order_sn='', msg_code='', msg='',
			forbidden_zone='', amount=0, updated=excluded.updated`
)

// insertClaim allocates the ids and writes the claim and its rows.
func (l *Ledger) insertClaim(ctx context.Context, tx querier, ns string, rows []ClaimRow, v []Verdict, taken int) (*Claim, error) {
	first, err := l.allocate(ctx, tx, int64(taken)+1)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, 0, taken)
	for k := range int64(taken) {
		ids = append(ids, first+1+k)
	}
	return l.writeClaim(ctx, tx, ns, rows, v, first, ids)
}

// writeClaim writes a claim of the rows taken (v) with the given ids.
func (l *Ledger) writeClaim(ctx context.Context, tx querier, ns string, rows []ClaimRow, v []Verdict, siteOrderID int64, rowIDs []int64) (*Claim, error) {
	now := l.now().UnixMilli()
	c := &Claim{SiteOrderID: siteOrderID}
	res, err := tx.ExecContext(ctx, qInsertClaim, ns, l.RunID(), siteOrderID, len(rowIDs), string(Claimed), now, now)
	if err != nil {
		return nil, fmt.Errorf("ledger: writing the claim: %w", err)
	}
	if c.ID, err = res.LastInsertId(); err != nil {
		return nil, fmt.Errorf("ledger: writing the claim: %w", err)
	}
	for i, r := range rows {
		if v[i] != Take {
			continue
		}
		rec, err := json.Marshal(r.Record)
		if err != nil {
			return nil, fmt.Errorf("ledger: encoding row %d: %w", r.Line, err)
		}
		id := rowIDs[len(c.Rows)]
		_, err = tx.ExecContext(ctx, qClaimRow, r.Key, c.ID, len(c.Rows), l.RunID(), string(Claimed), id, r.Line, string(rec),
			r.Content, r.Platform, now)
		if err != nil {
			return nil, fmt.Errorf("ledger: claiming row %d: %w", r.Line, err)
		}
		c.Rows = append(c.Rows, i)
		c.SiteRowIDs = append(c.SiteRowIDs, id)
	}
	return c, nil
}

// ClaimWithIDs claims rows, all of them or none, with the ids an earlier
// claim sent them with, elsewhere (a result sheet carried them from a
// ledger this one never saw): an idempotent provider answers such a resend
// "already exists" when that claim created the order. It claims nothing
// when the ledger knows any of the rows (under its key or an alias): the
// ledger then decides, and Decision says how. The id sequence is moved
// past the ids, so that no later claim of this ledger sends them again.
func (l *Ledger) ClaimWithIDs(ctx context.Context, ns string, rows []ClaimRow, siteOrderID int64, rowIDs []int64) (Decision, error) {
	var d Decision
	err := l.write(ctx, func(ctx context.Context, tx querier) error {
		d = Decision{Verdicts: make([]Verdict, len(rows)), Entries: make([]Entry, len(rows))}
		runs := map[string]RunInfo{}
		known := false
		for i, r := range rows {
			e, ok, err := l.entryOrAlias(ctx, tx, r.Key, r.Aliases, runs)
			if err != nil {
				return err
			}
			d.Entries[i] = e
			if ok {
				known = true
				d.Verdicts[i] = Judge(e, l.RunID(), Policy{Whole: true}, r.Content)
			}
		}
		if known {
			return nil
		}
		if err := l.passIDs(ctx, tx, max(siteOrderID, slices.Max(rowIDs))); err != nil {
			return err
		}
		c, err := l.writeClaim(ctx, tx, ns, rows, d.Verdicts, siteOrderID, rowIDs)
		d.Claim = c
		return err
	})
	if err != nil {
		return Decision{}, fmt.Errorf("ledger: claim: %w", err)
	}
	return d, nil
}
