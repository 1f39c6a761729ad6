package sandbox

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// TestHardening11_SandboxTokenExact: with a token configured, every other
// token (a prefix, a longer one, another case, none) is refused by both
// endpoints and counted as unauthorized; nothing is created.
func TestHardening11_SandboxTokenExact(t *testing.T) {
	s := New(Options{Token: DefaultToken})
	for _, tok := range []string{"x", "sandbox", DefaultToken + "x", "Sandbox-Token", " "} {
		t.Run(tok, func(t *testing.T) {
			if _, got := call(t, s, DamaijiaPath, map[string]string{"Authorization": tok, "Content-Type": "application/json"}, validDamaijia()); got["status"] != 200.0 {
				t.Errorf("damaijia: %v", got)
			}
			if _, got := call(t, s, OpenAPIPath, map[string]string{"open-access-token": tok, "Content-Type": "application/json"}, validOpenAPI()); got["code"] != 401.0 {
				t.Errorf("openapi: %v", got)
			}
		})
	}
	if st := s.Stats(); st.Created != 0 || st.Unauthorized != 10 || st.Refused != 10 {
		t.Errorf("stats %+v", st)
	}
	if _, got := call(t, s, DamaijiaPath, map[string]string{"Authorization": DefaultToken, "Content-Type": "application/json"}, validDamaijia()); got["status"] != 0.0 {
		t.Errorf("the configured token: %v", got)
	}
}

// TestHardening11_SandboxStatsEndpoint: GET /__stats answers the counters
// as JSON without changing them (not a request, not a fault draw).
func TestHardening11_SandboxStatsEndpoint(t *testing.T) {
	s := New(Options{Token: token, Fail429: 1})
	srv := httptest.NewServer(s)
	defer srv.Close()
	call(t, s, DamaijiaPath, map[string]string{"Authorization": token, "Content-Type": "application/json"}, validDamaijia())
	for range 2 {
		resp, err := http.Get(srv.URL + StatsPath)
		if err != nil {
			t.Fatal(err)
		}
		var st Stats
		err = json.NewDecoder(resp.Body).Decode(&st)
		resp.Body.Close()
		if err != nil || resp.StatusCode != http.StatusOK || st.Requests != 1 || st.Injected429 != 1 || st.Created != 0 {
			t.Fatalf("GET %s: %d %+v %v", StatsPath, resp.StatusCode, st, err)
		}
	}
	resp, err := http.Post(srv.URL+StatsPath, "application/json", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST %s: %d", StatsPath, resp.StatusCode)
	}
}

// TestHardening11_LoopbackOnly: which listen addresses other machines may
// reach.
func TestHardening11_LoopbackOnly(t *testing.T) {
	cases := map[string]bool{
		"127.0.0.1:8080": true, "localhost:0": true, "[::1]:8080": true, "127.0.0.2:1": true,
		":8080": false, "0.0.0.0:8080": false, "[::]:8080": false, "192.168.1.5:8080": false,
		"myhost:8080": false, "8080": false,
	}
	for addr, want := range cases {
		if got := LoopbackOnly(addr); got != want {
			t.Errorf("LoopbackOnly(%q) = %v, want %v", addr, got, want)
		}
	}
}

// TestServerServe: the method form of Serve serves the given server, so
// its caller can read the counters after it stopped.
func TestServerServe(t *testing.T) {
	s := New(Options{})
	ctx, cancel := context.WithCancel(context.Background())
	urls := make(chan string, 1)
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, "127.0.0.1:0", func(u string) { urls <- u }) }()
	resp, err := http.Get(<-urls + StatsPath)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Serve did not return after its context ended")
	}
}
