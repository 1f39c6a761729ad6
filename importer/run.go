// Package importer reads a merchant's spreadsheet, maps and groups its rows
// into orders, submits them through a rate-limited worker pool and writes a
// result sheet with every input row in input order.
package importer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"time"

	"orderimport/importer/ledger"
	"orderimport/mapping"
	"orderimport/providers"
)

// Options configure one import run.
type Options struct {
	// Input is the spreadsheet to import; Read says how to read it.
	Input string
	Read  ReadOptions
	// Output is the result sheet path; "" means ResultPath(Input).
	Output string

	// ProviderName names the provider in messages.
	ProviderName string
	Provider     providers.Provider
	Mapping      *mapping.Mapping

	// DryRun reads, maps, validates and writes the result sheet; it sends
	// nothing.
	DryRun bool
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
	// Account names the provider account in ledger keys: the base URL.
	Account string
	// AllowDuplicates sends rows again that the ledger knows as ok, and
	// sends duplicate rows inside one file.
	AllowDuplicates bool
	// ResendUnknown sends again rows whose outcome is unknown at a
	// non-idempotent provider, at the risk of a second order.
	ResendUnknown bool

	// Log receives progress and problems; nil discards them.
	Log *slog.Logger
	// Progress shows rows done; nil means none.
	Progress func(total int) Progress
	// Window bounds the rows held in memory between reading and writing;
	// 0 means 8192.
	Window int
}

// Run imports o.Input. It returns the summary of the run, or an error when
// nothing could be done (an input, mapping or output problem: nothing was
// sent). Cancelling ctx stops dispatching: requests under way are answered,
// the remaining rows become not_sent, and the summary says Interrupted.
func Run(ctx context.Context, o Options) (*Summary, error) {
	o.setDefaults()
	start := time.Now()
	in, mapper, err := openMapped(o)
	if err != nil {
		return nil, err
	}
	defer in.Close()

	total, widest := -1, -1
	if !o.DryRun {
		// Check the whole file before anything is sent: a broken line at the
		// end must not leave half the file submitted.
		if total, widest, err = precheck(o, mapper); err != nil {
			return nil, err
		}
	}
	out, err := CreateResult(o.Output)
	if err != nil {
		return nil, fmt.Errorf("result sheet: %w", err)
	}
	out.SetLayout(resultLayout(o, in, widest))
	if err := out.WriteHeader(in.Header()); err != nil {
		out.Close()
		return nil, fmt.Errorf("result sheet %s: %w", o.Output, err)
	}

	r := newRun(ctx, o, in, mapper, out, total)
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
	if err := out.Close(); err != nil && sum.Fatal == nil {
		return sum, fmt.Errorf("result sheet %s: %w", o.Output, err)
	}
	if r.seqErr != nil {
		return sum, fmt.Errorf("result sheet %s: %w", o.Output, r.seqErr)
	}
	return sum, readErr
}

func (o *Options) setDefaults() {
	if o.Output == "" {
		o.Output = ResultPath(o.Input)
	}
	if o.Workers <= 0 {
		o.Workers = 4
	}
	if o.Timeout <= 0 {
		o.Timeout = 30 * time.Second
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
func openMapped(o Options) (Input, *mapping.Mapper, error) {
	in, err := openStripped(o.Input, readOptions(o))
	if err != nil {
		return nil, nil, err
	}
	mapper, err := o.Mapping.Compile(in.Header(), o.Provider.Fields())
	if err != nil {
		in.Close()
		return nil, nil, fmt.Errorf("%s: header row %d: %w", in.Name(), in.HeaderLine(), err)
	}
	return in, mapper, nil
}

// readOptions completes o.Read with what the mapping knows of the header.
func readOptions(o Options) ReadOptions {
	ro := o.Read
	if ro.IsHeader == nil {
		ro.IsHeader = o.Mapping.IsHeader
	}
	if ro.ExpectedHeaders == nil {
		ro.ExpectedHeaders = o.Mapping.PrimaryHeaderNames()
	}
	return ro
}

// noRows is the input error of a file with a header and no data rows.
func noRows(in Input) error {
	file, sheet, _ := strings.Cut(in.Name(), ", sheet ")
	return &InputError{File: file, Sheet: sheet, Line: in.HeaderLine(),
		Err: errors.New("no data rows below the header: nothing to import")}
}

// precheck reads the whole input once and returns its row count and the
// cells of its widest row, or the first problem that makes the file
// unreadable.
func precheck(o Options, mapper *mapping.Mapper) (rows, widest int, err error) {
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
			return n, widest, nil
		}
		if err != nil {
			return n, widest, err
		}
		n++
		widest = max(widest, rowWidth(row.Cells))
	}
}

// IsInputError reports whether err is a problem with the input or the
// mapping (exit code 2: nothing was sent).
func IsInputError(err error) bool {
	var ie *InputError
	var he *mapping.HeaderError
	var pe *os.PathError
	return errors.As(err, &ie) || errors.As(err, &he) || errors.As(err, &pe)
}
