package ledger

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
)

// Key is a row's idempotency key: the first 128 bits of SHA-256 over the
// namespace and the identity parts, hex-encoded. Parts are length-prefixed,
// so ("ab","c") and ("a","bc") differ.
func Key(ns string, parts ...string) string {
	h := sha256.New()
	var n [8]byte
	for i := -1; i < len(parts); i++ {
		p := ns
		if i >= 0 {
			p = parts[i]
		}
		binary.BigEndian.PutUint64(n[:], uint64(len(p)))
		h.Write(n[:])
		h.Write([]byte(p))
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// ContentHash is the hash of a mapped row's values that the ledger keeps
// with the row, so that a later run can tell whether a refused row changed.
func ContentHash(values []string) string { return Key("content", values...) }
