package importer

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"sync/atomic"
	"time"

	"golang.org/x/time/rate"

	"orderimport/importer/ledger"
	"orderimport/providers"
)

// submitter sends orders: one shared rate limiter for every worker, a shared
// pause after HTTP 429, and retries of transient failures only where a retry
// cannot create a second order.
type submitter struct {
	prov     providers.Provider
	name     string
	limiter  *rate.Limiter
	window   *sendWindow // nil when the rate is unlimited
	timeout  time.Duration
	retries  int
	backoff  func(attempt int) time.Duration
	requests atomic.Int64
	pause    atomic.Int64 // unix nanoseconds before which no request starts

	// stopped is done when no new request may start (fatal error, signal).
	stopped context.Context
	// stop is called with the error that must end the run.
	stop func(error)
}

// attemptResult is what one order attempt ended with.
type attemptResult struct {
	out providers.Outcome
	err error
}

// sendOpts tune one submission.
type sendOpts struct {
	// maybeCreated: an earlier attempt (in an earlier run) may have created
	// the order, so "already exists" means ok.
	maybeCreated bool
	// turnTaken: the caller already waited for the first attempt's turn.
	turnTaken bool
}

// sent is the outcome of a submission: one result per row, and the amount
// the provider charged for each row (0 when not reported).
type sent struct {
	res    []RowResult
	amount []int64
}

// submit sends o until it succeeds, is refused, or may not be retried, and
// returns one result per row of o. inflight bounds the requests themselves;
// it is not cancelled by a stop, so a request under way is answered.
func (s *submitter) submit(inflight context.Context, o providers.Order, so sendOpts) sent {
	maybeCreated := so.maybeCreated
	var last error
	for attempt := 0; ; attempt++ {
		if attempt > 0 && !s.sleep(s.retryDelay(attempt, last)) {
			return s.gaveUp(o, last, maybeCreated, "the run stopped before the next retry")
		}
		if attempt == 0 && so.turnTaken {
			// The caller waited for the limiter before claiming.
		} else if err := s.waitTurn(); err != nil {
			if attempt == 0 {
				return sentAll(len(o.Rows), RowResult{Status: StatusNotSent, Error: "the run stopped before this order was sent"})
			}
			return s.gaveUp(o, last, maybeCreated, "the run stopped before the next retry")
		}
		r := s.attempt(inflight, o)
		if r.err == nil {
			return s.accepted(o, r.out)
		}
		last = r.err
		var pe *providers.Error
		if !errors.As(r.err, &pe) {
			pe = &providers.Error{Class: providers.Transient, MaybeCreated: true, Err: r.err}
		}
		switch {
		case errors.Is(pe, providers.ErrAlreadyExists) && maybeCreated:
			return s.existed(o)
		case pe.Class == providers.Fatal:
			s.stop(pe)
			return sentAll(len(o.Rows), RowResult{Status: StatusNotSent, MsgCode: pe.Code, Msg: pe.Msg,
				Error: "not sent: the run was stopped: " + pe.Error()})
		case pe.Class == providers.Permanent:
			return sentAll(len(o.Rows), RowResult{Status: StatusRejected, MsgCode: pe.Code, Msg: pe.Msg,
				Error: fmt.Sprintf("%s refused the order: %s", s.name, pe.Error())})
		}
		maybeCreated = maybeCreated || pe.MaybeCreated
		if pe.RetryAfter > 0 {
			s.pauseFor(pe.RetryAfter)
		}
		if maybeCreated && !s.prov.Grouping().Idempotent {
			return s.gaveUp(o, r.err, true, "")
		}
		if attempt >= s.retries {
			return s.gaveUp(o, r.err, maybeCreated, fmt.Sprintf("%d attempts failed", attempt+1))
		}
	}
}

func (s *submitter) attempt(inflight context.Context, o providers.Order) attemptResult {
	// The last gate before the request leaves, after any ledger claim:
	// never more than rate+burst requests in a sliding second, however
	// late the scheduler woke this worker.
	_ = s.window.wait(inflight)
	ctx, cancel := context.WithTimeout(inflight, s.timeout)
	defer cancel()
	s.requests.Add(1)
	out, err := s.prov.Submit(ctx, o)
	return attemptResult{out: out, err: err}
}

// accepted turns a provider's answer into row results.
func (s *submitter) accepted(o providers.Order, out providers.Outcome) sent {
	res := sent{res: make([]RowResult, len(o.Rows)), amount: make([]int64, len(o.Rows))}
	for i := range res.res {
		r := RowResult{Status: StatusOK, OrderID: out.OrderID, OrderSN: out.OrderSN}
		if i < len(out.Rows) {
			ro := out.Rows[i]
			r.MsgCode, r.Msg, r.ForbiddenZone = ro.MsgCode, ro.Msg, ro.ForbiddenZone
			res.amount[i] = ro.Amount
			if !ro.OK {
				r.Status = StatusRejected
				r.Error = fmt.Sprintf("%s created the order but refused this row: %s %s", s.name, ro.MsgCode, ro.Msg)
			}
		} else {
			r.Status = StatusUnknown
			r.Error = "the provider's answer did not mention this row"
		}
		res.res[i] = r
	}
	return res
}

// existed: a retry after a lost answer was told the order id already exists,
// so the earlier attempt created it.
func (s *submitter) existed(o providers.Order) sent {
	msg := "created by an earlier attempt whose answer was lost; order_sn not known, site_order_id " +
		strconv.FormatInt(o.ID, 10)
	return sentAll(len(o.Rows), RowResult{Status: StatusOK, MsgCode: "234", Msg: msg})
}

// gaveUp ends an order that did not get an answer it could use.
func (s *submitter) gaveUp(o providers.Order, err error, maybeCreated bool, why string) sent {
	text := "no answer"
	if err != nil {
		text = err.Error()
	}
	if why != "" {
		text = why + ": " + text
	}
	if maybeCreated {
		return sentAll(len(o.Rows), RowResult{Status: StatusUnknown,
			Error: "sent, but the answer was lost; the order may exist, check before sending it again: " + text})
	}
	var code, msg string
	var pe *providers.Error
	if errors.As(err, &pe) {
		code, msg = pe.Code, pe.Msg
	}
	return sentAll(len(o.Rows), RowResult{Status: StatusFailed, MsgCode: code, Msg: msg,
		Error: "not created: " + text})
}

// waitTurn waits for a pause to end and for the rate limiter.
func (s *submitter) waitTurn() error {
	if until := s.pause.Load(); until > 0 {
		if d := time.Until(time.Unix(0, until)); d > 0 && !s.sleep(d) {
			return s.stopped.Err()
		}
	}
	return s.limiter.Wait(s.stopped)
}

// pauseFor makes every worker wait d before its next request (HTTP 429).
func (s *submitter) pauseFor(d time.Duration) {
	until := time.Now().Add(d).UnixNano()
	for {
		cur := s.pause.Load()
		if cur >= until || s.pause.CompareAndSwap(cur, until) {
			return
		}
	}
}

// retryDelay is the wait before attempt: exponential backoff with jitter, at
// least what the provider asked for.
func (s *submitter) retryDelay(attempt int, err error) time.Duration {
	d := s.backoff(attempt)
	var pe *providers.Error
	if errors.As(err, &pe) && pe.RetryAfter > d {
		d = pe.RetryAfter
	}
	return d
}

// sleep waits d unless the run stops first.
func (s *submitter) sleep(d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-s.stopped.Done():
		return false
	}
}

// ExpBackoff returns base·2^(attempt-1) capped at max, with jitter: a random
// duration in the upper half of that.
func ExpBackoff(base, max time.Duration) func(attempt int) time.Duration {
	return func(attempt int) time.Duration {
		d := base
		for i := 1; i < attempt && d < max; i++ {
			d *= 2
		}
		d = min(d, max)
		return d/2 + rand.N(d/2+1)
	}
}

// sentAll is a submission whose rows all end with r and were charged nothing.
func sentAll(n int, r RowResult) sent {
	return sent{res: rowsWith(n, r), amount: make([]int64, n)}
}

func rowsWith(n int, r RowResult) []RowResult {
	res := make([]RowResult, n)
	for i := range res {
		res[i] = r
	}
	return res
}

// newLimiter returns the shared limiter: perSecond 0 means unlimited.
func newLimiter(perSecond float64, burst int) *rate.Limiter {
	if perSecond <= 0 {
		return rate.NewLimiter(rate.Inf, 1)
	}
	return rate.NewLimiter(rate.Limit(perSecond), max(burst, 1))
}

// claimAndSend is a worker's handling of an order when a ledger is used: it
// waits for its turn, claims the rows (committed before the request leaves,
// so a killed process leaves at most one order per worker claimed but
// unsent), sends the rows it won with the claim's ids, and records the
// outcome.
func (r *run) claimAndSend(inflight context.Context, j job) []RowResult {
	results := make([]RowResult, len(j.seqs))
	if err := r.sub.waitTurn(); err != nil {
		return rowsWith(len(j.seqs), RowResult{Status: StatusNotSent, Error: "not sent: " + r.stopReason()})
	}
	offer := make([]ledger.ClaimRow, len(j.seqs))
	for i, row := range j.order.Rows {
		offer[i] = ledger.ClaimRow{Key: j.keys[i], Line: j.lines[i], Record: row.Record.Values}
	}
	d, err := r.o.Ledger.Claim(inflight, r.ns, offer, r.policy())
	if err != nil {
		r.stop(LedgerError(r.o.Ledger.Path(), err))
		return rowsWith(len(j.seqs), RowResult{Status: StatusNotSent, Error: "not sent: " + r.stopReason()})
	}
	for i, v := range d.Verdicts {
		if v != ledger.Take {
			results[i] = r.verdictResult(v, d.Entries[i])
		}
	}
	c := d.Claim
	if c == nil {
		return results
	}
	o := providers.Order{ID: c.SiteOrderID, Rows: make([]providers.OrderRow, len(c.Rows))}
	keys := make([]string, len(c.Rows))
	for k, i := range c.Rows {
		o.Rows[k] = providers.OrderRow{ID: c.SiteRowIDs[k], Record: j.order.Rows[i].Record}
		keys[k] = j.keys[i]
		if st := d.Entries[i].State; st == ledger.Unknown || st == ledger.Claimed {
			r.o.Log.Warn("--resend-unknown: sending again a row whose earlier outcome is unknown; if the provider did create it, it will exist twice",
				"row", j.lines[i], "earlier_run", d.Entries[i].Run.ID)
		}
	}
	s := r.sub.submit(inflight, o, sendOpts{turnTaken: true})
	r.record(inflight, c.ID, keys, s)
	for k, i := range c.Rows {
		results[i] = s.res[k]
	}
	return results
}

// resend sends an open claim of an earlier run exactly as it was, taking
// "already exists" for created, and records the outcome.
func (r *run) resend(inflight context.Context, j job) {
	defer r.pending.Done()
	p := j.reclaim
	s := r.sub.submit(inflight, j.order, sendOpts{maybeCreated: true})
	keys := make([]string, len(p.Rows))
	for i, pr := range p.Rows {
		keys[i] = pr.Key
	}
	for i, res := range s.res {
		if res.Status == StatusNotSent || res.Status == StatusFailed {
			// The earlier run may have created it: the claim stays open,
			// to be resent with the same ids, never afresh.
			s.res[i].Status = StatusUnknown
		}
	}
	r.record(inflight, p.ClaimID, keys, s)
	r.recovered.Add(1)
	r.o.Log.Info("resent an order an earlier run left open", "site_order_id", p.SiteOrderID,
		"status", s.res[0].Status, "order_sn", s.res[0].OrderSN)
}

// record writes the outcome of claim id to the ledger and adds up the
// amounts charged. A ledger that cannot record stops the run: the claim
// stays open and the next run settles it.
func (r *run) record(ctx context.Context, id int64, keys []string, s sent) {
	outs := make([]ledger.Outcome, len(keys))
	for i, k := range keys {
		res := s.res[i]
		outs[i] = ledger.Outcome{Key: k, State: ledgerState(res.Status), OrderID: res.OrderID, OrderSN: res.OrderSN,
			MsgCode: res.MsgCode, Msg: res.Msg, Amount: s.amount[i]}
		if res.Status == StatusOK {
			r.amount.Add(s.amount[i])
		}
	}
	if err := r.o.Ledger.Record(ctx, id, outs); err != nil {
		r.stop(LedgerError(r.o.Ledger.Path(), err))
	}
}

// ledgerState maps a row status to the ledger's state.
func ledgerState(s Status) ledger.State {
	switch s {
	case StatusOK:
		return ledger.OK
	case StatusRejected:
		return ledger.Rejected
	case StatusFailed:
		return ledger.Failed
	case StatusNotSent:
		return ledger.NotSent
	}
	return ledger.Unknown
}
