package web

import (
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestWorkspace: created 0700 (an existing one tightened), files past the
// retention removed except those in use and the sandbox's ledger.
func TestWorkspace(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ws")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	ws, err := openWorkspace(dir, 24*time.Hour, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{dir, filepath.Join(dir, "mappings")} {
		if fi, err := os.Stat(d); err != nil || fi.Mode().Perm() != 0o700 {
			t.Errorf("%s: %v %v, want 0700", d, fi.Mode().Perm(), err)
		}
	}
	now := time.Now()
	files := []struct {
		name    string
		age     time.Duration
		inUse   bool
		removed bool
	}{
		{"old.csv", 25 * time.Hour, false, true},
		{"old.result.csv", 48 * time.Hour, false, true},
		{"mappings/old.yaml", 30 * time.Hour, false, true},
		{"new.csv", time.Hour, false, false},
		{"running.csv", 72 * time.Hour, true, false},
		{"sandbox-ledger.db", 72 * time.Hour, false, false},
	}
	inUse := map[string]bool{}
	for _, f := range files {
		p := filepath.Join(dir, f.name)
		if err := os.WriteFile(p, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, now.Add(-f.age), now.Add(-f.age)); err != nil {
			t.Fatal(err)
		}
		inUse[p] = f.inUse
	}
	ws.sweep(now, func(p string) bool { return inUse[p] })
	for _, f := range files {
		_, err := os.Stat(filepath.Join(dir, f.name))
		if gone := os.IsNotExist(err); gone != f.removed {
			t.Errorf("%s (age %s, in use %v): removed %v, want %v", f.name, f.age, f.inUse, gone, f.removed)
		}
	}
}

// TestDisplayName: the browser's file name, shown and used as a download
// name only: no path, no control characters, bounded.
func TestDisplayName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"订单.xlsx", "订单.xlsx"},
		{"../../etc/passwd", "passwd"},
		{`C:\Users\商家\orders.csv`, "orders.csv"},
		{"a\x00b\nc\".csv", "abc.csv"},
		{"..", "upload"},
		{"", "upload"},
	}
	for _, tc := range tests {
		t.Run(tc.want, func(t *testing.T) {
			if got := displayName(tc.in); got != tc.want {
				t.Errorf("displayName(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
	long := displayName(strings.Repeat("订", 100))
	if len(long) > 200 {
		t.Errorf("a long name keeps %d bytes", len(long))
	}
}
