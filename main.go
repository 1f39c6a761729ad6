// Command orderimport turns a merchant's spreadsheet (CSV or XLSX) into orders
// at an order-creation API and writes a result sheet beside it.
//
// This file only wires: subcommands, flags with their environment defaults,
// and exit codes. The work lives in importer/, mapping/ and providers/.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sort"
	"strings"
	"time"

	"golang.org/x/term"

	"orderimport/importer"
	"orderimport/importer/i18n"
	"orderimport/importer/ledger"
	"orderimport/importer/sheet"
	"orderimport/mapping"
	"orderimport/providers"
	"orderimport/providers/all"
	"orderimport/providers/sandbox"
)

const usage = `orderimport turns a spreadsheet of orders into orders at a provider's API.

Usage:
  orderimport import FILE --provider damaijia|openapi [flags]   submit FILE, write FILE.result.*
  orderimport retry RESULT_FILE [same flags as import]          send the rows of a result sheet that
                                                                are not ok; rewrite RESULT_FILE merged
  orderimport track RESULT_FILE --provider damaijia [flags]     write where each created row's package is
                                                                into RESULT_FILE (shipped, courier, number)
  orderimport history [RUN_ID] [--since WHEN] [--json] [--csv FILE]
                                                                list the runs in the ledger, or export one
  orderimport serve [--open] [--sandbox]                        the same as a web page (Chinese first):
                                                                upload, map, check, send, result, history
  orderimport sandbox --provider P [--listen 127.0.0.1:8080]     run the fake API for rehearsals
  orderimport mapping init FILE --provider P                    print a mapping file for FILE's header
  orderimport mapping check FILE --provider P [--mapping M|--preset P]
                                                                show rows as the provider would get them,
                                                                and every row problem of the file
  orderimport help [COMMAND]
  orderimport version                                           print the version and build of this binary

Exit codes: 0 every row ok (or skipped); 1 some row not ok; 2 usage or input
error (nothing sent); 3 the run was stopped (auth, balance, daily limit; the
API not reachable at --base-url, or redirecting elsewhere); 130 interrupted.

The token comes from ORDERIMPORT_TOKEN or --token-file, never from a flag value.

Every row sent is claimed in a ledger before the request leaves and its
outcome recorded, so a re-run, a retry, a killed run or two runs at once never
create an order twice: see --ledger in "orderimport help import".
Run "orderimport help import" for the import flags.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return importer.ExitInput
	}
	switch args[0] {
	case "import":
		return runImport(args[1:], stdout, stderr, false)
	case "retry":
		return runImport(args[1:], stdout, stderr, true)
	case "sandbox":
		return runSandbox(args[1:], stdout, stderr)
	case "track":
		return runTrack(args[1:], stdout, stderr)
	case "history":
		return runHistory(args[1:], stdout, stderr)
	case "serve":
		return runServe(args[1:], stdout, stderr)
	case "mapping":
		return runMapping(args[1:], stdout, stderr)
	case "help", "-h", "--help":
		return runHelp(args[1:], stdout, stderr)
	case "version", "--version", "-version":
		fmt.Fprintln(stdout, versionText())
		return importer.ExitOK
	}
	fmt.Fprintf(stderr, "orderimport: unknown command %q: the commands are %s (\"orderimport help\" describes them)\n",
		args[0], strings.Join(commands, ", "))
	return importer.ExitInput
}

// commands are the subcommands, in the order messages list them.
var commands = []string{"import", "retry", "track", "history", "serve", "sandbox", "mapping", "help", "version"}

func runHelp(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		fs, _ := newImportFlags(io.Discard)
		switch args[0] {
		case "import":
		case "sandbox":
			fs, _ = newSandboxFlags(io.Discard)
		case "track":
			fs, _ = newTrackFlags(io.Discard)
		case "history":
			fs, _ = newHistoryFlags(io.Discard)
		case "serve":
			fs, _ = newServeFlags(io.Discard)
		case "retry":
			setRetryUsage(fs)
		case "mapping":
			setMappingUsage(fs)
		case "help", "version":
			fmt.Fprint(stdout, usage)
			return importer.ExitOK
		default:
			fmt.Fprintf(stderr, "orderimport help: unknown command %q: the commands are %s\n", args[0], strings.Join(commands, ", "))
			return importer.ExitInput
		}
		fs.SetOutput(stdout)
		fs.Usage()
		return importer.ExitOK
	}
	fmt.Fprint(stdout, usage)
	return importer.ExitOK
}

// importFlags are the flags of "orderimport import".
type importFlags struct {
	provider, mappingFile, preset, baseURL, out, sheet string
	tokenFile                                          string
	encoding, delimiter                                string
	sandbox, dryRun                                    bool
	ledger, summaryJSON                                string
	allowDuplicates, resendUnknown                     bool
	account                                            string
	resendRejected                                     bool
	rate                                               float64
	burst, workers, retries, batch, headerRow          int
	maxCell, maxColumns                                int
	maxUnzip                                           int64
	timeout                                            time.Duration
	maxWait                                            time.Duration
	sets                                               multiFlag
	rows                                               int
	quiet                                              bool
	logLevel                                           string
	lang                                               langFlag
}

func newImportFlags(stderr io.Writer) (*flag.FlagSet, *importFlags) {
	f := &importFlags{}
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: orderimport import FILE --provider damaijia|openapi [flags]\n\nFlags:")
		fs.PrintDefaults()
	}
	fs.StringVar(&f.provider, "provider", "", "provider: "+strings.Join(all.Names(), " or ")+" (env ORDERIMPORT_PROVIDER)")
	fs.StringVar(&f.mappingFile, "mapping", "", "mapping file (YAML); default: the provider's built-in mapping (env ORDERIMPORT_MAPPING)")
	fs.StringVar(&f.preset, "preset", "", "built-in mapping for a platform's export: "+strings.Join(mapping.Presets(), ", ")+" (env ORDERIMPORT_PRESET)")
	fs.Var(&f.sets, "set", "constant for a field, FIELD=VALUE, repeatable (e.g. --set product_id=614)")
	fs.BoolVar(&f.sandbox, "sandbox", false, "submit to an in-process fake of the provider's API on loopback; no token needed")
	fs.StringVar(&f.baseURL, "base-url", "", "API base URL; default: the provider's documented host (env ORDERIMPORT_BASE_URL)")
	fs.StringVar(&f.out, "out", "", "result sheet; default: beside the input, NAME.result.xlsx or NAME.result.csv (a --dry-run: NAME.dryrun.xlsx or .csv); never the input, the ledger or the mapping")
	fs.StringVar(&f.tokenFile, "token-file", "", "file holding the API token; default: the env ORDERIMPORT_TOKEN (env ORDERIMPORT_TOKEN_FILE)")
	fs.Float64Var(&f.rate, "rate", 5, "requests per second shared by all workers; 0 = unlimited (env ORDERIMPORT_RATE)")
	fs.IntVar(&f.burst, "burst", 1, "requests that may leave at once (env ORDERIMPORT_BURST)")
	fs.IntVar(&f.workers, "workers", 4, "concurrent requests (env ORDERIMPORT_WORKERS)")
	fs.DurationVar(&f.timeout, "timeout", 30*time.Second, "time limit of one request (env ORDERIMPORT_TIMEOUT)")
	fs.IntVar(&f.retries, "retries", 3, "retries of a transient failure where a retry cannot duplicate (env ORDERIMPORT_RETRIES)")
	fs.DurationVar(&f.maxWait, "max-wait", importer.DefaultMaxWait, "longest pause the provider may ask for (HTTP Retry-After); the rows that would wait longer are failed; 0 = never wait (env ORDERIMPORT_MAX_WAIT)")
	fs.IntVar(&f.batch, "batch", 50, "damaijia: consignees per order at most (env ORDERIMPORT_BATCH)")
	fs.BoolVar(&f.dryRun, "dry-run", false, "read, map, validate and write the result sheet; send nothing (the ledger is not written)")
	fs.StringVar(&f.ledger, "ledger", "", "ledger database (SQLite) of every row sent; default: "+ledgerDefaultDoc+"; --sandbox runs use a throwaway one unless this is given (env ORDERIMPORT_LEDGER)")
	fs.BoolVar(&f.allowDuplicates, "allow-duplicates", false, "send rows the ledger knows as created, and repeated rows of one file, again")
	fs.BoolVar(&f.resendUnknown, "resend-unknown", false, "openapi: resend orders whose earlier answer was lost (may create a second order)")
	fs.StringVar(&f.account, "account", "", "the account's name in the ledger; default: the base URL's host (lower case, default port dropped, localhost = 127.0.0.1 = ::1) (env ORDERIMPORT_ACCOUNT)")
	fs.BoolVar(&f.resendRejected, "resend-rejected", false, "send again rows the provider refused although they have not changed since")
	fs.StringVar(&f.summaryJSON, "summary-json", "", "write a JSON summary (counts per status, amount, run id, elapsed, rate, exit code) to this file (env ORDERIMPORT_SUMMARY_JSON)")
	fs.StringVar(&f.sheet, "sheet", "", "XLSX sheet name or 1-based index; default: the first visible sheet with data")
	fs.IntVar(&f.headerRow, "header-row", 0, "row number of the header; default: found by matching the mapping's header names")
	fs.StringVar(&f.encoding, "encoding", "", "CSV encoding: utf-8, gb18030 (gbk), utf-16le, utf-16be; default: detected")
	fs.StringVar(&f.delimiter, "delimiter", "", `CSV delimiter: ",", ";", "|" or "tab"; default: detected`)
	fs.IntVar(&f.maxCell, "max-cell", 0, "longest cell accepted, in bytes; default 32767 (Excel's limit)")
	fs.IntVar(&f.maxColumns, "max-columns", 0, "most columns accepted; default 1000")
	fs.Int64Var(&f.maxUnzip, "max-unzip", 0, "XLSX: most bytes accepted after decompression; default 1 GiB")
	fs.StringVar(&f.logLevel, "log", "info", "log lines written to stderr: debug, info, warn or error (env ORDERIMPORT_LOG)")
	fs.BoolVar(&f.quiet, "quiet", false, "log only warnings and errors, no progress (same as --log warn); the summary still goes to stdout")
	addLangFlag(fs, &f.lang)
	return fs, f
}

func runImport(args []string, stdout, stderr io.Writer, retry bool) int {
	fs, f := newImportFlags(stderr)
	name := "import"
	if retry {
		name = "retry"
		fs.Init(name, flag.ContinueOnError)
		setRetryUsage(fs)
	}
	files, err := parseCommandFlags(fs, args)
	if err != nil {
		return parseExit(err)
	}
	if len(files) != 1 {
		fmt.Fprintf(stderr, "orderimport %s: give exactly one input FILE\n", name)
		return importer.ExitInput
	}
	if err := checkFiles(f, files[0], retry); err != nil {
		fmt.Fprintf(stderr, "orderimport %s: %s\n", name, mapping.ErrorText(err, f.lang.Lang()))
		return importer.ExitInput
	}
	level, err := f.level()
	if err != nil {
		fmt.Fprintf(stderr, "orderimport: %v\n", err)
		return importer.ExitInput
	}
	con := importer.NewConsole(stderr, isTerminal(stderr))
	log := newLogger(con, level)
	start := time.Now()
	code, sum, err := importWith(f, files[0], retry, log, stdout, con)
	if err != nil {
		fmt.Fprintf(stderr, "orderimport: %s\n", mapping.ErrorText(err, f.lang.Lang()))
	}
	if f.summaryJSON != "" {
		if sum == nil {
			sum = knownSummary(f, files[0], retry)
		}
		if sum.Elapsed == 0 {
			sum.Elapsed = time.Since(start)
		}
		if werr := importer.WriteSummaryJSON(f.summaryJSON, sum.JSON(code, err)); werr != nil {
			fmt.Fprintf(stderr, "orderimport: --summary-json: %v\n", werr)
		}
	}
	return code
}

// setRetryUsage gives the import flags the usage text of "retry".
func setRetryUsage(fs *flag.FlagSet) {
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: orderimport retry RESULT_FILE --provider damaijia|openapi [flags]\n\n"+
			"Sends the rows of a result sheet that are not ok (the merchant may have fixed them) and rewrites\n"+
			"RESULT_FILE (or --out) with every row: ok rows kept as they were, the others with their new result.\n\nFlags:")
		fs.PrintDefaults()
	}
}

// importWith runs one import and returns its exit code, summary and error.
func importWith(f *importFlags, file string, retry bool, log *slog.Logger, stdout io.Writer, con *importer.Console) (int, *importer.Summary, error) {
	if retry {
		if err := importer.CheckResultSheet(file); err != nil {
			return importer.ExitInput, nil, err
		}
	}
	opts, shutdown, err := importOptions(f, file, log, con)
	if err != nil {
		return importer.ExitInput, nil, err
	}
	defer shutdown()
	ctx, cancel := interruptible(log, con.Terminal())
	defer cancel()
	var led *ledger.Ledger
	closeLedger := func(int) {}
	if !f.dryRun {
		if led, closeLedger, err = ledger.OpenRun(ctx, f.ledger, f.sandbox && f.ledger == "", file, log); err != nil {
			return importer.ExitInput, nil, importer.LedgerError(ledgerPath(f), err)
		}
	}
	opts.Ledger, opts.Retry = led, retry
	opts.AllowDuplicates, opts.ResendUnknown = f.allowDuplicates, f.resendUnknown
	opts.AccountName, opts.ResendRejected = f.account, f.resendRejected
	if f.resendUnknown && !f.dryRun {
		log.Warn("--resend-unknown: orders whose earlier answer was lost are sent again; " +
			"any of them the provider did create will exist twice (the storefront API cannot tell)")
	}
	sum, err := importer.Run(ctx, opts)
	code := exitCode(sum, err)
	closeLedger(code)
	if sum == nil {
		return code, importer.StartSummary(opts), err
	}
	sum.Print(stdout)
	return code, sum, err
}

// knownSummary is the summary of a run that ended before it began: what
// the command line said, for --summary-json.
func knownSummary(f *importFlags, file string, retry bool) *importer.Summary {
	provider := f.provider
	if entry, err := all.Lookup(f.provider); err == nil {
		provider = entry.Name
	}
	return &importer.Summary{Input: file, Provider: provider, DryRun: f.dryRun, Retry: retry,
		Counts: map[importer.Status]int{}}
}

// exitCode maps a run's summary and error to the process exit code.
func exitCode(sum *importer.Summary, err error) int { return importer.RunExitCode(sum, err) }

// importOptions turns the flags into importer options, starting the
// in-process sandbox when asked. shutdown stops it.
func importOptions(f *importFlags, file string, log *slog.Logger, con *importer.Console) (importer.Options, func(), error) {
	nothing := func() {}
	entry, err := all.Lookup(f.provider)
	if err != nil {
		return importer.Options{}, nothing, err
	}
	m, err := loadMapping(f, entry.Name)
	if err != nil {
		return importer.Options{}, nothing, err
	}
	ro, err := f.readOptions()
	if err != nil {
		return importer.Options{}, nothing, err
	}
	cfg := providers.Config{BaseURL: f.baseURL, UserAgent: "orderimport"}
	shutdown := nothing
	if cfg.BaseURL == "" {
		cfg.BaseURL = entry.DefaultBaseURL
	}
	switch {
	case f.dryRun:
		// Nothing is sent: no token, no server needed; the client only
		// needs a placeholder to be built.
		cfg.Token = "dry-run"
	case f.sandbox:
		cfg.Token = sandboxToken()
		sb, err := sandbox.Listen("127.0.0.1:0", sandbox.Options{Token: cfg.Token})
		if err != nil {
			return importer.Options{}, nothing, err
		}
		cfg.BaseURL, shutdown = sb.URL, func() { _ = sb.Close() }
		log.Info("sandbox started", "provider", entry.Name, "base_url", cfg.BaseURL)
	default:
		if cfg.Token, err = readToken(f.tokenFile); err != nil {
			return importer.Options{}, nothing, err
		}
		if providers.PlainHTTPRemote(cfg.BaseURL) {
			log.Warn("the token is sent over plain HTTP (not encrypted) to another machine: anyone on the way can read it; "+
				"use an https:// --base-url if the provider offers one", "base_url", cfg.BaseURL)
		}
	}
	maxWait, err := maxWaitOption(f.maxWait)
	if err != nil {
		shutdown()
		return importer.Options{}, nothing, err
	}
	prov, err := entry.New(cfg, f.batch)
	if err != nil && f.dryRun {
		prov, err = offlineProvider(entry, f.batch)
	}
	if err != nil {
		shutdown()
		return importer.Options{}, nothing, err
	}
	return importer.Options{
		Input: file, Output: f.out, ProviderName: entry.Name, Provider: prov, Mapping: m, Account: cfg.BaseURL,
		Read: ro, Recognise: f.mappingFile == "" && f.preset == "",
		DryRun: f.dryRun, Workers: f.workers, Rate: f.rate, Burst: f.burst, Timeout: f.timeout, Retries: f.retries, MaxWait: maxWait,
		Log: log, Lang: f.lang.Lang(),
		Progress: func(total int) importer.Progress {
			return con.Progress(total, log, 5*time.Second)
		},
	}, shutdown, nil
}

// maxWaitOption turns --max-wait into importer.Options.MaxWait: 0 on the
// command line means never wait.
func maxWaitOption(d time.Duration) (time.Duration, error) {
	switch {
	case d < 0:
		return 0, fmt.Errorf("--max-wait %s: want 0 (never wait) or more", d)
	case d == 0:
		return -1, nil
	}
	return d, nil
}

// sandboxToken is the token of a sandbox: ORDERIMPORT_SANDBOX_TOKEN or
// sandbox.DefaultToken, for "orderimport sandbox" and --sandbox alike.
func sandboxToken() string {
	if t := strings.TrimSpace(os.Getenv(sandboxTokenEnv)); t != "" {
		return t
	}
	return sandbox.DefaultToken
}

// sandboxTokenEnv names the environment variable of the sandbox's token.
const sandboxTokenEnv = "ORDERIMPORT_SANDBOX_TOKEN"

func loadMapping(f *importFlags, provider string) (*mapping.Mapping, error) {
	var m *mapping.Mapping
	var err error
	switch {
	case f.mappingFile != "" && f.preset != "":
		return nil, errors.New("give --mapping or --preset, not both")
	case f.mappingFile != "":
		m, err = mapping.Load(f.mappingFile)
	case f.preset != "":
		m, err = mapping.Preset(f.preset)
	default:
		m, err = mapping.Default(provider)
	}
	if err != nil {
		return nil, err
	}
	if m.Provider != "" && m.Provider != provider {
		return nil, fmt.Errorf("%s is written for provider %s, not %s", m.Name, m.Provider, provider)
	}
	for _, s := range f.sets {
		field, value, ok := strings.Cut(s, "=")
		if !ok || strings.TrimSpace(field) == "" {
			return nil, fmt.Errorf("--set %q: want FIELD=VALUE", s)
		}
		m.Set(strings.TrimSpace(field), value)
	}
	return m, nil
}

// offlineProvider builds a provider that is never sent to: a dry run and
// the mapping commands need its fields and grouping only, not its host or
// token.
func offlineProvider(entry all.Entry, batch int) (providers.Provider, error) {
	return entry.New(providers.Config{BaseURL: "http://offline.invalid", Token: "offline"}, batch)
}

// readOptions are the reading flags shared by import and mapping.
func (f *importFlags) readOptions() (sheet.Options, error) {
	delim, err := parseDelimiter(f.delimiter)
	return sheet.Options{Sheet: f.sheet, HeaderRow: f.headerRow, Encoding: f.encoding, Delimiter: delim,
		MaxCellBytes: f.maxCell, MaxColumns: f.maxColumns, MaxUnzipBytes: f.maxUnzip}, err
}

// readToken reads the API token from --token-file or ORDERIMPORT_TOKEN. The
// token itself never appears in an error.
func readToken(file string) (string, error) {
	if file != "" {
		b, err := os.ReadFile(file)
		if err != nil {
			return "", fmt.Errorf("--token-file: %w", err)
		}
		if t := strings.TrimSpace(string(b)); t != "" {
			return t, nil
		}
		return "", fmt.Errorf("--token-file %s is empty", file)
	}
	if t := strings.TrimSpace(os.Getenv("ORDERIMPORT_TOKEN")); t != "" {
		return t, nil
	}
	return "", errors.New("no API token: set ORDERIMPORT_TOKEN or pass --token-file FILE (or rehearse with --sandbox or --dry-run)")
}

// newSandboxFlags are the flags of "orderimport sandbox".
func newSandboxFlags(stderr io.Writer) (*flag.FlagSet, *sandboxFlags) {
	f := &sandboxFlags{}
	fs := flag.NewFlagSet("sandbox", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: orderimport sandbox [--provider P] [--listen ADDR] [--token T]\n\n"+
			"Serves a fake of both APIs (the provider flag only names the one you rehearse), on loopback unless\n"+
			"--listen says otherwise. Only requests with the token are served; import against it with\n"+
			"ORDERIMPORT_TOKEN set to that token and --base-url the URL it prints. GET "+sandbox.StatsPath+" answers its\n"+
			"counters as JSON; they are printed when it stops (Ctrl-C). damaijia's get_packages_status answers the\n"+
			"packages of the consignees it created: shipped --ship-after their order, or at once by POST "+sandbox.ShipPath+".\n\nFlags:")
		fs.PrintDefaults()
	}
	fs.StringVar(&f.provider, "provider", "", "provider to rehearse (informational: both APIs are served)")
	fs.StringVar(&f.listen, "listen", "127.0.0.1:8080", "address to listen on; any but a loopback address is warned about")
	fs.StringVar(&f.token, "token", "", "the one token accepted; default "+sandbox.DefaultToken+" (env "+sandboxTokenEnv+")")
	fs.StringVar(&f.forbidden, "forbidden", "", "comma-separated provinces answered as forbidden zones (msg_code 2001)")
	fs.DurationVar(&f.latency, "latency", 0, "delay before each answer")
	fs.Float64Var(&f.fail5xx, "fail-5xx", 0, "share of requests answered HTTP 502 (an HTML gateway page)")
	fs.Float64Var(&f.fail429, "fail-429", 0, "share of requests answered HTTP 429 with Retry-After: 1")
	fs.Float64Var(&f.dropBefore, "drop-before", 0, "share of connections dropped before the order is created")
	fs.Float64Var(&f.dropAfter, "drop-after", 0, "share of connections dropped after the order is created")
	fs.Int64Var(&f.seed, "seed", 1, "random seed of the injected faults")
	fs.DurationVar(&f.shipAfter, "ship-after", time.Minute, "damaijia: a package awaiting shipment ships this long after its order was created "+
		"(get_packages_status answers s, with a courier and a tracking number); 0 = only when POST "+sandbox.ShipPath+" ships it")
	return fs, f
}

type sandboxFlags struct {
	provider, listen, token, forbidden      string
	latency, shipAfter                      time.Duration
	fail5xx, fail429, dropBefore, dropAfter float64
	seed                                    int64
}

func runSandbox(args []string, stdout, stderr io.Writer) int {
	fs, f := newSandboxFlags(stderr)
	if rest, err := parseInterspersed(fs, args); err != nil || len(rest) > 0 {
		if err == nil {
			fmt.Fprintf(stderr, "orderimport sandbox: unexpected argument %q\n", rest[0])
		}
		return parseExit(err)
	}
	if f.provider != "" {
		if _, err := all.Lookup(f.provider); err != nil {
			fmt.Fprintf(stderr, "orderimport sandbox: %v\n", err)
			return importer.ExitInput
		}
	}
	if f.token = strings.TrimSpace(f.token); f.token == "" {
		f.token = sandboxToken()
	}
	opts := sandbox.Options{Token: f.token, Latency: f.latency, Seed: f.seed,
		Fail5xx: f.fail5xx, Fail429: f.fail429, DropBefore: f.dropBefore, DropAfter: f.dropAfter, ShipAfter: f.shipAfter}
	if f.forbidden != "" {
		opts.ForbiddenProvinces = strings.Split(f.forbidden, ",")
	}
	ctx, cancel := interruptible(slog.New(slog.DiscardHandler), isTerminal(stderr)) // the first Ctrl-C stops the server
	defer cancel()
	srv := sandbox.New(opts)
	err := srv.Serve(ctx, f.listen, func(url string) {
		// Warned once the address is bound: a bad address is one error line.
		if !sandbox.LoopbackOnly(f.listen) {
			fmt.Fprintf(stderr, "WARNING: the sandbox listens on %s, which other machines may reach; it is a fake that answers "+
				"as a real API would. Listen on 127.0.0.1 unless you mean it%s.\n", f.listen, defaultTokenNote(f.token))
		}
		fmt.Fprintf(stdout, "sandbox listening on %s (damaijia and openapi endpoints; token %s; counters at %s%s); Ctrl-C stops it\n",
			url, tokenDoc(f.token), url, sandbox.StatsPath)
	})
	if err != nil {
		fmt.Fprintf(stderr, "orderimport sandbox: %s\n", strings.TrimPrefix(err.Error(), "sandbox: "))
		return importer.ExitInput
	}
	fmt.Fprintf(stdout, "sandbox stopped: %s\n", srv.Stats())
	return importer.ExitOK
}

// tokenDoc says which token a sandbox accepts without printing one that was
// given (it may be a real one by mistake).
func tokenDoc(token string) string {
	if token == sandbox.DefaultToken {
		return "the default " + sandbox.DefaultToken
	}
	return "from --token or " + sandboxTokenEnv
}

// defaultTokenNote warns that the default token is public.
func defaultTokenNote(token string) string {
	if token != sandbox.DefaultToken {
		return ""
	}
	return ", and give it a token of your own (--token or " + sandboxTokenEnv + "): the default " + sandbox.DefaultToken + " is public"
}

// interruptible returns a context cancelled by the first Ctrl-C or SIGTERM
// (importer.StopOnSignal): later SIGTERMs are the same stop; a second
// Ctrl-C at a terminal, a second or more after the first, exits at once.
func interruptible(log *slog.Logger, stderrTTY bool) (context.Context, context.CancelFunc) {
	tty := isTerminal(os.Stdin) || stderrTTY
	return importer.StopOnSignal(log, tty, func() { os.Exit(importer.ExitInterrupted) })
}

// newLogger writes log lines of level and above to w (the console, which
// keeps them off the progress bar's line).
func newLogger(w io.Writer, level slog.Level) *slog.Logger {
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: level}))
}

// level is the log level --log and --quiet ask for.
func (f *importFlags) level() (slog.Level, error) {
	if f.quiet {
		return slog.LevelWarn, nil
	}
	var l slog.Level
	if err := l.UnmarshalText([]byte(f.logLevel)); err != nil {
		return 0, fmt.Errorf("--log %q: want debug, info, warn or error", f.logLevel)
	}
	return l, nil
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// parseInterspersed parses flags that may stand before or after the
// positional arguments ("import FILE --provider P"). A bad flag is reported
// on one line (see flagProblem), not with the whole help.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	out := fs.Output()
	fs.SetOutput(io.Discard) // the flag package prints the error and the whole help
	defer fs.SetOutput(out)
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, flagProblem(fs, out, err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

func parseDelimiter(s string) (rune, error) {
	switch s {
	case "":
		return 0, nil
	case "tab", `\t`, "\t":
		return '\t', nil
	case ",", ";", "|":
		return rune(s[0]), nil
	}
	return 0, fmt.Errorf("--delimiter %q: want \",\", \";\", \"|\" or tab", s)
}

// multiFlag collects a repeatable string flag.
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(s string) error { *m = append(*m, s); return nil }

// ledgerDefaultDoc says in help where the ledger lives by default.
const ledgerDefaultDoc = "$XDG_STATE_HOME/orderimport/ledger.db or ~/.local/state/orderimport/ledger.db on Linux, " +
	"%AppData%\\orderimport\\ledger.db on Windows, ~/Library/Application Support/orderimport/ledger.db on macOS"

// setMappingUsage gives the import flags the usage text of "mapping".
func setMappingUsage(fs *flag.FlagSet) {
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage:\n"+
			"  orderimport mapping init FILE --provider P    print a mapping file for FILE's header: each field\n"+
			"                                                 matched to a column, or marked MISSING\n"+
			"  orderimport mapping check FILE --provider P [--mapping M | --preset NAME] [--set F=V] [--rows N]\n"+
			"                                                 print the first rows as the provider would receive\n"+
			"                                                 them, and every row problem of the whole file\n"+
			"Exit codes: 0 fine; 1 some row is invalid (check); 2 usage or input error.\n\nFlags (the reading ones apply):")
		fs.PrintDefaults()
	}
}

// runMapping runs "mapping init" and "mapping check".
func runMapping(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || (args[0] != "init" && args[0] != "check") {
		fmt.Fprintln(stderr, `orderimport mapping: want "mapping init FILE --provider P" or "mapping check FILE --provider P"`)
		return importer.ExitInput
	}
	fs, f := newImportFlags(stderr)
	fs.Init("mapping", flag.ContinueOnError)
	setMappingUsage(fs)
	fs.IntVar(&f.rows, "rows", 5, "check: rows to print in full")
	files, err := parseCommandFlags(fs, args[1:])
	if err != nil {
		return parseExit(err)
	}
	if len(files) != 1 {
		fmt.Fprintf(stderr, "orderimport mapping %s: give exactly one FILE\n", args[0])
		return importer.ExitInput
	}
	if err := mappingCommand(args[0], f, files[0], stdout); err != nil {
		if errors.Is(err, errRowsInvalid) {
			fmt.Fprintf(stderr, "orderimport: %s\n", i18n.Sprintf(f.lang.Lang(), i18n.CheckRowsInvalid))
			return importer.ExitRowsNotOK
		}
		fmt.Fprintf(stderr, "orderimport: %s\n", mapping.ErrorText(err, f.lang.Lang()))
		return importer.ExitInput
	}
	return importer.ExitOK
}

// errRowsInvalid: "mapping check" found rows that would not be sent.
var errRowsInvalid = errors.New("some rows are invalid: see above")

// mappingCommand runs "mapping init" or "mapping check" on file.
func mappingCommand(cmd string, f *importFlags, file string, stdout io.Writer) error {
	entry, err := all.Lookup(f.provider)
	if err != nil {
		return err
	}
	prov, err := offlineProvider(entry, f.batch)
	if err != nil {
		return err
	}
	ro, err := f.readOptions()
	if err != nil {
		return err
	}
	if cmd == "init" {
		return importer.InitMapping(stdout, file, ro, entry.Name, prov)
	}
	m, err := loadMapping(f, entry.Name)
	if err != nil {
		return err
	}
	o := importer.Options{Input: file, Read: ro, Mapping: m, Recognise: f.mappingFile == "" && f.preset == "",
		ProviderName: entry.Name, Provider: prov, Log: newLogger(io.Discard, slog.LevelInfo), Lang: f.lang.Lang()}
	sum, err := importer.CheckMapping(context.Background(), stdout, o, f.rows)
	if err != nil {
		return err
	}
	if sum.Invalid > 0 {
		return errRowsInvalid
	}
	return nil
}

// importEnv names the environment variable behind each import flag: an
// operator's cron sets them once; a flag on the command line wins.
var importEnv = map[string]string{
	"account":      "ORDERIMPORT_ACCOUNT",
	"base-url":     "ORDERIMPORT_BASE_URL",
	"log":          "ORDERIMPORT_LOG",
	"batch":        "ORDERIMPORT_BATCH",
	"max-wait":     "ORDERIMPORT_MAX_WAIT",
	"burst":        "ORDERIMPORT_BURST",
	"ledger":       "ORDERIMPORT_LEDGER",
	"mapping":      "ORDERIMPORT_MAPPING",
	"preset":       "ORDERIMPORT_PRESET",
	"provider":     "ORDERIMPORT_PROVIDER",
	"rate":         "ORDERIMPORT_RATE",
	"retries":      "ORDERIMPORT_RETRIES",
	"summary-json": "ORDERIMPORT_SUMMARY_JSON",
	"timeout":      "ORDERIMPORT_TIMEOUT",
	"token-file":   "ORDERIMPORT_TOKEN_FILE",
	"lang":         "ORDERIMPORT_LANG",
	"workers":      "ORDERIMPORT_WORKERS",
}

// applyEnv sets every flag that the command line did not give from its
// environment variable, parsed like the flag itself, so a bad value is an
// error naming the variable instead of a silent default. It returns the
// flags it set, with their variables.
func applyEnv(fs *flag.FlagSet, vars map[string]string) (map[string]string, error) {
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	names := make([]string, 0, len(vars))
	for name := range vars {
		names = append(names, name)
	}
	sort.Strings(names)
	set := map[string]string{}
	for _, name := range names {
		v, ok := os.LookupEnv(vars[name])
		if !ok || v == "" || given[name] {
			continue
		}
		if err := fs.Set(name, v); err != nil {
			return nil, fmt.Errorf("%s=%q: %v", vars[name], v, err)
		}
		set[name] = vars[name]
	}
	return set, nil
}
