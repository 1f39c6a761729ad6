package importer

import (
	"hash/maphash"
	"slices"
	"strconv"

	"orderimport/importer/dupset"
	"orderimport/mapping"
	"orderimport/providers"
)

// pendingRow is a mapped row waiting to travel in an order: its seq, line
// (row.Line), record and problems (non-empty: the row is invalid) are those
// of its place in the batch it was read in, which outlives the order (a
// batch is reused only once all its rows are written, and a row is written
// only once its order is finished).
type pendingRow struct {
	*batchRow
	// order, on the first row of an adjacent order with a key, says
	// whether an earlier order had the same key (see grouper).
	order *dupset.Answer
	// existing, on the first row of an adjacent order, is the line of a
	// row of the same order that a result sheet carried over as created
	// (see grouper.addCarried); 0 when none.
	existing int
}

// appendRecords appends the mapped records of rows to recs.
func appendRecords(recs []providers.Record, rows []pendingRow) []providers.Record {
	for _, pr := range rows {
		recs = append(recs, pr.rec)
	}
	return recs
}

// group is an order being assembled.
type group struct {
	key     string
	rows    []pendingRow
	emitted bool
	// want, when not 0, is the number of rows the order is complete with
	// (rows a result sheet says were sent together, see pinnedKey).
	want int
	// existing and order are those of the order's first row (pendingRow)
	// while the order has only carried rows.
	existing int
	order    *dupset.Answer
}

// grouper assembles orders the provider's way and hands each complete one
// to emit. It runs on the reading goroutine.
//
// Non-adjacent grouping (damaijia) keeps one open group per key. To keep the
// sequencer's window bounded, a group whose first row is more than window
// rows behind the newest row is sent as it is, smaller than MaxRows.
//
// Adjacent grouping (storefront) holds one order at a time. The rows of an
// order must follow each other: a row whose order key belongs to an order
// that was already closed (another order came in between) is flagged, not
// joined — joining would need the whole file in memory, and the earlier
// rows may already be on their way. The flagged row, and the rows that
// follow it with the same key, form an invalid order of their own: "rows
// of order #1001 are not adjacent: first seen at row 2; sort the file by
// order number". To find such a row the grouper notes a 64-bit hash of each
// order's key with its first line in the run's dupset.Set (bounded memory) when
// the order starts, and hands the answer on with the order (pendingRow.order);
// once it is known, markNotAdjacent flags the row. Two different keys share a
// hash with odds of about 1 in 10^7 for a million orders, and would flag a
// row wrongly, never join rows wrongly.
type grouper struct {
	grouping  providers.Grouping
	appendKey func([]byte, providers.Record) []byte
	keyBuf    []byte // the key of the row being added
	window    int
	emit      func(rows []pendingRow)

	open  map[string]*group // non-adjacent: open groups by key
	queue []*group          // non-adjacent: open groups, oldest first
	cur   *group            // adjacent: the order being read
	keys  *dupset.Set       // adjacent: the keys of the orders begun
	seed  maphash.Seed      // of the keys' hashes
}

// newGrouper returns a grouper that hands each order to emit; keys notes
// the order keys of adjacent grouping (it may be nil otherwise).
func newGrouper(g providers.Grouping, appendKey func([]byte, providers.Record) []byte, window int, keys *dupset.Set, emit func([]pendingRow)) *grouper {
	return &grouper{grouping: g, appendKey: appendKey, window: window, emit: emit, open: make(map[string]*group),
		keys: keys, seed: maphash.MakeSeed()}
}

// add takes the next row in reading order.
func (gr *grouper) add(r pendingRow) {
	if gr.grouping.Adjacent {
		gr.addAdjacent(r)
		return
	}
	if len(r.problems) > 0 || r.skipped {
		gr.emit([]pendingRow{r})
		gr.expire(r.seq)
		return
	}
	want := 0
	if p := r.prior; p != nil && p.siteOrderID != 0 {
		// Rows a result sheet says were sent together with these ids
		// travel together again, and only together.
		gr.keyBuf = strconv.AppendInt(append(gr.keyBuf[:0], pinnedKey...), p.siteOrderID, 10)
		want = p.rows
	} else {
		gr.keyBuf = gr.appendKey(gr.keyBuf[:0], r.rec)
	}
	g := gr.open[string(gr.keyBuf)] // no string is made for a lookup
	if g == nil {
		key := string(gr.keyBuf)
		g = &group{key: key, rows: make([]pendingRow, 0, 1), want: want}
		gr.open[key] = g
		gr.queue = append(gr.queue, g)
	}
	if len(g.rows) == 1 {
		// A second row: the order is likely to fill up, so make room for
		// all of it at once (a single-row order keeps its one slot).
		room := 64
		if m := gr.grouping.MaxRows; m > 0 {
			room = min(m, room)
		}
		g.rows = slices.Grow(g.rows, room-1)
	}
	g.rows = append(g.rows, r)
	if (g.want > 0 && len(g.rows) >= g.want) || (g.want == 0 && gr.grouping.MaxRows > 0 && len(g.rows) >= gr.grouping.MaxRows) {
		gr.send(g)
	}
	gr.expire(r.seq)
}

// pinnedKey starts the grouping key of rows a result sheet says were sent
// together with one site_order_id: no provider's key starts with it.
const pinnedKey = "\x00site_order_id "

// addCarried takes, with adjacent grouping, a row that a result sheet
// carried over as created (it is finished already and never sent): the
// order it belongs to exists, so the other rows of that order, which are
// sent, are flagged (pendingRow.existing) instead of forming a second
// order. Only its key and line are kept: its batch may be reused once read.
func (gr *grouper) addCarried(br *batchRow) {
	gr.keyBuf = gr.appendKey(gr.keyBuf[:0], br.rec)
	if gr.cur != nil && (len(gr.keyBuf) == 0 || string(gr.keyBuf) == gr.cur.key) {
		if gr.cur.existing == 0 {
			gr.cur.existing = br.row.Line
		}
		return
	}
	key := string(gr.keyBuf)
	var ans *dupset.Answer
	if key != "" {
		if a, err := gr.keys.Note(maphash.String(gr.seed, key), br.row.Line); err == nil {
			ans = &a
		}
	}
	gr.closeCurrent()
	gr.cur = &group{key: key, existing: br.row.Line, order: ans}
}

// addAdjacent: a row with the current key, or with a blank key (a
// continuation row), joins the current order; any other key starts a new one.
// Invalid rows join too, so that an order with an invalid row is not sent
// without it.
//
// An order longer than the window is sent in parts. A row whose key belongs
// to an order closed earlier is flagged (see grouper).
func (gr *grouper) addAdjacent(r pendingRow) {
	gr.keyBuf = gr.appendKey(gr.keyBuf[:0], r.rec)
	if gr.cur != nil && (len(gr.keyBuf) == 0 || string(gr.keyBuf) == gr.cur.key) {
		if len(gr.cur.rows) == 0 && gr.cur.order != nil {
			r.order, gr.cur.order = gr.cur.order, nil // the key's check, noted by a carried row
		}
		if len(gr.cur.rows) < gr.window {
			gr.cur.rows = append(gr.cur.rows, r)
			return
		}
		gr.send(gr.cur)
		gr.cur = &group{key: gr.cur.key, rows: []pendingRow{r}, existing: gr.cur.existing}
		return
	}
	key := string(gr.keyBuf)
	if key != "" {
		// A spill error leaves order nil; the set keeps the error and the
		// run stops on it before it sends the order (run.dispatch).
		if a, err := gr.keys.Note(maphash.String(gr.seed, key), r.row.Line); err == nil {
			r.order = &a
		}
	}
	gr.closeCurrent()
	gr.cur = &group{key: key, rows: []pendingRow{r}}
}

// closeCurrent sends the current order.
func (gr *grouper) closeCurrent() {
	if gr.cur == nil {
		return
	}
	gr.send(gr.cur)
	gr.cur = nil
}

// markNotAdjacent flags the first row of an order whose key an earlier order
// had (its order answer known) as invalid.
func markNotAdjacent(rows []pendingRow, key string) {
	r := &rows[0]
	if r.order == nil || r.order.Before == 0 {
		return
	}
	r.problems = append(r.problems, &mapping.FieldError{Line: r.row.Line, Err: mapping.NotAdjacentError(key, r.order.First)})
	r.order = nil
}

// expire sends the open groups whose first row is more than window rows
// behind seq.
func (gr *grouper) expire(seq int) {
	for len(gr.queue) > 0 {
		g := gr.queue[0]
		if !g.emitted && seq-g.rows[0].seq < gr.window {
			return
		}
		gr.queue[0] = nil
		gr.queue = gr.queue[1:]
		if !g.emitted {
			gr.send(g)
		}
	}
}

func (gr *grouper) send(g *group) {
	if g.emitted {
		return
	}
	g.emitted = true
	if gr.open[g.key] == g {
		delete(gr.open, g.key)
	}
	if len(g.rows) == 0 {
		return // carried rows only
	}
	if g.existing > 0 {
		g.rows[0].existing = g.existing
	}
	gr.emit(g.rows)
}

// flush sends every open group, oldest first.
func (gr *grouper) flush() {
	gr.closeCurrent()
	for _, g := range gr.queue {
		gr.send(g)
	}
	gr.queue = nil
}
