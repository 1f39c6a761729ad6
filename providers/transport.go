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
	"net/netip"
	neturl "net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// MaxBody bounds how much of an answer is read.
const MaxBody = 1 << 20

// maxRetryAfter caps a Retry-After the server asks for, only so that the
// duration cannot overflow; the importer's --max-wait decides how long a
// run actually waits.
const maxRetryAfter = 24 * time.Hour

// Reply is an HTTP answer read in full (up to MaxBody).
type Reply struct {
	Status int
	Header http.Header
	Body   []byte
	// URL is where the request went (for messages).
	URL string
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
// whether the request was written before the failure, and whose Unreachable
// says that no connection was made at all. A redirect is never followed
// (see redirectError). token is scrubbed from every error text.
func Post(ctx context.Context, client *http.Client, url string, header http.Header, body []byte, token string) (Reply, *Error) {
	var wrote, connected atomic.Bool
	trace := &httptrace.ClientTrace{
		GotConn: func(httptrace.GotConnInfo) { connected.Store(true) },
		WroteRequest: func(i httptrace.WroteRequestInfo) {
			if i.Err == nil {
				wrote.Store(true)
			}
		},
	}
	req, err := http.NewRequestWithContext(httptrace.WithClientTrace(ctx, trace), http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return Reply{}, &Error{Class: Permanent, Msg: "building the request failed", Err: redact(err, token)}
	}
	req.Header = header
	resp, err := noRedirects(client).Do(req)
	if err != nil {
		e := networkError(err, wrote.Load(), token)
		if !connected.Load() && !wrote.Load() && !errors.Is(err, context.Canceled) {
			// No connection was ever made: DNS, connect, TLS or proxy.
			e.Unreachable, e.URL = true, url
		}
		return Reply{}, e
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, MaxBody+1))
	if err != nil {
		return Reply{}, networkError(err, true, token)
	}
	if isRedirect(resp.StatusCode) {
		return Reply{}, redirectError(resp, url, token)
	}
	if len(data) > MaxBody {
		return Reply{}, &Error{Class: Transient, Code: HTTPCode(resp.StatusCode),
			Msg: fmt.Sprintf("answer larger than %d bytes", MaxBody), MaybeCreated: true}
	}
	return Reply{Status: resp.StatusCode, Header: resp.Header, Body: data, URL: url}, nil
}

// noRedirects returns a copy of client that hands every redirect back to
// the caller instead of following it: a 302 or 303 would turn the order's
// POST into a GET whose answer could be taken for the order's, and a 307
// or 308 would send the order, with its token header, to whatever host the
// Location names.
func noRedirects(client *http.Client) *http.Client {
	c := *client
	c.CheckRedirect = useLastResponse
	return &c
}

// useLastResponse is the CheckRedirect that follows no redirect.
func useLastResponse(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

// isRedirect reports whether status is an HTTP redirection (3xx).
func isRedirect(status int) bool { return status >= 300 && status < 400 }

// redirectError classifies a redirect answer to an order-creation request:
// a configuration error that stops the run (the base URL is not where the
// API answers), naming the Location. 301, 307 and 308 say the endpoint is
// elsewhere and the same request should be made there (RFC 9110 15.4), so
// this one was not acted on; a 302 or 303 may follow work done (the
// post/redirect/get pattern), so the order may have been created.
func redirectError(resp *http.Response, endpoint, token string) *Error {
	where := "no Location"
	if loc, err := resp.Location(); err == nil {
		where = Scrub(loc.String(), token)
	} else if v := resp.Header.Get("Location"); v != "" {
		where = Scrub(v, token)
	}
	if len(where) > maxLocation {
		where = where[:maxLocation] + "…"
	}
	maybe := true
	switch resp.StatusCode {
	case http.StatusMovedPermanently, http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
		maybe = false
	}
	return &Error{Class: Fatal, Code: HTTPCode(resp.StatusCode), URL: endpoint, MaybeCreated: maybe,
		Msg: fmt.Sprintf("the order API at %s answered with a redirect to %s; an order is never sent on to another address: "+
			"check --base-url (use the address it redirects to only if you trust it)", endpoint, where)}
}

// maxLocation bounds the Location quoted in a redirect error.
const maxLocation = 300

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
// transient; HTTP 429 and 503 carry their Retry-After; 5xx and a 2xx with a
// body that is not the API's may have created the order; 404, 405, 410 and
// 501 say the URL is not the order endpoint (NoEndpoint).
func HTTPError(r Reply, why string) *Error {
	e := &Error{Class: Transient, Code: HTTPCode(r.Status), Msg: why}
	switch {
	case r.Status == http.StatusTooManyRequests:
		e.Msg = "too many requests"
		e.RetryAfter = retryAfter(r.Header.Get("Retry-After"), time.Now())
	case noEndpoint(r.Status):
		e.Msg = "no order endpoint at this address (" + http.StatusText(r.Status) + ")"
		e.NoEndpoint, e.URL = true, r.URL
	case r.Status >= 500 || r.Status < 300:
		e.MaybeCreated = true
		if r.Status == http.StatusServiceUnavailable {
			e.RetryAfter = retryAfter(r.Header.Get("Retry-After"), time.Now())
		}
	}
	return e
}

// noEndpoint reports whether an HTTP status says the server has no such
// endpoint or does not take a POST there, so the request was not acted on:
// 404 Not Found, 405 Method Not Allowed, 410 Gone, 501 Not Implemented
// (what a plain web server answers a POST).
func noEndpoint(status int) bool {
	switch status {
	case http.StatusNotFound, http.StatusMethodNotAllowed, http.StatusGone, http.StatusNotImplemented:
		return true
	}
	return false
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

// PlainHTTPRemote reports whether a request to baseURL would carry its token
// unencrypted over the network: the scheme is http and the host is not a
// loopback address (localhost, *.localhost, 127.0.0.0/8, ::1). damaijia's
// API text gives only an http:// address, so its default is such a URL.
func PlainHTTPRemote(baseURL string) bool {
	u, err := neturl.Parse(strings.TrimSpace(baseURL))
	if err != nil || !strings.EqualFold(u.Scheme, "http") {
		return false
	}
	return !IsLoopbackHost(u.Hostname())
}

// IsLoopbackHost reports whether host (a name or an IP address, without a
// port) always means this machine.
func IsLoopbackHost(host string) bool {
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip, err := netip.ParseAddr(strings.Trim(host, "[]"))
	return err == nil && ip.Unmap().IsLoopback()
}
