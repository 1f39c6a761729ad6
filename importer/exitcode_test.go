package importer

import (
	"errors"
	"testing"

	"orderimport/importer/sheet"
)

// TestRunExitCode: what a run returned, as the exit code.
func TestRunExitCode(t *testing.T) {
	ok := &Summary{Counts: map[Status]int{StatusOK: 2}}
	bad := &Summary{Counts: map[Status]int{StatusOK: 1, StatusInvalid: 1}}
	stopped := &Summary{Interrupted: true, Counts: map[Status]int{StatusNotSent: 3}}
	tests := []struct {
		name string
		sum  *Summary
		err  error
		want int
	}{
		{"all ok", ok, nil, ExitOK},
		{"a row not ok", bad, nil, ExitRowsNotOK},
		{"interrupted", stopped, nil, ExitInterrupted},
		{"nothing done", nil, errors.New("no such file"), ExitInput},
		{"no summary, no error", nil, nil, ExitInput},
		{"input error after a summary", ok, &sheet.Error{File: "a.csv", Err: errors.New("bad")}, ExitInput},
		{"interrupted with an error", stopped, errors.New("read: broken"), ExitInterrupted},
		{"sent, then failed", ok, &ResultSheetError{Err: errors.New("disk full"), Sent: true}, ExitRowsNotOK},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := RunExitCode(tc.sum, tc.err); got != tc.want {
				t.Errorf("RunExitCode = %d, want %d", got, tc.want)
			}
		})
	}
}
