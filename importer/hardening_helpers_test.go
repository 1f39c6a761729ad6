package importer_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// Helpers of the issue 11 hardening tests (hardening_*_test.go; run them
// all with go test ./importer -run Hardening).

// fakeAnswer is what echoDamaijia answers for each consignee, given the
// token the request carried.
type fakeAnswer func(token string) (orderID, orderSN, msgCode, msg, forbiddenZone string)

// echoDamaijia serves a damaijia order_create that answers every request
// with status 0 and, for each consignee (matched by its id), the texts
// answer gives: a provider that echoes whatever it likes. It counts the
// requests.
func echoDamaijia(t *testing.T, answer fakeAnswer) (string, *atomic.Int64) {
	t.Helper()
	var n atomic.Int64
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		var req struct {
			Consignees []struct {
				ID json.Number `json:"site_order_consignee_id"`
			} `json:"consignees"`
		}
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		orderID, orderSN, code, msg, zone := answer(r.Header.Get("Authorization"))
		cons := make([]map[string]any, len(req.Consignees))
		for i, c := range req.Consignees {
			cons[i] = map[string]any{"site_order_consignee_id": c.ID, "msg_code": code, "msg": msg,
				"forbidden_zone": zone, "amount": 1}
		}
		_ = json.NewEncoder(w).Encode(map[string]any{"status": 0, "msg": "ok",
			"data": map[string]any{"order_id": orderID, "order_sn": orderSN, "consignees": cons}})
	}))
	t.Cleanup(hs.Close)
	return hs.URL, &n
}

// fileBytes reads a file, failing the test when it cannot.
func fileBytes(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// tempFilesOf lists the temporary files beside the result sheet out
// (".NAME.tmp-*").
func tempFilesOf(t *testing.T, out string) []string {
	t.Helper()
	matches, err := filepath.Glob(filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".tmp-*"))
	if err != nil {
		t.Fatal(err)
	}
	return matches
}

// cliStart starts the binary with args (a test token, an isolated state
// directory) and returns it running.
func cliStart(t *testing.T, ctx context.Context, token string, args ...string) (*exec.Cmd, *bytes.Buffer, *bytes.Buffer) {
	t.Helper()
	cmd, stdout, stderr := cliCommand(t, ctx, token, args...)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, stdout, stderr
}

// waitFor polls cond every 10ms until it holds or d has passed.
func waitFor(d time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		if cond() {
			return true
		}
		time.Sleep(10 * time.Millisecond)
	}
	return cond()
}

// tempPID returns the pid in a temporary file name
// ".NAME.tmp-HOST-PID-RANDOM.EXT" and its HOST part.
func tempPID(t *testing.T, name, out string) (host string, pid int) {
	t.Helper()
	rest := strings.TrimPrefix(filepath.Base(name), "."+filepath.Base(out)+".tmp-")
	parts := strings.SplitN(rest, "-", 3)
	if len(parts) != 3 {
		t.Fatalf("temporary file %s is not named .NAME.tmp-HOST-PID-RANDOM: a later run cannot tell whether its writer is alive", name)
	}
	pid, err := strconv.Atoi(parts[1])
	if err != nil {
		t.Fatalf("temporary file %s: no pid in its name", name)
	}
	return parts[0], pid
}
