package importer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"orderimport/importer/internal/atomicfile"
	"orderimport/importer/ledger"
	"orderimport/importer/sheet"
	"orderimport/mapping"
	"orderimport/providers"
)

// Tracking: "orderimport track RESULT_FILE" asks the provider where the
// package of every created row of a result sheet is, and writes it into the
// sheet (TrackColumns after the result columns), rewritten in place
// through a temporary file like retry's. A row is found in the ledger by
// its identity, computed from its cells by the import's mapping (so track
// takes the import's mapping flags); the ledger gives the id it was sent
// with (damaijia site_order_consignee_id). The ids are asked for in
// batches (providers.Tracker.TrackBatch) through the import's submitter:
// the same rate limiter, pause, retries and error classes (track_ask.go).
// track_status.go says a package's state in words, track_summary.go
// counts the outcomes and gives the exit code.

// trackChunkRows bounds the rows read before their packages are asked for
// and the rows written: memory does not grow with the sheet.
const trackChunkRows = 4096

// Track reads the result sheet o.Input, asks o.Provider (a
// providers.Tracker) where the package of each of its created rows is,
// and writes the sheet again with the tracking columns (o.Output; "" means
// o.Input, rewritten in place once read). A row shipped or cancelled at an
// earlier track is not asked again. o.Ledger gives the rows' ids; it is
// only read. An error means nothing was written (an input, mapping or
// output problem, exit 2) or the sheet could not be written.
func Track(ctx context.Context, o Options) (*TrackSummary, error) {
	if o.Output == "" {
		o.Output = o.Input
	}
	o.setDefaults()
	tr, ok := o.Provider.(providers.Tracker)
	if !ok {
		return nil, &sheet.Error{File: o.Input, Err: fmt.Errorf("%s cannot track packages", o.ProviderName)}
	}
	if o.Ledger == nil {
		return nil, &sheet.Error{File: o.Input, Err: errors.New("tracking needs the ledger the import wrote (the ids the rows were sent with)")}
	}
	start := time.Now()
	o.Read.IsHeader = IsResultSheet
	in, mapper, err := openMapped(&o)
	if err != nil {
		return nil, err
	}
	defer in.Close()
	stripped, ok := in.(*strippedInput)
	if !ok {
		return nil, &sheet.Error{File: o.Input, Err: fmt.Errorf("not a result sheet (its header does not end with %s)",
			strings.Join(ResultColumns, ","))}
	}
	t, err := newTracker(ctx, o, tr, stripped, mapper)
	if err != nil {
		return nil, err
	}
	for _, name := range atomicfile.RemoveStale(o.Output) {
		o.Log.Info("removed a temporary file a killed run left", "file", name)
	}
	out, err := createResult(o.Output, true, o.Lang)
	if err != nil {
		return nil, err
	}
	t.out = out
	out.SetLayout(resultLayout(o, in, -1))
	if err := out.WriteHeader(in.Header()); err != nil {
		out.Close()
		return nil, err // the writers name the sheet
	}
	readErr := t.all()
	sum := t.finish()
	in.Close() // before the sheet is renamed over it
	sum.Elapsed = time.Since(start)
	if err := errors.Join(t.writeErr, out.Close()); err != nil {
		return sum, &ResultSheetError{Err: err, Sent: sum.Requests > 0}
	}
	return sum, readErr
}

// tracker is the state of one track run.
type tracker struct {
	o      Options
	tr     providers.Tracker
	in     *strippedInput
	mapper *mapping.Mapper
	typed  bool
	ident  identity
	memo   mapping.Memo
	out    ResultWriter
	sub    *submitter

	stopped  context.Context
	cancel   context.CancelFunc
	signaled context.Context
	fatalMu  sync.Mutex
	fatal    error
	writeErr error

	sum *TrackSummary
}

func newTracker(ctx context.Context, o Options, tr providers.Tracker, in *strippedInput, mapper *mapping.Mapper) (*tracker, error) {
	a, err := ledger.NewAccount(o.ProviderName, o.AccountName, o.Account)
	if err != nil {
		return nil, err
	}
	sp, err := o.Ledger.Spellings(ctx, a)
	if err != nil {
		return nil, LedgerError(o.Ledger.Path(), err)
	}
	if len(sp.Others) > 0 {
		o.Log.Warn("CHECK THE ACCOUNT: the ledger knows rows of this provider under another account; rows created there are "+
			"not found under this one: give the --base-url or --account (ORDERIMPORT_ACCOUNT) the import had",
			"provider", a.Provider, "account", a.Name, "other_accounts", strings.Join(sp.Others, ", "), "ledger", o.Ledger.Path())
	}
	t := &tracker{o: o, tr: tr, in: in, typed: isXLSX(o.Input), signaled: ctx,
		sum: &TrackSummary{Input: in.Name(), Output: o.Output, Provider: o.ProviderName, Account: a.Name, Lang: o.Lang,
			Counts: map[TrackOutcome]int{}}}
	if ev := newNumberEvidence(mapper, t.typed, o.Log, scanEvidence(o)); ev != nil {
		mapper = mapper.WithEvidence(ev)
	}
	t.mapper = mapper
	t.ident = newIdentity(a.Namespace(), o.Provider.Fields())
	t.ident.legacy = sp.Legacy
	t.stopped, t.cancel = context.WithCancel(ctx)
	t.sub = newSubmitter(o, t.stopped, t.stop)
	return t, nil
}

// stop ends the asking because of err (a fatal answer).
func (t *tracker) stop(err error) {
	t.fatalMu.Lock()
	defer t.fatalMu.Unlock()
	if t.fatal == nil {
		t.fatal = err
		t.o.Log.Error("stopping the run", "provider", t.o.ProviderName, "err", err)
	}
	t.cancel()
}

// finish completes the summary.
func (t *tracker) finish() *TrackSummary {
	t.cancel()
	t.fatalMu.Lock()
	defer t.fatalMu.Unlock()
	t.sum.Fatal = t.fatal
	t.sum.Interrupted = t.fatal == nil && t.signaled.Err() != nil
	t.sum.Requests = int(t.sub.requests.Load())
	return t.sum
}

// trackRow is one row of the sheet on its way through a chunk.
type trackRow struct {
	row sheet.Row
	// res is what the sheet says of the row (its result and tracking
	// cells); res.Track is replaced by what this run learns.
	res RowResult
	// key and aliases identify a row to ask about in the ledger; id is the
	// id it was sent with, once found.
	key     string
	aliases []string
	id      int64
	// outcome is set once the row is settled; "" for a row whose order
	// does not exist (not tracked).
	outcome TrackOutcome
	ask     bool
}

// all reads, asks and writes the sheet a chunk at a time; it returns the
// first read error.
func (t *tracker) all() error {
	for {
		chunk, err := t.readChunk()
		if len(chunk) > 0 {
			t.resolve(chunk)
			t.askAll(chunk)
			t.write(chunk)
		}
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// readChunk reads up to trackChunkRows rows, or as many as hold a few
// batches of rows to ask about per worker.
func (t *tracker) readChunk() ([]trackRow, error) {
	var chunk []trackRow
	asking := 0
	limit := max(t.o.Workers, 1) * 4 * max(t.tr.TrackBatch(), 1)
	for len(chunk) < trackChunkRows && asking < limit {
		row, err := t.in.Next()
		if err != nil {
			return chunk, err
		}
		tr := t.readRow(row)
		if tr.ask {
			asking++
		}
		chunk = append(chunk, tr)
	}
	return chunk, nil
}

// readRow settles what it can of one row from its cells: rows whose order
// does not exist are not tracked, rows shipped or cancelled before are
// kept, rows that cannot be identified say so; the others are to be looked
// up in the ledger.
func (t *tracker) readRow(row sheet.Row) trackRow {
	tr := trackRow{row: row, res: t.in.previous()}
	t.sum.Rows++
	if !tr.res.exists() {
		tr.res.Track = Tracking{} // no order, no package
		return tr
	}
	t.sum.Created++
	if st, ok := trackState(tr.res.Track.Status); ok && st.Final() {
		tr.outcome = outcomeOf(st)
		t.sum.Kept++
		return tr
	}
	rec, problems := t.mapRow(row)
	if why := t.unidentified(rec, problems); why != "" {
		return t.settle(tr, TrackNotIdentified, "not tracked: the row cannot be identified: "+why)
	}
	recs := []providers.Record{rec}
	tr.key = t.ident.keys(recs)[0]
	if al := t.ident.legacyKeys(recs); al != nil {
		tr.aliases = al[0]
	}
	tr.ask = true
	return tr
}

// mapRow maps row as the import does.
func (t *tracker) mapRow(row sheet.Row) (providers.Record, []*mapping.FieldError) {
	dst := make([]string, len(t.mapper.Fields()))
	if t.typed {
		return t.mapper.MapTyped(&t.memo, dst, row.Line, row.Cells, row.LongNumbers())
	}
	return t.mapper.MapToMemo(&t.memo, dst, row.Line, row.Cells)
}

// settle ends a row with outcome and a tracking status that says why; the
// earlier tracking cells go.
func (t *tracker) settle(tr trackRow, outcome TrackOutcome, status string) trackRow {
	tr.outcome, tr.ask = outcome, false
	tr.res.Track = Tracking{Status: status}
	return tr
}

// resolve finds the ids of the chunk's rows to ask about in the ledger.
func (t *tracker) resolve(chunk []trackRow) {
	var keys []string
	var aliases [][]string
	for _, tr := range chunk {
		if tr.ask {
			keys = append(keys, tr.key)
			aliases = append(aliases, tr.aliases)
		}
	}
	if len(keys) == 0 {
		return
	}
	known, err := t.o.Ledger.LookupAliased(context.WithoutCancel(t.signaled), keys, aliases)
	if err != nil {
		t.stop(LedgerError(t.o.Ledger.Path(), err))
	}
	for i := range chunk {
		tr := &chunk[i]
		if !tr.ask {
			continue
		}
		e, ok := known[tr.key]
		switch {
		case err != nil:
			t.notAsked(tr, "the ledger could not be read")
		case !ok:
			*tr = t.settle(*tr, TrackNotInLedger, "not tracked: the ledger does not know this row under this account "+
				"(imported with another ledger or account, or rehearsed with --sandbox): its "+t.o.ProviderName+" id is not known")
		case e.State != ledger.OK || e.SiteRowID <= 0:
			*tr = t.settle(*tr, TrackNotInLedger, fmt.Sprintf("not tracked: the ledger knows this row as %s (run %s), not as created",
				e.State, e.Run.ID))
		default:
			tr.id = e.SiteRowID
		}
	}
}

// notAsked ends a row that could not be asked about: it keeps what an
// earlier track learned, or says why nothing is known.
func (t *tracker) notAsked(tr *trackRow, why string) {
	tr.ask = false
	t.sum.Failed++
	if st, ok := trackState(tr.res.Track.Status); ok {
		tr.outcome = outcomeOf(st)
		return
	}
	tr.outcome = TrackNotAsked
	tr.res.Track = Tracking{Status: "not tracked: " + why}
}

// write writes the chunk's rows, in order, and counts their outcomes.
func (t *tracker) write(chunk []trackRow) {
	for _, tr := range chunk {
		if tr.ask { // never settled (the ledger's answer was lost): keep what was known
			t.notAsked(&tr, "not asked")
		}
		if tr.outcome != "" {
			t.sum.Counts[tr.outcome]++
		}
		if t.writeErr != nil {
			continue
		}
		if err := t.out.WriteRow(tr.row, tr.res); err != nil {
			t.writeErr = err
		}
	}
}
