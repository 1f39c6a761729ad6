package importer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"orderimport/importer/ledger"
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
// the same rate limiter, pause, retries and error classes.

// TrackOutcome is what track knows of one created row after a run.
type TrackOutcome string

// The track outcomes, in the order summaries print them.
const (
	TrackShipped          TrackOutcome = "shipped"
	TrackCancelled        TrackOutcome = "cancelled"
	TrackAwaitingShipment TrackOutcome = "awaiting_shipment"
	TrackAwaitingPayment  TrackOutcome = "awaiting_payment"
	// TrackOtherStatus: the provider gave a status track does not know.
	TrackOtherStatus TrackOutcome = "unknown_status"
	// TrackNotFound: the provider does not know the row's package.
	TrackNotFound TrackOutcome = "not_found"
	// TrackNotInLedger: the ledger does not know the row as created, so its
	// id is not known (imported with another ledger, or --sandbox).
	TrackNotInLedger TrackOutcome = "not_in_ledger"
	// TrackNotIdentified: the row's identity could not be read from its
	// cells (another mapping than the import's?).
	TrackNotIdentified TrackOutcome = "not_identified"
	// TrackNotAsked: the query failed or the run stopped, and nothing was
	// known of the package before.
	TrackNotAsked TrackOutcome = "not_asked"
)

// TrackOutcomes lists the outcomes in the order summaries print them.
var TrackOutcomes = []TrackOutcome{TrackShipped, TrackCancelled, TrackAwaitingShipment, TrackAwaitingPayment,
	TrackOtherStatus, TrackNotFound, TrackNotInLedger, TrackNotIdentified, TrackNotAsked}

// TrackSummary is the account of one track run.
type TrackSummary struct {
	Input, Output, Provider string
	// Account is the account's name in the ledger (ledger.Account.Name).
	Account string
	// Rows counts the sheet's rows; Created those whose order exists (ok,
	// or skipped with an earlier order's ids): the rows tracked.
	Rows, Created int
	// Counts has one entry per created row, by what is known of it now.
	Counts map[TrackOutcome]int
	// Asked counts the rows asked about; Kept the rows shipped or cancelled
	// at an earlier track, not asked again; Failed the rows whose query
	// failed (they keep what an earlier track learned).
	Asked, Kept, Failed int
	Requests            int
	Elapsed             time.Duration
	// Fatal stopped the run (exit 3); Interrupted: a signal did (130).
	Fatal       error
	Interrupted bool
}

// ExitCode is the process exit code of a track run: 0 when every created
// row has shipped or been cancelled (a cron job polls until then), 1 when
// some has not (or is not known), 3 when the provider stopped the run, 130
// when a signal did.
func (s *TrackSummary) ExitCode() int {
	switch {
	case s.Interrupted:
		return ExitInterrupted
	case s.Fatal != nil:
		return ExitFatal
	}
	if s.Counts[TrackShipped]+s.Counts[TrackCancelled] < s.Created {
		return ExitRowsNotOK
	}
	return ExitOK
}

// Print writes the one-screen summary.
func (s *TrackSummary) Print(w io.Writer) {
	fmt.Fprintf(w, "\ntrack of %s (%s): %d rows, %d created orders\n", s.Input, s.Provider, s.Rows, s.Created)
	for _, o := range TrackOutcomes {
		if n := s.Counts[o]; n > 0 {
			fmt.Fprintf(w, "  %-18s %d\n", o, n)
		}
	}
	fmt.Fprintf(w, "  asked %d, kept %d (shipped or cancelled before), requests %d, elapsed %s\n",
		s.Asked, s.Kept, s.Requests, s.Elapsed.Round(time.Millisecond))
	if s.Failed > 0 {
		fmt.Fprintf(w, "  %d rows could not be asked this time: they keep what was known before\n", s.Failed)
	}
	if n := s.Counts[TrackNotInLedger]; n > 0 {
		fmt.Fprintf(w, "  %d rows are not in the ledger as created under account %s: track them with the ledger (--ledger) "+
			"and the account (--base-url, --account) of the import\n", n, s.Account)
	}
	if n := s.Counts[TrackNotIdentified]; n > 0 {
		fmt.Fprintf(w, "  %d rows could not be identified: give track the mapping flags of the import (--mapping, --preset, --set)\n", n)
	}
	if s.Output != "" {
		fmt.Fprintf(w, "  result sheet: %s\n", s.Output)
	}
	if s.Fatal != nil {
		fmt.Fprintf(w, "  STOPPED: %s\n", s.Fatal)
	}
	if s.Interrupted {
		fmt.Fprintln(w, "  INTERRUPTED: the rows not asked keep what was known before; run again")
	}
}

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
		return nil, &InputError{File: o.Input, Err: fmt.Errorf("%s cannot track packages", o.ProviderName)}
	}
	if o.Ledger == nil {
		return nil, &InputError{File: o.Input, Err: errors.New("tracking needs the ledger the import wrote (the ids the rows were sent with)")}
	}
	start := time.Now()
	o.Read.IsHeader = IsResultSheet
	in, mapper, err := openMapped(&o)
	if err != nil {
		return nil, err
	}
	defer in.Close()
	sheet, ok := in.(*strippedInput)
	if !ok {
		return nil, &InputError{File: o.Input, Err: fmt.Errorf("not a result sheet (its header does not end with %s)",
			strings.Join(ResultColumns, ","))}
	}
	t, err := newTracker(ctx, o, tr, sheet, mapper)
	if err != nil {
		return nil, err
	}
	for _, name := range removeStaleTemps(o.Output) {
		o.Log.Info("removed a temporary file a killed run left", "file", name)
	}
	out, err := createResult(o.Output, true)
	if err != nil {
		return nil, err
	}
	t.out = out
	if err := out.WriteHeader(in.Header()); err != nil {
		out.Close()
		return nil, fmt.Errorf("result sheet %s: %w", o.Output, err)
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
		sum: &TrackSummary{Input: in.Name(), Output: o.Output, Provider: o.ProviderName, Account: a.Name,
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
	row Row
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
func (t *tracker) readRow(row Row) trackRow {
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
func (t *tracker) mapRow(row Row) (providers.Record, []*mapping.FieldError) {
	dst := make([]string, len(t.mapper.Fields()))
	if t.typed {
		return t.mapper.MapTyped(&t.memo, dst, row.Line, row.Cells, row.Numbers)
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

// trackBatch is one request's ids and what became of it.
type trackBatch struct {
	ids  []int64
	pkgs []providers.Package
	// failed says why the query brought no answer ("" when it did).
	failed string
}

// askAll asks for the packages of the chunk's rows whose ids are known,
// in batches spread over the workers, and settles every such row.
func (t *tracker) askAll(chunk []trackRow) {
	rowsByID := map[int64][]int{}
	var ids []int64
	for i, tr := range chunk {
		if tr.ask && tr.id > 0 {
			if _, seen := rowsByID[tr.id]; !seen {
				ids = append(ids, tr.id)
			}
			rowsByID[tr.id] = append(rowsByID[tr.id], i)
		}
	}
	batches := t.ask(ids)
	now := time.Now().Format(time.DateTime)
	for _, b := range batches {
		byID := map[int64][]providers.Package{}
		for _, p := range b.pkgs {
			byID[p.RowID] = append(byID[p.RowID], p)
		}
		for _, id := range b.ids {
			for _, i := range rowsByID[id] {
				tr := &chunk[i]
				t.sum.Asked++
				switch pkgs, found := byID[id]; {
				case b.failed != "":
					t.notAsked(tr, b.failed)
				case !found:
					tr.ask = false
					tr.outcome = TrackNotFound
					tr.res.Track = Tracking{Status: "not found: " + t.o.ProviderName + " does not know this package", At: now}
				default:
					tr.ask = false
					st, track := describePackages(pkgs)
					track.At = now
					tr.outcome, tr.res.Track = outcomeOf(st), track
				}
			}
		}
	}
}

// ask sends ids in batches of TrackBatch over the workers and returns the
// batches, answered or failed.
func (t *tracker) ask(ids []int64) []trackBatch {
	size := max(t.tr.TrackBatch(), 1)
	var batches []trackBatch
	for start := 0; start < len(ids); start += size {
		batches = append(batches, trackBatch{ids: ids[start:min(start+size, len(ids))]})
	}
	jobs := make(chan *trackBatch)
	var wg sync.WaitGroup
	for range min(t.o.Workers, len(batches)) {
		wg.Go(func() {
			// Requests under way are not cancelled by a stop; each is bounded
			// by the attempt timeout.
			inflight := context.WithoutCancel(t.signaled)
			for b := range jobs {
				t.askBatch(inflight, b)
			}
		})
	}
	for i := range batches {
		jobs <- &batches[i]
	}
	close(jobs)
	wg.Wait()
	return batches
}

// askBatch makes one batch's request through the submitter's retry loop.
func (t *tracker) askBatch(inflight context.Context, b *trackBatch) {
	var pkgs []providers.Package
	r := t.sub.try(inflight, sendOpts{}, true, func(ctx context.Context) error {
		var err error
		pkgs, err = t.tr.Track(ctx, b.ids)
		return err
	})
	switch r.end {
	case tryDone:
		b.pkgs = pkgs
	case tryNoTurn:
		b.failed = whyNoTurn(r.err, "the run stopped before it was asked")
	case tryFatal:
		b.failed = "the run was stopped: " + r.pe.Error()
	case tryRefused:
		b.failed = fmt.Sprintf("%s refused the query: %s", t.o.ProviderName, r.pe.Error())
	default:
		why := "no answer"
		if r.err != nil {
			why = r.err.Error()
		}
		if r.why != "" {
			why = r.why + ": " + why
		}
		b.failed = "the query failed: " + why
	}
	if b.failed != "" {
		t.o.Log.Warn("package status query failed", "rows", len(b.ids), "why", b.failed)
	}
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

// newSubmitter returns the submitter of a run with options o: one rate
// limiter, pause and retry policy for every request.
func newSubmitter(o Options, stopped context.Context, stop func(error)) *submitter {
	return &submitter{prov: o.Provider, name: o.ProviderName, limiter: newLimiter(o.Rate, o.Burst),
		window:  newSendWindow(o.Rate, o.Burst),
		timeout: o.Timeout, retries: o.Retries, backoff: o.Backoff, stopped: stopped, stop: stop,
		log: o.Log, maxWait: max(o.MaxWait, 0)}
}
