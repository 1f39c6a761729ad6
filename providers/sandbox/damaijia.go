package sandbox

import (
	"crypto/subtle"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// DamaijiaOrder is an order the sandbox created through the damaijia API.
type DamaijiaOrder struct {
	OrderID int64
	OrderSN string
	// SiteOrderID is the client's site_order_id; 0 when it sent none.
	SiteOrderID   int64
	ProductID     int64
	ProductNumber int64
	Remark        string
	Source        string
	Consignees    []DamaijiaConsignee
	// Consigner is the sender, nil when the request had no consigners.
	Consigner *DamaijiaConsigner
}

// DamaijiaConsignee is one created consignee and what the sandbox said.
type DamaijiaConsignee struct {
	SiteOrderConsigneeID int64
	Consignee            string
	Mobile               string
	Province             string
	City                 string
	District             string
	Address              string
	PlatformOrderSN      string
	MsgCode              int
	ForbiddenZone        string
	Amount               int
}

// DamaijiaConsigner is the sender object.
type DamaijiaConsigner struct {
	Consigner, Mobile, Province, City, District, Address string
}

// Damaijia per-consignee codes and body statuses.
const (
	dmjOK           = 2000
	dmjForbidden    = 2001
	dmjAuth         = 200
	dmjNotJSON      = 132
	dmjInvalid      = 422
	dmjExists       = 234
	dmjDelisted     = 226
	dmjSuccessState = 0
)

var dmjSources = []string{"taobao", "tmall", "jd", "pdd", "other"}

// damaijiaState is what the damaijia endpoint created.
type damaijiaState struct {
	orders            []DamaijiaOrder
	bySiteOrder       map[string]int
	byPlatformProduct map[string]int
	nextConsigneeID   int64
	// packages are the created consignees' packages (track.go).
	packages packages
}

func newDamaijiaState() damaijiaState {
	return damaijiaState{bySiteOrder: map[string]int{}, byPlatformProduct: map[string]int{}}
}

// DamaijiaOrders returns a copy of the damaijia orders created so far.
func (s *Server) DamaijiaOrders() []DamaijiaOrder {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]DamaijiaOrder, len(s.damaijia.orders))
	for i, o := range s.damaijia.orders {
		o.Consignees = slices.Clone(o.Consignees)
		if o.Consigner != nil {
			c := *o.Consigner
			o.Consigner = &c
		}
		out[i] = o
	}
	return out
}

// dmjError is a damaijia error answer.
func dmjError(status int, msg string) map[string]any {
	return map[string]any{"status": status, "err": msg, "data": []any{}}
}

// handleDamaijia serves order_create: authentication (200), JSON (132),
// fields (422), delisted product (226), repeated site_order_id (234), then
// creation.
func (s *Server) handleDamaijia(r *http.Request) result {
	if !s.tokenOK(r.Header.Get("Authorization")) {
		s.count(func(st *Stats) { st.Refused++; st.Unauthorized++ })
		return result{body: dmjError(dmjAuth, "认证失败")}
	}
	if !isJSON(r.Header) {
		s.count(func(st *Stats) { st.Malformed++ })
		return result{body: dmjError(dmjNotJSON, "请求格式必须为JSON")}
	}
	m, err := decodeObject(r)
	if err != nil {
		s.count(func(st *Stats) { st.Malformed++ })
		return result{body: dmjError(dmjNotJSON, "请求格式必须为JSON")}
	}
	o, msg := parseDamaijia(m)
	if msg != "" {
		s.count(func(st *Stats) { st.Malformed++ })
		return result{body: dmjError(dmjInvalid, msg)}
	}
	if slices.Contains(s.opts.DelistedProducts, int(o.ProductID)) {
		s.count(func(st *Stats) { st.Refused++ })
		return result{body: dmjError(dmjDelisted, "商品已下架")}
	}
	return s.createDamaijia(o)
}

// tokenOK checks a token header: exactly the configured token (any
// non-empty one when none is configured).
func (s *Server) tokenOK(token string) bool {
	if strings.TrimSpace(token) == "" {
		return false
	}
	return s.opts.Token == "" || subtle.ConstantTimeCompare([]byte(token), []byte(s.opts.Token)) == 1
}

// parseDamaijia validates an order_create body. Every field the API text
// marks 是 is required: remark must be a non-empty string (the sandbox is
// stricter than a server that might take ""), consignee 1–20 characters,
// mobile at most 16 characters without letters. product_id, product_number
// and site_order_id must be JSON integers; site_order_consignee_id may also
// be a digit string, as in the API text's example. consigners, when present,
// must be one object.
func parseDamaijia(m map[string]any) (DamaijiaOrder, string) {
	var c check
	o := DamaijiaOrder{
		ProductID:     c.reqInt(m, "product_id", "product_id", 1, 0, false),
		SiteOrderID:   c.optInt(m, "site_order_id", "site_order_id", false),
		ProductNumber: c.reqInt(m, "product_number", "product_number", 1, 1000, false),
		Remark:        c.reqString(m, "remark", "remark", 0),
		Source:        c.reqString(m, "source", "source", 0),
	}
	if c.err == "" && !slices.Contains(dmjSources, o.Source) {
		c.fail("source", "必须是 %s 之一 (invalid source)", strings.Join(dmjSources, "/"))
	}
	for i, cm := range c.objects(m, "consignees", "consignees") {
		o.Consignees = append(o.Consignees, parseConsignee(&c, cm, fmt.Sprintf("consignees.%d.", i)))
	}
	if obj, present := c.object(m, "consigners", "consigners"); present && obj != nil {
		o.Consigner = parseConsigner(&c, obj)
	}
	return o, c.err
}

func parseConsignee(c *check, m map[string]any, p string) DamaijiaConsignee {
	k := DamaijiaConsignee{
		SiteOrderConsigneeID: c.optInt(m, "site_order_consignee_id", p+"site_order_consignee_id", true),
		Consignee:            c.reqString(m, "consignee", p+"consignee", 20),
		Mobile:               c.reqString(m, "mobile", p+"mobile", 0),
		Province:             c.reqString(m, "province", p+"province", 0),
		City:                 c.reqString(m, "city", p+"city", 0),
		District:             c.reqString(m, "district", p+"district", 0),
		Address:              c.reqString(m, "address", p+"address", 0),
		PlatformOrderSN:      c.reqString(m, "platform_order_sn", p+"platform_order_sn", 0),
	}
	c.mobile(k.Mobile, p+"mobile")
	return k
}

func parseConsigner(c *check, m map[string]any) *DamaijiaConsigner {
	k := &DamaijiaConsigner{
		Consigner: c.optString(m, "consigner", "consigners.consigner", false),
		Mobile:    c.optString(m, "mobile", "consigners.mobile", false),
		Province:  c.optString(m, "province", "consigners.province", false),
		City:      c.optString(m, "city", "consigners.city", false),
		District:  c.optString(m, "district", "consigners.district", false),
		Address:   c.optString(m, "address", "consigners.address", false),
	}
	c.mobile(k.Mobile, "consigners.mobile")
	return k
}

// createDamaijia records o unless its site_order_id exists (234), and
// answers in the documented shape.
func (s *Server) createDamaijia(o DamaijiaOrder) result {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := &s.damaijia
	siteKey := strconv.FormatInt(o.SiteOrderID, 10)
	if o.SiteOrderID != 0 && st.bySiteOrder[siteKey] > 0 {
		s.stats.Refused++
		return result{body: dmjError(dmjExists, "site_order_id已存在")}
	}
	s.nextID++
	o.OrderID = s.nextID
	o.OrderSN = time.Now().Format("20060102150405") + fmt.Sprintf("%08d", o.OrderID%100000000)
	now := s.now()
	answers := make([]map[string]any, len(o.Consignees))
	for i := range o.Consignees {
		k := &o.Consignees[i]
		if k.SiteOrderConsigneeID == 0 {
			st.nextConsigneeID++
			k.SiteOrderConsigneeID = st.nextConsigneeID
		}
		s.judge(k)
		s.addPackage(*k, now)
		st.byPlatformProduct[k.PlatformOrderSN+"\x1f"+strconv.FormatInt(o.ProductID, 10)]++
		answers[i] = map[string]any{
			"site_order_consignee_id": strconv.FormatInt(k.SiteOrderConsigneeID, 10),
			"forbidden_zone":          k.ForbiddenZone,
			"msg_code":                k.MsgCode,
			"msg":                     dmjMsg(k.MsgCode),
			"amount":                  k.Amount,
		}
	}
	if o.SiteOrderID != 0 {
		st.bySiteOrder[siteKey]++
	}
	st.orders = append(st.orders, o)
	s.stats.Created++
	s.stats.CreatedConsignees += len(o.Consignees)
	return result{created: true, body: map[string]any{
		"status": dmjSuccessState,
		"data":   map[string]any{"order_id": o.OrderID, "order_sn": o.OrderSN, "consignees": answers},
	}}
}

// judge sets a consignee's msg_code, forbidden zone and amount.
func (s *Server) judge(k *DamaijiaConsignee) {
	for _, p := range s.opts.ForbiddenProvinces {
		if p != "" && strings.HasPrefix(k.Province, p) {
			k.MsgCode, k.ForbiddenZone, k.Amount = dmjForbidden, k.Province+"/"+k.City, 0
			return
		}
	}
	k.MsgCode, k.Amount = dmjOK, 1
}

func dmjMsg(code int) string {
	if code == dmjForbidden {
		return "该地区已禁发"
	}
	return ""
}
