package main

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// TestMain runs the package's tests in English whatever the machine's
// locale: run() reads ORDERIMPORT_LANG and LANG when --lang is not given.
func TestMain(m *testing.M) {
	os.Setenv("ORDERIMPORT_LANG", "en")
	os.Exit(m.Run())
}

// TestLangFlag: --lang takes zh, en and locales, and refuses anything else
// in one line naming the flag or the variable; the help names both.
func TestLangFlag(t *testing.T) {
	tests := []struct {
		name string
		env  string
		args []string
		want string // in stderr; "" = the flags parse
		lang string
	}{
		{"zh", "", []string{"--lang", "zh"}, "", "zh"},
		{"en", "", []string{"--lang", "en"}, "", "en"},
		{"locale", "", []string{"--lang", "zh_CN.UTF-8"}, "", "zh"},
		{"from the variable", "zh-CN", nil, "", "zh"},
		{"flag over the variable", "zh", []string{"--lang", "en"}, "", "en"},
		{"unknown", "", []string{"--lang", "fr"}, `invalid value "fr" for flag --lang: want zh or en`, ""},
		{"unknown variable", "klingon", nil, `ORDERIMPORT_LANG="klingon": want zh or en`, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("ORDERIMPORT_LANG", tc.env)
			var stderr bytes.Buffer
			fs, f := newImportFlags(&stderr)
			_, err := parseCommandFlags(fs, append([]string{"x.csv"}, tc.args...))
			if tc.want != "" {
				if err == nil || !strings.Contains(stderr.String(), tc.want) {
					t.Fatalf("err %v, stderr %q; want %q", err, stderr.String(), tc.want)
				}
				return
			}
			if err != nil {
				t.Fatalf("%v: %s", err, stderr.String())
			}
			if got := string(f.lang.Lang()); got != tc.lang {
				t.Errorf("language %s, want %s", got, tc.lang)
			}
		})
	}
	for _, cmd := range []string{"import", "retry", "track", "mapping"} {
		var help bytes.Buffer
		runHelp([]string{cmd}, &help, &help)
		if !strings.Contains(help.String(), "-lang") || !strings.Contains(help.String(), "ORDERIMPORT_LANG") {
			t.Errorf("help %s does not name --lang and ORDERIMPORT_LANG:\n%s", cmd, help.String())
		}
	}
}
