package importer_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"orderimport/providers/sandbox"
)

// TestHardening11_InputChecks: values that make no sense are refused with
// one line naming the flag or its environment variable (exit 2, nothing
// sent); help of an unknown command and an unknown flag say so in one line;
// "version" answers; messages name the file they are about, once.
func TestHardening11_InputChecks(t *testing.T) {
	dir := t.TempDir()
	input := writeDamaijiaCSV(t, dir, 3)
	srv, url := cliSandbox(t, sandbox.Options{Token: "tok-in"})
	run := func(env []string, args ...string) cliRun {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		cmd, stdout, stderr := cliCommand(t, ctx, "tok-in", args...)
		cmd.Env = append(cmd.Env, env...)
		_ = cmd.Run()
		return cliRun{code: cmd.ProcessState.ExitCode(), stdout: stdout.String(), stderr: stderr.String()}
	}
	send := []string{"import", input, "--provider", "damaijia", "--base-url", url, "--ledger", filepath.Join(dir, "l.db"),
		"--out", filepath.Join(dir, "r.csv")}
	cases := []struct {
		name  string
		env   []string
		args  []string
		code  int
		want  []string // in stderr (or stdout for code 0)
		lines int      // stderr lines at most; 0: any
	}{
		{"rate -1", nil, append(send, "--rate", "-1"), 2, []string{"--rate -1"}, 1},
		{"workers 0", nil, append(send, "--workers", "0"), 2, []string{"--workers 0", "at least 1"}, 1},
		{"batch 0", nil, append(send, "--batch", "0"), 2, []string{"--batch 0"}, 1},
		{"timeout 0", nil, append(send, "--timeout", "0"), 2, []string{"--timeout"}, 1},
		{"retries -1", nil, append(send, "--retries", "-1"), 2, []string{"--retries -1"}, 1},
		{"burst 0", nil, append(send, "--burst", "0"), 2, []string{"--burst 0"}, 1},
		{"workers 0 from the environment", []string{"ORDERIMPORT_WORKERS=0"}, send, 2, []string{"ORDERIMPORT_WORKERS=0"}, 1},
		{"timeout 0 from the environment", []string{"ORDERIMPORT_TIMEOUT=0s"}, send, 2, []string{"ORDERIMPORT_TIMEOUT"}, 1},
		{"retries -1 from the environment", []string{"ORDERIMPORT_RETRIES=-1"}, send, 2, []string{"ORDERIMPORT_RETRIES=-1"}, 1},
		{"rate -1 from the environment", []string{"ORDERIMPORT_RATE=-1"}, send, 2, []string{"ORDERIMPORT_RATE=-1"}, 1},
		{"batch 0 from the environment", []string{"ORDERIMPORT_BATCH=0"}, send, 2, []string{"ORDERIMPORT_BATCH=0"}, 1},
		{"help of an unknown command", nil, []string{"help", "bogus"}, 2, []string{`unknown command "bogus"`}, 1},
		{"version", nil, []string{"version"}, 0, []string{"orderimport ", "go1."}, 0},
		{"misspelled flag", nil, append(send, "--dryrun"), 2,
			[]string{"unknown flag --dryrun; did you mean --dry-run?", "orderimport help import"}, 1},
		{"misspelled retry flag", nil, []string{"retry", input, "--provder", "damaijia"}, 2,
			[]string{"unknown flag --provder; did you mean --provider?", "orderimport help retry"}, 1},
		{"misspelled sandbox flag", nil, []string{"sandbox", "--listn", "127.0.0.1:0"}, 2,
			[]string{"unknown flag --listn; did you mean --listen?"}, 1},
		{"bad flag value", nil, append(send, "--rate", "fast"), 2, []string{"--rate", "orderimport help import"}, 1},
		{"out in a missing directory", nil, []string{"import", input, "--provider", "damaijia", "--dry-run",
			"--out", filepath.Join(dir, "nodir", "x.xlsx")}, 2, []string{filepath.Join(dir, "nodir", "x.xlsx"), "does not exist"}, 1},
		{"sandbox message without stutter", nil, []string{"sandbox", "--listen", "bogus"}, 2, []string{"orderimport sandbox: listen"}, 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := srv.Stats().Requests
			r := run(tc.env, tc.args...)
			if r.code != tc.code {
				t.Fatalf("exit %d, want %d\n%s\n%s", r.code, tc.code, r.stdout, r.stderr)
			}
			text := r.stderr
			if tc.code == 0 {
				text = r.stdout
			}
			for _, w := range tc.want {
				if !strings.Contains(text, w) {
					t.Errorf("output lacks %q:\n%s", w, text)
				}
			}
			if n := len(strings.Split(strings.TrimSpace(r.stderr), "\n")); tc.lines > 0 && n > tc.lines {
				t.Errorf("%d lines, want %d:\n%s", n, tc.lines, r.stderr)
			}
			for _, bad := range []string{".tmp-", "ledger: ledger:", "sandbox: sandbox:"} {
				if strings.Contains(r.stderr, bad) {
					t.Errorf("message holds %q:\n%s", bad, r.stderr)
				}
			}
			if n := srv.Stats().Requests - before; n != 0 {
				t.Errorf("%d requests sent", n)
			}
		})
	}
}
