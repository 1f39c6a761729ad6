package web

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"orderimport/importer"
	"orderimport/importer/sheet"
)

// testEnv is a server under test, served by httptest on loopback.
type testEnv struct {
	t    testing.TB
	srv  *Server
	ts   *httptest.Server
	c    *http.Client
	logs *syncBuffer
	// seen collects every response body and header, for the token test.
	seen *syncBuffer
}

// syncBuffer is a bytes.Buffer safe for concurrent writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// newEnv starts a server with cfg (a workspace in a temporary directory,
// the sandbox unless cfg says otherwise through mod).
func newEnv(t testing.TB, mod func(*Config)) *testEnv {
	t.Helper()
	logs := &syncBuffer{}
	cfg := Config{Workspace: filepath.Join(t.TempDir(), "ws"), Sandbox: true,
		Log: slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))}
	if mod != nil {
		mod(&cfg)
	}
	srv, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	jar, _ := cookiejar.New(nil)
	e := &testEnv{t: t, srv: srv, ts: ts, logs: logs, seen: &syncBuffer{}}
	e.c = &http.Client{Jar: jar, Transport: recordingTransport{base: ts.Client().Transport, seen: e.seen},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	t.Cleanup(func() {
		ts.Close()
		if err := srv.Close(); err != nil {
			t.Error(err)
		}
	})
	return e
}

// recordingTransport keeps every response's headers and body.
type recordingTransport struct {
	base http.RoundTripper
	seen *syncBuffer
}

func (rt recordingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := rt.base.RoundTrip(r)
	if err != nil {
		return nil, err
	}
	_ = resp.Header.Write(rt.seen)
	resp.Body = readCloser{io.TeeReader(resp.Body, rt.seen), resp.Body}
	return resp, nil
}

type readCloser struct {
	io.Reader
	io.Closer
}

// do sends a request and returns its status, Location and body.
func (e *testEnv) do(req *http.Request) (int, string, string) {
	e.t.Helper()
	resp, err := e.c.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Location"), string(body)
}

func (e *testEnv) get(path string) (int, string) {
	e.t.Helper()
	req, _ := http.NewRequest("GET", e.ts.URL+path, nil)
	code, _, body := e.do(req)
	return code, body
}

// post sends a form; it returns the status, Location and body.
func (e *testEnv) post(path string, form url.Values) (int, string, string) {
	e.t.Helper()
	req, _ := http.NewRequest("POST", e.ts.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return e.do(req)
}

// multipartBody builds a form with fields and one file part.
func multipartBody(t testing.TB, fields map[string]string, fileField, fileName string, content []byte) (string, *bytes.Buffer) {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for k, v := range fields {
		_ = mw.WriteField(k, v)
	}
	if fileField != "" {
		fw, err := mw.CreateFormFile(fileField, fileName)
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(content)
	}
	mw.Close()
	return mw.FormDataContentType(), &b
}

// postFile uploads content as fileName to path.
func (e *testEnv) postFile(path string, fields map[string]string, fileField, fileName string, content []byte) (int, string, string) {
	e.t.Helper()
	ct, body := multipartBody(e.t, fields, fileField, fileName, content)
	req, _ := http.NewRequest("POST", e.ts.URL+path, body)
	req.Header.Set("Content-Type", ct)
	return e.do(req)
}

// upload uploads a file for provider and returns the upload's id.
func (e *testEnv) upload(name string, content []byte, provider string) string {
	e.t.Helper()
	code, loc, body := e.postFile("/upload", map[string]string{"provider": provider}, "file", name, content)
	if code != http.StatusSeeOther {
		e.t.Fatalf("upload %s: %d %s", name, code, errorLine(body))
	}
	id := strings.TrimSuffix(strings.TrimPrefix(loc, "/u/"), "/map")
	if !validID(id) {
		e.t.Fatalf("upload: redirected to %q", loc)
	}
	return id
}

// check posts the map form with action=check and fields.
func (e *testEnv) check(id string, fields url.Values) (int, string) {
	e.t.Helper()
	if fields == nil {
		fields = url.Values{}
	}
	fields.Set("action", "check")
	code, _, body := e.post("/u/"+id+"/map", fields)
	return code, body
}

// send starts a run and returns its id.
func (e *testEnv) send(id string, form url.Values) string {
	e.t.Helper()
	code, loc, body := e.post("/u/"+id+"/send", form)
	if code != http.StatusSeeOther || !strings.HasPrefix(loc, "/runs/") {
		e.t.Fatalf("send: %d %q %s", code, loc, errorLine(body))
	}
	return strings.TrimPrefix(loc, "/runs/")
}

// wait follows a run's event stream until its "done" event and returns
// the events seen.
func (e *testEnv) wait(runID string) []string {
	e.t.Helper()
	req, _ := http.NewRequest("GET", e.ts.URL+"/runs/"+runID+"/events", nil)
	resp, err := e.c.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		e.t.Fatalf("events: Content-Type %q", ct)
	}
	var events []string
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		line := sc.Text()
		if ev, ok := strings.CutPrefix(line, "event: "); ok {
			events = append(events, ev)
			if ev == "done" {
				return events
			}
		}
	}
	e.t.Fatalf("the event stream ended without done: %v", sc.Err())
	return nil
}

// waitDone follows a run's event stream until it reports at least n rows
// done (or its end).
func (e *testEnv) waitDone(runID string, n int) {
	e.t.Helper()
	req, _ := http.NewRequest("GET", e.ts.URL+"/runs/"+runID+"/events", nil)
	resp, err := e.c.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		data, ok := strings.CutPrefix(sc.Text(), "data: ")
		if !ok {
			continue
		}
		var v runView
		if err := json.Unmarshal([]byte(data), &v); err != nil {
			e.t.Fatal(err)
		}
		if v.Done >= n || v.Finished {
			return
		}
	}
}

// download fetches path into a file of the test's and returns its path.
func (e *testEnv) download(path, ext string) string {
	e.t.Helper()
	req, _ := http.NewRequest("GET", e.ts.URL+path, nil)
	resp, err := e.c.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		e.t.Fatalf("GET %s: %d", path, resp.StatusCode)
	}
	out := filepath.Join(e.t.TempDir(), "download"+ext)
	data, _ := io.ReadAll(resp.Body)
	if err := os.WriteFile(out, data, 0o600); err != nil {
		e.t.Fatal(err)
	}
	return out
}

// errorLine is the page's one-line problem, for failure messages.
func errorLine(body string) string {
	if _, rest, ok := strings.Cut(body, `id="error" role="alert">`); ok {
		msg, _, _ := strings.Cut(rest, "</p>")
		return msg
	}
	if len(body) > 300 {
		return body[:300]
	}
	return body
}

// resultRows reads a result sheet: each row's cells by column name.
func resultRows(t *testing.T, path string) []map[string]string {
	t.Helper()
	in, err := sheet.Open(path, sheet.Options{IsHeader: importer.IsResultSheet})
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	header := in.Header()
	var rows []map[string]string
	for {
		row, err := in.Next()
		if errors.Is(err, io.EOF) {
			return rows
		}
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]string{}
		for i, h := range header {
			if i < len(row.Cells) {
				m[h] = row.Cells[i]
			}
		}
		rows = append(rows, m)
	}
}

// sample reads a file of the repository's samples.
func sample(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "samples", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// ordersCSV is a damaijia CSV of n synthetic rows; bad(i) says which rows
// get a mobile number that is not one (row i is Excel row i+2).
func ordersCSV(n int, bad func(i int) bool) []byte {
	var b strings.Builder
	b.WriteString("订单编号,收货人姓名,手机,省份,城市,区县,详细地址,商品ID,数量,来源,备注\n")
	for i := range n {
		mobile := "138" + pad8(i)
		if bad != nil && bad(i) {
			mobile = "12345"
		}
		b.WriteString("3000000000" + pad8(i) + ",测试" + pad8(i)[4:] + "," + mobile + ",浙江省,杭州市,余杭区,测试路" + pad8(i)[5:] + "号,614,1,淘宝,样例\n")
	}
	return []byte(b.String())
}

func pad8(i int) string { return fmt.Sprintf("%08d", i) }
