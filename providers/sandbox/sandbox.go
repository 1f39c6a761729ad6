// Package sandbox is a strict, in-process fake of both order-creation APIs
// (damaijia's order_create and the storefront's openapi order/create),
// written from the API text and the field notes and sharing no types with
// the clients. One Server answers both endpoints, so a test, a rehearsal or
// a demo can run either provider against it, with faults injected on demand.
//
// Use it as an http.Handler, e.g. httptest.NewServer(sandbox.New(opts)).
package sandbox

import (
	"context"
	"math/rand/v2"
	"net/http"
	"sync"
	"time"
)

// The endpoints the sandbox serves.
const (
	DamaijiaPath = "/vv/external/v1/order_create"
	OpenAPIPath  = "/manager/api/apps/openapi/order/create"
)

// maxBody bounds the request bodies the sandbox reads.
const maxBody = 8 << 20

// DefaultToken is the token "orderimport sandbox" and the in-process
// --sandbox accept unless told another (--token, ORDERIMPORT_SANDBOX_TOKEN).
const DefaultToken = "sandbox-token"

// Options configure a sandbox. The zero value accepts any non-empty token
// (for tests) and injects no faults; the command always gives a Token.
type Options struct {
	// Token is the one accepted token; a request with another token, or
	// none, is refused (damaijia status 200, storefront code 401). Empty
	// means any non-empty token.
	Token string
	// ForbiddenProvinces: a damaijia consignee whose province starts with one
	// of these gets msg_code 2001 (the order is still created).
	ForbiddenProvinces []string
	// DelistedProducts are damaijia product ids answered with status 226.
	DelistedProducts []int
	// Latency is added before every answer.
	Latency time.Duration
	// Seed seeds the fault draws; the same seed gives the same faults for the
	// same sequence of requests.
	Seed int64
	// Fail5xx and Fail429 are the probabilities that a request is answered
	// with HTTP 502 (an HTML gateway page), or HTTP 429 with Retry-After: 1,
	// before being handled.
	Fail5xx, Fail429 float64
	// DropBefore and DropAfter are the probabilities that the connection is
	// closed without an answer before handling the request, or after the
	// order was created.
	DropBefore, DropAfter float64
	// SlowAfter is the probability that the answer to a created order is
	// delayed by SlowDelay.
	SlowAfter float64
	// SlowDelay is the delay of a slow answer.
	SlowDelay time.Duration
	// ShipAfter is how long after its order was created a damaijia package
	// awaiting shipment is shipped (get_packages_status answers s, with a
	// courier and a tracking number); 0 means never by time: only Ship,
	// SetPackageStatus or POST ShipPath ship it.
	ShipAfter time.Duration
	// Clock is the sandbox's clock for ShipAfter; nil means time.Now.
	Clock func() time.Time
}

// Server is the fake. It is safe for concurrent use.
type Server struct {
	opts Options

	mu        sync.Mutex
	rng       *rand.Rand
	stats     Stats
	perSecond map[int64]int
	nextID    int64
	damaijia  damaijiaState
	openapi   openapiState
}

// New returns a sandbox configured by opts.
func New(opts Options) *Server {
	return &Server{
		opts:      opts,
		rng:       rand.New(rand.NewPCG(uint64(opts.Seed), 0x5eed)),
		perSecond: map[int64]int{},
		damaijia:  newDamaijiaState(),
		openapi:   newOpenAPIState(),
	}
}

// faults are the draws for one request.
type faults struct {
	fail429, fail5xx, dropBefore, dropAfter, slowAfter bool
}

// begin counts a request and draws its faults. Five numbers are drawn for
// every request whatever the options, so a seed gives one fault sequence.
func (s *Server) begin(now time.Time) faults {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stats.Requests++
	s.perSecond[now.Unix()]++
	return faults{
		fail429:    s.rng.Float64() < s.opts.Fail429,
		fail5xx:    s.rng.Float64() < s.opts.Fail5xx,
		dropBefore: s.rng.Float64() < s.opts.DropBefore,
		dropAfter:  s.rng.Float64() < s.opts.DropAfter,
		slowAfter:  s.rng.Float64() < s.opts.SlowAfter,
	}
}

// count updates the statistics under the lock.
func (s *Server) count(f func(*Stats)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f(&s.stats)
}

// result is a handled request: the JSON answer and whether an order was
// created.
type result struct {
	body    any
	created bool
}

// ServeHTTP serves both APIs (damaijia's order_create and
// get_packages_status, the storefront's order/create), the counters at
// StatsPath and the shipping control at ShipPath.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case StatsPath:
		// Neither counted nor faulty: reading the counters changes nothing.
		s.serveStats(w, r)
		return
	case ShipPath:
		s.serveShip(w, r) // the rehearsal's control, not the API
		return
	}
	f := s.begin(time.Now())
	var handle func(*http.Request) result
	switch r.URL.Path {
	case DamaijiaPath:
		handle = s.handleDamaijia
	case DamaijiaTrackPath:
		handle = s.handleDamaijiaTrack
	case OpenAPIPath:
		handle = s.handleOpenAPI
	default:
		http.NotFound(w, r)
		return
	}
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if !sleep(r.Context(), s.opts.Latency) {
		return
	}
	if s.injectBefore(w, f) {
		return
	}
	res := handle(r)
	if res.created && f.dropAfter {
		s.count(func(st *Stats) { st.DroppedAfter++ })
		drop(w)
		return
	}
	if res.created && f.slowAfter {
		s.count(func(st *Stats) { st.Slowed++ })
		if !sleep(r.Context(), s.opts.SlowDelay) {
			return
		}
	}
	writeJSON(w, res.body)
}

// injectBefore answers with an injected fault, if one was drawn.
func (s *Server) injectBefore(w http.ResponseWriter, f faults) bool {
	switch {
	case f.fail429:
		s.count(func(st *Stats) { st.Injected429++ })
		w.Header().Set("Retry-After", "1")
		http.Error(w, "too many requests", http.StatusTooManyRequests)
	case f.fail5xx:
		s.count(func(st *Stats) { st.Injected5xx++ })
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusBadGateway)
		_, _ = w.Write([]byte("<html><body><h1>502 Bad Gateway</h1></body></html>"))
	case f.dropBefore:
		s.count(func(st *Stats) { st.DroppedBefore++ })
		drop(w)
	default:
		return false
	}
	return true
}

// sleep waits d or until ctx is done; it reports whether d passed.
func sleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// drop closes the connection without an answer. When w cannot be hijacked
// (HTTP/2, a recorder) it aborts the handler the way net/http documents,
// with http.ErrAbortHandler, which the server recovers from silently.
func drop(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			_ = conn.Close()
			return
		}
	}
	panic(http.ErrAbortHandler)
}
