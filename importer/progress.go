package importer

import (
	"fmt"
	"io"
	"log/slog"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
)

// Progress receives one call per finished row, in input order.
type Progress interface {
	// Done records that a row got its final status.
	Done(s Status)
	// Finish ends the display.
	Finish()
}

// NewProgress returns a progress bar on a terminal (tty true) and periodic
// log lines otherwise. total is the expected row count, or -1 when unknown.
func NewProgress(w io.Writer, tty bool, total int, log *slog.Logger, every time.Duration) Progress {
	if tty {
		return newBarProgress(w, total)
	}
	return &logProgress{log: log, total: total, every: every, start: time.Now(), last: time.Now()}
}

// tally counts rows by how they ended.
type tally struct {
	done, ok, bad int
}

func (t *tally) add(s Status) {
	t.done++
	switch s {
	case StatusOK, StatusReady, StatusSkipped:
		t.ok++
	default:
		t.bad++
	}
}

// barProgress draws a progressbar/v3 bar (LIBRARY-NOTES: the bar is not
// terminal-aware, so it is only used on a terminal). It throttles the bar
// itself: the bar is told of finished rows at most every barEvery, since
// formatting its description and taking its lock for every row cost a
// 1,000,000-row dry run on a terminal ~15% more time than without one.
type barProgress struct {
	bar     *progressbar.ProgressBar
	t       tally
	pending int       // rows done that the bar has not been told of
	last    time.Time // when the bar was told last
}

// barEvery is how often the bar is updated. The bar itself is not
// throttled: it draws on each of flush's two calls, the second frame at
// once over the first.
const barEvery = 100 * time.Millisecond

func newBarProgress(w io.Writer, total int) *barProgress {
	bar := progressbar.NewOptions(total,
		progressbar.OptionSetWriter(w),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("rows"),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionFullWidth(),
		progressbar.OptionOnCompletion(func() { fmt.Fprintln(w) }),
	)
	return &barProgress{bar: bar}
}

func (p *barProgress) Done(s Status) {
	p.t.add(s)
	p.pending++
	if now := time.Now(); now.Sub(p.last) >= barEvery {
		p.last = now
		p.flush()
	}
}

// flush gives the bar the counts so far, then moves it by the rows done
// since the last flush: the second frame shows matching numbers, and a bar
// that the move completes keeps its description (a description given after
// completion draws the bar again on a line of its own).
func (p *barProgress) flush() {
	p.bar.Describe(fmt.Sprintf("ok %d, not ok %d", p.t.ok, p.t.bad))
	_ = p.bar.Add(p.pending)
	p.pending = 0
}

func (p *barProgress) Finish() {
	if p.pending > 0 {
		p.flush()
	}
	_ = p.bar.Finish()
}

// logProgress writes a log line at most once per interval.
type logProgress struct {
	mu          sync.Mutex
	log         *slog.Logger
	total       int
	every       time.Duration
	start, last time.Time
	t           tally
}

func (p *logProgress) Done(s Status) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.t.add(s)
	if now := time.Now(); now.Sub(p.last) >= p.every {
		p.last = now
		p.emit("progress")
	}
}

func (p *logProgress) Finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.emit("rows done")
}

func (p *logProgress) emit(msg string) {
	elapsed := time.Since(p.start)
	rate := float64(p.t.done) / elapsed.Seconds()
	attrs := []any{"done", p.t.done, "ok", p.t.ok, "not_ok", p.t.bad, "rows_per_s", fmt.Sprintf("%.1f", rate)}
	if p.total > 0 {
		attrs = append(attrs, "total", p.total)
		if rate > 0 && p.t.done < p.total {
			eta := time.Duration(float64(p.total-p.t.done) / rate * float64(time.Second))
			attrs = append(attrs, "eta", eta.Round(time.Second).String())
		}
	}
	p.log.Info(msg, attrs...)
}
