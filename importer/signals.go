package importer

import (
	"context"
	"log/slog"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"
)

// StopOnSignal returns a context cancelled by the first SIGINT or SIGTERM:
// no new request starts, the requests under way finish and the result sheet
// is written (exit 130). Every later signal is the same stop (GNU timeout
// sends SIGTERM to the process and then to its process group; a wrapper
// script may forward a Ctrl-C the terminal already delivered), except a
// second Ctrl-C typed at a terminal a second or more after the first
// signal: that calls exitNow. interactive says whether the process has a
// terminal. cancel stops the handling.
func StopOnSignal(log *slog.Logger, interactive bool, exitNow func()) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(context.Background())
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		defer signal.Stop(sigs)
		var first time.Time
		for {
			select {
			case <-done:
				return
			case sig := <-sigs:
				switch {
				case first.IsZero():
					first = time.Now()
					log.Warn("stopping: no new request starts; requests under way finish, then the result sheet is written",
						stopAttrs(sig, interactive)...)
					cancel()
				case SignalExitsNow(sig, interactive, time.Since(first)):
					log.Error("second Ctrl-C: exiting now, without the result sheet; the ledger keeps every claim: run again to settle them")
					exitNow()
					return
				default:
					log.Warn("already stopping: the result sheet is written when the requests under way finish", "signal", sig.String())
				}
			}
		}
	}()
	var once sync.Once
	return ctx, func() {
		once.Do(func() { close(done) })
		cancel()
	}
}

// SignalExitsNow reports whether sig, arriving sinceFirst after the signal
// that began the stop, ends the process at once: only a Ctrl-C (SIGINT)
// at a terminal, a second or more after the first signal. SIGTERM never
// does (timeout, systemd and kill send it, sometimes twice); a SIGINT within
// a second is the same keypress delivered twice.
func SignalExitsNow(sig os.Signal, interactive bool, sinceFirst time.Duration) bool {
	return interactive && sig == os.Interrupt && sinceFirst >= time.Second
}

// stopAttrs are the log attributes of the first signal.
func stopAttrs(sig os.Signal, interactive bool) []any {
	attrs := []any{"signal", sig.String()}
	if interactive {
		attrs = append(attrs, "hint", "press Ctrl-C again to exit at once")
	}
	return attrs
}
