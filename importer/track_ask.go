package importer

import (
	"context"
	"fmt"
	"sync"
	"time"

	"orderimport/providers"
)

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
