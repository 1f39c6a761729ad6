package providers

import (
	"errors"
	"fmt"
	"net/url"
	"time"
)

// Class says what the importer may do after a failed submission.
type Class int

// The classes of submission errors.
const (
	// Permanent: the provider refused the order; sending it again as it is
	// would be refused again. The rows become "rejected".
	Permanent Class = iota
	// Transient: the network, the gateway or the provider's load failed; the
	// same request may succeed later (network errors, HTTP 5xx, HTTP 429,
	// damaijia status 160).
	Transient
	// Fatal: nothing more can succeed in this run (authentication failed,
	// balance insufficient, daily limit reached, site frozen).
	Fatal
)

func (c Class) String() string {
	switch c {
	case Permanent:
		return "permanent"
	case Transient:
		return "transient"
	case Fatal:
		return "fatal"
	}
	return fmt.Sprintf("class(%d)", int(c))
}

// ErrAlreadyExists is wrapped by an *Error when the provider says the order's
// ID is already taken (damaijia status 234): after a lost answer it means the
// earlier attempt created the order.
var ErrAlreadyExists = errors.New("order id already exists")

// Error is a classified submission error. Every error a Provider's Submit
// returns is an *Error. It never holds the token.
type Error struct {
	// Class decides retry, reject or stop.
	Class Class
	// Code is the provider's status code (damaijia body status, storefront
	// code) or "http 503" style for gateway failures; empty for network errors.
	Code string
	// Msg is the provider's message, or a description of the failure.
	Msg string
	// MaybeCreated is true when the request may have reached the provider
	// and created the order although no answer was read (lost response).
	MaybeCreated bool
	// RetryAfter is the wait the provider asked for (HTTP Retry-After), or 0.
	RetryAfter time.Duration
	// Unreachable is true when no connection to the API could be made: the
	// host name did not resolve, the connection was refused or timed out,
	// the TLS handshake failed, a proxy refused the tunnel. Nothing was
	// sent, so nothing was created. Such an error is transient (a server
	// restarting heals), but a run whose first orders all end this way is
	// pointed at the wrong place (see NotReached).
	Unreachable bool
	// NoEndpoint is true when the server answered that the order endpoint
	// does not exist there (HTTP 404, 405, 410 or 501 without the API's
	// own answer): the URL is wrong, nothing was created, and sending the
	// same request again cannot help, so it is not retried.
	NoEndpoint bool
	// URL is the endpoint the request went to (never holding the token),
	// for messages; set on Unreachable, NoEndpoint and redirect errors.
	URL string
	// Err is the underlying cause, if any.
	Err error
}

func (e *Error) Error() string {
	s := e.Msg
	if e.Code != "" {
		s = e.Code + ": " + s
	}
	if e.Err != nil && e.Msg == "" {
		s += e.Err.Error()
	}
	return s
}

// NotReached reports whether the request never reached the order endpoint
// (Unreachable or NoEndpoint): nothing was created, and the base URL may be
// wrong.
func (e *Error) NotReached() bool { return e.Unreachable || e.NoEndpoint }

// StopUnreachable is the fatal error that ends a run whose first orders
// (orders of them in a row, none answered by the API) all failed with
// NotReached errors, last being the last of them: one line naming the URL,
// the cause and the flag to fix.
func StopUnreachable(last *Error, orders int) *Error {
	return &Error{Class: Fatal, URL: last.URL, Unreachable: last.Unreachable, NoEndpoint: last.NoEndpoint,
		Msg: fmt.Sprintf("cannot reach the order API at %s (%s): the first %d orders all failed this way, none reached it; "+
			"check --base-url (or ORDERIMPORT_BASE_URL)", last.URL, last.reason(), orders),
		Err: last}
}

// reason is the short cause of a NotReached error: the HTTP answer, or the
// network error without the URL the request went to.
func (e *Error) reason() string {
	if e.NoEndpoint {
		return e.Code + ": " + e.Msg
	}
	var ue *url.Error
	if errors.As(e.Err, &ue) {
		return ue.Err.Error()
	}
	if e.Err != nil {
		return e.Err.Error()
	}
	return e.Msg
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// ClassOf returns the class of err: the Class of an *Error in its chain, or
// Transient for any other error (a failure the provider did not explain).
func ClassOf(err error) Class {
	var pe *Error
	if errors.As(err, &pe) {
		return pe.Class
	}
	return Transient
}
