package web

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"orderimport/providers/sandbox"
)

// TestSecurity is the list of the page's defences.
func TestSecurity(t *testing.T) {
	t.Run("cross-origin POST refused", func(t *testing.T) {
		e := newEnv(t, nil)
		tests := []struct {
			name   string
			header map[string]string
		}{
			{"Sec-Fetch-Site cross-site", map[string]string{"Sec-Fetch-Site": "cross-site"}},
			{"foreign Origin", map[string]string{"Origin": "http://evil.example"}},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				ct, body := multipartBody(t, map[string]string{"provider": "damaijia"}, "file", "o.csv", ordersCSV(2, nil))
				req, _ := http.NewRequest("POST", e.ts.URL+"/upload", body)
				req.Header.Set("Content-Type", ct)
				for k, v := range tc.header {
					req.Header.Set(k, v)
				}
				code, _, text := e.do(req)
				if code != http.StatusForbidden || !strings.Contains(text, "跨域") {
					t.Errorf("%d %q", code, text)
				}
			})
		}
		if n := len(e.srv.uploads); n != 0 {
			t.Errorf("%d uploads taken", n)
		}
		// The page itself, same origin, is served.
		req, _ := http.NewRequest("POST", e.ts.URL+"/upload", strings.NewReader(""))
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		if code, _, _ := e.do(req); code == http.StatusForbidden {
			t.Error("a same-origin POST was refused")
		}
	})
	t.Run("foreign Host refused", func(t *testing.T) {
		e := newEnv(t, nil)
		tests := []struct {
			host string
			want int
		}{
			{"evil.example", http.StatusMisdirectedRequest},
			{"evil.example:" + port(e.ts.URL), http.StatusMisdirectedRequest},
			{"10.0.0.1:80", http.StatusMisdirectedRequest},
			{"localhost:" + port(e.ts.URL), http.StatusOK},
			{"127.0.0.1:" + port(e.ts.URL), http.StatusOK},
			{"[::1]:" + port(e.ts.URL), http.StatusOK},
		}
		for _, tc := range tests {
			t.Run(tc.host, func(t *testing.T) {
				req, _ := http.NewRequest("GET", e.ts.URL+"/", nil)
				req.Host = tc.host
				if code, _, _ := e.do(req); code != tc.want {
					t.Errorf("Host %s: %d, want %d", tc.host, code, tc.want)
				}
			})
		}
	})
	t.Run("non-loopback bind without password refused", func(t *testing.T) {
		tests := []struct {
			addr     string
			password bool
			ok       bool
		}{
			{"127.0.0.1:8080", false, true},
			{"localhost:0", false, true},
			{"[::1]:8080", false, true},
			{"0.0.0.0:8080", false, false},
			{":8080", false, false},
			{"192.168.1.20:8080", false, false},
			{"0.0.0.0:8080", true, true},
			{"no-port", false, false},
		}
		for _, tc := range tests {
			t.Run(tc.addr, func(t *testing.T) {
				err := CheckListen(tc.addr, tc.password)
				if (err == nil) != tc.ok {
					t.Errorf("CheckListen(%q, %v) = %v", tc.addr, tc.password, err)
				}
			})
		}
	})
	t.Run("password asked", func(t *testing.T) {
		e := newEnv(t, func(c *Config) { c.Password = "s3cret pass" })
		req, _ := http.NewRequest("GET", e.ts.URL+"/", nil)
		if code, _, _ := e.do(req); code != http.StatusUnauthorized {
			t.Errorf("no password: %d", code)
		}
		req.SetBasicAuth("anyone", "wrong")
		if code, _, _ := e.do(req); code != http.StatusUnauthorized {
			t.Errorf("a wrong password: %d", code)
		}
		req.SetBasicAuth("anyone", "s3cret pass")
		if code, _, _ := e.do(req); code != http.StatusOK {
			t.Errorf("the password: %d", code)
		}
	})
	t.Run("path traversal in upload names harmless", func(t *testing.T) {
		e := newEnv(t, nil)
		root := filepath.Dir(e.srv.ws.dir)
		for _, name := range []string{"../../escape.csv", `..\..\escape.csv`, "/tmp/../escape.csv", "..", "sub/../../escape.csv"} {
			t.Run(name, func(t *testing.T) {
				id := e.upload(name, ordersCSV(2, nil), "damaijia")
				up := e.srv.uploads[id]
				if filepath.Dir(up.Path) != e.srv.ws.dir || filepath.Base(up.Path) != id+".csv" {
					t.Errorf("saved as %s", up.Path)
				}
				if strings.ContainsAny(up.Name, `/\`) {
					t.Errorf("display name %q keeps a path", up.Name)
				}
			})
		}
		for _, p := range []string{filepath.Join(root, "escape.csv"), filepath.Join(filepath.Dir(root), "escape.csv")} {
			if _, err := os.Stat(p); err == nil {
				t.Errorf("%s was written", p)
			}
		}
	})
	t.Run("over-limit upload refused", func(t *testing.T) {
		e := newEnv(t, func(c *Config) { c.MaxUpload = 4 << 10 })
		big := ordersCSV(200, nil) // ~14 KB
		code, _, body := e.postFile("/upload", map[string]string{"provider": "damaijia"}, "file", "big.csv", big)
		if code != http.StatusRequestEntityTooLarge || !strings.Contains(errorLine(body), "4 KB") {
			t.Errorf("%d %q", code, errorLine(body))
		}
		// Without Content-Length (chunked) the reader stops at the limit.
		ct, b := multipartBody(t, map[string]string{"provider": "damaijia"}, "file", "big.csv", big)
		req, _ := http.NewRequest("POST", e.ts.URL+"/upload", struct{ *strings.Reader }{strings.NewReader(b.String())})
		req.Header.Set("Content-Type", ct)
		req.ContentLength = -1
		if code, _, body := e.do(req); code != http.StatusRequestEntityTooLarge {
			t.Errorf("chunked: %d %q", code, errorLine(body))
		}
		entries, _ := os.ReadDir(e.srv.ws.dir)
		for _, en := range entries {
			if !en.IsDir() {
				t.Errorf("a refused upload left %s", en.Name())
			}
		}
	})
	t.Run("token absent from every page and response", func(t *testing.T) {
		const token = "tok-9f3a7c1e5b2d"
		api := httptest.NewServer(sandbox.New(sandbox.Options{Token: token}))
		defer api.Close()
		for _, typed := range []bool{false, true} {
			name := map[bool]string{false: "from the environment", true: "typed into the page"}[typed]
			t.Run(name, func(t *testing.T) {
				e := newEnv(t, func(c *Config) {
					c.Sandbox, c.BaseURL, c.Ledger = false, api.URL, filepath.Join(t.TempDir(), "ledger.db")
					if !typed {
						c.Token, c.TokenSource = token, "ORDERIMPORT_TOKEN"
					}
				})
				id := e.upload("orders.csv", ordersCSV(5, func(i int) bool { return i == 2 }), "damaijia")
				e.check(id, nil)
				_, page := e.get("/u/" + id + "/check")
				if typed != strings.Contains(page, `name="token" id="token" autocomplete="off" required`) {
					t.Fatalf("token asked: %v, want %v", !typed, typed)
				}
				form := url.Values{"rate": {"0"}}
				if typed {
					form.Set("token", token)
				}
				run := e.send(id, form)
				e.wait(run)
				for _, p := range []string{"/", "/u/" + id + "/map", "/u/" + id + "/check", "/runs/" + run, "/history", "/u/" + id + "/mapping.yaml"} {
					e.get(p)
				}
				e.download("/runs/"+run+"/result", ".csv")
				rows := resultRows(t, e.download("/runs/"+run+"/result", ".csv"))
				if len(rows) != 5 || rows[0]["status"] != "ok" {
					t.Fatalf("the run did not send with the token: %v", rows)
				}
				if strings.Contains(e.seen.String(), token) {
					t.Error("a response holds the token")
				}
				if strings.Contains(e.logs.String(), token) {
					t.Error("the log holds the token")
				}
				_ = filepath.WalkDir(e.srv.ws.dir, func(p string, d os.DirEntry, err error) error {
					if err == nil && !d.IsDir() {
						if b, _ := os.ReadFile(p); strings.Contains(string(b), token) {
							t.Errorf("%s holds the token", p)
						}
					}
					return nil
				})
			})
		}
	})
}

// port is the port of a URL.
func port(u string) string { return u[strings.LastIndexByte(u, ':')+1:] }
