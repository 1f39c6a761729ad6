package main

import (
	"bytes"
	"io"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// envName matches an environment variable of orderimport.
var envName = regexp.MustCompile(`ORDERIMPORT_[A-Z_]+`)

// TestREADMEListsEveryEnvironmentVariable: the README's list of environment
// variables (the paragraph after "orderimport help import` lists every
// flag") names exactly those the helps of import and serve name, and every
// variable behind a flag is named in its help; neither can drift.
func TestREADMEListsEveryEnvironmentVariable(t *testing.T) {
	var help, serveHelp bytes.Buffer
	runHelp([]string{"import"}, &help, io.Discard)
	runHelp([]string{"serve"}, &serveHelp, io.Discard)
	for _, v := range importEnv {
		if !slices.Contains(names(help.String()), v) {
			t.Errorf("%s sets a flag but the help of import does not name it", v)
		}
	}
	for _, v := range serveEnv {
		if !slices.Contains(names(serveHelp.String()), v) {
			t.Errorf("%s sets a flag but the help of serve does not name it", v)
		}
	}
	helpNames := names(help.String() + serveHelp.String())
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, list, ok := strings.Cut(string(readme), "`orderimport help import` lists every flag")
	if !ok {
		t.Fatal("README: the paragraph that lists the environment variables is gone")
	}
	list, _, _ = strings.Cut(list, "\n\n")
	readmeNames := names(list)
	for _, n := range helpNames {
		if !slices.Contains(readmeNames, n) {
			t.Errorf("README does not list %s, which the help names", n)
		}
	}
	for _, n := range readmeNames {
		if !slices.Contains(helpNames, n) {
			t.Errorf("README lists %s, which the help does not name", n)
		}
	}
}

// names returns the sorted, distinct environment variables text names.
func names(text string) []string {
	found := envName.FindAllString(text, -1)
	slices.Sort(found)
	return slices.Compact(found)
}
