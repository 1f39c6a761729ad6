package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"orderimport/importer"
	"orderimport/importer/ledger"
	"orderimport/mapping"
)

// This file wires "orderimport track": its flags (a subset of import's,
// with the same environment defaults) and its exit codes. The work is
// importer.Track.

// newTrackFlags are the flags of "orderimport track".
func newTrackFlags(stderr io.Writer) (*flag.FlagSet, *importFlags) {
	f := &importFlags{}
	fs := flag.NewFlagSet("track", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: orderimport track RESULT_FILE --provider damaijia [flags]\n\n"+
			"Asks the provider where the package of every created row of a result sheet is (ok rows, and skipped\n"+
			"rows an earlier run created), and rewrites RESULT_FILE (or --out) with package_status, express_company,\n"+
			"express_no and tracked_at after the result columns. The ids come from the ledger the import wrote; a row\n"+
			"is found there by its identity, so give the mapping flags the import had (--mapping, --preset, --set).\n"+
			"Rows shipped or cancelled at an earlier track are not asked again.\n"+
			"Exit codes: 0 every created row shipped or cancelled; 1 some not yet (run again later); 2 usage or input\n"+
			"error; 3 stopped (authentication, the API not reachable); 130 interrupted.\n\nFlags:")
		fs.PrintDefaults()
	}
	fs.StringVar(&f.provider, "provider", "", "provider that can track packages: damaijia (env ORDERIMPORT_PROVIDER)")
	fs.StringVar(&f.mappingFile, "mapping", "", "the import's mapping file (env ORDERIMPORT_MAPPING)")
	fs.StringVar(&f.preset, "preset", "", "the import's preset: "+strings.Join(mapping.Presets(), ", ")+" (env ORDERIMPORT_PRESET)")
	fs.Var(&f.sets, "set", "the import's constants, FIELD=VALUE, repeatable (e.g. --set product_id=614)")
	fs.StringVar(&f.baseURL, "base-url", "", "API base URL; default: the provider's documented host (env ORDERIMPORT_BASE_URL)")
	fs.StringVar(&f.tokenFile, "token-file", "", "file holding the API token; default: the env ORDERIMPORT_TOKEN (env ORDERIMPORT_TOKEN_FILE)")
	fs.StringVar(&f.ledger, "ledger", "", "the ledger the import wrote; default: "+ledgerDefaultDoc+"; it is only read, never created (env ORDERIMPORT_LEDGER)")
	fs.StringVar(&f.account, "account", "", "the account's name in the ledger, as the import had it (env ORDERIMPORT_ACCOUNT)")
	fs.StringVar(&f.out, "out", "", "write the tracked sheet here; default: RESULT_FILE, rewritten in place")
	fs.Float64Var(&f.rate, "rate", 5, "requests per second shared by all workers; 0 = unlimited (env ORDERIMPORT_RATE)")
	fs.IntVar(&f.burst, "burst", 1, "requests that may leave at once (env ORDERIMPORT_BURST)")
	fs.IntVar(&f.workers, "workers", 4, "concurrent requests (env ORDERIMPORT_WORKERS)")
	fs.DurationVar(&f.timeout, "timeout", 30*time.Second, "time limit of one request (env ORDERIMPORT_TIMEOUT)")
	fs.IntVar(&f.retries, "retries", 3, "retries of a transient failure (env ORDERIMPORT_RETRIES)")
	fs.DurationVar(&f.maxWait, "max-wait", importer.DefaultMaxWait, "longest pause the provider may ask for (HTTP Retry-After); 0 = never wait (env ORDERIMPORT_MAX_WAIT)")
	fs.StringVar(&f.logLevel, "log", "info", "log lines written to stderr: debug, info, warn or error (env ORDERIMPORT_LOG)")
	fs.BoolVar(&f.quiet, "quiet", false, "log only warnings and errors (same as --log warn); the summary still goes to stdout")
	addLangFlag(fs, &f.lang)
	return fs, f
}

func runTrack(args []string, stdout, stderr io.Writer) int {
	fs, f := newTrackFlags(stderr)
	files, err := parseCommandFlags(fs, args)
	if err != nil {
		return parseExit(err)
	}
	if len(files) != 1 {
		fmt.Fprintln(stderr, "orderimport track: give exactly one RESULT_FILE (a result sheet of import or retry)")
		return importer.ExitInput
	}
	sum, err := trackWith(f, files[0], stdout, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "orderimport track: %s\n", mapping.ErrorText(err, f.lang.Lang()))
	}
	return trackExit(sum, err)
}

// trackWith checks the files, opens the ledger and runs importer.Track.
func trackWith(f *importFlags, file string, stdout, stderr io.Writer) (*importer.TrackSummary, error) {
	outFlag := "--out"
	if f.out == "" {
		f.out, outFlag = file, ""
	}
	ledgerFile := f.ledger
	if ledgerFile == "" {
		ledgerFile, _ = ledger.DefaultPath()
	}
	files := importer.RunFiles{Input: file, Output: f.out, OutputFlag: outFlag, Ledger: ledgerFile, Mapping: f.mappingFile,
		TokenFile: f.tokenFile, Retry: true}
	if err := files.Check(); err != nil {
		return nil, err
	}
	if err := importer.CheckResultSheet(file); err != nil {
		return nil, err
	}
	level, err := f.level()
	if err != nil {
		return nil, err
	}
	con := importer.NewConsole(stderr, isTerminal(stderr))
	log := newLogger(con, level)
	opts, shutdown, err := importOptions(f, file, log, con)
	if err != nil {
		return nil, err
	}
	defer shutdown()
	ctx, cancel := interruptible(log, con.Terminal())
	defer cancel()
	led, err := ledger.OpenExisting(ctx, f.ledger)
	if errors.Is(err, ledger.ErrNoLedger) {
		return nil, fmt.Errorf("%v: track reads the ids of the rows from the ledger the import wrote; give it with --ledger (or ORDERIMPORT_LEDGER)", err)
	}
	if err != nil {
		return nil, importer.LedgerError(ledgerFile, err)
	}
	defer led.Close()
	opts.Ledger, opts.AccountName, opts.Output = led, f.account, f.out
	sum, err := importer.Track(ctx, opts)
	if sum != nil {
		sum.Print(stdout)
	}
	return sum, err
}

// trackExit is the exit code of a track run.
func trackExit(sum *importer.TrackSummary, err error) int {
	switch {
	case sum == nil:
		return importer.ExitInput
	case sum.Interrupted:
		return importer.ExitInterrupted
	case err != nil && importer.IsInputError(err):
		return importer.ExitInput
	case err != nil:
		return max(sum.ExitCode(), importer.ExitRowsNotOK)
	}
	return sum.ExitCode()
}
