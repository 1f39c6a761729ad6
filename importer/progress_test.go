package importer

import (
	"bytes"
	"strings"
	"testing"
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
