package main

import (
	"io"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
)

func TestHardening11_SuggestFlag(t *testing.T) {
	fs, _ := newImportFlags(io.Discard)
	cases := map[string]string{
		"dryrun":          "dry-run",
		"dry_run":         "dry-run",
		"DRY-RUN":         "dry-run",
		"provder":         "provider",
		"summary":         "summary-json",
		"worker":          "workers",
		"ledgr":           "ledger",
		"xyz":             "",
		"allow-duplicate": "allow-duplicates",
		"o":               "",
	}
	for in, want := range cases {
		if got := suggestFlag(fs, in); got != want {
			t.Errorf("suggestFlag(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestHardening11_FlagLimits(t *testing.T) {
	cases := []struct {
		args []string
		env  map[string]string
		want string // "" when accepted
	}{
		{[]string{"--rate", "0"}, nil, ""},
		{[]string{"--rate", "-0.5"}, nil, "--rate -0.5"},
		{[]string{"--rate", "NaN"}, nil, "--rate NaN"},
		{[]string{"--workers", "0"}, nil, "--workers 0"},
		{[]string{"--timeout", "-1s"}, nil, "--timeout -1s"},
		{[]string{"--retries", "0"}, nil, ""},
		{[]string{"--header-row", "-2"}, nil, "--header-row -2"},
		{[]string{"--max-unzip", "-1"}, nil, "--max-unzip -1"},
		{nil, map[string]string{"workers": "ORDERIMPORT_WORKERS"}, ""},
	}
	for _, tc := range cases {
		fs, _ := newImportFlags(io.Discard)
		if err := fs.Parse(tc.args); err != nil {
			t.Fatal(err)
		}
		err := checkLimits(fs, importLimits, tc.env)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%v: refused: %v", tc.args, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%v: got %v, want %q", tc.args, err, tc.want)
		}
	}
	fs, _ := newImportFlags(io.Discard)
	_ = fs.Set("batch", "0")
	if err := checkLimits(fs, importLimits, map[string]string{"batch": "ORDERIMPORT_BATCH"}); err == nil ||
		!strings.HasPrefix(err.Error(), "ORDERIMPORT_BATCH=0 (--batch)") {
		t.Errorf("from the environment: %v", err)
	}
}

func TestHardening11_VersionText(t *testing.T) {
	got := vcsText([]debug.BuildSetting{{Key: "vcs.revision", Value: "0123456789abcdef0123"},
		{Key: "vcs.time", Value: "2026-12-01T10:00:00Z"}, {Key: "vcs.modified", Value: "true"}})
	if got != "commit 0123456789ab (2026-12-01T10:00:00Z, modified)" {
		t.Errorf("vcsText = %q", got)
	}
	if got := vcsText(nil); got != "" {
		t.Errorf("vcsText(nil) = %q", got)
	}
	version = "v1.2.3"
	defer func() { version = "" }()
	if v := versionText(); !strings.HasPrefix(v, "orderimport v1.2.3, ") || !strings.Contains(v, runtime.GOOS+"/"+runtime.GOARCH) {
		t.Errorf("versionText = %q", v)
	}
}

// TestImportEnvNamesImportFlags: every environment default belongs to a flag
// of import, so parseCommandFlags applies all of them to import and retry.
func TestImportEnvNamesImportFlags(t *testing.T) {
	fs, _ := newImportFlags(io.Discard)
	for name, env := range importEnv {
		if fs.Lookup(name) == nil {
			t.Errorf("importEnv names --%s (%s), which import does not define", name, env)
		}
	}
}
