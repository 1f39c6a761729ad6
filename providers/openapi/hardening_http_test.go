package openapi

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"orderimport/providers"
)

// TestHardening11_09_RedirectIsFatal: a 307 from order/create is not
// followed to the other host (it would carry the open-access-token there):
// a fatal error naming the Location.
func TestHardening11_09_RedirectIsFatal(t *testing.T) {
	var tokenSeen atomic.Bool
	var hits atomic.Int64
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		tokenSeen.Store(r.Header.Get("open-access-token") != "")
		_, _ = io.WriteString(w, `{"code":200,"message":"success","data":{"order_id":1,"order_number":"A1"}}`)
	}))
	defer other.Close()
	c := newClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+Path, http.StatusTemporaryRedirect)
	}))
	pe := submitErr(t, c)
	if pe.Class != providers.Fatal || pe.MaybeCreated || !strings.Contains(pe.Msg, other.URL+Path) {
		t.Errorf("got %v (class %v maybeCreated %v)", pe, pe.Class, pe.MaybeCreated)
	}
	if hits.Load() != 0 || tokenSeen.Load() {
		t.Errorf("the redirect was followed: %d requests, token sent %v", hits.Load(), tokenSeen.Load())
	}
}

// TestHardening11_18_NoEndpoint: an HTTP 404, 405 or 410 without the
// storefront's JSON says the URL is not its order/create (not retried,
// nothing created); with the storefront's JSON the body's code decides.
func TestHardening11_18_NoEndpoint(t *testing.T) {
	cases := []struct {
		status     int
		body       string
		noEndpoint bool
		class      providers.Class
	}{
		{http.StatusNotFound, `<html>404</html>`, true, providers.Transient},
		{http.StatusNotFound, `{"message":"Not Found"}`, true, providers.Transient},
		{http.StatusMethodNotAllowed, ``, true, providers.Transient},
		{http.StatusGone, `gone`, true, providers.Transient},
		{http.StatusNotFound, `{"code":404,"message":"product not found"}`, false, providers.Permanent},
	}
	for _, tc := range cases {
		t.Run(strconv.Itoa(tc.status)+" "+tc.body, func(t *testing.T) {
			c := newClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(tc.status)
				_, _ = io.WriteString(w, tc.body)
			}))
			pe := submitErr(t, c)
			if pe.NoEndpoint != tc.noEndpoint || pe.Class != tc.class || pe.MaybeCreated {
				t.Errorf("got %+v", pe)
			}
		})
	}
}
