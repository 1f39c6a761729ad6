package importer_test

import (
	"context"
	"encoding/json"

	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"orderimport/importer"
)

// TestCLIProgressCountsNameStatuses: the progress lines written when stderr
// is not a terminal (cron) count rows by the statuses the result sheet
// gives them: ready and invalid in a dry run, never ok.
func TestCLIProgressCountsNameStatuses(t *testing.T) {
	tests := []struct {
		name string
		args []string
		bad  func(i int) bool
		want []string
		not  []string
	}{
		{"dry run", []string{"--dry-run"}, func(int) bool { return false }, []string{"done=10 ready=10 "}, []string{"ok=", "not_ok="}},
		{"dry run with invalid rows", []string{"--dry-run"}, func(i int) bool { return i%5 == 0 }, []string{"done=10 ready=8 invalid=2 "}, []string{"ok=", "not_ok="}},
		{"sent", []string{"--sandbox"}, func(i int) bool { return i == 3 }, []string{"done=10 ok=9 invalid=1 "}, []string{"not_ok="}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			file := writeDamaijiaCSVInvalid(t, dir, 10, tt.bad)
			run := cliExec(t, "tok-counts", append([]string{"import", file, "--provider", "damaijia"}, tt.args...)...)
			line := ""
			for _, l := range strings.Split(run.stderr, "\n") {
				if strings.Contains(l, `msg="rows done"`) {
					line = l
				}
			}
			for _, w := range tt.want {
				if !strings.Contains(line, w) {
					t.Errorf("rows done line %q lacks %q\n%s", line, w, run.stderr)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(line, n) {
					t.Errorf("rows done line %q says %q", line, n)
				}
			}
		})
	}
}

// TestCLIRetrySummary: the summary of "retry" says so and counts the rows
// carried over as ok, on screen and in --summary-json; an import of a
// result sheet counts them too.
func TestCLIRetrySummary(t *testing.T) {
	dir := t.TempDir()
	file := writeDamaijiaCSVInvalid(t, dir, 12, func(i int) bool { return i%4 == 1 })
	first := cliExec(t, "tok-retry", "import", file, "--provider", "damaijia", "--sandbox")
	if first.code != 1 {
		t.Fatalf("first run: exit %d\n%s", first.code, first.stderr)
	}
	sheet := filepath.Join(dir, "orders.result.csv")
	for _, tc := range []struct{ command, title string }{{"retry", "retry of "}, {"import", "import of "}} {
		t.Run(tc.command, func(t *testing.T) {
			sum := filepath.Join(t.TempDir(), "sum.json")
			run := cliExec(t, "tok-retry", tc.command, sheet, "--provider", "damaijia", "--sandbox",
				"--out", filepath.Join(t.TempDir(), "again.csv"), "--summary-json", sum)
			if run.code != 1 {
				t.Fatalf("exit %d\n%s\n%s", run.code, run.stdout, run.stderr)
			}
			if !strings.Contains(run.stdout, tc.title+"orders.result.csv") {
				t.Errorf("summary does not say %q:\n%s", tc.title, run.stdout)
			}
			if !regexp.MustCompile(`carried over as ok: 9 rows`).MatchString(run.stdout) {
				t.Errorf("summary does not count the 9 rows carried over as ok:\n%s", run.stdout)
			}
			j := readSummaryJSON(t, sum)
			if j.CarriedOver != 9 || j.Retry != (tc.command == "retry") {
				t.Errorf("summary json: carried_over %d, retry %v", j.CarriedOver, j.Retry)
			}
		})
	}
}

// TestCLISummaryJSONOfInputErrors: a run that ends with exit 2 writes a
// --summary-json with every field it knew: provider, dry_run, input,
// retry and, once the ledger is open, the run id.
func TestCLISummaryJSONOfInputErrors(t *testing.T) {
	dir := t.TempDir()
	good := writeDamaijiaCSV(t, dir, 3)
	noHeader := filepath.Join(dir, "noheader.csv")
	if err := os.WriteFile(noHeader, []byte("甲,乙\n1,2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		args  []string
		input string
		check func(j importer.SummaryJSON) string
	}{
		{"no header, dry run", []string{"import", noHeader, "--provider", "damaijia", "--dry-run"}, noHeader,
			func(j importer.SummaryJSON) string { return want(j.DryRun, "dry_run true") }},
		{"no header, with a ledger", []string{"import", noHeader, "--provider", "DAMAIJIA", "--ledger", filepath.Join(dir, "l.db")}, noHeader,
			func(j importer.SummaryJSON) string { return want(!j.DryRun && j.RunID != "", "a run id") }},
		{"unknown preset", []string{"import", good, "--provider", "damaijia", "--preset", "nosuch", "--dry-run"}, good,
			func(j importer.SummaryJSON) string { return want(j.DryRun, "dry_run true") }},
		{"retry of a sheet that is not a result", []string{"retry", good, "--provider", "damaijia", "--dry-run"}, good,
			func(j importer.SummaryJSON) string { return want(j.Retry && j.DryRun, "retry and dry_run true") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sum := filepath.Join(t.TempDir(), "sum.json")
			run := cliExec(t, "tok-json", append(tt.args, "--summary-json", sum)...)
			if run.code != 2 {
				t.Fatalf("exit %d, want 2\n%s", run.code, run.stderr)
			}
			j := readSummaryJSON(t, sum)
			if j.Provider != "damaijia" || j.Input != tt.input || j.ExitCode != 2 || j.Error == "" {
				t.Errorf("summary json: provider %q, input %q, exit %d, error %q", j.Provider, j.Input, j.ExitCode, j.Error)
			}
			if msg := tt.check(j); msg != "" {
				t.Errorf("summary json lacks %s: %+v", msg, j)
			}
		})
	}
}

// want returns "" when ok, else what was wanted.
func want(ok bool, what string) string {
	if ok {
		return ""
	}
	return what
}

func readSummaryJSON(t *testing.T, path string) importer.SummaryJSON {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var j importer.SummaryJSON
	if err := json.Unmarshal(data, &j); err != nil {
		t.Fatalf("%s: %v\n%s", path, err, data)
	}
	return j
}

// TestCLIQuiet: --quiet and ORDERIMPORT_LOG=warn leave the INFO lines
// (sandbox, ledger, progress) out of stderr and keep the warnings; the
// summary still goes to stdout. A level that is none is an error.
func TestCLIQuiet(t *testing.T) {
	dir := t.TempDir()
	file := writeDamaijiaCSVInvalid(t, dir, 6, func(i int) bool { return i == 2 })
	base := []string{"import", file, "--provider", "damaijia", "--sandbox"}
	tests := []struct {
		name     string
		args     []string
		env      string
		code     int
		info     bool
		contains string // in stderr
	}{
		{"default", base, "", 1, true, `level=WARN msg="invalid row"`},
		{"--quiet", append(base[:len(base):len(base)], "--quiet"), "", 1, false, `level=WARN msg="invalid row"`},
		{"ORDERIMPORT_LOG=warn", base, "ORDERIMPORT_LOG=warn", 1, false, `level=WARN msg="invalid row"`},
		{"ORDERIMPORT_LOG=error", base, "ORDERIMPORT_LOG=error", 1, false, ""},
		{"--log nonsense", append(base[:len(base):len(base)], "--log", "loud"), "", 2, false, `--log "loud"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			cmd, stdout, stderr := cliCommand(t, ctx, "tok-quiet", tt.args...)
			if tt.env != "" {
				cmd.Env = append(cmd.Env, tt.env)
			}
			_ = cmd.Run()
			if code := cmd.ProcessState.ExitCode(); code != tt.code {
				t.Fatalf("exit %d, want %d\n%s", code, tt.code, stderr)
			}
			if got := strings.Contains(stderr.String(), "level=INFO"); got != tt.info {
				t.Errorf("INFO lines on stderr: %v, want %v\n%s", got, tt.info, stderr)
			}
			if !strings.Contains(stderr.String(), tt.contains) {
				t.Errorf("stderr lacks %q:\n%s", tt.contains, stderr)
			}
			if tt.code != 2 && !strings.Contains(stdout.String(), "import of ") {
				t.Errorf("no summary on stdout:\n%s", stdout)
			}
		})
	}
}
