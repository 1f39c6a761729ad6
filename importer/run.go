package importer

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"orderimport/importer/i18n"
	"orderimport/importer/internal/atomicfile"
	"orderimport/importer/ledger"
	"orderimport/importer/sheet"
	"orderimport/mapping"
	"orderimport/providers"
)

// Options configure one import run.
type Options struct {
	// Input is the spreadsheet to import; Read says how to read it.
	Input string
	Read  sheet.Options
	// Output is the result sheet path; "" means DefaultOutput(Input, false,
	// DryRun).
	Output string

	// ProviderName names the provider in messages.
	ProviderName string
	Provider     providers.Provider
	Mapping      *mapping.Mapping
	// Recognise says Mapping is the provider's built-in mapping (no
	// --mapping, no --preset): a preset that recognises the file's header
	// replaces it (see recognise).
	Recognise bool

	// DryRun reads, maps, validates and writes the result sheet; it sends
	// nothing.
	DryRun bool
	// Retry marks a run of "orderimport retry" (its summary says so).
	Retry bool
	// Workers is the number of concurrent requests.
	Workers int
	// Rate is the request limit per second shared by all workers; 0 means
	// unlimited. Burst is how many requests may leave at once (default 1).
	Rate  float64
	Burst int
	// Timeout bounds each request attempt.
	Timeout time.Duration
	// Retries is how many times a transient failure is retried.
	Retries int
	// MaxWait is the longest pause a provider may ask for (HTTP
	// Retry-After); the orders that would wait longer fail instead. 0
	// means DefaultMaxWait; a negative value means never wait.
	MaxWait time.Duration
	// Backoff gives the wait before retry attempt n; nil means exponential
	// from 500ms to 30s with jitter.
	Backoff func(attempt int) time.Duration
	// IDs allocates provider-side order and row ids when Ledger is nil;
	// nil means NewClockIDs.
	IDs IDSource

	// Ledger, when set, is claimed before every request and records every
	// outcome: rows known as done are skipped, rows a live run holds are
	// skipped, open claims of dead runs are finished (idempotent providers)
	// or reported unknown. Its run must have been begun (BeginRun). nil
	// means no protection across runs.
	Ledger *ledger.Ledger
	// Account is the base URL the run sends to: its canonical host names
	// the provider account in the ledger unless AccountName is set.
	Account string
	// AccountName names the account in the ledger (--account); "" means
	// the canonical host of Account (ledger.NewAccount).
	AccountName string
	// AllowDuplicates sends rows again that the ledger knows as ok, and
	// sends duplicate rows inside one file.
	AllowDuplicates bool
	// ResendUnknown sends again rows whose outcome is unknown at a
	// non-idempotent provider, at the risk of a second order.
	ResendUnknown bool
	// ResendRejected sends again rows the provider refused although they
	// have not changed since.
	ResendRejected bool

	// Log receives progress and problems; nil discards them.
	Log *slog.Logger
	// Progress shows rows done; nil means none.
	Progress func(total int) Progress
	// Window bounds the rows held in memory between reading and writing;
	// 0 means 8192.
	Window int
	// Lang is the language of what the merchant reads: the summary and the
	// messages of the result sheet's error column (its column names and
	// status values stay as they are). "" means i18n.Default.
	Lang i18n.Lang
}

// Run imports o.Input. It returns the summary of the run, or an error when
// nothing could be done (an input, mapping or output problem: nothing was
// sent). Cancelling ctx stops dispatching: requests under way are answered,
// the remaining rows become not_sent, and the summary says Interrupted.
func Run(ctx context.Context, o Options) (*Summary, error) {
	o.setDefaults()
	start := time.Now()
	in, mapper, err := openMapped(&o)
	if err != nil {
		return nil, err
	}
	defer in.Close()

	typed := isXLSX(o.Input)
	ev := newNumberEvidence(mapper, typed, o.Log, scanEvidence(o))
	if ev != nil {
		mapper = mapper.WithEvidence(ev)
	}
	total, widest := -1, -1
	if !o.DryRun {
		// Check the whole file before anything is sent: a broken line at the
		// end must not leave half the file submitted.
		if total, widest, err = precheck(o, mapper, ev); err != nil {
			return nil, err
		}
	}
	for _, name := range atomicfile.RemoveStale(o.Output) {
		o.Log.Info("removed a temporary file a killed run left", "file", name)
	}
	// Registering the account is a moment's local work: a stop that came
	// before it still gets the result sheet, every row not_sent.
	acct, err := useAccount(context.WithoutCancel(ctx), o)
	if err != nil {
		return nil, err
	}
	out, err := createResult(o.Output, isTracked(in), o.Lang)
	if err != nil {
		return nil, err
	}
	out.SetLayout(resultLayout(o, in, widest))
	if err := out.WriteHeader(in.Header()); err != nil {
		out.Close()
		return nil, err // the writers name the sheet
	}

	r := newRun(ctx, o, in, mapper, out, total)
	r.ns, r.ident.ns, r.ident.legacy = acct.ns, acct.ns, acct.legacy
	r.ev, r.typed = ev, typed
	r.recoverOpen()
	readErr := r.readAll()
	sum := r.finish()
	if sum.Rows == 0 && readErr == nil && !sum.Interrupted {
		// A dry run finds an empty file only now (a real run in precheck).
		readErr = noRows(in)
	}
	// The input is closed before the result sheet is renamed into place, so
	// a result sheet may replace the sheet it was read from (retry).
	in.Close()
	sum.Elapsed = time.Since(start)
	noteRun(ctx, o, sum)
	if err := errors.Join(r.seqErr, out.Close()); err != nil {
		if sum.Fatal != nil {
			o.Log.Error("the result sheet was not written", "err", err)
			return sum, readErr
		}
		return sum, &ResultSheetError{Err: err, Sent: sum.Requests > 0}
	}
	return sum, readErr
}

// noteRun records in the ledger what the run did (its history: see
// "orderimport history"); a failure is logged, the run's outcome stands.
func noteRun(ctx context.Context, o Options, sum *Summary) {
	if o.Ledger == nil || o.DryRun {
		return
	}
	out, err := filepath.Abs(o.Output)
	if err != nil {
		out = o.Output
	}
	counts := make(map[string]int, len(sum.Counts))
	for st, n := range sum.Counts {
		counts[string(st)] = n
	}
	note := ledger.RunNote{Output: out, Rows: sum.Rows, Counts: counts, Interrupted: sum.Interrupted}
	if err := o.Ledger.NoteRun(context.WithoutCancel(ctx), note); err != nil {
		o.Log.Error("the run's history was not recorded in the ledger", "err", err)
	}
}

// ResultSheetError is a failure to write the result sheet (its message
// names the sheet). Once requests were sent it is no input error (exit 1,
// not 2: something was sent); the ledger holds every outcome, and a re-run
// writes the sheet, skipping the rows done.
type ResultSheetError struct {
	Err  error
	Sent bool // requests were sent before the failure
}

func (e *ResultSheetError) Error() string { return e.Err.Error() }

// Unwrap returns the cause.
func (e *ResultSheetError) Unwrap() error { return e.Err }

func (o *Options) setDefaults() {
	if o.Output == "" {
		o.Output = DefaultOutput(o.Input, false, o.DryRun)
	}
	if o.Workers <= 0 {
		o.Workers = 4
	}
	if o.Timeout <= 0 {
		o.Timeout = 30 * time.Second
	}
	if o.MaxWait == 0 {
		o.MaxWait = DefaultMaxWait
	}
	if o.Backoff == nil {
		o.Backoff = ExpBackoff(500*time.Millisecond, 30*time.Second)
	}
	if o.IDs == nil {
		o.IDs = NewClockIDs()
	}
	if o.Log == nil {
		o.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if o.Progress == nil {
		o.Progress = func(int) Progress { return nopProgress{} }
	}
	if o.Window <= 0 {
		o.Window = 1 << 13
	}
	if o.ProviderName == "" {
		o.ProviderName = "the provider"
	}
}

// openMapped opens the input and compiles the mapping against its header.
func openMapped(o *Options) (sheet.Input, *mapping.Mapper, error) {
	in, err := openStripped(o.Input, readOptions(*o))
	if err != nil {
		return nil, nil, err
	}
	if note, err := o.recognise(in.Name(), in.Header(), in.HeaderLine()); err != nil {
		in.Close()
		return nil, nil, err
	} else if note != "" {
		o.Log.Info(note, "file", in.Name())
	}
	mapper, err := o.Mapping.Compile(in.Header(), o.Provider.Fields())
	if err != nil {
		in.Close()
		return nil, nil, &HeaderRowError{File: in.Name(), Line: in.HeaderLine(), Err: err}
	}
	warnSkipColumns(o.Log, in.Name(), mapper)
	return in, mapper, nil
}

// readOptions completes o.Read with what the mapping knows of the header.
func readOptions(o Options) sheet.Options {
	ro := o.Read
	if ro.IsHeader == nil {
		ro.IsHeader = headerFinder(&o)
	}
	if ro.ExpectedHeaders == nil {
		ro.ExpectedHeaders = o.Mapping.PrimaryHeaderNames()
	}
	return ro
}

// noRows is the input error of a file with a header and no data rows.
func noRows(in sheet.Input) error {
	file, sheetName, _ := strings.Cut(in.Name(), ", sheet ")
	return &sheet.Error{File: file, Sheet: sheetName, Line: in.HeaderLine(),
		Err: sheet.NewReason(i18n.SheetNoRows)}
}

// precheck reads the whole input once and returns its row count and the
// cells of its widest row, or the first problem that makes the file
// unreadable. It notes every row's evidence of long numbers in ev (nil:
// none).
func precheck(o Options, mapper *mapping.Mapper, ev *numberEvidence) (rows, widest int, err error) {
	in, err := openStripped(o.Input, readOptions(o))
	if err != nil {
		return 0, 0, err
	}
	defer in.Close()
	n := 0
	for {
		row, err := in.Next()
		if errors.Is(err, io.EOF) && n == 0 {
			return 0, 0, noRows(in)
		}
		if errors.Is(err, io.EOF) {
			if ev != nil {
				ev.finish()
			}
			return n, widest, nil
		}
		if err != nil {
			return n, widest, err
		}
		if ev != nil {
			ev.note(row)
		}
		n++
		widest = max(widest, sheet.RowWidth(row.Cells))
	}
}

// IsInputError reports whether err is a problem with the input or the
// mapping (exit code 2: nothing was sent).
func IsInputError(err error) bool {
	var ie *sheet.Error
	var he *mapping.HeaderError
	var pe *os.PathError
	var fe *FileError
	var rs *ResultSheetError
	if errors.As(err, &rs) {
		return !rs.Sent
	}
	return errors.As(err, &ie) || errors.As(err, &he) || errors.As(err, &pe) || errors.As(err, &fe)
}

// HeaderRowError is a file whose header the mapping cannot use (a
// *mapping.HeaderError, or a mapping problem found against the header).
type HeaderRowError struct {
	File string
	Line int // the header's row
	Err  error
}

// Error returns "orders.csv: header row 1: ..." in English.
func (e *HeaderRowError) Error() string { return e.Text(i18n.En) }

// Text returns the problem in language l (the mapping's hints and lacks
// in l when it gives them in both languages, else as written).
func (e *HeaderRowError) Text(l i18n.Lang) string {
	return i18n.Sprintf(l, i18n.HdrAt, e.File, e.Line, mapping.ErrorText(e.Err, l))
}

// Unwrap returns the mapping's error.
func (e *HeaderRowError) Unwrap() error { return e.Err }
