package importer

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"orderimport/importer/dupset"
	"orderimport/importer/i18n"
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
		Whole: !g.Idempotent, ResendRejected: r.o.ResendRejected}
}

// runAccount is the run's account in the ledger: its namespace, and the
// namespaces its rows were written under before accounts had names.
type runAccount struct {
	ns     string
	legacy []string
}

// useAccount names the run's account in the ledger (when it claims rows)
// and finds the account's older spellings there. It warns when the ledger
// knows the provider under other accounts: rows created under another
// account are not recognised by this run.
func useAccount(ctx context.Context, o Options) (runAccount, error) {
	if o.Ledger == nil || o.DryRun {
		return runAccount{}, nil
	}
	a, err := ledger.NewAccount(o.ProviderName, o.AccountName, o.Account)
	if err != nil {
		return runAccount{}, err
	}
	sp, err := o.Ledger.UseAccount(ctx, a)
	if err != nil {
		return runAccount{}, err
	}
	if len(sp.Others) > 0 {
		o.Log.Warn("CHECK THE ACCOUNT: the ledger knows rows of this provider under another account; this run does not recognise them and "+
			"sends any of them it reads as new rows; if that account is this one, stop and run again with --account NAME "+
			"(or ORDERIMPORT_ACCOUNT=NAME) naming it",
			"provider", a.Provider, "account", a.Name, "other_accounts", strings.Join(sp.Others, ", "), "ledger", o.Ledger.Path())
	}
	if len(sp.Legacy) > 0 {
		o.Log.Info("the ledger also holds this account's rows under the base URLs it was spelled with before",
			"account", a.Name, "spellings", strings.Join(sp.Legacy, ", "))
	}
	return runAccount{ns: a.Namespace(), legacy: sp.Legacy}, nil
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
	pend, err := r.o.Ledger.Recover(context.WithoutCancel(r.signaled), r.ns, r.ident.legacy...)
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
	recs := appendRecords(make([]providers.Record, 0, len(rows)), rows)
	aliases := r.ident.legacyKeys(recs)
	contents := make([]string, len(rows))
	for i, rec := range recs {
		contents[i] = ledger.ContentHash(rec.Values)
	}
	known, err := r.o.Ledger.LookupAliased(context.WithoutCancel(r.signaled), keys, aliases)
	if err != nil {
		r.stop(LedgerError(r.o.Ledger.Path(), err))
		r.resolveAll(rows, RowResult{Status: StatusNotSent, Error: r.notSent()})
		return
	}
	pol := r.policy()
	verdicts := make([]ledger.Verdict, len(rows))
	entries := make([]ledger.Entry, len(rows))
	kept := make([]*RowResult, len(rows)) // rows a result sheet says are unknown, not sent
	for i := range rows {
		e, ok := known[keys[i]]
		entries[i] = e
		if ok {
			verdicts[i] = ledger.Judge(e, r.runID(), pol, contents[i])
		}
	}
	if p, ok := r.sendAgainWithIDs(rows, known); ok {
		j := job{pinned: p, order: providers.Order{Rows: make([]providers.OrderRow, len(rows))}, keys: keys, aliases: aliases,
			contents: contents}
		for i, pr := range rows {
			j.order.Rows[i] = providers.OrderRow{Record: pr.rec}
			j.seqs = append(j.seqs, pr.seq)
			j.lines = append(j.lines, pr.row.Line)
		}
		r.queue(j)
		return
	}
	for i, pr := range rows {
		if verdicts[i] == ledger.Take && pr.prior != nil && !pol.ResendUnknown {
			res := r.keptUnknown(pr, rows, entries[i], known)
			kept[i], verdicts[i] = &res, ledger.Unresolved
		}
	}
	if pol.Whole {
		ledger.WholeOrder(verdicts)
	}
	j := job{}
	for i, pr := range rows {
		switch {
		case kept[i] != nil:
			r.seq.finish(pr.seq, *kept[i])
		case verdicts[i] == ledger.Held:
			r.seq.finish(pr.seq, r.heldResult(verdicts, entries, providers.OrderKey(r.o.Provider, pr.rec)))
		case verdicts[i] != ledger.Take:
			r.seq.finish(pr.seq, r.verdictResult(verdicts[i], entries[i]))
		default:
			j.order.Rows = append(j.order.Rows, providers.OrderRow{Record: pr.rec})
			j.seqs = append(j.seqs, pr.seq)
			j.keys = append(j.keys, keys[i])
			j.lines = append(j.lines, pr.row.Line)
			j.contents = append(j.contents, contents[i])
			if aliases != nil {
				j.aliases = append(j.aliases, aliases[i])
			}
		}
	}
	if len(j.seqs) > 0 {
		r.queue(j)
	}
}

// queue hands an order to the workers.
func (r *run) queue(j job) {
	r.orders++
	r.finished.send() // before a send that may wait
	r.jobs <- j
}

// pinnedIDs are the ids a result sheet says an order's rows were sent with
// (and their outcome is unknown).
type pinnedIDs struct {
	siteOrderID int64
	rowIDs      []int64
}

// sendAgainWithIDs decides whether rows, which a result sheet says were
// sent together with these ids and are unknown, are sent again with them:
// when the provider is idempotent (a resend is answered "already exists"
// if the order was created), the ledger knows none of them (a ledger that
// knows a row decides), and the sheet holds every one of them, once, in
// one order of the provider.
func (r *run) sendAgainWithIDs(rows []pendingRow, known map[string]ledger.Entry) (*pinnedIDs, bool) {
	p := rows[0].prior
	if p == nil || p.siteOrderID == 0 || len(known) > 0 || len(rows) != p.rows || !r.o.Provider.Grouping().Idempotent {
		return nil, false
	}
	key := providers.OrderKey(r.o.Provider, rows[0].rec)
	ids := &pinnedIDs{siteOrderID: p.siteOrderID}
	for _, pr := range rows {
		if pr.prior == nil || pr.prior.siteOrderID != p.siteOrderID || slices.Contains(ids.rowIDs, pr.prior.siteRowID) ||
			providers.OrderKey(r.o.Provider, pr.rec) != key {
			return nil, false
		}
		ids.rowIDs = append(ids.rowIDs, pr.prior.siteRowID)
	}
	return ids, true
}

// keptUnknown is the result of row pr, which a result sheet says is
// unknown (sent, no answer: the order may exist) and which is not sent
// again; rows is its order, e its ledger entry (if known has one), known
// the entries the ledger has of rows.
func (r *run) keptUnknown(pr pendingRow, rows []pendingRow, e ledger.Entry, known map[string]ledger.Entry) RowResult {
	const head = "the result sheet says unknown (an earlier run sent it and got no answer): the order may exist"
	p := pr.prior
	var why string
	switch {
	case !r.o.Provider.Grouping().Idempotent:
		why = "; not sent again: check it at the provider, then --resend-unknown sends it (a second order if it exists)"
	case e.Key != "":
		why = fmt.Sprintf("; this ledger knows the row as %s from %s: not sent again; check it at the provider", e.State, e.Run)
	case len(known) > 0:
		why = "; this ledger knows other rows sent with it: not sent again; check it at the provider"
	case p.siteOrderID == 0:
		why = "; the sheet does not carry the ids it was sent with, so it cannot be asked again safely: not sent again; check it at the provider"
	case len(rows) != p.rows:
		why = fmt.Sprintf("; it was sent with %d other unknown rows under site_order_id %d, and this sheet holds %d of them: "+
			"not sent again (a resend must hold the same rows); import the whole result sheet, or check it at the provider",
			p.rows-1, p.siteOrderID, len(rows)-1)
	default:
		why = "; the rows sent with it no longer travel as one order: not sent again; check it at the provider"
	}
	res := RowResult{Status: StatusUnknown, Error: head + why}
	if p.siteOrderID != 0 {
		res.Error += idsMarker(p.siteOrderID, p.siteRowID, p.rows)
	}
	return res
}

// resolveExisting finishes the rows of an adjacent order whose other rows a
// result sheet carried over as created (rows[0].existing) and reports
// whether it did: sent alone they would make a second order.
func (r *run) resolveExisting(rows []pendingRow) bool {
	line := rows[0].existing
	if line == 0 {
		return false
	}
	key := providers.OrderKey(r.o.Provider, rows[0].rec)
	for _, pr := range rows {
		r.seq.finish(pr.seq, RowResult{Status: StatusInvalid, Error: i18n.Sprintf(r.o.Lang, i18n.RowOrderInSheet, key, line)})
	}
	return true
}

// heldResult is the result of a row of a whole order that is not sent
// because other rows of the order are not to be sent (verdicts, entries).
func (r *run) heldResult(verdicts []ledger.Verdict, entries []ledger.Entry, orderKey string) RowResult {
	for i, v := range verdicts {
		if e := entries[i]; v == ledger.Done && e.State == ledger.OK {
			return RowResult{Status: StatusInvalid, Error: i18n.Sprintf(r.o.Lang, i18n.RowOrderInLedger, orderKey, e.Run, e.Line, e.OrderSN)}
		}
	}
	if slices.Contains(verdicts, ledger.Unresolved) {
		return RowResult{Status: StatusUnknown, Error: i18n.Sprintf(r.o.Lang, i18n.RowOrderUnknown)}
	}
	return RowResult{Status: StatusSkipped,
		Error: i18n.Sprintf(r.o.Lang, i18n.RowOrderBusy)}
}

// dropDuplicates marks the rows whose identity already occurred in this file
// (ans: the rows' answers from the duplicate check) as skipped and returns
// the others with their ledger keys (keys may be nil without a ledger);
// with AllowDuplicates it keeps every row and makes the repeated keys
// unique. An order of a non-idempotent provider is skipped whole when one of
// its rows repeats an earlier one.
func (r *run) dropDuplicates(rows []pendingRow, ans []dupset.Answer, keys []string) ([]pendingRow, []string) {
	if r.o.AllowDuplicates {
		for i, a := range ans {
			if a.Before > 0 && keys != nil {
				keys[i] = ledger.Key(keys[i], "repeat", strconv.Itoa(a.Before))
			}
		}
		return rows, keys
	}
	if !slices.ContainsFunc(ans, func(a dupset.Answer) bool { return a.Before > 0 }) {
		return rows, keys
	}
	whole := !r.o.Provider.Grouping().Idempotent
	var kept []pendingRow
	var keptKeys []string
	for i, pr := range rows {
		switch {
		case ans[i].Before > 0:
			r.seq.finish(pr.seq, RowResult{Status: StatusSkipped,
				Error: i18n.Sprintf(r.o.Lang, i18n.RowDuplicate, ans[i].First)})
		case whole:
			r.seq.finish(pr.seq, RowResult{Status: StatusSkipped,
				Error: i18n.Sprintf(r.o.Lang, i18n.RowOrderRepeats)})
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
			Error: i18n.Sprintf(r.o.Lang, i18n.RowAlreadyCreated, e.Run, e.Line)}
		if e.Run.ID == r.runID() {
			// Resent by this run from an earlier run's open claim.
			res.Status, res.ForbiddenZone = Status(e.State), e.ForbiddenZone
			res.Error = ""
			if res.Status != StatusOK {
				res.Error = "resent by this run after an earlier run left it open: " + string(e.State)
			}
			if res.Status == StatusUnknown {
				res.Error += r.openIDs(e)
			}
		}
		return res
	case ledger.Refused:
		return RowResult{Status: StatusSkipped, OrderID: e.OrderID, OrderSN: e.OrderSN, MsgCode: e.MsgCode, Msg: e.Msg,
			ForbiddenZone: e.ForbiddenZone,
			Error:         i18n.Sprintf(r.o.Lang, i18n.RowRefusedBefore, r.o.ProviderName, e.Run, e.Line, refusal(e))}
	case ledger.Busy:
		return RowResult{Status: StatusSkipped, Error: i18n.Sprintf(r.o.Lang, i18n.RowBusy, e.Run)}
	case ledger.Unresolved:
		why := "sent by " + e.Run.String() + ", and no answer was recorded"
		if e.State == ledger.Claimed {
			why = "claimed by " + e.Run.String() + ", which stopped before recording an answer"
		}
		return RowResult{Status: StatusUnknown, MsgCode: e.MsgCode, Msg: e.Msg,
			Error: why + ": the order may exist; check at the provider, then send it again with --resend-unknown"}
	}
	return RowResult{Status: StatusNotSent, Error: "internal error: no verdict"}
}

// refusal is the provider's refusal of a row the ledger knows.
func refusal(e ledger.Entry) string {
	if s := strings.TrimSpace(e.MsgCode + " " + e.Msg); s != "" {
		return s
	}
	return "refused"
}

// openIDs is the ids marker of an unknown row of an idempotent provider
// whose claim e can be resent (see idsMarker), or "".
func (r *run) openIDs(e ledger.Entry) string {
	if !r.o.Provider.Grouping().Idempotent || e.SiteOrderID == 0 {
		return ""
	}
	n, err := r.o.Ledger.OpenRows(context.WithoutCancel(r.signaled), e.ClaimID)
	if err != nil || n == 0 {
		return ""
	}
	return idsMarker(e.SiteOrderID, e.SiteRowID, n)
}

// resentNote says why a row the provider refused before (e, with content
// hash content now) is sent again.
func resentNote(e ledger.Entry, content string, pol ledger.Policy) string {
	switch {
	case e.Content == "":
		return fmt.Sprintf("sent again after %s refused it (%s)", e.Run, refusal(e))
	case e.Content != content:
		return fmt.Sprintf("sent again because the row changed since %s refused it (%s)", e.Run, refusal(e))
	case pol.ResendRejected:
		return fmt.Sprintf("sent again (--resend-rejected) although unchanged since %s refused it (%s)", e.Run, refusal(e))
	}
	return fmt.Sprintf("sent again with its order, which changed since %s refused it (%s)", e.Run, refusal(e))
}
