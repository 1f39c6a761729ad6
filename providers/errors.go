package providers

import (
	"errors"
	"fmt"
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
