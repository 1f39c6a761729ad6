package damaijia

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

// TestHardening11_09_RedirectIsFatal: a redirect from order_create is never
// followed (a 302 would turn the order into a GET whose success answer was
// taken for the order's): a fatal error naming the Location.
func TestHardening11_09_RedirectIsFatal(t *testing.T) {
	for _, status := range []int{http.StatusFound, http.StatusPermanentRedirect} {
		t.Run(strconv.Itoa(status), func(t *testing.T) {
			var gets atomic.Int64
			mux := http.NewServeMux()
			mux.HandleFunc("/landing", func(w http.ResponseWriter, r *http.Request) {
				gets.Add(1)
				_, _ = io.WriteString(w, `{"status":0,"data":{"order_id":1,"order_sn":"X","consignees":[{"msg_code":2000},{"msg_code":2000}]}}`)
			})
			mux.HandleFunc(Path, func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/landing", status) })
			pe := submitErr(t, newClient(t, mux))
			if pe.Class != providers.Fatal || !strings.Contains(pe.Msg, "/landing") || gets.Load() != 0 {
				t.Errorf("got %v (class %v), %d requests at the Location", pe, pe.Class, gets.Load())
			}
		})
	}
}

// TestHardening11_18_NoEndpoint: damaijia answers everything with HTTP 200,
// so an HTTP 404, 405, 410 or 501 means the URL is not its order_create,
// whatever the body: nothing was created, and it is not worth retrying.
func TestHardening11_18_NoEndpoint(t *testing.T) {
	for _, status := range []int{http.StatusNotFound, http.StatusMethodNotAllowed, http.StatusGone, http.StatusNotImplemented} {
		t.Run(strconv.Itoa(status), func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(status)
				_, _ = io.WriteString(w, `{"status":404,"err":"not found"}`)
			}))
			defer srv.Close()
			c, err := New(providers.Config{BaseURL: srv.URL, Token: testToken}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			pe := submitErr(t, c)
			if !pe.NoEndpoint || pe.MaybeCreated || pe.URL != srv.URL+Path || pe.Class != providers.Transient {
				t.Errorf("got %+v", pe)
			}
		})
	}
}

// TestHardening11_DefaultBaseURLIsPlainHTTP: the API text gives only
// http://, so the default is kept, and the importer warns that the token
// then travels unencrypted.
func TestHardening11_DefaultBaseURLIsPlainHTTP(t *testing.T) {
	if !strings.HasPrefix(DefaultBaseURL, "http://") || !providers.PlainHTTPRemote(DefaultBaseURL) {
		t.Errorf("DefaultBaseURL %q: PlainHTTPRemote %v", DefaultBaseURL, providers.PlainHTTPRemote(DefaultBaseURL))
	}
}
