package openapi

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptrace"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"orderimport/providers"
)

// maxBody bounds how much of an answer is read.
const maxBody = 1 << 20

// maxRetryAfter caps a Retry-After the server asks for.
const maxRetryAfter = time.Hour

// reply is an HTTP answer read in full (up to maxBody).
type reply struct {
	status int
	header http.Header
	body   []byte
}

// post sends body to url with the given headers. A failure is returned as a
// transient *providers.Error whose MaybeCreated says whether the request was
// written before the failure.
func post(ctx context.Context, client *http.Client, url string, header http.Header, body []byte, token string) (reply, *providers.Error) {
	var wrote atomic.Bool
	trace := &httptrace.ClientTrace{WroteRequest: func(i httptrace.WroteRequestInfo) {
		if i.Err == nil {
			wrote.Store(true)
		}
	}}
	req, err := http.NewRequestWithContext(httptrace.WithClientTrace(ctx, trace), http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return reply{}, &providers.Error{Class: providers.Permanent, Msg: "building the request failed", Err: redact(err, token)}
	}
	req.Header = header
	resp, err := client.Do(req)
	if err != nil {
		return reply{}, networkError(err, wrote.Load(), token)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxBody+1))
	if err != nil {
		return reply{}, networkError(err, true, token)
	}
	if len(data) > maxBody {
		return reply{}, &providers.Error{Class: providers.Transient, Code: httpCode(resp.StatusCode),
			Msg: fmt.Sprintf("answer larger than %d bytes", maxBody), MaybeCreated: true}
	}
	return reply{status: resp.StatusCode, header: resp.Header, body: data}, nil
}

// networkError describes a failure to get an answer.
func networkError(err error, written bool, token string) *providers.Error {
	msg := "network error before the request was sent"
	if written {
		msg = "no answer after the request was sent: the order may have been created"
	}
	if errors.Is(err, context.DeadlineExceeded) {
		msg = "timed out " + strings.TrimPrefix(msg, "network error ")
	} else if errors.Is(err, context.Canceled) {
		msg = "cancelled " + strings.TrimPrefix(msg, "network error ")
	}
	return &providers.Error{Class: providers.Transient, Msg: msg + ": " + redact(err, token).Error(),
		MaybeCreated: written, Err: redact(err, token)}
}

// httpError classifies an HTTP answer that is not a usable API answer.
func httpError(r reply, why string) *providers.Error {
	e := &providers.Error{Class: providers.Transient, Code: httpCode(r.status), Msg: why}
	switch {
	case r.status == http.StatusTooManyRequests:
		e.Msg = "too many requests"
		e.RetryAfter = retryAfter(r.header.Get("Retry-After"), time.Now())
	case r.status >= 500 || r.status < 300:
		e.MaybeCreated = true
	}
	return e
}

func httpCode(status int) string { return "http " + strconv.Itoa(status) }

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

func (e redactedError) Error() string { return scrub(e.err.Error(), e.token) }

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

// scrub removes token from s.
func scrub(s, token string) string {
	if token == "" {
		return s
	}
	return strings.ReplaceAll(s, token, "***")
}
