package importer_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestMain removes the binary the CLI tests built (about 29 MB) with its
// directory once the tests are done. The tests run in English whatever the
// machine's locale (LANG=zh_CN.UTF-8 would print Chinese summaries): the
// binaries they start inherit ORDERIMPORT_LANG=en; a test of Chinese says
// --lang zh.
func TestMain(m *testing.M) {
	os.Setenv("ORDERIMPORT_LANG", "en")
	code := m.Run()
	if cliBuild.path != "" {
		if err := os.RemoveAll(filepath.Dir(cliBuild.path)); err != nil {
			println("removing the binary the CLI tests built:", err.Error())
			if code == 0 {
				code = 1
			}
		}
	}
	os.Exit(code)
}

// TestCLITestsLeaveNothingBehind runs a CLI test in a test process of its
// own, with a temporary directory of its own: once it has ended, that
// directory is empty (the binary it built is gone).
func TestCLITestsLeaveNothingBehind(t *testing.T) {
	if os.Getenv("ORDERIMPORT_TEST_CHILD") != "" {
		t.Skip("the child process")
	}
	tmp := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCLIHelp$", "-test.count=1")
	cmd.Env = append(os.Environ(), "TMPDIR="+tmp, "ORDERIMPORT_TEST_CHILD=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("the child test: %v\n%s", err, out)
	}
	left, err := os.ReadDir(tmp)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range left {
		t.Errorf("left behind in the temporary directory: %s", e.Name())
	}
}

// TestCLIHelp builds the binary and runs "orderimport help".
func TestCLIHelp(t *testing.T) {
	if run := cliExec(t, "tok-help", "help"); run.code != 0 || !strings.Contains(run.stdout, "orderimport import FILE") {
		t.Errorf("help: exit %d\n%s%s", run.code, run.stdout, run.stderr)
	}
}
