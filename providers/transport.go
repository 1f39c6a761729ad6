package providers

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptrace"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// MaxBody bounds how much of an answer is read.
const MaxBody = 1 << 20

// maxRetryAfter caps a Retry-After the server asks for.
const maxRetryAfter = time.Hour

// Reply is an HTTP answer read in full (up to MaxBody).
type Reply struct {
	Status int
	Header http.Header
	Body   []byte
}

// PostJSON encodes v as the JSON body of a POST to url, with the token in the
// header authHeader (damaijia "Authorization", the storefront
// "open-access-token"), and returns the answer as Post does.
func PostJSON(ctx context.Context, client *http.Client, url, authHeader, token, agent string, v any) (Reply, *Error) {
	body, err := json.Marshal(v)
	if err != nil {
		return Reply{}, &Error{Class: Permanent, Msg: "encoding the request failed", Err: err}
	}
	h := http.Header{}
	h.Set(authHeader, token)
	h.Set("Content-Type", "application/json")
	h.Set("Accept", "application/json")
	if agent != "" {
		h.Set("User-Agent", agent)
	}
	return Post(ctx, client, url, h, body, token)
}

// Post sends body to url with the given headers, the way every provider
// client sends its one request: the answer is read whole (at most MaxBody),
// and a failure is returned as a transient *Error whose MaybeCreated says
// whether the request was written before the failure. token is scrubbed
// from every error text.
func Post(ctx context.Context, client *http.Client, url string, header http.Header, body []byte, token string) (Reply, *Error) {
	var wrote atomic.Bool
	trace := &httptrace.ClientTrace{WroteRequest: func(i httptrace.WroteRequestInfo) {
		if i.Err == nil {
			wrote.Store(true)
		}
	}}
	req, err := http.NewRequestWithContext(httptrace.WithClientTrace(ctx, trace), http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return Reply{}, &Error{Class: Permanent, Msg: "building the request failed", Err: redact(err, token)}
	}
	req.Header = header
	resp, err := client.Do(req)
	if err != nil {
		return Reply{}, networkError(err, wrote.Load(), token)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, MaxBody+1))
	if err != nil {
		return Reply{}, networkError(err, true, token)
	}
	if len(data) > MaxBody {
		return Reply{}, &Error{Class: Transient, Code: HTTPCode(resp.StatusCode),
			Msg: fmt.Sprintf("answer larger than %d bytes", MaxBody), MaybeCreated: true}
	}
	return Reply{Status: resp.StatusCode, Header: resp.Header, Body: data}, nil
}

// networkError describes a failure to get an answer.
func networkError(err error, written bool, token string) *Error {
	msg := "network error before the request was sent"
	if written {
		msg = "no answer after the request was sent: the order may have been created"
	}
	if errors.Is(err, context.DeadlineExceeded) {
		msg = "timed out " + strings.TrimPrefix(msg, "network error ")
	} else if errors.Is(err, context.Canceled) {
		msg = "cancelled " + strings.TrimPrefix(msg, "network error ")
	}
	return &Error{Class: Transient, Msg: msg + ": " + redact(err, token).Error(),
		MaybeCreated: written, Err: redact(err, token)}
}

// HTTPError classifies an HTTP answer that is not a usable API answer:
// transient; HTTP 429 carries its Retry-After; 5xx and a 2xx with a body that
// is not the API's may have created the order.
func HTTPError(r Reply, why string) *Error {
	e := &Error{Class: Transient, Code: HTTPCode(r.Status), Msg: why}
	switch {
	case r.Status == http.StatusTooManyRequests:
		e.Msg = "too many requests"
		e.RetryAfter = retryAfter(r.Header.Get("Retry-After"), time.Now())
	case r.Status >= 500 || r.Status < 300:
		e.MaybeCreated = true
	}
	return e
}

// HTTPCode is the Error.Code of an HTTP status: "http 503".
func HTTPCode(status int) string { return "http " + strconv.Itoa(status) }

// retryAfter parses a Retry-After value: delay seconds or an HTTP date.
func retryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	var d time.Duration
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs < 0 {
			return 0
		}
		if secs > int64(maxRetryAfter/time.Second) {
			return maxRetryAfter
		}
		d = time.Duration(secs) * time.Second
	} else if t, err := http.ParseTime(v); err == nil {
		d = t.Sub(now)
	}
	return min(max(d, 0), maxRetryAfter)
}

// redactedError hides the token in the text of an error it wraps.
type redactedError struct {
	err   error
	token string
}

func (e redactedError) Error() string { return Scrub(e.err.Error(), e.token) }

// Unwrap keeps only the context sentinels of the cause: the cause's own text
// may hold the token.
func (e redactedError) Unwrap() error {
	for _, sentinel := range []error{context.DeadlineExceeded, context.Canceled} {
		if errors.Is(e.err, sentinel) {
			return sentinel
		}
	}
	return nil
}

// redact returns err, wrapped so that its text never shows token.
func redact(err error, token string) error {
	if err == nil || token == "" || !strings.Contains(err.Error(), token) {
		return err
	}
	return redactedError{err: err, token: token}
}

// Scrub removes token from s (provider texts may echo it).
func Scrub(s, token string) string {
	if token == "" {
		return s
	}
	return strings.ReplaceAll(s, token, "***")
}
