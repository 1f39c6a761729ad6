package importer_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"orderimport/providers/sandbox"
)

// proxyFunc answers one request in place of the provider: body is the
// request's body, forward hands the request to the sandbox and returns the
// sandbox's answer (the order is created there), id names the order (the
// damaijia site_order_id or the storefront order's e-mail) and n counts the
// requests that carried it so far, this one included.
type proxyFunc func(w http.ResponseWriter, body []byte, id string, n int, forward func() []byte)

// cliProxy serves rule in front of srv: it is how the tests make a provider
// answer the way the issue describes (an answer lost after the creation, a
// refusal to the retry, an answer without a consignee) while the sandbox's
// counters still say what was created.
func cliProxy(t *testing.T, srv *sandbox.Server, rule proxyFunc) string {
	t.Helper()
	var mu sync.Mutex
	seen := map[string]int{}
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		id := requestIdentity(body)
		mu.Lock()
		seen[id]++
		n := seen[id]
		mu.Unlock()
		forward := func() []byte {
			rq := r.Clone(context.WithoutCancel(r.Context()))
			rq.Body = io.NopCloser(bytes.NewReader(body))
			rec := httptest.NewRecorder()
			srv.ServeHTTP(rec, rq)
			return rec.Body.Bytes()
		}
		rule(w, body, id, n, forward)
	}))
	t.Cleanup(hs.Close)
	return hs.URL
}

// requestIdentity names the order a request carries: the damaijia
// site_order_id, or the storefront order's e-mail.
func requestIdentity(body []byte) string {
	var m struct {
		SiteOrderID json.Number `json:"site_order_id"`
		Order       struct {
			Email string `json:"email"`
		} `json:"order"`
	}
	_ = json.Unmarshal(body, &m)
	if m.SiteOrderID != "" {
		return m.SiteOrderID.String()
	}
	return m.Order.Email
}

// hangUp closes the connection without an answer.
func hangUp(w http.ResponseWriter) {
	if c, _, err := w.(http.Hijacker).Hijack(); err == nil {
		_ = c.Close()
	}
}

// answer writes a JSON answer with HTTP 200.
func answer(w http.ResponseWriter, body []byte) {
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(body)
}

// passThrough forwards every request.
func passThrough(w http.ResponseWriter, _ []byte, _ string, _ int, forward func() []byte) {
	answer(w, forward())
}

// cliExecEnv runs the binary like cliExec with extra environment variables.
func cliExecEnv(t *testing.T, token string, env []string, args ...string) cliRun {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, cliBinary(t), args...)
	cmd.Env = append(append(os.Environ(), "ORDERIMPORT_TOKEN="+token, "ORDERIMPORT_LEDGER=", "ORDERIMPORT_ACCOUNT=", "ORDERIMPORT_LANG=en",
		"XDG_STATE_HOME="+t.TempDir()), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := cmd.ProcessState.ExitCode()
	if err != nil && code < 0 {
		t.Fatalf("run %v: %v\n%s", args, err, stderr.String())
	}
	return cliRun{code: code, stdout: stdout.String(), stderr: stderr.String()}
}

// statusesOf returns the status column of a result sheet.
func statusesOf(t *testing.T, path string) []string {
	t.Helper()
	var out []string
	for _, r := range sheetRows(t, path) {
		out = append(out, r["status"])
	}
	return out
}

// everyRowCreatedOnce fails unless each of the first n damaijia rows was
// created exactly once and no order twice.
func everyRowCreatedOnce(t *testing.T, srv *sandbox.Server, n int) {
	t.Helper()
	created := createdBySN(srv)
	for i := range n {
		if created[damaijiaSN(i)] != 1 {
			t.Errorf("row %d created %d times", i+2, created[damaijiaSN(i)])
		}
	}
	if d := srv.Duplicates(); d != 0 {
		t.Errorf("the sandbox counts %d duplicates", d)
	}
}

// editCSV rewrites the CSV file at path line by line (line 0 is the header).
func editCSV(t *testing.T, path string, edit func(lines []string) []string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.TrimPrefix(string(data), "\ufeff")
	lines := strings.Split(strings.TrimRight(strings.ReplaceAll(text, "\r\n", "\n"), "\n"), "\n")
	lines = edit(lines)
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
}

// itoa is strconv.Itoa.
func itoa(n int) string { return strconv.Itoa(n) }
