package importer

import (
	"errors"
	"io"
	"runtime"
	"sync"
	"sync/atomic"

	"orderimport/mapping"
	"orderimport/providers"
)

// mapBatchRows is how many rows travel together from the reader to the
// mappers: enough to make a channel operation cheap per row.
const mapBatchRows = 256

// mapBatch is a run of consecutive rows on their way from the reader, through
// a mapper, to the grouper (and, registered, to the sequencer).
type mapBatch struct {
	rows []batchRow
	done chan struct{} // closed once every row is mapped
	// users counts the two readers of rows after the reader, the grouper
	// and the sequencer; the last to finish returns the batch to the pool.
	users atomic.Int32
}

// mapBatches recycles batches: a batch's rows array is ~33 KB, and a
// million-row file would otherwise allocate 4,000 of them.
var mapBatches = sync.Pool{New: func() any {
	return &mapBatch{rows: make([]batchRow, 0, mapBatchRows)}
}}

func newMapBatch() *mapBatch {
	b := mapBatches.Get().(*mapBatch)
	b.rows = b.rows[:0]
	b.done = make(chan struct{})
	b.users.Store(2)
	return b
}

// release is called once by the grouper and once by the sequencer when
// they no longer read b.rows.
func (b *mapBatch) release() {
	if b.users.Add(-1) == 0 {
		clear(b.rows) // drop the cells and records for the GC
		mapBatches.Put(b)
	}
}

// batchRow is one row of a batch; carried rows (from a result sheet fed
// back in) are already finished and only keep their place.
type batchRow struct {
	seq      int
	row      Row
	carried  *RowResult // the result of a carried row; nil for others
	rec      providers.Record
	problems []*mapping.FieldError
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
			for b := range work {
				r.mapBatch(b)
			}
		}()
	}
	for b, ok := r.nextBatch(ordered); ok; b, ok = r.nextBatch(ordered) {
		<-b.done
		for i := range b.rows {
			if br := &b.rows[i]; br.carried == nil {
				r.group.add(pendingRow{seq: br.seq, line: br.row.Line, rec: br.rec, problems: br.problems})
			}
		}
		b.release()
	}
	mappers.Wait()
	r.flushOrders()
	return readErr
}

// readBatches reads rows into batches and hands each to a mapper and, in
// order, to the grouper. A partial batch is handed on before the reader
// waits for room in the sequencer, so that every row holding room is on its
// way to being written.
func (r *run) readBatches(work, ordered chan<- *mapBatch) error {
	b := newMapBatch()
	send := func() {
		if len(b.rows) > 0 {
			r.seq.registerBatch(b)
			work <- b
			ordered <- b
			b = newMapBatch()
		}
	}
	defer send()
	for {
		select {
		case <-r.seq.free:
		default:
			send()
			r.seq.acquire()
		}
		row, err := r.in.Next()
		if err != nil {
			r.seq.free <- struct{}{}
			if errors.Is(err, io.EOF) {
				return nil
			}
			return err
		}
		b.rows = append(b.rows, r.readRow(row))
		if len(b.rows) == mapBatchRows {
			send()
		}
	}
}

// readRow numbers row; the sequencer learns of it with its batch. A row of
// a result sheet fed back in that says its order exists is finished at
// once (carried): it is never sent again, whatever the ledger knows.
func (r *run) readRow(row Row) batchRow {
	seq := r.nextSeq
	r.nextSeq++
	if prev, ok := r.in.(*strippedInput); ok && !r.o.AllowDuplicates {
		if res, done := prev.carried(); done {
			return batchRow{seq: seq, row: row, carried: &res}
		}
	}
	return batchRow{seq: seq, row: row}
}

// mapBatch maps the rows of b (the Mapper is safe for concurrent use).
func (r *run) mapBatch(b *mapBatch) {
	width := len(r.mapper.Fields())
	values := make([]string, width*len(b.rows)) // one allocation per batch
	for i := range b.rows {
		if br := &b.rows[i]; br.carried == nil {
			br.rec, br.problems = r.mapper.MapTo(values[i*width:(i+1)*width], br.row.Line, br.row.Cells)
		}
	}
	close(b.done)
}
