package importer

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
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
	log      *slog.Logger

	// maxWait is the longest pause a provider may ask for (Retry-After);
	// a longer one fails the orders that would wait. waits counts the
	// pauses honoured, waited their total length (nanoseconds, overlaps
	// counted once), waitsOver the ones refused as too long.
	maxWait   time.Duration
	waits     atomic.Int64
	waited    atomic.Int64
	waitsOver atomic.Int64

	// reached is set once the API answered any attempt (or may have);
	// until then unreached counts the orders that failed without reaching
	// it (see providers.Error.NotReached), and unreachableOrders of them
	// stop the run: its base URL is wrong.
	reached   atomic.Bool
	unreached atomic.Int64

	// stopped is done when no new request may start (fatal error, signal).
	stopped context.Context
	// stop is called with the error that must end the run.
	stop func(error)
}

// unreachableOrders is how many orders in a row, at the start of a run,
// may fail without reaching the API (connection refused, DNS, TLS, HTTP 404)
// before the run stops with exit code 3.
const unreachableOrders = 3

// DefaultMaxWait is the longest pause a provider may ask for with
// Retry-After unless Options.MaxWait says otherwise.
const DefaultMaxWait = 60 * time.Second

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
	var out providers.Outcome
	t := s.try(inflight, so, s.prov.Grouping().Idempotent, func(ctx context.Context) error {
		var err error
		out, err = s.prov.Submit(ctx, o)
		return err
	})
	switch t.end {
	case tryDone:
		return s.accepted(o, out)
	case tryNoTurn:
		return sentAll(len(o.Rows), noTurn(t.err, "the run stopped before this order was sent"))
	case tryExists:
		return s.existed(o)
	case tryFatal:
		pe := t.pe
		if t.maybeCreated {
			return s.mayExist(o, pe)
		}
		if pe.MaybeCreated {
			// This attempt may have created it (a 302/303 answer).
			return sentAll(len(o.Rows), RowResult{Status: StatusUnknown, MsgCode: pe.Code, Msg: pe.Msg,
				Error: "sent, and the order may exist: check before sending it again; the run was stopped: " + pe.Error()})
		}
		return sentAll(len(o.Rows), RowResult{Status: StatusNotSent, MsgCode: pe.Code, Msg: pe.Msg,
			Error: "not sent: the run was stopped: " + pe.Error()})
	case tryRefused:
		pe := t.pe
		if t.maybeCreated {
			return s.mayExist(o, pe)
		}
		return sentAll(len(o.Rows), RowResult{Status: StatusRejected, MsgCode: pe.Code, Msg: pe.Msg,
			Error: fmt.Sprintf("%s refused the order: %s", s.name, pe.Error())})
	}
	return s.gaveUp(o, t.err, t.maybeCreated, t.why)
}

// tryEnd is how a series of attempts ended.
type tryEnd int

// The ends of try.
const (
	// tryDone: the last attempt succeeded.
	tryDone tryEnd = iota
	// tryNoTurn: the first attempt never got its turn (err is why: the run
	// stopped, or a pause longer than maxWait).
	tryNoTurn
	// tryExists: "already exists" after an attempt that may have created it.
	tryExists
	// tryFatal: the provider's answer stops the run; s.stop was called.
	tryFatal
	// tryRefused: the provider refused the request (permanent).
	tryRefused
	// tryGaveUp: no answer it could use: retries spent, no endpoint, a wait
	// longer than maxWait, a stop before a retry, or a lost answer that a
	// non-idempotent request must not be sent again after.
	tryGaveUp
)

// tried is the end of a series of attempts.
type tried struct {
	end tryEnd
	// err is the last attempt's error (tryNoTurn: the turn's); pe is it
	// classified (nil when no attempt failed).
	err error
	pe  *providers.Error
	// maybeCreated: an attempt before the last one (or an earlier run,
	// sendOpts.maybeCreated) may have done the work; at tryGaveUp, any
	// attempt may have.
	maybeCreated bool
	// why says, at tryGaveUp, why no more attempt was made ("" when the
	// error says it).
	why string
}

// try is the one retry loop of the importer, for every request it sends
// (an order; a package-status query): each attempt waits for its turn
// (the shared pause and the rate limiter) unless so.turnTaken, is bounded
// by the timeout, and is classified by the provider's error; transient
// failures are retried with backoff up to s.retries times, honouring
// Retry-After up to maxWait, and only while a retry cannot do the work
// twice (idempotent, or no attempt may have done it); a fatal answer stops
// the run. call makes one attempt.
func (s *submitter) try(inflight context.Context, so sendOpts, idempotent bool, call func(ctx context.Context) error) tried {
	maybeCreated := so.maybeCreated
	var last error
	for attempt := 0; ; attempt++ {
		if attempt > 0 && !s.sleep(s.retryDelay(attempt, last)) {
			return tried{end: tryGaveUp, err: last, maybeCreated: maybeCreated, why: "the run stopped before the next retry"}
		}
		if attempt == 0 && so.turnTaken {
			// The caller waited for the limiter before claiming.
		} else if err := s.waitTurn(); err != nil {
			if attempt == 0 {
				return tried{end: tryNoTurn, err: err}
			}
			return tried{end: tryGaveUp, err: last, maybeCreated: maybeCreated,
				why: whyNoTurn(err, "the run stopped before the next retry")}
		}
		err := s.attempt(inflight, call)
		if err == nil {
			s.reached.Store(true)
			return tried{end: tryDone}
		}
		last = err
		var pe *providers.Error
		if !errors.As(err, &pe) {
			pe = &providers.Error{Class: providers.Transient, MaybeCreated: true, Err: err}
		}
		if !pe.NotReached() {
			s.reached.Store(true)
		}
		switch {
		case errors.Is(pe, providers.ErrAlreadyExists) && maybeCreated:
			return tried{end: tryExists, err: err, pe: pe, maybeCreated: true}
		case pe.Class == providers.Fatal:
			s.stop(pe)
			return tried{end: tryFatal, err: err, pe: pe, maybeCreated: maybeCreated}
		case pe.Class == providers.Permanent:
			return tried{end: tryRefused, err: err, pe: pe, maybeCreated: maybeCreated}
		}
		maybeCreated = maybeCreated || pe.MaybeCreated
		if pe.RetryAfter > 0 {
			if long := s.askedToWait(pe); long != nil {
				return tried{end: tryGaveUp, err: err, pe: pe, maybeCreated: maybeCreated, why: long.Error()}
			}
		}
		if maybeCreated && !idempotent {
			return tried{end: tryGaveUp, err: err, pe: pe, maybeCreated: true}
		}
		if pe.NoEndpoint || attempt >= s.retries {
			// Sending to a missing endpoint again cannot help.
			s.notReached(pe)
			return tried{end: tryGaveUp, err: err, pe: pe, maybeCreated: maybeCreated, why: attemptsFailed(attempt + 1)}
		}
	}
}

// attemptsFailed says how many attempts an order had, when more than one.
func attemptsFailed(n int) string {
	if n == 1 {
		return ""
	}
	return fmt.Sprintf("%d attempts failed", n)
}

// notReached notes an order that failed with pe: while the API has
// answered nothing in this run, unreachableOrders orders in a row that did
// not reach it stop the run.
func (s *submitter) notReached(pe *providers.Error) {
	if !pe.NotReached() || s.reached.Load() {
		return
	}
	if n := s.unreached.Add(1); n >= unreachableOrders {
		s.stop(providers.StopUnreachable(pe, int(n)))
	}
}

// noTurn is the result of the rows of an order that did not get its turn:
// failed when the provider's pause is longer than maxWait, otherwise (the
// run stopped) not sent, saying stopped.
func noTurn(err error, stopped string) RowResult {
	if errors.As(err, new(*waitTooLong)) {
		return RowResult{Status: StatusFailed, Error: "not sent: " + err.Error()}
	}
	return RowResult{Status: StatusNotSent, Error: stopped}
}

// whyNoTurn says why a retry did not get its turn.
func whyNoTurn(err error, stopped string) string {
	if errors.As(err, new(*waitTooLong)) {
		return err.Error()
	}
	return stopped
}

// waitTooLong: the provider asked every request to wait longer than
// maxWait.
type waitTooLong struct{ wait, max time.Duration }

func (e *waitTooLong) Error() string {
	return fmt.Sprintf("the provider asked to wait %s before the next request (Retry-After), longer than --max-wait %s; "+
		"run again later", e.wait.Round(time.Second), e.max)
}

// attempt makes one attempt with call, bounded by the timeout.
func (s *submitter) attempt(inflight context.Context, call func(ctx context.Context) error) error {
	// The last gate before the request leaves, after any ledger claim:
	// never more than rate+burst requests in a sliding second, however
	// late the scheduler woke this worker.
	_ = s.window.wait(inflight)
	ctx, cancel := context.WithTimeout(inflight, s.timeout)
	defer cancel()
	s.requests.Add(1)
	return call(ctx)
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
			switch {
			case ro.Unknown:
				r.Status = StatusUnknown
				r.Error = fmt.Sprintf("%s created the order (order_sn %s) but its answer does not mention this row: "+
					"it may be in the order; the next run asks again with the same ids", s.name, out.OrderSN)
			case !ro.OK:
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

// mayExist ends an order refused (or stopped) after an earlier attempt may
// have created it: its rows are unknown, never rejected, so that they keep
// their ids and are never sent afresh.
func (s *submitter) mayExist(o providers.Order, pe *providers.Error) sent {
	return sentAll(len(o.Rows), RowResult{Status: StatusUnknown, MsgCode: pe.Code, Msg: pe.Msg,
		Error: fmt.Sprintf("an earlier attempt may have created the order (its answer was lost), and the next one was answered %s: "+
			"the order may exist; the next run asks again with the same ids", pe.Error())})
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

// waitTurn waits for a pause to end and for the rate limiter. A pause
// longer than maxWait is not waited for: it returns a *waitTooLong.
func (s *submitter) waitTurn() error {
	if until := s.pause.Load(); until > 0 {
		d := time.Until(time.Unix(0, until))
		if d > s.maxWait {
			return &waitTooLong{wait: d, max: s.maxWait}
		}
		if d > 0 && !s.sleep(d) {
			return s.stopped.Err()
		}
	}
	return s.limiter.Wait(s.stopped)
}

// askedToWait handles an answer with a Retry-After: every worker pauses
// until it is over. The pause is logged and counted; when the pause left is
// longer than maxWait it is refused instead (no request leaves before it
// ends, and the orders that would wait fail): the *waitTooLong says so.
func (s *submitter) askedToWait(pe *providers.Error) *waitTooLong {
	until, added := s.pauseFor(pe.RetryAfter)
	if left := time.Until(until); left > s.maxWait {
		s.waitsOver.Add(1)
		s.log.Warn("the provider asked to wait longer than --max-wait: orders fail until the wait is over",
			"wait", pe.RetryAfter, "max_wait", s.maxWait, "code", pe.Code)
		return &waitTooLong{wait: left, max: s.maxWait}
	}
	s.waits.Add(1)
	s.waited.Add(int64(added))
	s.log.Info("waiting before the next request, as the provider asked (Retry-After)",
		"wait", pe.RetryAfter, "code", pe.Code)
	return nil
}

// pauseFor makes every worker wait d before its next request (Retry-After)
// and returns the end of the pause and how much longer it got.
func (s *submitter) pauseFor(d time.Duration) (time.Time, time.Duration) {
	now := time.Now().UnixNano()
	until := now + int64(d)
	for {
		cur := s.pause.Load()
		if cur >= until {
			return time.Unix(0, cur), 0
		}
		if s.pause.CompareAndSwap(cur, until) {
			return time.Unix(0, until), time.Duration(until - max(cur, now))
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

// newSubmitter returns the submitter of a run with options o: one rate
// limiter, pause and retry policy for every request.
func newSubmitter(o Options, stopped context.Context, stop func(error)) *submitter {
	return &submitter{prov: o.Provider, name: o.ProviderName, limiter: newLimiter(o.Rate, o.Burst),
		window:  newSendWindow(o.Rate, o.Burst),
		timeout: o.Timeout, retries: o.Retries, backoff: o.Backoff, stopped: stopped, stop: stop,
		log: o.Log, maxWait: max(o.MaxWait, 0)}
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
// outcome. Rows a result sheet brought ids for (j.pinned) are claimed and
// sent with those ids, as a resend.
func (r *run) claimAndSend(inflight context.Context, j job) []RowResult {
	results := make([]RowResult, len(j.seqs))
	if err := r.sub.waitTurn(); err != nil {
		return rowsWith(len(j.seqs), noTurn(err, r.notSent()))
	}
	offer := make([]ledger.ClaimRow, len(j.seqs))
	for i, row := range j.order.Rows {
		offer[i] = ledger.ClaimRow{Key: j.keys[i], Line: j.lines[i], Record: row.Record.Values, Content: j.contents[i],
			Platform: r.ident.platformOrder(j.order.Rows, i)}
		if j.aliases != nil {
			offer[i].Aliases = j.aliases[i]
		}
	}
	var d ledger.Decision
	var err error
	if j.pinned != nil {
		d, err = r.o.Ledger.ClaimWithIDs(inflight, r.ns, offer, j.pinned.siteOrderID, j.pinned.rowIDs)
	} else {
		d, err = r.o.Ledger.Claim(inflight, r.ns, offer, r.policy())
	}
	if err != nil {
		r.stop(LedgerError(r.o.Ledger.Path(), err))
		return rowsWith(len(j.seqs), RowResult{Status: StatusNotSent, Error: r.notSent()})
	}
	for i, v := range d.Verdicts {
		switch {
		case v == ledger.Held:
			results[i] = r.heldResult(d.Verdicts, d.Entries, providers.OrderKey(r.o.Provider, j.order.Rows[i].Record))
		case v == ledger.Take && d.Claim == nil: // ClaimWithIDs found rows known meanwhile
			results[i] = RowResult{Status: StatusUnknown, Error: "the result sheet says unknown, and another run has " +
				"claimed rows sent with it meanwhile: not sent again; run again to see what it found" +
				idsMarker(j.pinned.siteOrderID, j.pinned.rowIDs[i], len(j.pinned.rowIDs))}
		case v != ledger.Take:
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
	s := r.sub.submit(inflight, o, sendOpts{turnTaken: true, maybeCreated: j.pinned != nil})
	if j.pinned != nil {
		s.res = stillOpen(s.res)
	}
	r.record(inflight, c.ID, keys, s, false)
	r.markOpen(c, s.res)
	for k, i := range c.Rows {
		results[i] = s.res[k]
		if e := d.Entries[i]; e.State == ledger.Rejected {
			results[i].Error = joinNote(resentNote(e, j.contents[i], r.policy()), results[i].Error)
		}
	}
	return results
}

// stillOpen turns the results of a resend that did not settle a row
// (not sent, failed) into unknown: an earlier attempt may have created it.
func stillOpen(res []RowResult) []RowResult {
	for i := range res {
		if res[i].Status == StatusNotSent || res[i].Status == StatusFailed {
			res[i].Status = StatusUnknown
		}
	}
	return res
}

// markOpen adds to the error of each unknown row of claim c (results
// res, aligned with c.Rows) the ids it was sent with, so that a result
// sheet imported with another ledger can ask the provider again with them
// (idempotent providers only).
func (r *run) markOpen(c *ledger.Claim, res []RowResult) {
	if !r.o.Provider.Grouping().Idempotent {
		return
	}
	n := 0
	for _, x := range res {
		if x.Status == StatusUnknown {
			n++
		}
	}
	for k := range res {
		if res[k].Status == StatusUnknown {
			res[k].Error += idsMarker(c.SiteOrderID, c.SiteRowIDs[k], n)
		}
	}
}

// joinNote puts note before a row's error text.
func joinNote(note, text string) string {
	if text == "" {
		return note
	}
	return note + "; " + text
}

// resend sends an open claim of an earlier run exactly as it was, taking
// "already exists" for created, and records the outcome of its open rows
// (the others were answered before and keep their outcome).
func (r *run) resend(inflight context.Context, j job) {
	defer r.pending.Done()
	p := j.reclaim
	s := r.sub.submit(inflight, j.order, sendOpts{maybeCreated: true})
	s.res = stillOpen(s.res)
	var keys []string
	open := sent{}
	for i, pr := range p.Rows {
		if pr.Open {
			keys = append(keys, pr.Key)
			open.res, open.amount = append(open.res, s.res[i]), append(open.amount, s.amount[i])
		}
	}
	r.record(inflight, p.ClaimID, keys, open, true)
	r.recovered.Add(1)
	r.o.Log.Info("resent an order an earlier run left open", "site_order_id", p.SiteOrderID,
		"status", s.res[0].Status, "order_sn", s.res[0].OrderSN)
}

// record writes the outcome of claim id to the ledger and adds up the
// amounts charged; open says keys are only the rows of the claim that
// were open (a resent claim). A ledger that cannot record stops the run:
// the claim stays open and the next run settles it.
func (r *run) record(ctx context.Context, id int64, keys []string, s sent, open bool) {
	outs := make([]ledger.Outcome, len(keys))
	for i, k := range keys {
		res := s.res[i]
		outs[i] = ledger.Outcome{Key: k, State: ledgerState(res.Status), OrderID: res.OrderID, OrderSN: res.OrderSN,
			MsgCode: res.MsgCode, Msg: res.Msg, ForbiddenZone: res.ForbiddenZone, Amount: s.amount[i]}
		if res.Status == StatusOK {
			r.amount.Add(s.amount[i])
		}
	}
	rec := r.o.Ledger.Record
	if open {
		rec = r.o.Ledger.RecordOpen
	}
	if err := rec(ctx, id, outs); err != nil {
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
