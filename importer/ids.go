package importer

import (
	"sync"
	"time"
)

// IDSource hands out the integers the importer sends as a provider's own
// order and row ids (damaijia site_order_id and site_order_consignee_id).
type IDSource interface {
	// NextID returns an id never returned before by this source.
	NextID() int64
}

// ClockIDs allocates ids from the wall clock in microseconds, strictly
// increasing: an id is never below the time it was allocated at, so a later
// run (even after a restart) allocates ids above every id of an earlier run
// as long as that run allocated fewer than a million ids per second of its
// life. The ids stay below 2^53, so they survive JSON parsers that read
// numbers as doubles. Two runs started at the same moment could collide; the
// provider answers such a collision with "already exists" (a rejected row),
// never with a duplicate order.
type ClockIDs struct {
	mu   sync.Mutex
	last int64
	now  func() time.Time
}

// NewClockIDs returns an IDSource driven by the system clock.
func NewClockIDs() *ClockIDs { return &ClockIDs{now: time.Now} }

// NextID implements IDSource.
func (c *ClockIDs) NextID() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	id := c.now().UnixMicro()
	if id <= c.last {
		id = c.last + 1
	}
	c.last = id
	return id
}
