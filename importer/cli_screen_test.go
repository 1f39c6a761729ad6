//go:build unix

package importer_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"

	"orderimport/providers/sandbox"
)

// TestCLIScreenBarAndLogLines runs the binary on a terminal (a pty) 80 and
// 120 columns wide, with invalid rows logged while the progress bar is on
// screen, once to the end and once stopped with Ctrl-C, and reads the
// screen as a terminal shows it: no log text shares a line with a bar
// frame, every log line is whole, one frame is left; after Ctrl-C the bar
// stays where the run stopped and the summary says INTERRUPTED and how many
// rows are not_sent.
func TestCLIScreenBarAndLogLines(t *testing.T) {
	for _, cols := range []int{80, 120} {
		for _, interrupt := range []bool{false, true} {
			name := fmt.Sprintf("%d columns", cols)
			if interrupt {
				name += ", Ctrl-C"
			}
			t.Run(name, func(t *testing.T) { screenRun(t, cols, interrupt) })
		}
	}
}

// screenRows is the file's row count: more than the rows held between
// reading and writing (8,192), so the invalid rows near its end are read,
// and logged, only after many rows are done and the bar is on screen.
const screenRows = 10000

func screenRun(t *testing.T, cols int, interrupt bool) {
	dir := t.TempDir()
	file := writeDamaijiaCSVInvalid(t, dir, screenRows, func(i int) bool { return i >= 9000 && i%100 == 0 })
	latency := 20 * time.Millisecond
	if interrupt {
		// When the first invalid row is logged, about 9,000 rows are still
		// to be sent: at 50 ms an answer, seconds for Ctrl-C to arrive.
		latency = 50 * time.Millisecond
	}
	_, url := cliSandbox(t, sandbox.Options{Token: "tok-screen", Latency: latency})
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd, _, _ := cliCommand(t, ctx, "tok-screen", "import", file, "--provider", "damaijia", "--base-url", url,
		"--ledger", filepath.Join(dir, "l.db"), "--rate", "0", "--workers", "2", "--timeout", "5s")
	cmd.Stdin, cmd.Stdout, cmd.Stderr = nil, nil, nil
	term, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 30, Cols: uint16(cols)})
	if err != nil {
		t.Fatal(err)
	}
	defer term.Close()
	var out lockedBuffer
	read := make(chan struct{})
	go func() {
		defer close(read)
		b := make([]byte, 32<<10)
		for {
			n, err := term.Read(b)
			out.write(b[:n])
			if err != nil {
				return
			}
		}
	}()
	if interrupt {
		for !strings.Contains(out.String(), `msg="invalid row"`) && ctx.Err() == nil {
			time.Sleep(10 * time.Millisecond)
		}
		if _, err := term.Write([]byte{3}); err != nil { // Ctrl-C, as typed
			t.Fatal(err)
		}
	}
	_ = cmd.Wait()
	<-read
	raw := out.String()
	code, want := cmd.ProcessState.ExitCode(), 1
	if interrupt {
		want = 130
	}
	if code != want {
		t.Fatalf("exit %d, want %d\n%s", code, want, raw)
	}
	lines := checkTerminal(t, raw, cols)
	f := frames(lines)
	if len(f) != 1 {
		t.Fatalf("%d bar frames on screen, want 1: %q", len(f), f)
	}
	notSent := 0
	for _, r := range sheetRows(t, filepath.Join(dir, "orders.result.csv")) {
		if r["status"] == "not_sent" {
			notSent++
		}
	}
	if !interrupt {
		if !strings.Contains(f[0], "100%") || notSent != 0 {
			t.Errorf("last frame %q with %d rows not sent, want 100%% and none", f[0], notSent)
		}
		return
	}
	shown := fmt.Sprintf("(%d/%d", screenRows-notSent, screenRows)
	if notSent == 0 || strings.Contains(f[0], "100%") || !strings.Contains(f[0], shown) {
		t.Errorf("last frame %q, want it to stop at %s: %d rows were not sent", f[0], shown, notSent)
	}
	summary := regexp.MustCompile(fmt.Sprintf(`INTERRUPTED: %d rows not sent \(not_sent\)`, notSent))
	if !summary.MatchString(strings.Join(lines, "\n")) {
		t.Errorf("the summary does not say INTERRUPTED with %d rows not_sent:\n%s", notSent, strings.Join(lines, "\n"))
	}
}

// checkTerminal shows raw, as read from a pty, on a screen of width
// columns and checks that no log text shares a line with a bar frame and
// that every log line written is on screen, whole; it returns the
// screen's lines.
func checkTerminal(t *testing.T, raw string, width int) []string {
	t.Helper()
	s := newScreen(width)
	s.write(raw)
	lines := s.text()
	written := regexp.MustCompile(`time=\S+ level=[A-Z]+ msg=("[^"]*"|\S+)`).FindAllString(raw, -1)
	onScreen := strings.Join(lines, "\n")
	// A log line longer than the screen wraps onto the next screen line:
	// it is whole when its text runs on across the wrap.
	unwrapped := strings.Join(lines, "")
	for i, l := range lines {
		if logText.MatchString(l) && barFrame.MatchString(l) {
			t.Errorf("line %d holds log text and a bar frame: %q", i+1, l)
		}
	}
	shown := 0
	for _, w := range written {
		if strings.Contains(unwrapped, w) {
			shown++
		} else {
			t.Errorf("log line %q is not whole on screen", w)
		}
	}
	if shown == 0 {
		t.Errorf("no log line on screen")
	}
	if len(s.unhandled) > 0 {
		t.Errorf("control sequences the screen model does not know: %q", s.unhandled)
	}
	if t.Failed() {
		t.Logf("screen:\n%s", onScreen)
	}
	return lines
}

// lockedBuffer collects a reader's bytes for another goroutine to look at.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) write(p []byte) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// writeDamaijiaCSVInvalid writes n damaijia rows like writeDamaijiaCSV;
// the rows bad(i) says have a mobile number too short to be one.
func writeDamaijiaCSVInvalid(t *testing.T, dir string, n int, bad func(i int) bool) string {
	t.Helper()
	path := writeDamaijiaCSV(t, dir, n)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	for i := range n {
		if bad(i) {
			lines[i+1] = strings.Replace(lines[i+1], fmt.Sprintf(",138%08d,", i), ",1380013,", 1)
		}
	}
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}
