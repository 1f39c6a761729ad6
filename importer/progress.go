package importer

import (
	"fmt"
	"log/slog"
	"strconv"
	"strings"
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

// text says how many rows ended with each status, in Statuses order, naming
// only the statuses that occurred: "ok 120, rejected 2"; "ready 10" in a dry
// run. A status's count stays with its name, so the counts say what the
// result sheet will say.
func (c *statusCounts) text() string {
	var parts []string
	for i, n := range c {
		if n > 0 {
			parts = append(parts, string(statusOrder[i])+" "+strconv.Itoa(n))
		}
	}
	return strings.Join(parts, ", ")
}

// barProgress draws a progressbar/v3 bar on the console (LIBRARY-NOTES: the
// bar is not terminal-aware, so it is only used on a terminal). It
// throttles the bar itself: the bar is told of finished rows at most every
// barEvery, since formatting its description and taking its lock for every
// row cost a 1,000,000-row dry run on a terminal ~15% more time than
// without one.
//
// Rows the run did not send (not_sent: it was interrupted or stopped) do
// not move the bar: it stays where the run stopped, and the summary below
// it counts them.
type barProgress struct {
	con      *Console
	bar      *progressbar.ProgressBar
	total    int
	descRoom int          // columns for the description
	counts   statusCounts // rows on the bar, by status
	notSent  int          // rows not sent, not on the bar
	pending  int          // rows done that the bar has not been told of
	last     time.Time    // when the bar was told last
}

// barEvery is how often the bar is updated. The bar itself is not
// throttled: it draws on each of flush's two calls, the second frame at
// once over the first.
const barEvery = 100 * time.Millisecond

func newBarProgress(con *Console, total int) *barProgress {
	return newBarProgressWidth(con, total, con.width())
}

// newBarProgressWidth lays the bar out for a terminal width columns wide.
func newBarProgressWidth(con *Console, total, width int) *barProgress {
	barCols, descRoom := barLayout(width, total)
	opts := []progressbar.Option{
		progressbar.OptionSetWriter(con.w),
		progressbar.OptionSetWidth(barCols),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("rows"),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionOnCompletion(func() { fmt.Fprintln(con.w) }),
	}
	if total >= 0 {
		// Without a total (a dry run) the count would read "(12/-": the
		// description's counts say it.
		opts = append(opts, progressbar.OptionShowCount())
	}
	bar := progressbar.NewOptions(total, opts...)
	con.show(bar)
	return &barProgress{con: con, bar: bar, total: total, descRoom: descRoom}
}

// A frame reads "DESC  45% |BAR| (COUNT/TOTAL, RATE rows/s) [ELAPSED:LEFT]":
// frameOwn columns besides its parts. It stays barMargin columns short of
// the terminal's width: a frame wider than the terminal would wrap (the
// next one would be drawn below it instead of over it), and so would the
// "^C" a terminal echoes after a frame that fills the line.
const (
	frameOwn    = 12
	barMargin   = 3
	barMinWidth = 10
	barMaxWidth = 50
	descWish    = 24 // columns the description gets before the bar grows
)

// barLayout returns the bar's width and the description's room on a
// terminal width columns wide (0: unknown, the description unbounded).
func barLayout(width, total int) (bar, desc int) {
	if width <= 0 {
		return 30, int(^uint(0) >> 1)
	}
	digits := len(strconv.Itoa(max(total, 0)))
	parts := len("(/, 9999 rows/s)") + 2*digits + len("59m59s:59m59s")
	free := width - barMargin - frameOwn - parts
	bar = min(barMaxWidth, max(barMinWidth, free-descWish))
	return bar, free - bar
}

func (p *barProgress) Done(s Status) {
	if s == StatusNotSent {
		p.notSent++
		return
	}
	p.counts.add(s)
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
	p.bar.Describe(p.describe())
	_ = p.bar.Add(p.pending)
	p.pending = 0
}

// describe is the bar's description: the counts by status, as many of them
// as fit in its room.
func (p *barProgress) describe() string {
	desc := ""
	for _, part := range strings.SplitAfter(p.counts.text(), ", ") {
		next := desc + part
		if len(strings.TrimSuffix(next, ", "))+1 > p.descRoom {
			break
		}
		desc = next
	}
	if desc = strings.TrimSuffix(desc, ", "); desc != "" {
		desc += " "
	}
	return desc
}

// Finish draws the last frame. A run that ended with rows not sent leaves
// the bar where it stopped; the others fill it.
func (p *barProgress) Finish() {
	if p.pending > 0 {
		p.flush()
	}
	p.con.hide(func() {
		if p.notSent > 0 && p.total > 0 {
			if !p.bar.IsStarted() {
				_ = p.bar.RenderBlank()
			}
			_ = p.bar.Exit() // keeps the frame; prints the line break
			return
		}
		_ = p.bar.Finish()
	})
}

// logProgress writes a log line at most once per interval.
type logProgress struct {
	mu          sync.Mutex
	log         *slog.Logger
	total       int
	every       time.Duration
	start, last time.Time
	done        int
	counts      statusCounts
}

func (p *logProgress) Done(s Status) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done++
	p.counts.add(s)
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

// emit logs the rows done so far with a count per status that occurred,
// named as in the result sheet (ok=…, ready=…, invalid=…).
func (p *logProgress) emit(msg string) {
	elapsed := time.Since(p.start)
	rate := float64(p.done) / elapsed.Seconds()
	attrs := []any{"done", p.done}
	for i, n := range p.counts {
		if n > 0 {
			attrs = append(attrs, string(statusOrder[i]), n)
		}
	}
	attrs = append(attrs, "rows_per_s", fmt.Sprintf("%.1f", rate))
	if p.total > 0 {
		attrs = append(attrs, "total", p.total)
		if rate > 0 && p.done < p.total {
			eta := time.Duration(float64(p.total-p.done) / rate * float64(time.Second))
			attrs = append(attrs, "eta", eta.Round(time.Second).String())
		}
	}
	p.log.Info(msg, attrs...)
}
