package ledger

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"net/url"
	"strings"
)

// Namespace names an account in keys and claims: the provider and its base
// URL with the scheme and host lower-cased and trailing slashes dropped, so
// the same account is recognised however the URL was typed.
func Namespace(provider, baseURL string) string {
	u := strings.TrimRight(strings.TrimSpace(baseURL), "/")
	if p, err := url.Parse(u); err == nil && p.Host != "" {
		p.Scheme, p.Host = strings.ToLower(p.Scheme), strings.ToLower(p.Host)
		u = p.String()
	}
	return strings.ToLower(strings.TrimSpace(provider)) + " " + u
}

// Key is a row's idempotency key: the first 128 bits of SHA-256 over the
// namespace and the identity parts, hex-encoded. Parts are length-prefixed,
// so ("ab","c") and ("a","bc") differ.
func Key(ns string, parts ...string) string {
	h := sha256.New()
	var n [8]byte
	for _, p := range append([]string{ns}, parts...) {
		binary.BigEndian.PutUint64(n[:], uint64(len(p)))
		h.Write(n[:])
		h.Write([]byte(p))
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}
