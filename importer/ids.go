package importer

import (
	"encoding/binary"
	"encoding/hex"
	"hash/maphash"
	"slices"
	"strconv"
	"sync"
	"time"

	"orderimport/importer/ledger"
	"orderimport/providers"
)

// IDSource hands out the integers the importer sends as a provider's own
// order and row ids (damaijia site_order_id and site_order_consignee_id)
// when no ledger is used; with a ledger the ids come from its sequence and
// are stored with the claim.
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

// identity computes the ledger keys of an order's rows.
//
// A row's identity is what makes it the same row in another file or run:
// platform_order_sn + product_id when the provider has both fields
// (damaijia: one consignee of one shop order for one gift), otherwise
// order_key + the row's position in its order (storefront line items),
// otherwise a hash of the whole mapped record. Blank identity fields fall
// back to the record hash.
type identity struct {
	ns       string
	platform int // platform_order_sn index, or -1
	product  int // product_id index, or -1
	orderKey int // order_key index, or -1
}

func newIdentity(ns string, fields []providers.Field) identity {
	return identity{ns: ns,
		platform: providers.FieldIndex(fields, "platform_order_sn"),
		product:  providers.FieldIndex(fields, "product_id"),
		orderKey: providers.FieldIndex(fields, "order_key"),
	}
}

// keys returns the key of each row of an order, in order.
func (id identity) keys(recs []providers.Record) []string {
	out := make([]string, len(recs))
	for i, r := range recs {
		switch {
		case id.platform >= 0 && id.product >= 0 && field(r, id.platform) != "" && field(r, id.product) != "":
			out[i] = ledger.Key(id.ns, "row", field(r, id.platform), field(r, id.product))
		case id.orderKey >= 0 && field(recs[0], id.orderKey) != "":
			out[i] = ledger.Key(id.ns, "item", field(recs[0], id.orderKey), strconv.Itoa(i))
		default:
			out[i] = ledger.Key(id.ns, append([]string{"record"}, r.Values...)...)
		}
	}
	return out
}

// hashes returns a 64-bit hash of each row's identity (the identity keys
// uses), for the in-file duplicate check of a run without a ledger: much
// cheaper than the ledger's SHA-256 keys, and as good within one process.
// The hashes go into out's array when it is large enough; buf is scratch
// space for the identities' bytes, returned for reuse.
func (id identity) hashes(seed maphash.Seed, recs []providers.Record, out []uint64, buf []byte) ([]uint64, []byte) {
	out = slices.Grow(out[:0], len(recs))[:len(recs)]
	for i := range recs {
		buf = id.appendIdentity(buf[:0], recs, i)
		out[i] = maphash.Bytes(seed, buf)
	}
	return out, buf
}

// appendIdentity appends the parts of row i's identity, each followed by
// a 0 byte.
func (id identity) appendIdentity(buf []byte, recs []providers.Record, i int) []byte {
	part := func(s string) { buf = append(append(buf, s...), 0) }
	switch r := recs[i]; {
	case id.platform >= 0 && id.product >= 0 && field(r, id.platform) != "" && field(r, id.product) != "":
		part("row")
		part(field(r, id.platform))
		part(field(r, id.product))
	case id.orderKey >= 0 && field(recs[0], id.orderKey) != "":
		part("item")
		part(field(recs[0], id.orderKey))
		buf = append(strconv.AppendInt(buf, int64(i), 10), 0)
	default:
		part("record")
		for _, v := range r.Values {
			part(v)
		}
	}
	return buf
}

func field(r providers.Record, i int) string {
	if i < len(r.Values) {
		return r.Values[i]
	}
	return ""
}

// keyHash is the 64-bit prefix of a ledger key (hex): the identity hash of
// a row for the in-file duplicate check (dupSet) when the run claims rows in
// a ledger.
func keyHash(key string) uint64 {
	var b [8]byte
	_, _ = hex.Decode(b[:], []byte(key[:16]))
	return binary.BigEndian.Uint64(b[:])
}
