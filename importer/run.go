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
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
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
	// 0 means 65536.
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

	total := -1
	if !o.DryRun {
		// Check the whole file before anything is sent: a broken line at the
		// end must not leave half the file submitted.
		if total, err = precheck(o, mapper); err != nil {
			return nil, err
		}
	}
	out, err := CreateResult(o.Output)
	if err != nil {
		return nil, fmt.Errorf("result sheet: %w", err)
	}
	if err := out.WriteHeader(in.Header()); err != nil {
		out.Close()
		return nil, fmt.Errorf("result sheet %s: %w", o.Output, err)
	}

	r := newRun(ctx, o, in, mapper, out, total)
	r.recoverOpen()
	readErr := r.readAll()
	sum := r.finish()
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
		o.Window = 1 << 16
	}
	if o.ProviderName == "" {
		o.ProviderName = "the provider"
	}
}

// openMapped opens the input and compiles the mapping against its header.
func openMapped(o Options) (Input, *mapping.Mapper, error) {
	ro := o.Read
	if ro.IsHeader == nil {
		ro.IsHeader = o.Mapping.IsHeader
	}
	in, err := openStripped(o.Input, ro)
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

// precheck reads the whole input once and returns its row count, or the
// first problem that makes the file unreadable.
func precheck(o Options, mapper *mapping.Mapper) (int, error) {
	ro := o.Read
	if ro.IsHeader == nil {
		ro.IsHeader = o.Mapping.IsHeader
	}
	in, err := openStripped(o.Input, ro)
	if err != nil {
		return 0, err
	}
	defer in.Close()
	n := 0
	for {
		_, err := in.Next()
		if errors.Is(err, io.EOF) {
			return n, nil
		}
		if err != nil {
			return n, err
		}
		n++
	}
}

// run is the state of one import while rows flow through it.
type run struct {
	o      Options
	in     Input
	mapper *mapping.Mapper
	fields []providers.Field
	seq    *sequencer
	sub    *submitter
	group  *grouper

	jobs     chan job
	workers  sync.WaitGroup
	stopOnce sync.Once
	stopped  context.Context
	cancel   context.CancelFunc
	fatal    error
	fatalMu  sync.Mutex
	orders   int
	nextSeq  int
	logged   int
	seqErr   error
	signaled context.Context

	// With a ledger: the account namespace, row identities, the keys seen
	// in this file, and what the run resent or charged.
	ns        string
	ident     identity
	seen      seenKeys
	recovered atomic.Int64
	amount    atomic.Int64
	pending   sync.WaitGroup
}

// job is one order on its way to a worker.
type job struct {
	order providers.Order
	seqs  []int
	// keys and lines are the rows' ledger keys and input lines (ledger only).
	keys  []string
	lines []int
	// reclaim is an open claim of an earlier run, resent as it was.
	reclaim *ledger.Pending
}

func newRun(ctx context.Context, o Options, in Input, mapper *mapping.Mapper, out ResultWriter, total int) *run {
	stopped, cancel := context.WithCancel(ctx)
	r := &run{o: o, in: in, mapper: mapper, fields: o.Provider.Fields(),
		stopped: stopped, cancel: cancel, signaled: ctx,
		jobs: make(chan job, o.Workers)}
	r.ns = ledger.Namespace(o.ProviderName, o.Account)
	r.ident = newIdentity(r.ns, r.fields)
	r.seen = seenKeys{}
	r.seq = newSequencer(o.Window, out, o.Progress(total))
	r.sub = &submitter{prov: o.Provider, name: o.ProviderName, limiter: newLimiter(o.Rate, o.Burst),
		timeout: o.Timeout, retries: o.Retries, backoff: o.Backoff, stopped: stopped, stop: r.stop}
	r.group = newGrouper(o.Provider.Grouping(), o.Provider.OrderKey, o.Window/2, r.dispatch)
	for range o.Workers {
		r.workers.Add(1)
		go r.work()
	}
	return r
}

// stop ends dispatching because of err (a fatal provider answer).
func (r *run) stop(err error) {
	r.stopOnce.Do(func() {
		r.fatalMu.Lock()
		r.fatal = err
		r.fatalMu.Unlock()
		r.o.Log.Error("stopping the run", "provider", r.o.ProviderName, "err", err)
		r.cancel()
	})
}

// readAll reads, maps and groups every row.
func (r *run) readAll() error {
	for {
		r.seq.acquire()
		row, err := r.in.Next()
		if err != nil {
			r.seq.free <- struct{}{}
			if errors.Is(err, io.EOF) {
				err = nil
			}
			r.group.flush()
			return err
		}
		r.addRow(row)
	}
}

func (r *run) addRow(row Row) {
	seq := r.nextSeq
	r.nextSeq++
	r.seq.register(seq, row.Line, row.Cells)
	if prev, ok := r.in.(*strippedInput); ok && !r.o.AllowDuplicates {
		if res, done := prev.carried(); done {
			// A result sheet fed back in: a row it says is ok is not sent
			// again, whatever the ledger knows.
			r.seq.finish(seq, res)
			return
		}
	}
	rec, problems := r.mapper.Map(row.Line, row.Cells)
	r.group.add(pendingRow{seq: seq, line: row.Line, rec: rec, problems: problems})
}

// dispatch takes one assembled order: it resolves invalid rows, marks valid
// rows ready in a dry run, and otherwise queues the order for a worker.
func (r *run) dispatch(rows []pendingRow) {
	if r.o.Provider.Grouping().Adjacent {
		r.inheritOrderFields(rows)
	}
	if r.resolveInvalid(rows) {
		return
	}
	switch {
	case r.o.DryRun:
		r.resolveAll(rows, RowResult{Status: StatusReady})
	case r.stopped.Err() != nil:
		r.resolveAll(rows, RowResult{Status: StatusNotSent, Error: "not sent: " + r.stopReason()})
	case r.o.Ledger != nil:
		r.dispatchClaimed(rows)
	default:
		j := job{order: providers.Order{ID: r.o.IDs.NextID(), Rows: make([]providers.OrderRow, len(rows))}, seqs: make([]int, len(rows))}
		for i, pr := range rows {
			j.order.Rows[i] = providers.OrderRow{ID: r.o.IDs.NextID(), Record: pr.rec}
			j.seqs[i] = pr.seq
		}
		r.orders++
		r.jobs <- j
	}
}

// inheritOrderFields fills the blank order-level fields of an order's
// continuation rows from its first row, then checks the required ones on the
// first row: an order whose first row lacks them is invalid as a whole.
func (r *run) inheritOrderFields(rows []pendingRow) {
	first := rows[0].rec.Values
	for i := 1; i < len(rows); i++ {
		vals := rows[i].rec.Values
		for f, field := range r.fields {
			if field.Level == providers.OrderLevel && f < len(vals) && f < len(first) && vals[f] == "" {
				vals[f] = first[f]
			}
		}
	}
	head := &rows[0]
	for _, p := range r.mapper.CheckRequired(head.rec, head.line) {
		if !reported(head.problems, p.Field) {
			head.problems = append(head.problems, p)
		}
	}
}

// reported reports whether problems already name field.
func reported(problems []*mapping.FieldError, field string) bool {
	for _, p := range problems {
		if p.Field == field {
			return true
		}
	}
	return false
}

// resolveInvalid finishes the rows of an order that has an invalid row and
// reports whether it did. Warnings do not make a row invalid.
func (r *run) resolveInvalid(rows []pendingRow) bool {
	bad := -1
	for i, pr := range rows {
		if hasErrors(pr.problems) {
			bad = i
			break
		}
	}
	if bad < 0 {
		return false
	}
	for _, pr := range rows {
		res := RowResult{Status: StatusInvalid}
		if hasErrors(pr.problems) {
			res.Error = r.describe(pr.problems)
			r.logInvalid(pr, res.Error)
		} else {
			res.Error = fmt.Sprintf("not sent: row %d of the same order is invalid", rows[bad].line)
		}
		r.seq.finish(pr.seq, res)
	}
	return true
}

func (r *run) resolveAll(rows []pendingRow, res RowResult) {
	for _, pr := range rows {
		rr := res
		if rr.Error == "" && len(pr.problems) > 0 {
			rr.Error = "warning: " + r.describe(pr.problems)
		}
		r.seq.finish(pr.seq, rr)
	}
}

func (r *run) describe(problems []*mapping.FieldError) string {
	parts := make([]string, 0, len(problems))
	for _, p := range problems {
		parts = append(parts, p.Error())
	}
	return strings.Join(parts, "; ")
}

// logInvalid logs the first invalid rows with their location; the result
// sheet holds them all.
func (r *run) logInvalid(pr pendingRow, msg string) {
	const maxLogged = 20
	r.logged++
	switch {
	case r.logged <= maxLogged:
		r.o.Log.Warn("invalid row", "file", r.in.Name(), "row", pr.line, "problem", msg)
	case r.logged == maxLogged+1:
		r.o.Log.Warn("more invalid rows: see the result sheet", "file", r.in.Name())
	}
}

func hasErrors(problems []*mapping.FieldError) bool {
	for _, p := range problems {
		if !p.Warning {
			return true
		}
	}
	return false
}

// work submits queued orders until the queue closes.
func (r *run) work() {
	defer r.workers.Done()
	// Requests under way are not cancelled by a stop; each is bounded by
	// the attempt timeout.
	inflight := context.WithoutCancel(r.signaled)
	for j := range r.jobs {
		var results []RowResult
		switch {
		case j.reclaim != nil:
			r.resend(inflight, j)
		case r.o.Ledger != nil:
			results = r.claimAndSend(inflight, j)
		default:
			results = r.sub.submit(inflight, j.order, sendOpts{}).res
		}
		for i, seq := range j.seqs {
			r.seq.finish(seq, results[i])
		}
	}
}

// finish waits for the workers and the writer and returns the summary.
func (r *run) finish() *Summary {
	close(r.jobs)
	r.workers.Wait()
	r.seqErr = r.seq.close()
	r.seq.prog.Finish()
	r.cancel()
	r.fatalMu.Lock()
	defer r.fatalMu.Unlock()
	return &Summary{
		Input: r.in.Name(), Output: r.o.Output, Provider: r.o.ProviderName, DryRun: r.o.DryRun,
		Rows: r.nextSeq, Counts: r.seq.counts, Orders: r.orders, Requests: int(r.sub.requests.Load()),
		Fatal: r.fatal, Interrupted: r.fatal == nil && r.signaled.Err() != nil,
		Recovered: int(r.recovered.Load()), Amount: r.amount.Load(), RunID: r.runID(),
	}
}

func (r *run) stopReason() string {
	r.fatalMu.Lock()
	defer r.fatalMu.Unlock()
	if r.fatal != nil {
		return "the run was stopped: " + r.fatal.Error()
	}
	return "the run was interrupted"
}

// nopProgress shows nothing.
type nopProgress struct{}

func (nopProgress) Done(Status) {}
func (nopProgress) Finish()     {}

// IsInputError reports whether err is a problem with the input or the
// mapping (exit code 2: nothing was sent).
func IsInputError(err error) bool {
	var ie *InputError
	var he *mapping.HeaderError
	var pe *os.PathError
	return errors.As(err, &ie) || errors.As(err, &he) || errors.As(err, &pe)
}

// runID returns the ledger run id, or "".
func (r *run) runID() string {
	if r.o.Ledger == nil {
		return ""
	}
	return r.o.Ledger.RunID()
}

// policy is how this run claims rows.
func (r *run) policy() ledger.Policy {
	g := r.o.Provider.Grouping()
	return ledger.Policy{AllowDuplicates: r.o.AllowDuplicates, ResendUnknown: r.o.ResendUnknown && !g.Idempotent,
		Whole: !g.Idempotent}
}

// recoverOpen resends, before the file is read, the open claims of earlier
// runs (killed, or whose answers were lost) when the provider is
// idempotent: exactly as they were first sent, same ids, same rows, so an
// order that was created is answered "already exists" and one that was not
// is created now. The file's rows then find them done in the ledger.
func (r *run) recoverOpen() {
	if r.o.Ledger == nil || r.o.DryRun || !r.o.Provider.Grouping().Idempotent {
		return
	}
	pend, err := r.o.Ledger.Recover(context.WithoutCancel(r.signaled), r.ns)
	if err != nil {
		r.stop(fmt.Errorf("ledger: %w", err))
		return
	}
	for i := range pend {
		p := &pend[i]
		r.o.Log.Info("resending an order an earlier run left open", "from_run", p.From,
			"site_order_id", p.SiteOrderID, "rows", len(p.Rows))
		j := job{reclaim: p, order: providers.Order{ID: p.SiteOrderID, Rows: make([]providers.OrderRow, len(p.Rows))}}
		for k, pr := range p.Rows {
			j.order.Rows[k] = providers.OrderRow{ID: pr.SiteRowID, Record: providers.Record{Values: pr.Record}}
		}
		r.pending.Add(1)
		r.jobs <- j
	}
	r.pending.Wait()
}

// dispatchClaimed drops in-file duplicates and rows the ledger already
// settles, and queues the rest; the worker's claim has the final word.
func (r *run) dispatchClaimed(rows []pendingRow) {
	recs := make([]providers.Record, len(rows))
	for i, pr := range rows {
		recs[i] = pr.rec
	}
	rows, keys := r.dropDuplicates(rows, r.ident.keys(recs))
	if len(rows) == 0 {
		return
	}
	known, err := r.o.Ledger.Lookup(context.WithoutCancel(r.signaled), keys)
	if err != nil {
		r.stop(fmt.Errorf("ledger: %w", err))
		r.resolveAll(rows, RowResult{Status: StatusNotSent, Error: "not sent: " + r.stopReason()})
		return
	}
	j := job{}
	pol := r.policy()
	blocked := false
	for i, pr := range rows {
		if e, ok := known[keys[i]]; ok {
			if v := ledger.Judge(e, r.runID(), pol); v != ledger.Take {
				r.seq.finish(pr.seq, r.verdictResult(v, e))
				blocked = true
				continue
			}
		}
		j.order.Rows = append(j.order.Rows, providers.OrderRow{Record: pr.rec})
		j.seqs = append(j.seqs, pr.seq)
		j.keys = append(j.keys, keys[i])
		j.lines = append(j.lines, pr.line)
	}
	if len(j.seqs) == 0 {
		return
	}
	if blocked && pol.Whole {
		for _, seq := range j.seqs {
			r.seq.finish(seq, r.verdictResult(ledger.Held, ledger.Entry{}))
		}
		return
	}
	r.orders++
	r.jobs <- j
}

// dropDuplicates marks the rows whose identity already occurred in this
// file as skipped and returns the others with their keys; with
// AllowDuplicates it keeps every row and makes the repeated keys unique. An
// order of a non-idempotent provider is skipped whole when one of its rows
// repeats an earlier one.
func (r *run) dropDuplicates(rows []pendingRow, keys []string) ([]pendingRow, []string) {
	firsts := make([]int, len(rows))
	dup := false
	for i, pr := range rows {
		first, before := r.seen.note(keys[i], pr.line)
		firsts[i] = -1
		if before == 0 {
			continue
		}
		if r.o.AllowDuplicates {
			keys[i] = ledger.Key(keys[i], "repeat", strconv.Itoa(before))
			continue
		}
		firsts[i], dup = first, true
	}
	if !dup {
		return rows, keys
	}
	whole := !r.o.Provider.Grouping().Idempotent
	var kept []pendingRow
	var keptKeys []string
	for i, pr := range rows {
		switch {
		case firsts[i] >= 0:
			r.seq.finish(pr.seq, RowResult{Status: StatusSkipped,
				Error: fmt.Sprintf("duplicate of row %d: not sent (--allow-duplicates sends it)", firsts[i])})
		case whole:
			r.seq.finish(pr.seq, RowResult{Status: StatusSkipped,
				Error: "not sent: another row of this order repeats an earlier row of the file"})
		default:
			kept = append(kept, pr)
			keptKeys = append(keptKeys, keys[i])
		}
	}
	return kept, keptKeys
}

// verdictResult is the result of a row the ledger keeps from being sent.
func (r *run) verdictResult(v ledger.Verdict, e ledger.Entry) RowResult {
	switch v {
	case ledger.Done:
		res := RowResult{Status: StatusSkipped, OrderID: e.OrderID, OrderSN: e.OrderSN, MsgCode: e.MsgCode, Msg: e.Msg,
			Error: fmt.Sprintf("already created by %s (row %d there), not sent again; --allow-duplicates sends it", e.Run, e.Line)}
		if e.Run.ID == r.runID() {
			// Resent by this run from an earlier run's open claim.
			res.Status = Status(e.State)
			res.Error = ""
			if res.Status != StatusOK {
				res.Error = "resent by this run after an earlier run left it open: " + string(e.State)
			}
		}
		return res
	case ledger.Busy:
		return RowResult{Status: StatusSkipped, Error: fmt.Sprintf("being sent by %s: not sent by this run", e.Run)}
	case ledger.Unresolved:
		why := "sent by " + e.Run.String() + ", and no answer was recorded"
		if e.State == ledger.Claimed {
			why = "claimed by " + e.Run.String() + ", which stopped before recording an answer"
		}
		return RowResult{Status: StatusUnknown, MsgCode: e.MsgCode, Msg: e.Msg,
			Error: why + ": the order may exist; check at the provider, then send it again with --resend-unknown"}
	case ledger.Held:
		return RowResult{Status: StatusSkipped,
			Error: "not sent: other rows of this order are already created, unknown or being sent; sending this row alone would make a second order"}
	}
	return RowResult{Status: StatusNotSent, Error: "internal error: no verdict"}
}

// strippedInput reads a result sheet fed back in as input: the result
// columns at the end of its header are taken off before mapping, and the
// previous result of the row last read is kept.
type strippedInput struct {
	Input
	width int
	last  []string
}

// openStripped opens path; a result sheet's result columns are taken off.
func openStripped(path string, ro ReadOptions) (Input, error) {
	in, err := OpenInput(path, ro)
	if err != nil {
		return nil, err
	}
	h := in.Header()
	n := len(h) - len(ResultColumns)
	if n <= 0 || !slices.Equal(h[n:], ResultColumns) {
		return in, nil
	}
	return &strippedInput{Input: in, width: n}, nil
}

// IsResultSheet reports whether header ends with the result columns.
func IsResultSheet(header []string) bool {
	n := len(header) - len(ResultColumns)
	return n > 0 && slices.Equal(header[n:], ResultColumns)
}

// Header returns the input's header without the result columns.
func (s *strippedInput) Header() []string { return s.Input.Header()[:s.width] }

// Next returns the next row without its result cells.
func (s *strippedInput) Next() (Row, error) {
	row, err := s.Input.Next()
	if err != nil {
		return row, err
	}
	s.last = nil
	if len(row.Cells) > s.width {
		s.last = append([]string(nil), row.Cells[s.width:]...)
		row.Cells = row.Cells[:s.width]
	}
	return row, nil
}

// carried returns the previous result of the row last read when it says
// the order exists: ok, or skipped with the order_sn or order_id of an
// earlier creation. Such rows are never sent again from a result sheet,
// even on a machine whose ledger does not know them.
func (s *strippedInput) carried() (RowResult, bool) {
	c := make([]string, len(ResultColumns))
	copy(c, s.last)
	st := Status(strings.TrimSpace(c[0]))
	exists := st == StatusOK || (st == StatusSkipped && (strings.TrimSpace(c[1]) != "" || strings.TrimSpace(c[2]) != ""))
	if !exists {
		return RowResult{}, false
	}
	return RowResult{Status: st, OrderID: c[1], OrderSN: c[2], MsgCode: c[3], Msg: c[4], ForbiddenZone: c[5], Error: c[6]}, true
}
