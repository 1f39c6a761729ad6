package importer

import (
	"errors"
	"io"
	"os"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"orderimport/importer/sheet"
	"orderimport/mapping"
	"orderimport/providers"
)

// mapBatchRows is how many rows travel together from the reader to the
// mappers: enough to make a channel operation cheap per row.
const mapBatchRows = 256

// mapBatch is a run of consecutive rows on their way from the reader, through
// a mapper, to the grouper and the sequencer. The batch owns the memory of
// its rows' cells, text and mapped values, and is reused once every one of
// its rows is written.
type mapBatch struct {
	rows []batchRow
	done chan struct{} // closed once every row is mapped
	// Buffers and values hold the rows' cells (Row.Cells), their text
	// (Row.Raw), their cell types (Row.Types) and their mapped values
	// (batchRow.rec), one row after another.
	sheet.Buffers
	values []string
	// users counts the two readers of rows after the reader, the grouper
	// and the sequencer; the last to finish returns the batch to the pool.
	users atomic.Int32
	// unwritten counts the rows the sequencer has not written yet (used by
	// the sequencer only).
	unwritten int
	// estRows, on the first batch, estimates the rows of the file (0: no
	// estimate).
	estRows int
}

// mapBatches recycles batches: a batch's rows, cells and values are
// ~150 KB, and a million-row file would otherwise allocate 4,000 of them.
var mapBatches = sync.Pool{New: func() any {
	return &mapBatch{rows: make([]batchRow, 0, mapBatchRows)}
}}

func newMapBatch() *mapBatch {
	b := mapBatches.Get().(*mapBatch)
	b.rows, b.Cells, b.Raw, b.Types, b.values = b.rows[:0], b.Cells[:0], b.Raw[:0], b.Types[:0], b.values[:0]
	b.done = make(chan struct{})
	b.users.Store(2)
	b.estRows = 0
	return b
}

// release is called once by the grouper, when it no longer reads b.rows,
// and once by the sequencer, when it has written every row of b. By then
// nothing reads the rows' cells, text or records any more: a row is written
// only once its order is finished.
func (b *mapBatch) release() {
	if b.users.Add(-1) == 0 {
		// What the rows point to is overwritten when the batch is reused,
		// not cleared: a pooled batch keeps its last rows' strings alive,
		// tens of KB, and the pool is small.
		mapBatches.Put(b)
	}
}

// batchRow is one row of a batch; carried rows (from a result sheet fed
// back in) are already finished and only keep their place.
type batchRow struct {
	seq     int
	row     sheet.Row
	carried *RowResult // the result of a carried row; nil for others
	// prior is what a result sheet says of a row whose earlier outcome is
	// unknown; nil for others.
	prior    *priorUnknown
	rec      providers.Record
	problems []*mapping.FieldError
	// skip says why the mapping's skip_when rules keep the row from being
	// sent, when skipped is set.
	skip    mapping.Skip
	skipped bool
}

// readAll reads every row on one goroutine, maps batches of rows on the
// others, and groups the mapped rows here, in reading order: reading,
// mapping and grouping use all cores while the grouper still sees the rows
// one by one in input order. It returns the first read error.
func (r *run) readAll() error {
	work := make(chan *mapBatch, 4)
	ordered := make(chan *mapBatch, 8)
	var readErr error
	go func() {
		defer close(work)
		defer close(ordered)
		readErr = r.readBatches(work, ordered)
	}()
	var mappers sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), 4) {
		mappers.Add(1)
		go func() {
			defer mappers.Done()
			var memo mapping.Memo // this mapper's
			for b := range work {
				r.mapBatch(b, &memo)
			}
		}()
	}
	for b, ok := r.nextBatch(ordered); ok; b, ok = r.nextBatch(ordered) {
		if b.estRows > 0 {
			r.seen.Expect(b.estRows)
		}
		<-b.done
		for i := range b.rows {
			switch br := &b.rows[i]; {
			case br.carried == nil:
				r.group.add(pendingRow{batchRow: br})
			case r.groupsCarried():
				r.group.addCarried(br)
			}
		}
		b.release()
		r.finished.send()
	}
	mappers.Wait()
	r.flushOrders()
	r.finished.send()
	return readErr
}

// readBatches reads rows into batches and hands each to a mapper and, in
// order, to the grouper. A partial batch is handed on before the reader
// waits for room in the sequencer, so that every row holding room is on its
// way to being written.
func (r *run) readBatches(work, ordered chan<- *mapBatch) error {
	b := newMapBatch()
	first := true
	send := func() {
		if len(b.rows) > 0 {
			if first {
				b.estRows, first = estimateRows(r.o.Input, b), false
			}
			r.seq.registerBatch(b)
			work <- b
			ordered <- b
			b = newMapBatch()
		}
	}
	defer send()
	next := r.nextRowFunc()
	room := slots{seq: r.seq}
	for {
		room.take(send)
		row, err := next(b)
		if err != nil {
			if errors.Is(err, io.EOF) {
				if r.ev != nil {
					r.ev.finish() // before the last batch is mapped
				}
				return nil
			}
			return err
		}
		if r.ev != nil && !r.ev.complete.Load() {
			r.ev.note(row) // ahead of the row's mapping
		}
		b.rows = append(b.rows, r.readRow(row))
		if len(b.rows) == mapBatchRows {
			send()
		}
	}
}

// estimateRows guesses the rows of the file at path from its size and the
// text of the rows of b, its first batch, with a tenth more for the rows'
// differences; 0 when the rows carry no text (XLSX, other delimiters than
// the comma).
func estimateRows(path string, b *mapBatch) int {
	if len(b.Raw) == 0 || len(b.rows) == 0 {
		return 0
	}
	fi, err := os.Stat(path)
	if err != nil {
		return 0
	}
	perRow := float64(len(b.Raw)+len(b.rows)) / float64(len(b.rows)) // text and line end
	return int(float64(fi.Size()) / perRow * 1.1)
}

// appendInput is an Input that reads a row into the caller's buffers (see
// readInput.NextAppend).
type appendInput interface {
	NextAppend(b *sheet.Buffers) (sheet.Row, error)
}

// nextRowFunc returns the reader of the next row: into the batch's buffers
// when the input can, else with Next.
func (r *run) nextRowFunc() func(b *mapBatch) (sheet.Row, error) {
	in, ok := r.in.(appendInput)
	if !ok {
		return func(*mapBatch) (sheet.Row, error) { return r.in.Next() }
	}
	return func(b *mapBatch) (row sheet.Row, err error) {
		return in.NextAppend(&b.Buffers)
	}
}

// readRow numbers row; the sequencer learns of it with its batch. A row of
// a result sheet fed back in that says its order exists is finished at
// once (carried): it is never sent again, whatever the ledger knows. A row
// it says is unknown keeps that (prior).
func (r *run) readRow(row sheet.Row) batchRow {
	seq := r.nextSeq
	r.nextSeq++
	prev, ok := r.in.(*strippedInput)
	if !ok {
		return batchRow{seq: seq, row: row}
	}
	if res, done := prev.carried(); done && !r.o.AllowDuplicates {
		return batchRow{seq: seq, row: row, carried: &res}
	}
	p, _ := prev.unknown()
	return batchRow{seq: seq, row: row, prior: p}
}

// groupsCarried reports whether carried rows are mapped and grouped: with
// adjacent grouping, where the rows of an order that a result sheet says
// exists must not be sent as another order (grouper.addCarried).
func (r *run) groupsCarried() bool { return r.o.Provider.Grouping().Adjacent }

// mapBatch maps the rows of b (the Mapper is safe for concurrent use; memo
// is the calling goroutine's).
func (r *run) mapBatch(b *mapBatch, memo *mapping.Memo) {
	width := len(r.mapper.Fields())
	b.values = slices.Grow(b.values[:0], width*len(b.rows))[:width*len(b.rows)]
	values := b.values
	carried := r.groupsCarried()
	for i := range b.rows {
		if br := &b.rows[i]; br.carried == nil || carried {
			if r.typed {
				br.rec, br.problems = r.mapper.MapTyped(memo, values[i*width:(i+1)*width], br.row.Line, br.row.Cells, br.row.LongNumbers())
			} else {
				br.rec, br.problems = r.mapper.MapToMemo(memo, values[i*width:(i+1)*width], br.row.Line, br.row.Cells)
			}
			br.skip, br.skipped = r.mapper.Skip(br.row.Cells)
		}
	}
	close(b.done)
}
