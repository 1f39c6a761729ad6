package importer

import (
	"orderimport/importer/i18n"
	"orderimport/importer/sheet"
)

// sequencer writes finished rows to the result sheet in input order although
// workers finish them out of order (the shape of gofmt's sequencer). Rows are
// numbered by seq, 0-based in reading order. It holds at most len(ring) rows:
// the reader takes a slot (acquire) before it registers a row, and the
// sequencer gives it back once the row is written, so memory is bounded by
// the ring, not by the file.
type sequencer struct {
	// lang is the language of the warnings it writes into rows.
	lang   i18n.Lang
	ring   []seqSlot
	next   int // seq of the next row to write
	events chan seqEvent
	// free carries slots given back, a number of them at a time (all
	// that one flush wrote); the slots a message holds are taken from the
	// ring's len(ring), so the channel never holds more than len(ring)
	// messages and a send never blocks.
	free chan int
	done chan struct{}

	out    ResultWriter
	prog   Progress
	counts statusCounts
	// carried counts the rows that came finished (carried over from a
	// result sheet fed back in).
	carried int
	err     error // first write error; later rows are still accounted
}

type seqSlot struct {
	row        sheet.Row
	batch      *mapBatch // the batch the row came in, released once all its rows are written
	res        RowResult
	registered bool
	finished   bool
}

// seqEvent registers a batch of rows, finishes the rows of orders, each
// order's with one result (each row with its own warnings), or finishes one
// row.
type seqEvent struct {
	batch  *mapBatch     // rows to register
	orders []orderResult // orders to finish
	seq    int           // the row to finish, when batch and orders are nil
	res    RowResult
}

// orderResult is the result of every row of an order.
type orderResult struct {
	rows []pendingRow
	res  RowResult
}

// finishedOrders gathers the orders one goroutine (the grouper) finishes
// and hands them to the sequencer together: one channel operation and one
// wake-up of the sequencer for many orders. Its owner sends them before it
// waits for anything.
type finishedOrders struct {
	seq    *sequencer
	orders []orderResult
}

// add finishes every row of rows with res (a row with problems, warnings,
// whose res has no error gets them as its error) once sent; rows must not
// change afterwards.
func (f *finishedOrders) add(rows []pendingRow, res RowResult) {
	if len(rows) > 0 {
		f.orders = append(f.orders, orderResult{rows: rows, res: res})
	}
}

// send hands the gathered orders to the sequencer.
func (f *finishedOrders) send() {
	if len(f.orders) > 0 {
		f.seq.events <- seqEvent{orders: f.orders}
		f.orders = nil // the sequencer reads it now
	}
}

func newSequencer(capacity int, out ResultWriter, prog Progress, lang i18n.Lang) *sequencer {
	s := &sequencer{
		lang:   lang,
		ring:   make([]seqSlot, capacity),
		events: make(chan seqEvent, 256),
		free:   make(chan int, capacity),
		done:   make(chan struct{}),
		out:    out,
		prog:   prog,
	}
	s.free <- capacity
	go s.loop()
	return s
}

// slots counts the ring's slots a reader holds: it takes them from the
// sequencer a number at a time and spends one on each row it registers.
type slots struct {
	seq  *sequencer
	held int
}

// take spends one slot; when none is held and none has come back, it calls
// before, then blocks until slots come back.
func (h *slots) take(before func()) {
	if h.held == 0 {
		select {
		case n := <-h.seq.free:
			h.held += n
		default:
			before()
			h.held += <-h.seq.free
		}
	}
	h.held--
}

// registerBatch announces the rows of a batch at once (one channel operation
// instead of one per row); it must come before finish for any of them. Its
// carried rows are finished with their result. The sequencer reads only the
// rows' seq, line, cells, text and carried result, and releases b once it
// has written them all.
func (s *sequencer) registerBatch(b *mapBatch) {
	s.events <- seqEvent{batch: b}
}

// finish records the final result of row seq.
func (s *sequencer) finish(seq int, res RowResult) {
	s.events <- seqEvent{seq: seq, res: res}
}

// close waits until every registered row is written and returns the first
// write error.
func (s *sequencer) close() error {
	close(s.events)
	<-s.done
	return s.err
}

func (s *sequencer) loop() {
	defer close(s.done)
	for ev := range s.events {
		switch {
		case ev.batch != nil:
			s.registerRows(ev.batch)
		case ev.orders != nil:
			for _, o := range ev.orders {
				s.finishOrder(o)
			}
		default:
			slot := &s.ring[ev.seq%len(s.ring)]
			slot.res, slot.finished = ev.res, true
		}
		s.flush()
	}
	// Every row must appear in the result: a row that never got a result
	// is a bug, but it is still written, as not sent.
	for s.ring[s.next%len(s.ring)].registered {
		slot := &s.ring[s.next%len(s.ring)]
		if !slot.finished {
			slot.res = RowResult{Status: StatusNotSent, Error: "internal error: the row got no result; it was not sent"}
			slot.finished = true
		}
		s.flush()
	}
}

// finishOrder records the result of an order's rows.
func (s *sequencer) finishOrder(o orderResult) {
	for i := range o.rows {
		pr := &o.rows[i]
		slot := &s.ring[pr.seq%len(s.ring)]
		slot.res, slot.finished = o.res, true
		if o.res.Error == "" && len(pr.problems) > 0 {
			slot.res.Error = i18n.Sprintf(s.lang, i18n.ValWarning, describe(pr.problems, s.lang))
		}
	}
}

// registerRows takes the rows of a batch into the ring.
func (s *sequencer) registerRows(b *mapBatch) {
	b.unwritten = len(b.rows)
	for i := range b.rows {
		br := &b.rows[i]
		slot := &s.ring[br.seq%len(s.ring)]
		*slot = seqSlot{row: br.row, batch: b, registered: true}
		if br.carried != nil {
			slot.res, slot.finished = *br.carried, true
			s.carried++
		}
	}
}

// flush writes every finished row at the head of the ring and gives their
// slots back.
func (s *sequencer) flush() {
	written := 0
	defer func() {
		if written > 0 {
			s.free <- written
		}
	}()
	for {
		slot := &s.ring[s.next%len(s.ring)]
		if !slot.registered || !slot.finished {
			return
		}
		if s.err == nil {
			s.err = s.out.WriteRow(slot.row, slot.res)
		}
		s.counts.add(slot.res.Status)
		if rp, ok := s.prog.(RowProgress); ok {
			rp.RowDone(slot.row.Line, slot.res)
		} else {
			s.prog.Done(slot.res.Status)
		}
		if b := slot.batch; b != nil {
			if b.unwritten--; b.unwritten == 0 {
				b.release()
			}
		}
		*slot = seqSlot{}
		s.next++
		written++
	}
}

// statusCounts counts rows by status without a map operation per row.
type statusCounts [len(statusOrder)]int

// statusOrder is Statuses as an array; statusCounts is indexed like it.
var statusOrder = [...]Status{StatusOK, StatusReady, StatusSkipped, StatusRejected,
	StatusInvalid, StatusFailed, StatusUnknown, StatusNotSent}

// add counts one row that ended with st (a status outside Statuses is a
// bug; it is counted as not sent).
func (c *statusCounts) add(st Status) {
	for i, known := range statusOrder {
		if st == known {
			c[i]++
			return
		}
	}
	c[len(c)-1]++
}

// byStatus returns the non-zero counts as a map.
func (c *statusCounts) byStatus() map[Status]int {
	m := make(map[Status]int, len(c))
	for i, n := range c {
		if n > 0 {
			m[statusOrder[i]] = n
		}
	}
	return m
}
