package importer_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"orderimport/importer"
	"orderimport/providers/sandbox"
)

// TestCLIWrongTokenStopsAtOnce: with a wrong token the run stops after the
// first answers, not after thousands of requests.
func TestCLIWrongTokenStopsAtOnce(t *testing.T) {
	const rows, workers = 2000, 8
	dir := t.TempDir()
	file := writeDamaijiaCSV(t, dir, rows)
	srv, url := cliSandbox(t, sandbox.Options{Token: "the-right-token"})
	run := cliExec(t, "a-wrong-token-never-printed", "import", file, "--provider", "damaijia", "--base-url", url,
		"--ledger", filepath.Join(dir, "l.db"), "--rate", "0", "--workers", "8", "--batch", "1",
		"--summary-json", filepath.Join(dir, "sum.json"))
	if run.code != 3 {
		t.Fatalf("exit %d, want 3\n%s", run.code, run.stderr)
	}
	if n := srv.Stats().Requests; n > workers+1 {
		t.Fatalf("the sandbox saw %d requests, want at most %d", n, workers+1)
	}
	if n := srv.Stats().Created; n != 0 {
		t.Fatalf("created %d orders with a wrong token", n)
	}
	sheet := sheetRows(t, filepath.Join(dir, "orders.result.csv"))
	for i, r := range sheet {
		if r["status"] != "not_sent" {
			t.Fatalf("row %d: %s", i+2, r["status"])
		}
	}
	if !strings.Contains(run.stdout, "STOPPED") {
		t.Errorf("summary does not say the run stopped:\n%s", run.stdout)
	}
	var sum importer.SummaryJSON
	data, err := os.ReadFile(filepath.Join(dir, "sum.json"))
	if err != nil || json.Unmarshal(data, &sum) != nil {
		t.Fatalf("summary json: %v\n%s", err, data)
	}
	if sum.ExitCode != 3 || sum.Fatal == "" || sum.Counts[importer.StatusNotSent] != rows ||
		strings.Contains(string(data), "a-wrong-token") {
		t.Fatalf("summary json:\n%s", data)
	}
	t.Logf("requests at the sandbox: %d", srv.Stats().Requests)
}

// TestCLIInterruptWritesSheet sends a real SIGINT: dispatch stops, requests
// under way finish, the result sheet holds every row, the exit code is 130,
// and a re-run finishes the job without a duplicate.
func TestCLIInterruptWritesSheet(t *testing.T) {
	for _, tc := range []struct {
		name  string
		sig   syscall.Signal
		rerun bool
	}{
		{"SIGINT", syscall.SIGINT, true},
		{"SIGTERM", syscall.SIGTERM, false},
	} {
		t.Run(tc.name, func(t *testing.T) { interruptOnce(t, tc.sig, tc.rerun) })
	}
}

func interruptOnce(t *testing.T, sig syscall.Signal, rerun bool) {
	const rows = 300
	dir := t.TempDir()
	file := writeDamaijiaCSV(t, dir, rows)
	srv, url := cliSandbox(t, sandbox.Options{Token: "tok-int", Latency: 20 * time.Millisecond})
	args := []string{"import", file, "--provider", "damaijia", "--base-url", url, "--ledger", filepath.Join(dir, "l.db"),
		"--rate", "0", "--workers", "2", "--batch", "1", "--timeout", "2s", "--summary-json", filepath.Join(dir, "sum.json")}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd, stdout, stderr := cliCommand(t, ctx, "tok-int", args...)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(700 * time.Millisecond)
	if err := cmd.Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	if code := cmd.ProcessState.ExitCode(); code != 130 {
		t.Fatalf("exit %d, want 130\n%s\n%s", code, stdout, stderr)
	}
	sheet := sheetRows(t, filepath.Join(dir, "orders.result.csv"))
	created := createdBySN(srv)
	counts := map[string]int{}
	for i, r := range sheet {
		counts[r["status"]]++
		want := 0
		if r["status"] == "ok" {
			want = 1
		}
		if created[damaijiaSN(i)] != want {
			t.Errorf("row %d %s, created %d times", i+2, r["status"], created[damaijiaSN(i)])
		}
	}
	if len(sheet) != rows || counts["ok"] == 0 || counts["not_sent"] == 0 {
		t.Fatalf("after the interrupt: %d rows, %v", len(sheet), counts)
	}
	t.Logf("interrupted: %v", counts)
	if !rerun {
		return
	}
	run := cliExec(t, "tok-int", args...)
	if run.code != 0 {
		t.Fatalf("re-run exit %d\n%s", run.code, run.stderr)
	}
	for i := range rows {
		if n := createdBySN(srv)[damaijiaSN(i)]; n != 1 {
			t.Errorf("row %d created %d times", i+2, n)
		}
	}
}
