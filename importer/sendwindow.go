package importer

import (
	"context"
	"sync"
	"time"
)

// sendWindow lets at most rate+burst requests start in any sliding
// sendWindowSpan, measured when each request actually starts: the token
// bucket alone counts reservations, and a busy scheduler (or a ledger claim
// between the limiter and the request) delays waiting workers unevenly and
// bunches their requests (measured at the sandbox: up to 205 in one second
// at --rate 200 --burst 1). It allows 97.5% of the rate in the long run.
type sendWindow struct {
	mu   sync.Mutex
	ring []time.Time // start times of the last n requests, oldest at head
	head int
}

func newSendWindow(perSecond float64, burst int) *sendWindow {
	if perSecond <= 0 {
		return nil
	}
	n := int(perSecond) + max(burst, 1)
	return &sendWindow{ring: make([]time.Time, n)}
}

// wait blocks until a request may start now and records it.
func (w *sendWindow) wait(ctx context.Context) error {
	if w == nil {
		return nil
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	for {
		now := time.Now()
		oldest := w.ring[w.head]
		d := sendWindowSpan - now.Sub(oldest)
		if oldest.IsZero() || d <= 0 {
			w.ring[w.head] = now
			w.head = (w.head + 1) % len(w.ring)
			return nil
		}
		t := time.NewTimer(d)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		}
	}
}

// sendWindowSpan is one second plus a margin for the time a request takes
// to reach the provider, which varies by a few milliseconds on a busy
// machine: the provider counts arrivals, not departures.
const sendWindowSpan = time.Second + 25*time.Millisecond
