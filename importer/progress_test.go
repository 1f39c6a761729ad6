package importer

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestBarProgressFinishShowsEveryRow: rows told to the bar between its
// updates are not lost; the last frame counts them all.
func TestBarProgressFinishShowsEveryRow(t *testing.T) {
	tests := []struct {
		name     string
		statuses []Status
		want     []string
	}{
		{"mixed", []Status{StatusOK, StatusOK, StatusInvalid, StatusSkipped, StatusFailed}, []string{"ok 2, skipped 1, invalid 1, failed 1", "5/5"}},
		{"one row", []Status{StatusRejected}, []string{"rejected 1", "1/1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			p := newBarProgress(NewConsole(&out, true), len(tt.statuses))
			for _, s := range tt.statuses {
				p.Done(s)
			}
			p.Finish()
			frames := strings.Split(out.String(), "\r")
			last := frames[len(frames)-1]
			for _, w := range tt.want {
				if !strings.Contains(last, w) {
					t.Errorf("last frame %q lacks %q", last, w)
				}
			}
		})
	}
}

// TestBarFramesFitTheTerminal: every frame leaves the terminal's last
// columns free (a frame that fills the line would wrap when the terminal
// echoes "^C" after it), whatever the row count and the statuses.
func TestBarFramesFitTheTerminal(t *testing.T) {
	many := []Status{StatusOK, StatusSkipped, StatusRejected, StatusInvalid, StatusFailed, StatusUnknown}
	for _, width := range []int{80, 100, 120, 200} {
		for _, total := range []int{7, 10000, 1000000} {
			t.Run(fmt.Sprintf("%d columns, %d rows", width, total), func(t *testing.T) {
				var out bytes.Buffer
				p := newBarProgressWidth(NewConsole(&out, true), total, width)
				for i := range total {
					p.Done(many[i%len(many)])
					if i > 60 && total > 100 {
						p.pending += total - i - 1 // the rest at once
						p.counts[0] += total - i - 1
						break
					}
				}
				p.Finish()
				for _, frame := range strings.Split(out.String(), "\r") {
					frame = strings.TrimRight(frame, " \n")
					if n := utf8.RuneCountInString(frame); n > width-barMargin {
						t.Errorf("frame of %d columns on %d: %q", n, width, frame)
					}
				}
			})
		}
	}
}
