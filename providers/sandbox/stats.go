package sandbox

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
)

// StatsPath is where the sandbox answers GET with its counters as JSON
// (Stats), for an operator checking a rehearsal. It needs no token: it
// shows counts only.
const StatsPath = "/__stats"

// Stats counts what the sandbox saw and did.
type Stats struct {
	// Requests counts every request to an order endpoint, faulty ones
	// included.
	Requests int `json:"requests"`
	// Created counts created orders (both APIs).
	Created int `json:"created"`
	// CreatedConsignees counts created damaijia consignees.
	CreatedConsignees int `json:"created_consignees"`
	// TrackRequests counts the get_packages_status requests answered, and
	// PackagesShipped the packages shipped so far.
	TrackRequests   int `json:"track_requests"`
	PackagesShipped int `json:"packages_shipped"`
	// Duplicates counts orders created twice (see Server.Duplicates).
	Duplicates int `json:"duplicates"`
	// Malformed counts requests refused as malformed (damaijia 132/422,
	// openapi 422).
	Malformed int `json:"malformed"`
	// Refused counts other refusals (authentication, 226, 234).
	Refused int `json:"refused"`
	// Unauthorized counts the refusals of a missing or wrong token (also
	// counted in Refused).
	Unauthorized int `json:"unauthorized"`
	// Injected faults.
	Injected5xx   int `json:"injected_5xx"`
	Injected429   int `json:"injected_429"`
	DroppedBefore int `json:"dropped_before"`
	DroppedAfter  int `json:"dropped_after"`
	Slowed        int `json:"slowed"`
	// PerSecond counts requests per Unix second.
	PerSecond map[int64]int `json:"-"`
	// MaxPerSecond is the largest PerSecond value.
	MaxPerSecond int `json:"max_per_second"`
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
	st.Duplicates = s.duplicates()
	return st
}

// String is the one-line account of st printed when the sandbox stops.
func (st Stats) String() string {
	return fmt.Sprintf("%d requests, %d orders created (%d damaijia consignees), %d created twice, "+
		"%d refused (%d for a wrong or missing token), %d malformed; %d package status requests, %d packages shipped; "+
		"injected: %d HTTP 502, %d HTTP 429, %d dropped before, %d dropped after, %d slowed; at most %d requests in one second",
		st.Requests, st.Created, st.CreatedConsignees, st.Duplicates, st.Refused, st.Unauthorized, st.Malformed,
		st.TrackRequests, st.PackagesShipped,
		st.Injected5xx, st.Injected429, st.DroppedBefore, st.DroppedAfter, st.Slowed, st.MaxPerSecond)
}

// serveStats answers GET StatsPath with Stats as JSON.
func (s *Server) serveStats(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	writeJSON(w, s.Stats())
}

// Duplicates counts creations beyond the first of one damaijia
// site_order_id, of one (platform_order_sn, product_id) pair, and of one
// identical openapi order (same JSON order object). Zero means no order was
// created twice, provided the input itself had no identical orders.
func (s *Server) Duplicates() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.duplicates()
}

// duplicates is Duplicates with s.mu held.
func (s *Server) duplicates() int {
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
