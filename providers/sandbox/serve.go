package sandbox

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"time"
)

// Listening is a sandbox served over HTTP on a listening address.
type Listening struct {
	// URL is the base URL to give a client: http://host:port.
	URL string
	srv *http.Server
	ln  net.Listener
}

// Listen serves a sandbox with opts on addr ("127.0.0.1:0" picks a free
// port) in the background until Close.
func Listen(addr string, opts Options) (*Listening, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("sandbox: %w", err)
	}
	l := &Listening{URL: "http://" + ln.Addr().String(), ln: ln,
		srv: &http.Server{Handler: New(opts), ReadHeaderTimeout: 10 * time.Second}}
	go func() { _ = l.srv.Serve(ln) }()
	return l, nil
}

// Serve serves a sandbox with opts on addr until ctx is done, then shuts
// down gracefully. ready is called with the base URL once it listens.
func Serve(ctx context.Context, addr string, opts Options, ready func(url string)) error {
	return New(opts).Serve(ctx, addr, ready)
}

// Serve serves s on addr until ctx is done, then shuts down gracefully.
// ready is called with the base URL once it listens.
func (s *Server) Serve(ctx context.Context, addr string, ready func(url string)) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		shutdown, done := context.WithTimeout(context.Background(), 5*time.Second)
		defer done()
		_ = srv.Shutdown(shutdown)
	}()
	ready("http://" + ln.Addr().String())
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// LoopbackOnly reports whether a listen address (host:port) is reachable
// only from this machine: its host is localhost or a loopback IP. An
// empty host, 0.0.0.0, :: or any other name or address may be reachable
// from other machines. (The sandbox shares no code with the clients, so
// this does not use providers.IsLoopbackHost.)
func LoopbackOnly(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil || host == "" {
		return false
	}
	host = strings.ToLower(host)
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip, err := netip.ParseAddr(host)
	return err == nil && ip.Unmap().IsLoopback()
}

// Close stops serving at once.
func (l *Listening) Close() error { return l.srv.Close() }
