package importer

import (
	"context"
	"io"
	"log/slog"
	"os"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// Console is the stream (stderr) that log lines and the progress bar share.
// Give it to slog's handler as its writer and make the progress with
// Console.Progress: while a bar is on screen, a log line is written above
// it — the bar's line is cleared, the log line printed and the bar drawn
// again below it — so no log text ever shares a line with a bar frame.
//
// Its lock orders log lines and the bar's coming and going; the bar's own
// lock orders a log line against a frame (progressbar's Bprintf keeps the
// line until the next frame, and the frame is drawn at once).
type Console struct {
	w   io.Writer
	tty bool

	mu  sync.Mutex
	bar *progressbar.ProgressBar // the bar on screen; nil when none
}

// NewConsole returns the console writing to w; tty says whether w is a
// terminal (a progress bar is drawn only on one).
func NewConsole(w io.Writer, tty bool) *Console {
	return &Console{w: w, tty: tty}
}

// Terminal reports whether the console writes to a terminal.
func (c *Console) Terminal() bool { return c.tty }

// Write writes p, one log record (slog's handlers write a record in one
// call), above the bar when one is on screen.
func (c *Console) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.bar == nil {
		return c.w.Write(p)
	}
	// Kept by the bar and written after it clears its line, before its
	// next frame; a bar that has just ended writes it at once.
	if _, err := progressbar.Bprintf(c.bar, "%s", p); err != nil {
		return 0, err
	}
	return len(p), c.bar.RenderBlank()
}

// show makes bar the bar that log lines are written above.
func (c *Console) show(bar *progressbar.ProgressBar) {
	c.mu.Lock()
	c.bar = bar
	c.mu.Unlock()
}

// hide ends the bar on screen with end (which leaves the cursor on a line
// of its own) before log lines are written straight to the stream again.
func (c *Console) hide(end func()) {
	c.mu.Lock()
	defer c.mu.Unlock()
	end()
	c.bar = nil
}

// width is the terminal's width in columns, 0 when unknown.
func (c *Console) width() int {
	f, ok := c.w.(*os.File)
	if !ok {
		return 0
	}
	w, _, err := term.GetSize(int(f.Fd()))
	if err != nil {
		return 0
	}
	return w
}

// Progress returns a progress bar on a terminal and periodic log lines
// (every interval) otherwise; nothing when log does not show INFO lines
// (--quiet). total is the expected row count, or -1 when unknown.
func (c *Console) Progress(total int, log *slog.Logger, every time.Duration) Progress {
	switch {
	case !log.Enabled(context.Background(), slog.LevelInfo):
		return nopProgress{}
	case c.tty:
		return newBarProgress(c, total)
	}
	return &logProgress{log: log, total: total, every: every, start: time.Now(), last: time.Now()}
}
