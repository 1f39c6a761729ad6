package providers

import (
	"errors"
	"net/url"
)

// ScrubResult removes token from every text of a Submit's result: the
// outcome's ids and each row's code, message and forbidden zone, and the
// code and message of a classified error. A provider (or something posing
// as one) that echoes the token into an order_sn or a forbidden_zone would
// otherwise put it into the result sheet and the ledger. Each client's
// Submit returns through it, so no answer skips it.
func ScrubResult(out Outcome, err error, token string) (Outcome, error) {
	if token == "" {
		return out, err
	}
	if err != nil {
		var pe *Error
		if errors.As(err, &pe) {
			c := *pe
			c.Code, c.Msg = scrubAll(c.Code, token), scrubAll(c.Msg, token)
			c.Err = scrubError(c.Err, token)
			return Outcome{}, &c
		}
		return Outcome{}, scrubError(err, token)
	}
	out.OrderID, out.OrderSN = scrubAll(out.OrderID, token), scrubAll(out.OrderSN, token)
	if len(out.Rows) > 0 {
		rows := make([]RowOutcome, len(out.Rows))
		for i, r := range out.Rows {
			r.MsgCode, r.Msg, r.ForbiddenZone = scrubAll(r.MsgCode, token), scrubAll(r.Msg, token), scrubAll(r.ForbiddenZone, token)
			rows[i] = r
		}
		out.Rows = rows
	}
	return out, nil
}

// scrubAll removes token from s as it is and as it appears escaped in a
// URL (an echoed query string or path).
func scrubAll(s, token string) string {
	if s == "" {
		return s
	}
	s = Scrub(s, token)
	if q := url.QueryEscape(token); q != token {
		s = Scrub(s, q)
	}
	if p := url.PathEscape(token); p != token {
		s = Scrub(s, p)
	}
	return s
}

// scrubError returns err, wrapped so that its text shows the token in none
// of the forms scrubAll removes; only its context sentinels stay
// reachable (see redactedError).
func scrubError(err error, token string) error {
	if err == nil || scrubAll(err.Error(), token) == err.Error() {
		return err
	}
	return scrubbedError{redactedError{err: err, token: token}}
}

// scrubbedError is a redactedError whose text is scrubbed by scrubAll.
type scrubbedError struct{ redactedError }

func (e scrubbedError) Error() string { return scrubAll(e.err.Error(), e.token) }
