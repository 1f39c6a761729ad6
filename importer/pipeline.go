package importer

import (
	"context"
	"hash/maphash"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"orderimport/importer/dupset"
	"orderimport/importer/i18n"
	"orderimport/importer/ledger"
	"orderimport/importer/sheet"
	"orderimport/mapping"
	"orderimport/providers"
)

// run is the state of one import while rows flow through it.
type run struct {
	o        Options
	in       sheet.Input
	mapper   *mapping.Mapper
	fields   []providers.Field
	seq      *sequencer
	finished finishedOrders // the grouper's finished orders, on their way to seq
	sub      *submitter
	group    *grouper

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

	// skippedLogged counts the rows skipped by skip_when rules logged.
	skippedLogged int
	// ev is the evidence of the file's long numbers (nil: no identifier
	// column); typed says the input records its cells' types (XLSX).
	ev    *numberEvidence
	typed bool

	// With a ledger: the account namespace, row identities, the rows seen
	// in this file (every run), and what the run resent or charged.
	ns        string
	ident     identity
	seen      *dupset.Set
	seed      maphash.Seed // of the identity hashes without a ledger
	recovered atomic.Int64
	amount    atomic.Int64
	pending   sync.WaitGroup

	// Orders waiting for the in-file duplicate check (see hold), their
	// rows, the seq of the oldest of those rows, and the seq of the newest
	// row handed to the grouper.
	held       []heldOrder
	heldRows   int
	heldOldest int
	newest     int
	// Reused by every order that is not held: its identity hashes and
	// duplicate check answers.
	hashBuf  []uint64
	ansBuf   []dupset.Answer
	recBuf   []providers.Record
	identBuf []byte
}

// job is one order on its way to a worker.
type job struct {
	order providers.Order
	seqs  []int
	// keys and lines are the rows' ledger keys and input lines, aliases
	// their keys under older spellings of the account (nil: none), and
	// contents their content hashes (ledger only).
	keys     []string
	lines    []int
	aliases  [][]string
	contents []string
	// reclaim is an open claim of an earlier run, resent as it was.
	reclaim *ledger.Pending
	// pinned are the ids a result sheet says the rows were sent with:
	// they are sent again with them (claimed with ClaimWithIDs).
	pinned *pinnedIDs
}

func newRun(ctx context.Context, o Options, in sheet.Input, mapper *mapping.Mapper, out ResultWriter, total int) *run {
	stopped, cancel := context.WithCancel(ctx)
	r := &run{o: o, in: in, mapper: mapper, fields: o.Provider.Fields(),
		stopped: stopped, cancel: cancel, signaled: ctx,
		jobs: make(chan job, o.Workers)}
	r.ident = newIdentity("", r.fields)
	// Only the ledger keys of repeated rows need to know how many came
	// before.
	r.seen = dupset.New("", o.AllowDuplicates && o.Ledger != nil && !o.DryRun)
	r.seed = maphash.MakeSeed()
	r.seq = newSequencer(o.Window, out, o.Progress(total), o.Lang)
	r.finished.seq = r.seq
	r.sub = newSubmitter(o, stopped, r.stop)
	r.group = newGrouper(o.Provider.Grouping(), o.Provider.AppendOrderKey, o.Window/2, r.seen, r.dispatch)
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

// dispatch takes one assembled order from the grouper and admits it, or
// holds it until the duplicate check knows whether its key (adjacent
// grouping) was an earlier order's.
func (r *run) dispatch(rows []pendingRow) {
	if err := r.seen.Err(); err != nil {
		r.dupFailed(err, &heldOrder{rows: rows})
		return
	}
	if a := rows[0].order; a != nil && a.Pending() {
		r.hold(heldOrder{rows: rows})
		return
	}
	r.admit(rows)
}

// admit resolves invalid rows, notes the valid rows for the in-file
// duplicate check and sends the order on (release), or holds it until the
// check can answer.
func (r *run) admit(rows []pendingRow) {
	if r.o.Provider.Grouping().Adjacent {
		markNotAdjacent(rows, providers.OrderKey(r.o.Provider, rows[0].rec))
		if r.resolveExisting(rows) {
			return
		}
		r.inheritOrderFields(rows)
	}
	if rows = r.resolveSkipped(rows); len(rows) == 0 {
		return
	}
	if r.resolveInvalid(rows) {
		return
	}
	if r.stopped.Err() != nil {
		r.resolveAll(rows, RowResult{Status: StatusNotSent, Error: r.notSent()})
		return
	}
	o := heldOrder{rows: rows}
	var hashes []uint64
	o.keys, hashes = r.identities(rows)
	if !r.noteRows(&o, hashes) {
		return
	}
	if o.pending() {
		r.hold(o)
		return
	}
	r.release(o)
}

// claiming reports whether rows are claimed in the ledger before they are
// sent.
func (r *run) claiming() bool { return r.o.Ledger != nil && !r.o.DryRun }

// identities returns the ledger keys of rows (nil unless claiming) and the
// 64-bit hashes of their identities for the in-file duplicate check (valid
// until the next call).
func (r *run) identities(rows []pendingRow) ([]string, []uint64) {
	r.recBuf = appendRecords(r.recBuf[:0], rows)
	recs := r.recBuf
	if !r.claiming() {
		r.hashBuf, r.identBuf = r.ident.hashes(r.seed, recs, r.hashBuf, r.identBuf)
		return nil, r.hashBuf
	}
	keys := r.ident.keys(recs)
	r.hashBuf = r.hashBuf[:0]
	for _, k := range keys {
		r.hashBuf = append(r.hashBuf, keyHash(k))
	}
	return keys, r.hashBuf
}

// release sends on an order whose duplicate check is answered: it skips the
// rows that repeat earlier ones, then marks the others ready in a dry run,
// or queues them (through the ledger when claiming).
func (r *run) release(o heldOrder) {
	if r.stopped.Err() != nil {
		r.resolveAll(o.rows, RowResult{Status: StatusNotSent, Error: r.notSent()})
		return
	}
	rows, keys := r.dropDuplicates(o.rows, o.ans, o.keys)
	switch {
	case len(rows) == 0:
	case r.claiming():
		r.dispatchClaimed(rows, keys)
	case r.o.DryRun:
		r.resolveAll(rows, RowResult{Status: StatusReady})
	default:
		j := job{order: providers.Order{ID: r.o.IDs.NextID(), Rows: make([]providers.OrderRow, len(rows))}, seqs: make([]int, len(rows))}
		for i, pr := range rows {
			j.order.Rows[i] = providers.OrderRow{ID: r.o.IDs.NextID(), Record: pr.rec}
			j.seqs[i] = pr.seq
		}
		r.orders++
		r.finished.send() // before a send that may wait
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
	if flaggedWhole(head.problems) {
		// A problem of the whole row (its order is not adjacent) says it
		// all: blank order fields of such a row are not news.
		return
	}
	for _, p := range r.mapper.CheckRequired(head.rec, head.row.Line) {
		if !reported(head.problems, p.Field) {
			head.problems = append(head.problems, p)
		}
	}
}

// flaggedWhole reports whether a problem concerns the whole row rather
// than one field.
func flaggedWhole(problems []*mapping.FieldError) bool {
	for _, p := range problems {
		if p.Field == "" && !p.Warning {
			return true
		}
	}
	return false
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
	// A finished row may be written and its batch reused at once: what is
	// read of a row is read before it is finished.
	others := i18n.Sprintf(r.o.Lang, i18n.RowOrderInvalid, rows[bad].row.Line)
	for _, pr := range rows {
		res := RowResult{Status: StatusInvalid, Error: others}
		if hasErrors(pr.problems) {
			res.Error = describe(pr.problems, r.o.Lang)
			r.logInvalid(pr, res.Error)
		}
		r.seq.finish(pr.seq, res)
	}
	return true
}

// resolveAll finishes rows with res once the grouper sends its finished
// orders; rows must not change afterwards. Only the grouper calls it.
func (r *run) resolveAll(rows []pendingRow, res RowResult) { r.finished.add(rows, res) }

// describe joins the messages of a row's problems, in language l.
func describe(problems []*mapping.FieldError, l i18n.Lang) string {
	parts := make([]string, 0, len(problems))
	for _, p := range problems {
		parts = append(parts, p.Text(l))
	}
	return strings.Join(parts, i18n.Sprintf(l, i18n.ProblemSeparator))
}

// logInvalid logs the first invalid rows with their location; the result
// sheet holds them all.
func (r *run) logInvalid(pr pendingRow, msg string) {
	const maxLogged = 20
	r.logged++
	switch {
	case r.logged <= maxLogged:
		args := []any{"file", r.in.Name(), "row", pr.row.Line}
		if tl := pr.row.TextLine; tl != 0 && tl != pr.row.Line {
			args = append(args, "line", tl) // a CSV record after cells with line breaks
		}
		r.o.Log.Warn("invalid row", append(args, "problem", msg)...)
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
	if err := r.seen.Close(); err != nil {
		r.o.Log.Warn("in-file duplicate check: removing its temporary file", "err", err)
	}
	r.seq.prog.Finish()
	r.cancel()
	r.fatalMu.Lock()
	defer r.fatalMu.Unlock()
	return &Summary{
		Input: r.in.Name(), Output: r.o.Output, Provider: r.o.ProviderName, DryRun: r.o.DryRun,
		Rows: r.nextSeq, Counts: r.seq.counts.byStatus(), Orders: r.orders, Requests: int(r.sub.requests.Load()),
		Fatal: r.fatal, Interrupted: r.fatal == nil && r.signaled.Err() != nil,
		Recovered: int(r.recovered.Load()), Amount: r.amount.Load(), RunID: r.runID(),
		Waits: int(r.sub.waits.Load()), Waited: time.Duration(r.sub.waited.Load()), WaitsOverMax: int(r.sub.waitsOver.Load()),
		LedgerCreated: r.o.Ledger != nil && r.o.Ledger.Created(), Ledger: r.ledgerPath(),
		Retry: r.o.Retry, Carried: r.seq.carried, Lang: r.o.Lang,
	}
}

// ledgerPath is the path of the run's ledger, or "".
func (r *run) ledgerPath() string {
	if r.o.Ledger == nil {
		return ""
	}
	return r.o.Ledger.Path()
}

func (r *run) stopReason() string {
	r.fatalMu.Lock()
	defer r.fatalMu.Unlock()
	if r.fatal != nil {
		return i18n.Sprintf(r.o.Lang, i18n.RunStopped, r.fatal)
	}
	return i18n.Sprintf(r.o.Lang, i18n.RunInterrupted)
}

// notSent is the error of a row the run did not send because it stopped.
func (r *run) notSent() string { return i18n.Sprintf(r.o.Lang, i18n.RowNotSent, r.stopReason()) }

// nopProgress shows nothing.
type nopProgress struct{}

func (nopProgress) Done(Status) {}
func (nopProgress) Finish()     {}
