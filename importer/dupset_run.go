package importer

import (
	"fmt"
	"slices"

	"orderimport/importer/dupset"
)

// heldOrder is an order waiting for the in-file duplicate check: the
// check of its key (adjacent grouping: rows[0].order; ans is then nil) or
// of its rows' identities (ans) is pending in the run's dupset.Set.
type heldOrder struct {
	rows []pendingRow
	keys []string // ledger keys, nil without a claiming ledger
	ans  []dupset.Answer
}

// pending reports whether the duplicate check of a row of o is pending.
func (o *heldOrder) pending() bool {
	for _, a := range o.ans {
		if a.Pending() {
			return true
		}
	}
	return false
}

// waiting appends the pending answers o waits for to ans.
func (o *heldOrder) waiting(ans []*dupset.Answer) []*dupset.Answer {
	if o.ans == nil {
		return append(ans, o.rows[0].order)
	}
	for i := range o.ans {
		if o.ans[i].Pending() {
			ans = append(ans, &o.ans[i])
		}
	}
	return ans
}

// noteRows notes each row's identity hash in the run's dupset.Set. A spill
// error stops the run and finishes the rows as not sent; noteRows then
// reports false.
//
// The answers live in the run's reused buffer until hold copies them.
func (r *run) noteRows(o *heldOrder, hashes []uint64) bool {
	o.ans = r.ansBuf[:0]
	r.seen.Prefetch(hashes)
	for i, pr := range o.rows {
		a, err := r.seen.Note(hashes[i], pr.row.Line)
		if err != nil {
			r.dupFailed(err, o)
			return false
		}
		o.ans = append(o.ans, a)
	}
	r.ansBuf = o.ans
	return true
}

// hold keeps o until the duplicate check can answer it. The held rows are
// resolved together, in one read of the spill, when they reach a quarter
// of the window, when they are what the reader waits for (releaseHeld), and
// at the end (flushOrders).
func (r *run) hold(o heldOrder) {
	if o.ans != nil {
		o.ans = slices.Clone(o.ans) // off the reused buffer
	}
	if len(r.held) == 0 || o.rows[0].seq < r.heldOldest {
		r.heldOldest = o.rows[0].seq
	}
	r.held = append(r.held, o)
	r.heldRows += len(o.rows)
	if r.heldRows >= r.heldLimit() {
		r.resolveHeld()
	}
}

// heldLimit is how many rows may wait for the duplicate check.
func (r *run) heldLimit() int { return max(1, r.o.Window/4) }

// resolveHeld answers the held orders' pending checks and sends the orders
// on: an order held for its key is admitted (and may be held again, for
// its rows), the others are released.
func (r *run) resolveHeld() {
	if len(r.held) == 0 {
		return
	}
	held := r.held
	r.held, r.heldRows = nil, 0
	var ans []*dupset.Answer
	for i := range held {
		ans = held[i].waiting(ans)
	}
	if err := r.seen.Resolve(ans); err != nil {
		for i := range held {
			r.dupFailed(err, &held[i])
		}
		return
	}
	for _, o := range held {
		if o.ans == nil {
			r.admit(o.rows)
		} else {
			r.release(o)
		}
	}
}

// releaseHeld is called by the grouper before it waits for the next rows
// (newest: the last row it was given). It resolves the held orders when the
// oldest held row may be the one the reader waits for; holding it longer
// would stall the run for good.
//
// Why that is enough: the reader takes a slot of the sequencer's window for
// each row it reads and waits when none is left; a slot comes back when its
// row is written, in input order. When the reader waits, it has handed every
// row it read on (a partial batch goes before it waits), so the window holds
// rows newest-Window+1 to newest and the first of them is the one waited
// for. The grouper holds no row that far behind (grouper.expire; an
// adjacent order goes in parts of Window/2 rows), so that row is at a worker,
// which finishes it, or held here: then newest-heldOldest is Window-1, at
// least Window-heldLimit(), and it is released before the grouper waits.
//
// An order held for its key may be held again for its rows: each round
// resolves, until the oldest held row is recent enough.
func (r *run) releaseHeld(newest int) {
	for len(r.held) > 0 && newest-r.heldOldest >= r.o.Window-r.heldLimit() {
		r.resolveHeld()
	}
}

// nextBatch returns the next batch of mapped rows in reading order, false
// once there are no more. Before it waits for one, it lets the held orders
// go if the reader may be waiting for them (releaseHeld).
func (r *run) nextBatch(ordered <-chan *mapBatch) (*mapBatch, bool) {
	var b *mapBatch
	var ok bool
	select {
	case b, ok = <-ordered:
	default:
		r.releaseHeld(r.newest)
		r.finished.send() // before the wait: the reader may wait for these rows
		b, ok = <-ordered
	}
	if ok && len(b.rows) > 0 {
		r.newest = b.rows[len(b.rows)-1].seq
	}
	return b, ok
}

// flushOrders sends the grouper's open orders and resolves the held ones:
// the end of the input.
func (r *run) flushOrders() {
	r.group.flush()
	for len(r.held) > 0 {
		r.resolveHeld()
	}
}

// dupFailed stops the run on a spill error and finishes o's rows as not
// sent: a duplicate check that cannot answer must not let a row through.
func (r *run) dupFailed(err error, o *heldOrder) {
	r.stop(fmt.Errorf("in-file duplicate check: %w", err))
	r.resolveAll(o.rows, RowResult{Status: StatusNotSent, Error: r.notSent()})
}
