package importer

// sequencer writes finished rows to the result sheet in input order although
// workers finish them out of order (the shape of gofmt's sequencer). Rows are
// numbered by seq, 0-based in reading order. It holds at most len(ring) rows:
// the reader takes a slot (acquire) before it registers a row, and the
// sequencer gives it back once the row is written, so memory is bounded by
// the ring, not by the file.
type sequencer struct {
	ring   []seqSlot
	next   int // seq of the next row to write
	events chan seqEvent
	free   chan struct{}
	done   chan struct{}

	out    ResultWriter
	prog   Progress
	counts map[Status]int
	err    error // first write error; later rows are still accounted
}

type seqSlot struct {
	line       int
	cells      []string
	res        RowResult
	registered bool
	finished   bool
}

// seqEvent either registers a row (cells non-nil) or finishes one.
type seqEvent struct {
	seq      int
	line     int
	cells    []string
	register bool
	res      RowResult
}

func newSequencer(capacity int, out ResultWriter, prog Progress) *sequencer {
	s := &sequencer{
		ring:   make([]seqSlot, capacity),
		events: make(chan seqEvent, 256),
		free:   make(chan struct{}, capacity),
		done:   make(chan struct{}),
		out:    out,
		prog:   prog,
		counts: make(map[Status]int),
	}
	for range capacity {
		s.free <- struct{}{}
	}
	go s.loop()
	return s
}

// acquire blocks until the ring has room for one more row.
func (s *sequencer) acquire() { <-s.free }

// register announces row seq; it must come before finish for that seq.
func (s *sequencer) register(seq, line int, cells []string) {
	s.events <- seqEvent{seq: seq, line: line, cells: cells, register: true}
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
		slot := &s.ring[ev.seq%len(s.ring)]
		if ev.register {
			*slot = seqSlot{line: ev.line, cells: ev.cells, registered: true}
		} else {
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

// flush writes every finished row at the head of the ring.
func (s *sequencer) flush() {
	for {
		slot := &s.ring[s.next%len(s.ring)]
		if !slot.registered || !slot.finished {
			return
		}
		if s.err == nil {
			s.err = s.out.WriteRow(slot.line, slot.cells, slot.res)
		}
		s.counts[slot.res.Status]++
		s.prog.Done(slot.res.Status)
		*slot = seqSlot{}
		s.next++
		s.free <- struct{}{}
	}
}
