package sandbox

import (
	"encoding/json"
	"maps"
	"net/http"
)

// Stats counts what the sandbox saw and did.
type Stats struct {
	// Requests counts every request, faulty ones included.
	Requests int
	// Created counts created orders (both APIs).
	Created int
	// CreatedConsignees counts created damaijia consignees.
	CreatedConsignees int
	// Malformed counts requests refused as malformed (damaijia 132/422,
	// openapi 422).
	Malformed int
	// Refused counts other refusals (authentication, 226, 234).
	Refused int
	// Injected faults.
	Injected5xx, Injected429, DroppedBefore, DroppedAfter, Slowed int
	// PerSecond counts requests per Unix second.
	PerSecond map[int64]int
	// MaxPerSecond is the largest PerSecond value.
	MaxPerSecond int
}

// Stats returns a snapshot of the statistics.
func (s *Server) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.stats
	st.PerSecond = maps.Clone(s.perSecond)
	for _, n := range st.PerSecond {
		st.MaxPerSecond = max(st.MaxPerSecond, n)
	}
	return st
}

// Duplicates counts creations beyond the first of one damaijia
// site_order_id, of one (platform_order_sn, product_id) pair, and of one
// identical openapi order (same JSON order object). Zero means no order was
// created twice, provided the input itself had no identical orders.
func (s *Server) Duplicates() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, m := range []map[string]int{s.damaijia.bySiteOrder, s.damaijia.byPlatformProduct, s.openapi.byFingerprint} {
		for _, c := range m {
			n += c - 1
		}
	}
	return n
}

// writeJSON answers body with HTTP 200.
func writeJSON(w http.ResponseWriter, body any) {
	data, err := json.Marshal(body)
	if err != nil {
		http.Error(w, "sandbox: encoding the answer failed", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_, _ = w.Write(data)
}
