//go:build unix

package importer_test

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"orderimport/providers/sandbox"
)

// TestHardening11_12_OutNotRegular: a result sheet or summary whose path
// is a named pipe or a character device (here /dev/null behind a link) is
// written straight into, never replaced by a renamed file; a socket or a
// directory is refused with exit 2 before anything is sent.
func TestHardening11_12_OutNotRegular(t *testing.T) {
	t.Run("fifo csv", func(t *testing.T) { outFIFO(t, ".csv", "\ufeff订单编号") })
	t.Run("fifo xlsx", func(t *testing.T) { outFIFO(t, ".xlsx", "PK") })
	t.Run("link to /dev/null", func(t *testing.T) {
		dir := t.TempDir()
		input := writeDamaijiaCSV(t, dir, 3)
		out, sum := filepath.Join(dir, "out.csv"), filepath.Join(dir, "sum.json")
		for _, l := range []string{out, sum} {
			if err := os.Symlink(os.DevNull, l); err != nil {
				t.Fatal(err)
			}
		}
		run := cliExec(t, "tok", "import", input, "--provider", "damaijia", "--dry-run", "--out", out, "--summary-json", sum)
		if run.code != 0 {
			t.Fatalf("exit %d\n%s", run.code, run.stderr)
		}
		for _, l := range []string{out, sum} {
			if target, err := os.Readlink(l); err != nil || target != os.DevNull {
				t.Errorf("%s is no longer a link to %s: %v", filepath.Base(l), os.DevNull, err)
			}
		}
		if info, err := os.Stat(os.DevNull); err != nil || info.Mode()&os.ModeCharDevice == 0 {
			t.Fatalf("%s is no longer a character device", os.DevNull)
		}
	})
	t.Run("link to /dev/full", func(t *testing.T) {
		// Written into, the device refuses the header, before anything is
		// sent: exit 2 naming the sheet once, no request; the device stays.
		const full = "/dev/full"
		if info, err := os.Stat(full); err != nil || info.Mode()&os.ModeCharDevice == 0 {
			t.Skip("no /dev/full")
		}
		dir := t.TempDir()
		input := writeDamaijiaCSV(t, dir, 3)
		out := filepath.Join(dir, "out.csv")
		if err := os.Symlink(full, out); err != nil {
			t.Fatal(err)
		}
		run := cliExec(t, "tok", "import", input, "--provider", "damaijia", "--sandbox", "--out", out)
		if run.code != 2 || strings.Count(run.stderr, out) != 1 ||
			!strings.Contains(run.stderr, "write result sheet: write "+out+": no space left on device") {
			t.Fatalf("exit %d, want 2 naming the sheet once\n%s", run.code, run.stderr)
		}
		if target, err := os.Readlink(out); err != nil || target != full {
			t.Fatalf("the link was replaced: %v", err)
		}
		if info, err := os.Stat(full); err != nil || info.Mode()&os.ModeCharDevice == 0 {
			t.Fatalf("%s is no longer a character device", full)
		}
	})
	t.Run("socket refused", func(t *testing.T) {
		dir := t.TempDir()
		input := writeDamaijiaCSV(t, dir, 3)
		sock := filepath.Join(dir, "s.csv")
		l, err := net.Listen("unix", sock)
		if err != nil {
			t.Skipf("no unix socket: %v", err)
		}
		defer l.Close()
		srv, url := cliSandbox(t, sandbox.Options{Token: "tok"})
		run := cliExec(t, "tok", "import", input, "--provider", "damaijia", "--base-url", url,
			"--ledger", filepath.Join(dir, "l.db"), "--out", sock)
		if run.code != 2 || !strings.Contains(run.stderr, "is a socket") {
			t.Fatalf("exit %d, want 2 naming the socket\n%s", run.code, run.stderr)
		}
		if info, err := os.Lstat(sock); err != nil || info.Mode()&os.ModeSocket == 0 {
			t.Fatalf("the socket was replaced: %v", err)
		}
		if n := srv.Stats().Requests; n != 0 {
			t.Fatalf("%d requests sent", n)
		}
	})
}

// outFIFO runs a sandbox import whose --out is a named pipe read by cat.
func outFIFO(t *testing.T, ext, head string) {
	dir := t.TempDir()
	input := writeDamaijiaCSV(t, dir, 4)
	fifo := filepath.Join(dir, "out"+ext)
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cat := exec.CommandContext(ctx, "cat", fifo)
	var got strings.Builder
	cat.Stdout = &got
	if err := cat.Start(); err != nil {
		t.Skipf("cat: %v", err)
	}
	defer func() { _ = cat.Process.Kill(); _ = cat.Wait() }()
	run := cliExec(t, "tok", "import", input, "--provider", "damaijia", "--sandbox", "--out", fifo)
	if run.code != 0 {
		t.Fatalf("exit %d\n%s", run.code, run.stderr)
	}
	if info, err := os.Lstat(fifo); err != nil || info.Mode()&os.ModeNamedPipe == 0 {
		t.Fatalf("the named pipe was replaced by a file (%v)", err)
	}
	done := make(chan error, 1)
	go func() { done <- cat.Wait() }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("nothing was written into the named pipe")
	}
	if !strings.HasPrefix(got.String(), head) {
		t.Fatalf("the pipe carried %d bytes starting %q, want %q", got.Len(), got.String()[:min(20, got.Len())], head)
	}
}

// TestHardening11_14_StaleTempsRemoved: the temporary result sheet of a run
// killed with SIGKILL is removed by the next run over the same output; a
// temporary file of a live process, of another host, of another output or
// named otherwise stays.
func TestHardening11_14_StaleTempsRemoved(t *testing.T) {
	dir := t.TempDir()
	input := writeDamaijiaCSV(t, dir, 400)
	out := filepath.Join(dir, "orders.result.csv")
	_, url := cliSandbox(t, sandbox.Options{Token: "tok-stale", Latency: 20 * time.Millisecond})
	args := []string{"import", input, "--provider", "damaijia", "--base-url", url, "--ledger", filepath.Join(dir, "l.db"),
		"--rate", "0", "--workers", "2", "--batch", "1"}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd, _, stderr := cliStart(t, ctx, "tok-stale", args...)
	if !waitFor(20*time.Second, func() bool { return len(tempFilesOf(t, out)) > 0 }) {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		t.Fatalf("no temporary result sheet appeared\n%s", stderr)
	}
	_ = cmd.Process.Signal(syscall.SIGKILL)
	_ = cmd.Wait()
	left := tempFilesOf(t, out)
	if len(left) != 1 {
		t.Fatalf("after the kill: %v", left)
	}
	host, pid := tempPID(t, left[0], out)
	if pid != cmd.Process.Pid {
		t.Fatalf("the temporary file names pid %d, the killed run was %d", pid, cmd.Process.Pid)
	}
	otherHost := "0" + host[1:]
	if otherHost == host {
		otherHost = "1" + host[1:]
	}
	keep := []string{
		fmt.Sprintf(".orders.result.csv.tmp-%s-%d-1.csv", host, os.Getpid()),      // a live process
		fmt.Sprintf(".orders.result.csv.tmp-%s-%d-2.csv", otherHost, pid),         // another machine
		fmt.Sprintf(".other.result.csv.tmp-%s-%d-3.csv", host, pid),               // another output
		".orders.result.csv.tmp-123456.csv",                                       // named otherwise
		fmt.Sprintf(".orders.result.csv.tmp-%s-%d-4.csv.keep", host, os.Getpid()), // live, any ending
	}
	for _, k := range keep {
		if err := os.WriteFile(filepath.Join(dir, k), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run := cliExec(t, "tok-stale", args...)
	if run.code != 0 {
		t.Fatalf("second run: exit %d\n%s", run.code, run.stderr)
	}
	if _, err := os.Stat(left[0]); !os.IsNotExist(err) {
		t.Fatalf("the killed run's temporary file is still there (%v)", err)
	}
	for _, k := range keep {
		if _, err := os.Stat(filepath.Join(dir, k)); err != nil {
			t.Errorf("%s was removed: %v", k, err)
		}
	}
	if !strings.Contains(run.stderr, "removed a temporary file") {
		t.Errorf("the removal is not logged:\n%s", run.stderr)
	}
}

// TestHardening11_17_RepeatedStopSignals: GNU timeout's two SIGTERMs, two
// SIGTERMs sent together, or a second SIGINT without a terminal are one
// stop: exit 130 and the result sheet holds every row; no row created twice.
func TestHardening11_17_RepeatedStopSignals(t *testing.T) {
	t.Run("two SIGTERMs", func(t *testing.T) { repeatedStop(t, nil, syscall.SIGTERM, syscall.SIGTERM) })
	t.Run("three SIGTERMs", func(t *testing.T) { repeatedStop(t, nil, syscall.SIGTERM, syscall.SIGTERM, syscall.SIGTERM) })
	t.Run("two SIGINTs without a terminal", func(t *testing.T) { repeatedStop(t, nil, syscall.SIGINT, syscall.SIGINT) })
	t.Run("GNU timeout", func(t *testing.T) {
		timeout, err := exec.LookPath("timeout")
		if err != nil {
			t.Skip("no timeout command")
		}
		for i := range 3 { // timeout's two signals race the handler: try a few times
			t.Run(fmt.Sprint(i), func(t *testing.T) {
				repeatedStop(t, []string{timeout, "--preserve-status", "0.8"})
			})
		}
	})
}

// repeatedStop runs a slow import (through wrapper, if any), sends sigs
// 10ms apart after 700ms, and checks the stop.
func repeatedStop(t *testing.T, wrapper []string, sigs ...syscall.Signal) {
	const rows = 300
	dir := t.TempDir()
	file := writeDamaijiaCSV(t, dir, rows)
	srv, url := cliSandbox(t, sandbox.Options{Token: "tok-sig", Latency: 20 * time.Millisecond})
	args := []string{"import", file, "--provider", "damaijia", "--base-url", url, "--ledger", filepath.Join(dir, "l.db"),
		"--rate", "0", "--workers", "2", "--batch", "1", "--timeout", "2s"}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd, stdout, stderr := cliCommand(t, ctx, "tok-sig", args...)
	if wrapper != nil {
		cmd.Args = append(append([]string{}, wrapper...), cmd.Args...)
		cmd.Path = wrapper[0]
		cmd.Args[len(wrapper)] = cliBinary(t)
		cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} // timeout signals its process group
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	if len(sigs) > 0 {
		time.Sleep(700 * time.Millisecond)
		for _, s := range sigs {
			if err := cmd.Process.Signal(s); err != nil {
				t.Fatal(err)
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	_ = cmd.Wait()
	if code := cmd.ProcessState.ExitCode(); code != 130 {
		t.Fatalf("exit %d (%v), want 130\n%s\n%s", code, cmd.ProcessState, stdout, stderr)
	}
	sheet := sheetRows(t, filepath.Join(dir, "orders.result.csv"))
	if len(sheet) != rows {
		t.Fatalf("result sheet has %d rows, want %d", len(sheet), rows)
	}
	created := createdBySN(srv)
	for i, r := range sheet {
		want := 0
		if r["status"] == "ok" {
			want = 1
		}
		if created[damaijiaSN(i)] != want {
			t.Errorf("row %d %s, created %d times", i+2, r["status"], created[damaijiaSN(i)])
		}
	}
}

// TestHardening11_20_NonRegularInput: a named pipe (or a directory) as the
// input is refused at once with exit 2 and a message, by import, retry and
// mapping check; nothing hangs waiting for a writer.
func TestHardening11_20_NonRegularInput(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "orders.csv")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"import fifo", []string{"import", fifo, "--provider", "damaijia", "--dry-run"}, "named pipe"},
		{"retry fifo", []string{"retry", fifo, "--provider", "damaijia", "--sandbox"}, "named pipe"},
		{"mapping check fifo", []string{"mapping", "check", fifo, "--provider", "damaijia"}, "named pipe"},
		{"import directory", []string{"import", dir, "--provider", "damaijia", "--dry-run"}, "is a directory"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			cmd, stdout, stderr := cliCommand(t, ctx, "tok", tc.args...)
			_ = cmd.Run()
			if ctx.Err() != nil {
				t.Fatalf("still waiting after 20s: the pipe is being read\n%s", stderr)
			}
			if code := cmd.ProcessState.ExitCode(); code != 2 || !strings.Contains(stderr.String(), tc.want) {
				t.Fatalf("exit %d, want 2 with %q\n%s\n%s", code, tc.want, stdout, stderr)
			}
		})
	}
}

// TestHardening11_ReadOnlyLedgerNamed: a ledger this user cannot write is
// refused with exit 2 before anything is sent, by a message that names the
// file once and says what to do. Run as root, the binary runs as nobody.
func TestHardening11_ReadOnlyLedgerNamed(t *testing.T) {
	dir := t.TempDir()
	input := writeDamaijiaCSV(t, dir, 3)
	ledgerDir := filepath.Join(dir, "state")
	if err := os.Mkdir(ledgerDir, 0o755); err != nil {
		t.Fatal(err)
	}
	led := filepath.Join(ledgerDir, "ledger.db")
	if run := cliExec(t, "tok", "import", input, "--provider", "damaijia", "--sandbox", "--ledger", led); run.code != 0 {
		t.Fatalf("first run: exit %d\n%s", run.code, run.stderr)
	}
	outDir := filepath.Join(dir, "out")
	for _, d := range []string{filepath.Dir(dir), dir, outDir} {
		if err := os.MkdirAll(d, 0o777); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(d, 0o777); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{led, led + "-wal", led + "-shm"} {
		_ = os.Chmod(f, 0o444)
	}
	if err := os.Chmod(ledgerDir, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.Chmod(ledgerDir, 0o755) })
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd, stdout, stderr := cliCommand(t, ctx, "tok", "import", input, "--provider", "damaijia", "--sandbox",
		"--ledger", led, "--out", filepath.Join(outDir, "r.csv"))
	if os.Geteuid() == 0 { // root writes any file: run as nobody
		bin := filepath.Join(dir, "orderimport")
		copyFile(t, cliBinary(t), bin)
		if err := os.Chmod(bin, 0o755); err != nil {
			t.Fatal(err)
		}
		cmd.Path, cmd.Args[0] = bin, bin
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	}
	_ = cmd.Run()
	if code := cmd.ProcessState.ExitCode(); code != 2 {
		t.Fatalf("exit %d, want 2\n%s\n%s", code, stdout, stderr)
	}
	msg := stderr.String()
	for _, want := range []string{"ledger " + led + ":", "--ledger", "writable"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message lacks %q:\n%s", want, msg)
		}
	}
	if strings.Count(msg, led) != 1 || strings.Contains(msg, "ledger: ledger:") {
		t.Errorf("message names the ledger more than once:\n%s", msg)
	}
}
