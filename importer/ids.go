package importer

import (
	"encoding/binary"
	"encoding/hex"
	"hash/maphash"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"

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
// A row's identity is what makes it the same row in another file, another
// run, or the same file read through another mapping (see the README's
// "Never twice"):
//
//   - platform_order_sn + product_id when the provider has both fields
//     (damaijia: one consignee of one shop order for one gift);
//   - otherwise order_key + the item's product_id and variant_id + how many
//     earlier items of the order have the same product and variant
//     (storefront line items: an item added to an order, anywhere, is a new
//     identity, and the others keep theirs);
//   - otherwise, and when those fields are blank, the whole mapped record.
//
// The order numbers (platform_order_sn, order_key) are canonical
// (canonicalPart): letters and digits only, full-width forms narrowed,
// case folded, so '#1001', '1001', '＃１００１' and ="1001" are one order,
// and 2401-0112 is 24010112; the ids (product_id, variant_id) are whole
// numbers without leading zeros. The key is the SHA-256 of the account's
// namespace and these parts (ledger.Key).
type identity struct {
	ns       string
	platform int // platform_order_sn index, or -1
	product  int // product_id index, or -1
	variant  int // variant_id index, or -1
	orderKey int // order_key index, or -1
	// legacy are older namespaces of the account (a ledger written before
	// accounts had names): each row is also looked up under the key it had
	// there (legacyKeys).
	legacy []string
}

func newIdentity(ns string, fields []providers.Field) identity {
	return identity{ns: ns,
		platform: providers.FieldIndex(fields, "platform_order_sn"),
		product:  providers.FieldIndex(fields, "product_id"),
		variant:  providers.FieldIndex(fields, "variant_id"),
		orderKey: providers.FieldIndex(fields, "order_key"),
	}
}

// keys returns the key of each row of an order, in order.
func (id identity) keys(recs []providers.Record) []string {
	out := make([]string, len(recs))
	occ := id.occurrences(recs)
	var buf []byte
	for i := range recs {
		buf = id.appendIdentity(buf[:0], recs, i, occ)
		out[i] = ledger.Key(id.ns, string(buf))
	}
	return out
}

// legacyKeys returns, for each row, its keys under the account's older
// namespaces as orderimport made them before issue 11 (the mapped values
// as they are, storefront items by position); nil without older
// namespaces.
func (id identity) legacyKeys(recs []providers.Record) [][]string {
	if len(id.legacy) == 0 {
		return nil
	}
	out := make([][]string, len(recs))
	for i, r := range recs {
		for _, ns := range id.legacy {
			var k string
			switch {
			case id.platform >= 0 && id.product >= 0 && field(r, id.platform) != "" && field(r, id.product) != "":
				k = ledger.Key(ns, "row", field(r, id.platform), field(r, id.product))
			case id.orderKey >= 0 && field(recs[0], id.orderKey) != "":
				k = ledger.Key(ns, "item", field(recs[0], id.orderKey), strconv.Itoa(i))
			default:
				k = ledger.Key(ns, append([]string{"record"}, r.Values...)...)
			}
			out[i] = append(out[i], k)
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
	occ := id.occurrences(recs)
	for i := range recs {
		buf = id.appendIdentity(buf[:0], recs, i, occ)
		out[i] = maphash.Bytes(seed, buf)
	}
	return out, buf
}

// platformOrder returns the platform order number of row i of an order's
// rows, as mapped: platform_order_sn, else the order's order_key (a
// continuation row's from the order's first row); "" when it has none. The
// ledger keeps it for the run's history.
func (id identity) platformOrder(rows []providers.OrderRow, i int) string {
	if id.platform >= 0 {
		if v := field(rows[i].Record, id.platform); v != "" {
			return v
		}
	}
	if id.orderKey < 0 {
		return ""
	}
	if v := field(rows[i].Record, id.orderKey); v != "" {
		return v
	}
	return field(rows[0].Record, id.orderKey)
}

// items reports whether the rows of recs are identified as items of an
// order (storefront).
func (id identity) items(recs []providers.Record, i int) bool {
	r := recs[i]
	if id.platform >= 0 && id.product >= 0 && field(r, id.platform) != "" && field(r, id.product) != "" {
		return false
	}
	return id.orderKey >= 0 && field(recs[0], id.orderKey) != ""
}

// appendIdentity appends the parts of row i's identity, each followed by
// a 0 byte; occ are the rows' occurrences (see occurrences).
func (id identity) appendIdentity(buf []byte, recs []providers.Record, i int, occ []int) []byte {
	switch r := recs[i]; {
	case id.platform >= 0 && id.product >= 0 && field(r, id.platform) != "" && field(r, id.product) != "":
		buf = append(buf, "row\x00"...)
		buf = append(appendCanonical(buf, field(r, id.platform)), 0)
		buf = append(appendCanonicalInt(buf, field(r, id.product)), 0)
	case id.items(recs, i):
		buf = append(buf, "item\x00"...)
		buf = append(appendCanonical(buf, field(recs[0], id.orderKey)), 0)
		buf = append(appendCanonicalInt(buf, field(r, id.product)), 0)
		buf = append(appendCanonicalInt(buf, field(r, id.variant)), 0)
		buf = append(strconv.AppendInt(buf, int64(occ[i]), 10), 0)
	default:
		buf = append(buf, "record\x00"...)
		for _, v := range r.Values {
			buf = append(append(buf, v...), 0)
		}
	}
	return buf
}

// occurrences returns, for each item row of an order, how many earlier
// rows of the order have the same product and variant; nil when the rows
// are not items.
func (id identity) occurrences(recs []providers.Record) []int {
	if len(recs) == 0 || !id.items(recs, 0) {
		return nil
	}
	occ := make([]int, len(recs))
	seen := make(map[[2]string]int, len(recs))
	var buf []byte
	for i, r := range recs {
		buf = appendCanonicalInt(buf[:0], field(r, id.product))
		p := string(buf)
		buf = appendCanonicalInt(buf[:0], field(r, id.variant))
		k := [2]string{p, string(buf)}
		occ[i] = seen[k]
		seen[k]++
	}
	return occ
}

// appendCanonical appends the canonical form of an order number s: its
// letters and digits, full-width forms narrowed and letters lower-cased;
// spaces, punctuation ('#', '-', '_', '/', '.'), Excel's text-forcing marks
// (="...", a leading ' or tab) and any other character are left out. A
// value without a letter or digit is appended trimmed, as it is.
func appendCanonical(dst []byte, s string) []byte {
	i := 0
	for i < len(s) && canonicalASCII[s[i]] == s[i] {
		i++
	}
	if i == len(s) && i > 0 {
		return append(dst, s...) // already canonical: the usual order number
	}
	start := len(dst)
	ascii := true
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= utf8.RuneSelf:
			ascii = false
		case canonicalASCII[c] != 0:
			dst = append(dst, canonicalASCII[c])
		}
	}
	if !ascii {
		dst = dst[:start]
		for _, r := range width.Fold.String(s) {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				dst = utf8.AppendRune(dst, unicode.ToLower(r))
			}
		}
	}
	if len(dst) == start {
		dst = append(dst, strings.TrimSpace(s)...)
	}
	return dst
}

// canonicalASCII maps an ASCII byte to its canonical form in an order
// number: digits and lower-case letters to themselves, upper-case letters
// to lower case, anything else to 0 (left out).
var canonicalASCII = func() (t [256]byte) {
	for c := '0'; c <= '9'; c++ {
		t[c] = byte(c)
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = byte(c), byte(c)
	}
	return t
}()

// appendCanonicalInt appends the canonical form of a whole-number id:
// appendCanonical without leading zeros.
func appendCanonicalInt(dst []byte, s string) []byte {
	start := len(dst)
	dst = appendCanonical(dst, s)
	n := start
	for n < len(dst)-1 && dst[n] == '0' {
		n++
	}
	return append(dst[:start], dst[n:]...)
}

func field(r providers.Record, i int) string {
	if i < len(r.Values) {
		return r.Values[i]
	}
	return ""
}

// keyHash is the 64-bit prefix of a ledger key (hex): the identity hash of
// a row for the in-file duplicate check (dupset) when the run claims rows
// in a ledger.
func keyHash(key string) uint64 {
	var b [8]byte
	_, _ = hex.Decode(b[:], []byte(key[:16]))
	return binary.BigEndian.Uint64(b[:])
}
