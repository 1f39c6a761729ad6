package sandbox

import (
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// DamaijiaTrackPath is damaijia's package-status endpoint.
const DamaijiaTrackPath = "/vv/external/get_packages_status"

// ShipPath is where POST ships the packages awaiting shipment at once
// (?n=K ships the K oldest), with the sandbox's token in the Authorization
// header: a rehearsal need not wait for Options.ShipAfter.
const ShipPath = "/__ship"

// The package statuses of damaijia's get_packages_status.
const (
	PackageAwaitingPayment  = "f"
	PackageAwaitingShipment = "p"
	PackageShipped          = "s"
	PackageCancelled        = "c"
)

// SandboxCourier is the courier the sandbox ships with (made up).
const SandboxCourier = "沙盒快递"

// DamaijiaPackage is the package of one created consignee.
type DamaijiaPackage struct {
	SiteOrderConsigneeID int64
	// Status is f, p, s or c.
	Status             string
	ExpressCompanyName string
	ExpressNo          string
	// Created is when its order was created.
	Created time.Time
}

// packages holds the packages by consignee id, in creation order.
type packages struct {
	byID  map[int64]*DamaijiaPackage
	order []int64
}

// addPackage records the package of a consignee created now: awaiting
// shipment, or cancelled when the consignee was refused (a forbidden zone).
// Called with s.mu held.
func (s *Server) addPackage(k DamaijiaConsignee, now time.Time) {
	p := &DamaijiaPackage{SiteOrderConsigneeID: k.SiteOrderConsigneeID, Status: PackageAwaitingShipment, Created: now}
	if k.MsgCode != dmjOK {
		p.Status = PackageCancelled
	}
	if s.damaijia.packages.byID == nil {
		s.damaijia.packages.byID = map[int64]*DamaijiaPackage{}
	}
	if _, seen := s.damaijia.packages.byID[p.SiteOrderConsigneeID]; !seen {
		s.damaijia.packages.order = append(s.damaijia.packages.order, p.SiteOrderConsigneeID)
	}
	s.damaijia.packages.byID[p.SiteOrderConsigneeID] = p
}

// now is the sandbox's clock.
func (s *Server) now() time.Time {
	if s.opts.Clock != nil {
		return s.opts.Clock()
	}
	return time.Now()
}

// Ship ships up to n packages awaiting shipment, the oldest first (n <= 0:
// all of them), and returns how many it shipped.
func (s *Server) Ship(n int) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	shipped := 0
	for _, id := range s.damaijia.packages.order {
		if n > 0 && shipped == n {
			break
		}
		if p := s.damaijia.packages.byID[id]; p.Status == PackageAwaitingShipment {
			ship(p)
			shipped++
		}
	}
	s.stats.PackagesShipped += shipped
	return shipped
}

// SetPackageStatus sets the status of a consignee's package (f, p, s or c);
// it reports whether the sandbox created that consignee.
func (s *Server) SetPackageStatus(siteOrderConsigneeID int64, status string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.damaijia.packages.byID[siteOrderConsigneeID]
	if p == nil {
		return false
	}
	if status == PackageShipped && p.Status != PackageShipped {
		ship(p)
		s.stats.PackagesShipped++
	}
	p.Status = status
	return true
}

// Packages returns a copy of the packages, in creation order.
func (s *Server) Packages() []DamaijiaPackage {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]DamaijiaPackage, 0, len(s.damaijia.packages.order))
	for _, id := range s.damaijia.packages.order {
		out = append(out, *s.damaijia.packages.byID[id])
	}
	return out
}

// ship hands p to the sandbox's courier, with a made-up tracking number.
func ship(p *DamaijiaPackage) {
	p.Status = PackageShipped
	p.ExpressCompanyName = SandboxCourier
	p.ExpressNo = fmt.Sprintf("SB%014d", p.SiteOrderConsigneeID%1e14)
}

// shipDue ships the packages whose ShipAfter has passed. Called with s.mu
// held.
func (s *Server) shipDue(now time.Time) {
	if s.opts.ShipAfter <= 0 {
		return
	}
	for _, id := range s.damaijia.packages.order {
		if p := s.damaijia.packages.byID[id]; p.Status == PackageAwaitingShipment && !now.Before(p.Created.Add(s.opts.ShipAfter)) {
			ship(p)
			s.stats.PackagesShipped++
		}
	}
}

// handleDamaijiaTrack serves get_packages_status: authentication (200),
// JSON (132), site_order_consignee_ids a non-empty array of integers (422),
// then one entry per known package, in the order asked; ids the sandbox
// never created are left out of the answer.
func (s *Server) handleDamaijiaTrack(r *http.Request) result {
	if !s.tokenOK(r.Header.Get("Authorization")) {
		s.count(func(st *Stats) { st.Refused++; st.Unauthorized++ })
		return result{body: dmjError(dmjAuth, "认证失败")}
	}
	m, err := decodeObject(r)
	if !isJSON(r.Header) || err != nil {
		s.count(func(st *Stats) { st.Malformed++ })
		return result{body: dmjError(dmjNotJSON, "请求格式必须为JSON")}
	}
	ids, msg := parseTrackIDs(m)
	if msg != "" {
		s.count(func(st *Stats) { st.Malformed++ })
		return result{body: dmjError(dmjInvalid, msg)}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stats.TrackRequests++
	s.shipDue(s.now())
	data := make([]map[string]any, 0, len(ids))
	for _, id := range ids {
		if p := s.damaijia.packages.byID[id]; p != nil {
			data = append(data, map[string]any{
				"site_order_consignee_id": strconv.FormatInt(id, 10),
				"status":                  p.Status,
				"express_company_name":    p.ExpressCompanyName,
				"express_no":              p.ExpressNo,
			})
		}
	}
	return result{body: map[string]any{"status": dmjSuccessState, "data": data}}
}

// parseTrackIDs reads site_order_consignee_ids: a non-empty array of
// positive integers (digit strings accepted, as for the consignee ids of
// order_create).
func parseTrackIDs(m map[string]any) ([]int64, string) {
	arr, ok := m["site_order_consignee_ids"].([]any)
	if !ok || len(arr) == 0 {
		return nil, "site_order_consignee_ids 必须是非空数组 (must be a non-empty array)"
	}
	ids := make([]int64, len(arr))
	for i, v := range arr {
		n, ok := integer(v, true)
		if !ok || n <= 0 {
			return nil, fmt.Sprintf("site_order_consignee_ids.%d 必须是整数 (must be an integer)", i)
		}
		ids[i] = n
	}
	return ids, ""
}

// serveShip answers POST ShipPath: ships the packages awaiting shipment
// (?n=K: the K oldest) and answers {"shipped": K}.
func (s *Server) serveShip(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if !s.tokenOK(r.Header.Get("Authorization")) {
		s.count(func(st *Stats) { st.Refused++; st.Unauthorized++ })
		writeJSON(w, dmjError(dmjAuth, "认证失败"))
		return
	}
	n := 0
	if q := r.URL.Query().Get("n"); q != "" {
		var err error
		if n, err = strconv.Atoi(q); err != nil || n < 1 {
			http.Error(w, "n must be a positive integer", http.StatusBadRequest)
			return
		}
	}
	writeJSON(w, map[string]int{"shipped": s.Ship(n)})
}
