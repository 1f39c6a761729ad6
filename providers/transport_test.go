package providers

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestRetryAfter(t *testing.T) {
	now := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Duration
	}{
		{"", 0}, {"3", 3 * time.Second}, {"-3", 0}, {"abc", 0}, {"99999999", maxRetryAfter},
		{now.Add(10 * time.Second).Format(http1123), 10 * time.Second},
		{now.Add(-10 * time.Second).Format(http1123), 0},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := retryAfter(tt.in, now); got != tt.want {
				t.Errorf("retryAfter(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

const http1123 = "Mon, 02 Jan 2006 15:04:05 GMT"

func TestScrub(t *testing.T) {
	if got := Scrub("token abc123 in text abc123", "abc123"); got != "token *** in text ***" {
		t.Fatalf("Scrub = %q", got)
	}
	if got := Scrub("no token", ""); got != "no token" {
		t.Fatalf("Scrub with no token = %q", got)
	}
}

// TestHardening11_09_PostNeverFollowsRedirects: a redirect answer to an
// order request is never followed, whatever the client (the default one
// follows up to ten): it is a fatal configuration error naming the
// Location, with MaybeCreated set where the redirect may follow work done
// (302, 303), and the token never reaches the Location's host.
func TestHardening11_09_PostNeverFollowsRedirects(t *testing.T) {
	const token = "tok-never-redirected-42"
	cases := []struct {
		status int
		maybe  bool
	}{
		{http.StatusMovedPermanently, false}, {http.StatusFound, true}, {http.StatusSeeOther, true},
		{http.StatusTemporaryRedirect, false}, {http.StatusPermanentRedirect, false},
	}
	for _, tc := range cases {
		t.Run(strconv.Itoa(tc.status), func(t *testing.T) {
			var hits atomic.Int64
			other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				hits.Add(1)
				_, _ = io.WriteString(w, `{"status":0,"code":200}`)
			}))
			defer other.Close()
			// The Location echoes the token, as a careless server might.
			location := other.URL + "/elsewhere?t=" + token
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				http.Redirect(w, r, location, tc.status)
			}))
			defer srv.Close()
			for name, client := range map[string]*http.Client{"default client": http.DefaultClient, "Config.Client": Config{}.Client()} {
				h := http.Header{}
				h.Set("Open-Access-Token", token)
				_, pe := Post(context.Background(), client, srv.URL+"/order/create", h, []byte(`{}`), token)
				if pe == nil {
					t.Fatalf("%s: a redirect was taken for an answer", name)
				}
				if pe.Class != Fatal || pe.Code != HTTPCode(tc.status) || pe.MaybeCreated != tc.maybe {
					t.Errorf("%s: class %v code %q maybeCreated %v, want fatal %q %v", name, pe.Class, pe.Code, pe.MaybeCreated, HTTPCode(tc.status), tc.maybe)
				}
				if !strings.Contains(pe.Error(), other.URL+"/elsewhere") || !strings.Contains(pe.Error(), "--base-url") {
					t.Errorf("%s: the error does not name the Location and --base-url: %v", name, pe)
				}
				if strings.Contains(pe.Error(), token) {
					t.Errorf("%s: the token is in the error: %v", name, pe)
				}
			}
			if n := hits.Load(); n != 0 {
				t.Errorf("the Location's host got %d requests", n)
			}
		})
	}
}

// TestHardening11_18_NotReached: failures that prove the request never
// reached the order endpoint (no connection: refused, DNS, TLS; HTTP 404,
// 405, 410, 501) are told apart from failures after the request was written,
// which may have created the order.
func TestHardening11_18_NotReached(t *testing.T) {
	refused := httptest.NewServer(http.NotFoundHandler())
	refusedURL := refused.URL
	refused.Close()
	tlsSrv := httptest.NewTLSServer(http.NotFoundHandler())
	defer tlsSrv.Close()
	status := func(code int) string {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			_, _ = io.Copy(io.Discard, r.Body)
			w.WriteHeader(code)
		}))
		t.Cleanup(srv.Close)
		return srv.URL
	}
	lost := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		if conn, _, err := w.(http.Hijacker).Hijack(); err == nil {
			_ = conn.Close()
		}
	}))
	defer lost.Close()
	dnsClient := &http.Client{Transport: &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		return nil, &net.OpError{Op: "dial", Net: network, Err: &net.DNSError{Err: "no such host", Name: "orders.example.test", IsNotFound: true}}
	}}}
	cases := []struct {
		name                    string
		url                     string
		client                  *http.Client
		unreachable, noEndpoint bool
		maybeCreated            bool
	}{
		{name: "connection refused", url: refusedURL, unreachable: true},
		{name: "DNS: no such host", url: "http://orders.example.test", client: dnsClient, unreachable: true},
		{name: "TLS: certificate not trusted", url: tlsSrv.URL, unreachable: true},
		{name: "HTTP 404", url: status(http.StatusNotFound), noEndpoint: true},
		{name: "HTTP 405", url: status(http.StatusMethodNotAllowed), noEndpoint: true},
		{name: "HTTP 410", url: status(http.StatusGone), noEndpoint: true},
		{name: "HTTP 501 (a plain web server's answer to a POST)", url: status(http.StatusNotImplemented), noEndpoint: true},
		{name: "HTTP 400 is an answer", url: status(http.StatusBadRequest)},
		{name: "HTTP 502 may have created", url: status(http.StatusBadGateway), maybeCreated: true},
		{name: "connection closed after the request", url: lost.URL, maybeCreated: true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			client := tc.client
			if client == nil {
				client = Config{}.Client()
			}
			url := tc.url + "/vv/external/v1/order_create"
			r, pe := Post(context.Background(), client, url, http.Header{}, []byte(`{}`), "tok")
			if pe == nil {
				pe = HTTPError(r, "not the API's answer")
			}
			if pe.Unreachable != tc.unreachable || pe.NoEndpoint != tc.noEndpoint || pe.MaybeCreated != tc.maybeCreated {
				t.Fatalf("unreachable %v noEndpoint %v maybeCreated %v (%v), want %v %v %v",
					pe.Unreachable, pe.NoEndpoint, pe.MaybeCreated, pe, tc.unreachable, tc.noEndpoint, tc.maybeCreated)
			}
			if pe.NotReached() && (pe.Class != Transient || pe.URL != url) {
				t.Errorf("class %v URL %q", pe.Class, pe.URL)
			}
			if pe.NotReached() {
				stop := StopUnreachable(pe, 3)
				if stop.Class != Fatal || !strings.Contains(stop.Error(), url) || !strings.Contains(stop.Error(), "--base-url") ||
					strings.Count(stop.Error(), "\n") != 0 {
					t.Errorf("stop error: %v", stop)
				}
			}
		})
	}
	t.Run("cancelled before connecting is not unreachable", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_, pe := Post(ctx, Config{}.Client(), refusedURL, http.Header{}, []byte(`{}`), "tok")
		if pe == nil || pe.NotReached() {
			t.Fatalf("got %v", pe)
		}
	})
}

// TestHardening11_19_RetryAfterOn503: HTTP 503 carries its Retry-After as
// 429 does; a long one is kept whole (up to a day) for --max-wait to judge.
func TestHardening11_19_RetryAfterOn503(t *testing.T) {
	h := http.Header{}
	h.Set("Retry-After", "3600")
	for _, status := range []int{http.StatusTooManyRequests, http.StatusServiceUnavailable} {
		if e := HTTPError(Reply{Status: status, Header: h}, "x"); e.RetryAfter != time.Hour || e.Class != Transient {
			t.Errorf("HTTP %d: RetryAfter %v class %v", status, e.RetryAfter, e.Class)
		}
	}
}

// TestHardening11_PlainHTTPRemote: a token goes unencrypted to another
// machine over http:// to a host that is not loopback (damaijia's
// documented address is one).
func TestHardening11_PlainHTTPRemote(t *testing.T) {
	cases := map[string]bool{
		"http://www.damaijia168.com": true, "HTTP://shop.example.test:8080/": true, "http://10.0.0.8": true,
		"https://www.damaijia168.com": false, "http://127.0.0.1:8080": false, "http://localhost": false,
		"http://LOCALHOST.:1": false, "http://[::1]:80": false, "http://127.1.2.3": false, "http://a.localhost": false,
		"http://[::ffff:127.0.0.1]": false, "": false, "::": false,
	}
	for base, want := range cases {
		if got := PlainHTTPRemote(base); got != want {
			t.Errorf("PlainHTTPRemote(%q) = %v, want %v", base, got, want)
		}
	}
}
