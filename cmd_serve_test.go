package main

import (
	"bytes"
	"strings"
	"testing"
)

// TestServeRefusals: serve refuses, in one line and exit 2 before it
// listens, what it must not serve.
func TestServeRefusals(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"non-loopback bind without password", []string{"--listen", "0.0.0.0:0"}, "--password-file"},
		{"all interfaces without password", []string{"--listen", ":0"}, "--password-file"},
		{"missing password file", []string{"--listen", "0.0.0.0:0", "--password-file", "/nonexistent/pw"}, "--password-file"},
		{"bad upload limit", []string{"--max-upload", "lots"}, "--max-upload"},
		{"unknown language", []string{"--lang", "fr"}, "--lang"},
		{"unknown provider", []string{"--provider", "nope"}, "unknown provider"},
		{"argument", []string{"orders.xlsx"}, "unexpected argument"},
		{"rate below 0", []string{"--rate", "-1"}, "--rate"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("ORDERIMPORT_WORKSPACE", t.TempDir())
			var out, errb bytes.Buffer
			code := run(append([]string{"serve"}, tc.args...), &out, &errb)
			if code != 2 || !strings.Contains(errb.String(), tc.want) || strings.Count(strings.TrimSpace(errb.String()), "\n") > 0 {
				t.Errorf("exit %d, stderr %q; want 2 and one line naming %q", code, errb.String(), tc.want)
			}
		})
	}
}
