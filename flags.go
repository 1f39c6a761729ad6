package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"orderimport/importer"
	"orderimport/importer/ledger"
)

// This file holds what the commands' flag parsing shares: one-line
// reports of bad flags, the limits of the import flags' values, and the
// file checks a run passes before anything is read. parseImportFlags (in
// main.go) is the entry point.

// importLimits are the values the import flags accept; a value out of
// range is refused naming the flag (or its environment variable).
var importLimits = []flagLimit{
	{"rate", 0, "must be 0 (unlimited) or more requests per second"},
	{"burst", 1, "must be at least 1"},
	{"workers", 1, "must be at least 1"},
	{"timeout", float64(time.Millisecond), "must be a positive duration such as 30s"},
	{"retries", 0, "must be 0 or more"},
	{"batch", 1, "must be at least 1"},
	{"header-row", 0, "must be a row number (1 or more), or 0 to find the header"},
	{"max-cell", 0, "must be 0 (the default) or more"},
	{"max-columns", 0, "must be 0 (the default) or more"},
	{"max-unzip", 0, "must be 0 (the default) or more"},
	{"rows", 0, "must be 0 or more"},
}

// flagLimit is the smallest value a numeric flag accepts.
type flagLimit struct {
	name string
	min  float64
	want string
}

// checkLimits refuses a numeric flag below its limit (NaN too). fromEnv
// names the flags set from the environment, with their variables.
func checkLimits(fs *flag.FlagSet, limits []flagLimit, fromEnv map[string]string) error {
	for _, l := range limits {
		fl := fs.Lookup(l.name)
		if fl == nil {
			continue
		}
		v, ok := flagNumber(fl.Value)
		if !ok || v >= l.min {
			continue
		}
		if env, ok := fromEnv[l.name]; ok {
			return fmt.Errorf("%s=%s (--%s): %s", env, fl.Value, l.name, l.want)
		}
		return fmt.Errorf("--%s %s: %s", l.name, fl.Value, l.want)
	}
	return nil
}

// flagNumber is a numeric flag's value as a float64 (NaN as -Inf, below
// every limit).
func flagNumber(v flag.Value) (float64, bool) {
	g, ok := v.(flag.Getter)
	if !ok {
		return 0, false
	}
	var f float64
	switch n := g.Get().(type) {
	case int:
		f = float64(n)
	case int64:
		f = float64(n)
	case float64:
		f = n
	case time.Duration:
		f = float64(n)
	default:
		return 0, false
	}
	if math.IsNaN(f) {
		return math.Inf(-1), true
	}
	return f, true
}

// errFlag is a bad command line already reported.
var errFlag = errors.New("bad command line")

// parseExit is the exit code of a failed parse: 0 for --help (the help was
// printed), 2 otherwise.
func parseExit(err error) int {
	if errors.Is(err, flag.ErrHelp) {
		return importer.ExitOK
	}
	return importer.ExitInput
}

// flagProblem reports a flag.Parse error on one line to out, naming where
// the help is, with a suggestion for a misspelled flag; -h and --help print
// the help. It returns the error for parseExit.
func flagProblem(fs *flag.FlagSet, out io.Writer, err error) error {
	if errors.Is(err, flag.ErrHelp) {
		fs.SetOutput(out)
		fs.Usage()
		return err
	}
	help := fmt.Sprintf("\"orderimport help %s\" lists the flags", fs.Name())
	if name, ok := strings.CutPrefix(err.Error(), "flag provided but not defined: "); ok {
		name = strings.TrimLeft(name, "-")
		msg := fmt.Sprintf("orderimport %s: unknown flag --%s", fs.Name(), name)
		if s := suggestFlag(fs, name); s != "" {
			msg += fmt.Sprintf("; did you mean --%s?", s)
		}
		fmt.Fprintf(out, "%s (%s)\n", msg, help)
		return errFlag
	}
	msg := strings.ReplaceAll(err.Error(), " -", " --") // the flag package spells flags with one dash
	fmt.Fprintf(out, "orderimport %s: %s (%s)\n", fs.Name(), msg, help)
	return errFlag
}

// suggestFlag returns the defined flag closest to the unknown name: the
// same letters without dashes or case, a unique flag it begins, or one
// edit or two away; "" when none is close.
func suggestFlag(fs *flag.FlagSet, name string) string {
	norm := func(s string) string { return strings.ToLower(strings.NewReplacer("-", "", "_", "").Replace(s)) }
	best, bestDist, prefixed := "", 3, []string{}
	fs.VisitAll(func(f *flag.Flag) {
		switch d := editDistance(norm(name), norm(f.Name)); {
		case d < bestDist:
			best, bestDist = f.Name, d
		}
		if len(name) >= 3 && strings.HasPrefix(f.Name, name) {
			prefixed = append(prefixed, f.Name)
		}
	})
	if best == "" && len(prefixed) == 1 {
		return prefixed[0]
	}
	if bestDist > 2 || bestDist >= len(norm(name)) {
		return ""
	}
	return best
}

// editDistance is the Levenshtein distance of a and b (bytes).
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// checkFiles settles the result sheet's path (the default of a dry run and
// of retry, see importer.DefaultOutput) into f.out and refuses, before
// anything is read, files that collide (importer.RunFiles.Check).
func checkFiles(f *importFlags, input string, retry bool) error {
	outFlag := "--out"
	if f.out == "" {
		f.out, outFlag = importer.DefaultOutput(input, retry, f.dryRun), ""
	}
	return importer.RunFiles{Input: input, Output: f.out, OutputFlag: outFlag, Summary: f.summaryJSON,
		Ledger: ledgerPath(f), Mapping: f.mappingFile, TokenFile: f.tokenFile,
		Retry: retry, DryRun: f.dryRun}.Check()
}

// ledgerPath is the ledger the run opens: --ledger, else the default one;
// "" when it opens none (a dry run, a --sandbox rehearsal without
// --ledger) or the default cannot be found (OpenRun says why).
func ledgerPath(f *importFlags) string {
	switch {
	case f.dryRun:
		return ""
	case f.ledger != "":
		return f.ledger
	case f.sandbox:
		return ""
	}
	path, _ := ledger.DefaultPath()
	return path
}

// parseCommandFlags parses the flags of import, retry or a command
// that takes some of import's: the environment defaults (importEnv) of the
// flags it defines and their limits (importLimits) apply; a problem is
// printed to the flag set's output on one line.
func parseCommandFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	files, err := parseInterspersed(fs, args)
	if err != nil {
		return nil, err
	}
	vars := map[string]string{}
	for name, env := range importEnv {
		if fs.Lookup(name) != nil {
			vars[name] = env
		}
	}
	fromEnv, err := applyEnv(fs, vars)
	if err == nil {
		err = checkLimits(fs, importLimits, fromEnv)
	}
	if err != nil {
		fmt.Fprintf(fs.Output(), "orderimport %s: %v\n", fs.Name(), err)
		return nil, err
	}
	return files, nil
}
