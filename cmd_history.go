package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"orderimport/importer"
	"orderimport/importer/ledger"
)

// This file wires "orderimport history": its flags and exit codes. The
// work is importer.History, HistoryRun and ExportRunCSV.

// historyFlags are the flags of "orderimport history".
type historyFlags struct {
	ledger, since, csv string
	json               bool
}

func newHistoryFlags(stderr io.Writer) (*flag.FlagSet, *historyFlags) {
	f := &historyFlags{}
	fs := flag.NewFlagSet("history", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage:\n"+
			"  orderimport history [--since WHEN] [--json]     list the runs in the ledger: when, input file,\n"+
			"                                                  provider/account, rows per status, exit code, interrupted\n"+
			"  orderimport history RUN_ID [--json]             one run\n"+
			"  orderimport history RUN_ID --csv FILE           export every row the run sent as CSV (- for stdout)\n"+
			"Exit codes: 0 fine; 2 no ledger, an unknown run id, or a usage error.\n\nFlags:")
		fs.PrintDefaults()
	}
	fs.StringVar(&f.ledger, "ledger", "", "the ledger to read; default: "+ledgerDefaultDoc+" (env ORDERIMPORT_LEDGER)")
	fs.StringVar(&f.since, "since", "", "only runs started since: a date (2026-12-01), a time (2026-12-01 02:00), or a while ago (36h, 7d)")
	fs.BoolVar(&f.json, "json", false, "print JSON (an array of runs, or one run)")
	fs.StringVar(&f.csv, "csv", "", "with RUN_ID: write every row of the run to this CSV file (- for stdout)")
	return fs, f
}

func runHistory(args []string, stdout, stderr io.Writer) int {
	fs, f := newHistoryFlags(stderr)
	rest, err := parseInterspersed(fs, args)
	if err == nil {
		_, err = applyEnv(fs, map[string]string{"ledger": importEnv["ledger"]})
		if err != nil {
			fmt.Fprintf(stderr, "orderimport history: %v\n", err)
		}
	}
	if err != nil {
		return parseExit(err)
	}
	if err := historyCommand(f, rest, stdout); err != nil {
		fmt.Fprintf(stderr, "orderimport history: %v\n", err)
		return importer.ExitInput
	}
	return importer.ExitOK
}

// historyCommand lists the runs, shows one, or exports one's rows.
func historyCommand(f *historyFlags, args []string, stdout io.Writer) error {
	if len(args) > 1 {
		return fmt.Errorf("give at most one RUN_ID, not %d arguments", len(args))
	}
	if f.csv != "" && len(args) == 0 {
		return errors.New("--csv FILE exports one run: give its RUN_ID (orderimport history lists them)")
	}
	since, err := parseSince(f.since, time.Now())
	if err != nil {
		return err
	}
	ctx := context.Background()
	led, err := ledger.OpenExisting(ctx, f.ledger)
	if errors.Is(err, ledger.ErrNoLedger) {
		return fmt.Errorf("%v: no run has used it yet (--ledger or ORDERIMPORT_LEDGER names another)", err)
	}
	if err != nil {
		return err
	}
	defer led.Close()
	if len(args) == 0 {
		runs, err := importer.History(ctx, led, since)
		if err != nil {
			return err
		}
		if f.json {
			return printJSON(stdout, runs)
		}
		if len(runs) == 0 {
			fmt.Fprintf(stdout, "no runs in the ledger %s%s\n", led.Path(), sinceText(f.since))
			return nil
		}
		return importer.PrintHistory(stdout, runs)
	}
	id := args[0]
	if f.csv != "" {
		if f.csv == "-" {
			_, err := importer.WriteRunCSV(ctx, led, id, stdout)
			return unknownRun(err, id, led)
		}
		n, err := importer.ExportRunCSV(ctx, led, id, f.csv)
		if err != nil {
			return unknownRun(err, id, led)
		}
		fmt.Fprintf(stdout, "%d rows of run %s written to %s\n", n, id, f.csv)
		return nil
	}
	run, err := importer.HistoryRun(ctx, led, id)
	if err != nil {
		return unknownRun(err, id, led)
	}
	if f.json {
		return printJSON(stdout, run)
	}
	importer.PrintRun(stdout, run)
	return nil
}

// unknownRun says in one line that the ledger has no such run (nil stays
// nil).
func unknownRun(err error, id string, led *ledger.Ledger) error {
	if errors.Is(err, ledger.ErrNoRun) {
		return fmt.Errorf("no run %q in the ledger %s (orderimport history lists its runs)", id, led.Path())
	}
	return err
}

func printJSON(w io.Writer, v any) error {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(data, '\n'))
	return err
}

func sinceText(since string) string {
	if since == "" {
		return ""
	}
	return " since " + since
}

// parseSince reads --since: a date or a date and time (local time), an
// RFC 3339 time, or a while ago ("36h", "90m", "7d"); "" is the zero time
// (every run).
func parseSince(s string, now time.Time) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	for _, layout := range []string{time.DateOnly, "2006-01-02 15:04", time.DateTime, "2006-01-02T15:04", "2006-01-02T15:04:05"} {
		if t, err := time.ParseInLocation(layout, s, time.Local); err == nil {
			return t, nil
		}
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	if days, ok := strings.CutSuffix(s, "d"); ok {
		if n, err := strconv.Atoi(days); err == nil && n >= 0 {
			return now.AddDate(0, 0, -n), nil
		}
	}
	if d, err := time.ParseDuration(s); err == nil && d >= 0 {
		return now.Add(-d), nil
	}
	return time.Time{}, fmt.Errorf("--since %q: want a date (2026-12-01), a date and time (2026-12-01 02:00) or a while ago (36h, 7d)", s)
}
