package importer

import (
	"context"
	"fmt"
	"slices"
	"strconv"

	"orderimport/importer/ledger"
	"orderimport/providers"
)

// runID returns the ledger run id, or "".
func (r *run) runID() string {
	if r.o.Ledger == nil {
		return ""
	}
	return r.o.Ledger.RunID()
}

// policy is how this run claims rows.
func (r *run) policy() ledger.Policy {
	g := r.o.Provider.Grouping()
	return ledger.Policy{AllowDuplicates: r.o.AllowDuplicates, ResendUnknown: r.o.ResendUnknown && !g.Idempotent,
		Whole: !g.Idempotent}
}

// recoverOpen resends, before the file is read, the open claims of earlier
// runs (killed, or whose answers were lost) when the provider is
// idempotent: exactly as they were first sent, same ids, same rows, so an
// order that was created is answered "already exists" and one that was not
// is created now. The file's rows then find them done in the ledger.
func (r *run) recoverOpen() {
	if r.o.Ledger == nil || r.o.DryRun || !r.o.Provider.Grouping().Idempotent {
		return
	}
	pend, err := r.o.Ledger.Recover(context.WithoutCancel(r.signaled), r.ns)
	if err != nil {
		r.stop(LedgerError(r.o.Ledger.Path(), err))
		return
	}
	for i := range pend {
		p := &pend[i]
		r.o.Log.Info("resending an order an earlier run left open", "from_run", p.From,
			"site_order_id", p.SiteOrderID, "rows", len(p.Rows))
		j := job{reclaim: p, order: providers.Order{ID: p.SiteOrderID, Rows: make([]providers.OrderRow, len(p.Rows))}}
		for k, pr := range p.Rows {
			j.order.Rows[k] = providers.OrderRow{ID: pr.SiteRowID, Record: providers.Record{Values: pr.Record}}
		}
		r.pending.Add(1)
		r.jobs <- j
	}
	r.pending.Wait()
}

// dispatchClaimed drops the rows the ledger already settles and queues the
// rest; the worker's claim has the final word. keys are the rows' ledger
// keys, after the in-file duplicate check.
func (r *run) dispatchClaimed(rows []pendingRow, keys []string) {
	known, err := r.o.Ledger.Lookup(context.WithoutCancel(r.signaled), keys)
	if err != nil {
		r.stop(LedgerError(r.o.Ledger.Path(), err))
		r.resolveAll(rows, RowResult{Status: StatusNotSent, Error: "not sent: " + r.stopReason()})
		return
	}
	j := job{}
	pol := r.policy()
	blocked := false
	for i, pr := range rows {
		if e, ok := known[keys[i]]; ok {
			if v := ledger.Judge(e, r.runID(), pol); v != ledger.Take {
				r.seq.finish(pr.seq, r.verdictResult(v, e))
				blocked = true
				continue
			}
		}
		j.order.Rows = append(j.order.Rows, providers.OrderRow{Record: pr.rec})
		j.seqs = append(j.seqs, pr.seq)
		j.keys = append(j.keys, keys[i])
		j.lines = append(j.lines, pr.row.Line)
	}
	if len(j.seqs) == 0 {
		return
	}
	if blocked && pol.Whole {
		for _, seq := range j.seqs {
			r.seq.finish(seq, r.verdictResult(ledger.Held, ledger.Entry{}))
		}
		return
	}
	r.orders++
	r.finished.send() // before a send that may wait
	r.jobs <- j
}

// dropDuplicates marks the rows whose identity already occurred in this file
// (ans: the rows' answers from the duplicate check) as skipped and returns
// the others with their ledger keys (keys may be nil without a ledger);
// with AllowDuplicates it keeps every row and makes the repeated keys
// unique. An order of a non-idempotent provider is skipped whole when one of
// its rows repeats an earlier one.
func (r *run) dropDuplicates(rows []pendingRow, ans []dupAnswer, keys []string) ([]pendingRow, []string) {
	if r.o.AllowDuplicates {
		for i, a := range ans {
			if a.before > 0 && keys != nil {
				keys[i] = ledger.Key(keys[i], "repeat", strconv.Itoa(a.before))
			}
		}
		return rows, keys
	}
	if !slices.ContainsFunc(ans, func(a dupAnswer) bool { return a.before > 0 }) {
		return rows, keys
	}
	whole := !r.o.Provider.Grouping().Idempotent
	var kept []pendingRow
	var keptKeys []string
	for i, pr := range rows {
		switch {
		case ans[i].before > 0:
			r.seq.finish(pr.seq, RowResult{Status: StatusSkipped,
				Error: fmt.Sprintf("duplicate of row %d: not sent (--allow-duplicates sends it)", ans[i].first)})
		case whole:
			r.seq.finish(pr.seq, RowResult{Status: StatusSkipped,
				Error: "not sent: another row of this order repeats an earlier row of the file"})
		default:
			kept = append(kept, pr)
			if keys != nil {
				keptKeys = append(keptKeys, keys[i])
			}
		}
	}
	return kept, keptKeys
}

// verdictResult is the result of a row the ledger keeps from being sent.
func (r *run) verdictResult(v ledger.Verdict, e ledger.Entry) RowResult {
	switch v {
	case ledger.Done:
		res := RowResult{Status: StatusSkipped, OrderID: e.OrderID, OrderSN: e.OrderSN, MsgCode: e.MsgCode, Msg: e.Msg,
			Error: fmt.Sprintf("already created by %s (row %d there), not sent again; --allow-duplicates sends it", e.Run, e.Line)}
		if e.Run.ID == r.runID() {
			// Resent by this run from an earlier run's open claim.
			res.Status = Status(e.State)
			res.Error = ""
			if res.Status != StatusOK {
				res.Error = "resent by this run after an earlier run left it open: " + string(e.State)
			}
		}
		return res
	case ledger.Busy:
		return RowResult{Status: StatusSkipped, Error: fmt.Sprintf("being sent by %s: not sent by this run", e.Run)}
	case ledger.Unresolved:
		why := "sent by " + e.Run.String() + ", and no answer was recorded"
		if e.State == ledger.Claimed {
			why = "claimed by " + e.Run.String() + ", which stopped before recording an answer"
		}
		return RowResult{Status: StatusUnknown, MsgCode: e.MsgCode, Msg: e.Msg,
			Error: why + ": the order may exist; check at the provider, then send it again with --resend-unknown"}
	case ledger.Held:
		return RowResult{Status: StatusSkipped,
			Error: "not sent: other rows of this order are already created, unknown or being sent; sending this row alone would make a second order"}
	}
	return RowResult{Status: StatusNotSent, Error: "internal error: no verdict"}
}
