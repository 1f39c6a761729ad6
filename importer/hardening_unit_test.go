package importer

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"orderimport/importer/i18n"
	"orderimport/importer/sheet"
)

// Unit tests of the pieces behind the issue 11 hardening (the binary-level
// tests are hardening_*_test.go in importer_test).

func TestHardening11_15_CSVNeutral(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"equals", "=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"},
		{"plus", "+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"},
		{"minus", "-2+3", "'-2+3"},
		{"at", "@SUM(1)", "'@SUM(1)"},
		{"tab", "\t=1", "'\t=1"},
		{"carriage return", "\r=1", "'\r=1"},
		{"negative number", "-1", "-1"},
		{"signed decimal", "+86.5", "+86.5"},
		{"sign alone", "-", "'-"},
		{"number then formula", "-1+cmd", "'-1+cmd"},
		{"plain text", "发货地已禁发", "发货地已禁发"},
		{"empty", "", ""},
		{"apostrophe already", "'=1", "'=1"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := sheet.Neutral(tc.in)
			if got != tc.want {
				t.Fatalf("sheet.Neutral(%q) = %q, want %q", tc.in, got, tc.want)
			}
			if tc.in != "'=1" && sheet.Unneutral(got) != tc.in {
				t.Fatalf("sheet.Unneutral(%q) = %q, want %q back", got, sheet.Unneutral(got), tc.in)
			}
		})
	}
	// Every result cell but the status, written through the CSV result
	// writer, is neutralised.
	r := RowResult{Status: StatusOK, OrderID: "=1", OrderSN: "+2x", MsgCode: "-3x", Msg: "@4", ForbiddenZone: "\t5", Error: "\r6"}
	path := filepath.Join(t.TempDir(), "r.csv")
	w, err := CreateResult(path, i18n.En)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.WriteHeader([]string{"a"}); err != nil {
		t.Fatal(err)
	}
	if err := w.WriteRow(sheet.Row{Line: 2, Cells: []string{"x"}}, r); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(data), "\ufeff"))).ReadAll()
	if err != nil || len(recs) != 2 {
		t.Fatalf("%d records, %v", len(recs), err)
	}
	if got := recs[1][1]; got != string(StatusOK) {
		t.Errorf("status %q", got)
	}
	for i, c := range recs[1][2:] {
		if c[0] != '\'' {
			t.Errorf("%s cell %q is not neutralised", ResultColumns[i+1], c)
		}
	}
}

func TestHardening11_17_SignalExitsNow(t *testing.T) {
	cases := []struct {
		name        string
		sig         os.Signal
		interactive bool
		since       time.Duration
		want        bool
	}{
		{"second Ctrl-C at a terminal", os.Interrupt, true, 2 * time.Second, true},
		{"Ctrl-C delivered twice at once", os.Interrupt, true, 5 * time.Millisecond, false},
		{"second SIGINT without a terminal", os.Interrupt, false, 5 * time.Second, false},
		{"timeout's second SIGTERM", syscall.SIGTERM, true, time.Millisecond, false},
		{"a later SIGTERM", syscall.SIGTERM, true, time.Minute, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := SignalExitsNow(tc.sig, tc.interactive, tc.since); got != tc.want {
				t.Fatalf("SignalExitsNow = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestHardening11_11_DefaultOutput(t *testing.T) {
	cases := []struct {
		in            string
		retry, dryRun bool
		want          string
	}{
		{"d/orders.csv", false, false, "d/orders.result.csv"},
		{"d/orders.csv", false, true, "d/orders.dryrun.csv"},
		{"d/orders.xlsx", false, true, "d/orders.dryrun.xlsx"},
		{"d/orders.XLSM", false, true, "d/orders.dryrun.xlsx"},
		{"d/orders.txt", false, true, "d/orders.dryrun.csv"},
		{"d/orders.result.csv", true, false, "d/orders.result.csv"},
		{"d/orders.result.xlsx", true, true, "d/orders.result.dryrun.xlsx"},
	}
	for _, tc := range cases {
		t.Run(fmt.Sprintf("%s retry=%v dry=%v", tc.in, tc.retry, tc.dryRun), func(t *testing.T) {
			if got := DefaultOutput(tc.in, tc.retry, tc.dryRun); got != tc.want {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestHardening11_10_SameFile(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.csv")
	if err := os.WriteFile(a, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(dir, filepath.Join(dir, "dirlink")); err != nil {
		t.Skip(err)
	}
	if err := os.Symlink(filepath.Join(dir, "missing.db"), filepath.Join(dir, "dangling")); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		a, b string
		want bool
	}{
		{"same path", a, a, true},
		{"dot dot", a, filepath.Join(dir, "sub", "..", "a.csv"), true},
		{"through a linked directory", a, filepath.Join(dir, "dirlink", "a.csv"), true},
		{"missing, through a linked directory", filepath.Join(dir, "n.db"), filepath.Join(dir, "dirlink", "n.db"), true},
		{"dangling link to the missing file", filepath.Join(dir, "dangling"), filepath.Join(dir, "missing.db"), true},
		{"different files", a, filepath.Join(dir, "b.csv"), false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := sameFile(tc.a, tc.b); got != tc.want {
				t.Fatalf("sameFile(%s, %s) = %v, want %v", tc.a, tc.b, got, tc.want)
			}
		})
	}
}
