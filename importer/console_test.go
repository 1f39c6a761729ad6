package importer_test

import (
	"bytes"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	"orderimport/importer"
)

// TestConsoleLogLinesAboveTheBar: a log line written while the progress bar
// is on screen never shares a line with a frame; the bar is drawn again
// below it, and exactly one frame is left on screen.
func TestConsoleLogLinesAboveTheBar(t *testing.T) {
	ok, invalid, notSent := importer.StatusOK, importer.StatusInvalid, importer.StatusNotSent
	ready := importer.StatusReady
	long := "a problem worded at such length that the line wraps on the terminal: " + strings.Repeat("测试甲 ", 20)
	tests := []struct {
		name  string
		total int
		// steps: a status is a finished row; a string is a log line.
		steps     []any
		wantFrame string // in the last frame
	}{
		{"bar", 6, []any{ok, "invalid row", ok, invalid, "another", ok, ok, ok}, "100%"},
		{"long log line", 3, []any{ok, long, ok, ok}, "(3/3"},
		{"log before the first row", 2, []any{"early", ok, ok}, "(2/2"},
		{"dry run without a total", -1, []any{ready, "invalid row", ready, invalid}, "ready 2, invalid 1"},
		{"interrupted", 10, []any{ok, "warning", ok, ok, notSent, notSent, "after the interrupt", notSent, notSent, notSent, notSent, notSent}, "30%"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			con := importer.NewConsole(&out, true)
			log := slog.New(slog.NewTextHandler(con, nil))
			p := con.Progress(tt.total, log, time.Hour)
			logs := 0
			for _, step := range tt.steps {
				switch s := step.(type) {
				case importer.Status:
					p.Done(s)
				case string:
					log.Warn(s, "row", 12)
					logs++
				}
			}
			p.Finish()
			log.Warn("after the bar")
			logs++
			lines := checkScreen(t, out.String(), 160, logs)
			if f := frames(lines); len(f) != 1 || !strings.Contains(f[0], tt.wantFrame) {
				t.Errorf("frames on screen %q, want one with %q\nbytes: %q", f, tt.wantFrame, out.String())
			}
		})
	}
}

// checkScreen shows out, as written to a terminal, on a screen of width
// columns and checks that no log text shares a line with a bar frame and
// that all logs log lines are on screen; it returns the screen's lines.
func checkScreen(t *testing.T, out string, width, logs int) []string {
	t.Helper()
	s := newScreen(width)
	// A terminal's driver sends a line feed as CR LF (onlcr).
	s.write(strings.ReplaceAll(out, "\n", "\r\n"))
	lines := s.text()
	shown := 0
	for i, l := range lines {
		if logText.MatchString(l) {
			shown++
			if barFrame.MatchString(l) {
				t.Errorf("line %d holds log text and a bar frame: %q", i+1, l)
			}
		}
	}
	if shown != logs {
		t.Errorf("%d log lines on screen, want %d", shown, logs)
	}
	if len(s.unhandled) > 0 {
		t.Errorf("control sequences the screen model does not know: %q", s.unhandled)
	}
	if t.Failed() {
		t.Logf("screen:\n%s\nbytes: %q", strings.Join(lines, "\n"), out)
	}
	return lines
}

// ExampleConsole_screen shows what the screen model makes of frames and a
// log line.
func Example_screenModel() {
	s := newScreen(20)
	s.write("\r 10% |█   |\r        \r")
	s.write("time=x level=WARN msg=hi\n\r 20% |██  |")
	fmt.Println(strings.Join(s.text(), "\n"))
	// Output:
	// time=x level=WARN ms
	// g=hi
	//  20% |██  |
}
