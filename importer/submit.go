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

	"orderimport/providers"
)

// submitter sends orders: one shared rate limiter for every worker, a shared
// pause after HTTP 429, and retries of transient failures only where a retry
// cannot create a second order.
type submitter struct {
	prov     providers.Provider
	name     string
	limiter  *rate.Limiter
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

// submit sends o until it succeeds, is refused, or may not be retried, and
// returns one result per row of o. inflight bounds the requests themselves;
// it is not cancelled by a stop, so a request under way is answered.
func (s *submitter) submit(inflight context.Context, o providers.Order) []RowResult {
	maybeCreated := false
	var last error
	for attempt := 0; ; attempt++ {
		if attempt > 0 && !s.sleep(s.retryDelay(attempt, last)) {
			return s.gaveUp(o, last, maybeCreated, "the run stopped before the next retry")
		}
		if err := s.waitTurn(); err != nil {
			if attempt == 0 {
				return rowsWith(len(o.Rows), RowResult{Status: StatusNotSent, Error: "the run stopped before this order was sent"})
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
			return rowsWith(len(o.Rows), RowResult{Status: StatusNotSent, MsgCode: pe.Code, Msg: pe.Msg,
				Error: "not sent: the run was stopped: " + pe.Error()})
		case pe.Class == providers.Permanent:
			return rowsWith(len(o.Rows), RowResult{Status: StatusRejected, MsgCode: pe.Code, Msg: pe.Msg,
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
	ctx, cancel := context.WithTimeout(inflight, s.timeout)
	defer cancel()
	s.requests.Add(1)
	out, err := s.prov.Submit(ctx, o)
	return attemptResult{out: out, err: err}
}

// accepted turns a provider's answer into row results.
func (s *submitter) accepted(o providers.Order, out providers.Outcome) []RowResult {
	res := make([]RowResult, len(o.Rows))
	for i := range res {
		r := RowResult{Status: StatusOK, OrderID: out.OrderID, OrderSN: out.OrderSN}
		if i < len(out.Rows) {
			ro := out.Rows[i]
			r.MsgCode, r.Msg, r.ForbiddenZone = ro.MsgCode, ro.Msg, ro.ForbiddenZone
			if !ro.OK {
				r.Status = StatusRejected
				r.Error = fmt.Sprintf("%s created the order but refused this row: %s %s", s.name, ro.MsgCode, ro.Msg)
			}
		} else {
			r.Status = StatusUnknown
			r.Error = "the provider's answer did not mention this row"
		}
		res[i] = r
	}
	return res
}

// existed: a retry after a lost answer was told the order id already exists,
// so the earlier attempt created it.
func (s *submitter) existed(o providers.Order) []RowResult {
	msg := "created by an earlier attempt whose answer was lost; order_sn not known, site_order_id " +
		strconv.FormatInt(o.ID, 10)
	return rowsWith(len(o.Rows), RowResult{Status: StatusOK, MsgCode: "234", Msg: msg})
}

// gaveUp ends an order that did not get an answer it could use.
func (s *submitter) gaveUp(o providers.Order, err error, maybeCreated bool, why string) []RowResult {
	text := "no answer"
	if err != nil {
		text = err.Error()
	}
	if why != "" {
		text = why + ": " + text
	}
	if maybeCreated {
		return rowsWith(len(o.Rows), RowResult{Status: StatusUnknown,
			Error: "sent, but the answer was lost; the order may exist, check before sending it again: " + text})
	}
	var code, msg string
	var pe *providers.Error
	if errors.As(err, &pe) {
		code, msg = pe.Code, pe.Msg
	}
	return rowsWith(len(o.Rows), RowResult{Status: StatusFailed, MsgCode: code, Msg: msg,
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
