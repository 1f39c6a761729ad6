package sandbox

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
)

// OpenAPIOrder is an order the sandbox created through the storefront API.
type OpenAPIOrder struct {
	OrderID            int64
	OrderNumber        string
	FirstName          string
	LastName           string
	Phone              string
	Address1           string
	Address2           string
	City               string
	CountryCode        string
	ProvinceCode       string
	Zip                string
	Email              string
	ShippingMethodName string
	DiscountAmount     string
	ShippingAmount     string
	Tags               []string
	Note               string
	Items              []OpenAPIItem
}

// OpenAPIItem is one line item.
type OpenAPIItem struct {
	ProductID, VariantID, Qty int64
}

// openapiState is what the storefront endpoint created.
type openapiState struct {
	orders        []OpenAPIOrder
	byFingerprint map[string]int
}

func newOpenAPIState() openapiState {
	return openapiState{byFingerprint: map[string]int{}}
}

// OpenAPIOrders returns a copy of the storefront orders created so far.
func (s *Server) OpenAPIOrders() []OpenAPIOrder {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]OpenAPIOrder, len(s.openapi.orders))
	for i, o := range s.openapi.orders {
		o.Tags, o.Items = slices.Clone(o.Tags), slices.Clone(o.Items)
		out[i] = o
	}
	return out
}

// The storefront's answer codes.
const (
	oaOK      = 200
	oaAuth    = 401
	oaInvalid = 422
)

func oaError(code int, msg string) map[string]any {
	return map[string]any{"code": code, "message": msg, "data": []any{}}
}

// handleOpenAPI serves order/create: token (401), JSON body and fields
// (422), then creation. Every answer is HTTP 200.
func (s *Server) handleOpenAPI(r *http.Request) result {
	if !s.tokenOK(r.Header.Get("open-access-token")) {
		s.count(func(st *Stats) { st.Refused++; st.Unauthorized++ })
		return result{body: oaError(oaAuth, "open-access-token 无效 (invalid or missing token)")}
	}
	var m map[string]any
	var err error
	if !isJSON(r.Header) {
		err = errors.New("content type is not application/json")
	} else {
		m, err = decodeObject(r)
	}
	if err != nil {
		s.count(func(st *Stats) { st.Malformed++ })
		return result{body: oaError(oaInvalid, "请求体必须是JSON对象 (body must be a JSON object)")}
	}
	var c check
	obj, _ := c.object(m, "order", "order")
	if obj == nil {
		c.fail("order", "不能为空 (required object)")
	}
	var o OpenAPIOrder
	if c.err == "" {
		o = parseOpenAPI(&c, obj)
	}
	if c.err != "" {
		s.count(func(st *Stats) { st.Malformed++ })
		return result{body: oaError(oaInvalid, c.err)}
	}
	return s.createOpenAPI(o, obj)
}

// parseOpenAPI validates the order object. Fields the API text marks 必须
// are required non-blank strings; amounts and zip may be strings or numbers;
// item ids and qty may be JSON integers or digit strings (the text says
// string, its example sends numbers).
func parseOpenAPI(c *check, m map[string]any) OpenAPIOrder {
	const p = "order."
	o := OpenAPIOrder{
		FirstName:          c.reqString(m, "first_name", p+"first_name", 0),
		LastName:           c.reqString(m, "last_name", p+"last_name", 0),
		Phone:              c.reqString(m, "phone", p+"phone", 0),
		Address1:           c.reqString(m, "address_1", p+"address_1", 0),
		Address2:           c.optString(m, "address_2", p+"address_2", false),
		City:               c.reqString(m, "city", p+"city", 0),
		CountryCode:        c.reqString(m, "country_code", p+"country_code", 0),
		ProvinceCode:       c.optString(m, "province_code", p+"province_code", false),
		Zip:                c.optString(m, "zip", p+"zip", true),
		Email:              c.reqString(m, "email", p+"email", 0),
		ShippingMethodName: c.reqString(m, "shipping_method_name", p+"shipping_method_name", 0),
		DiscountAmount:     c.optString(m, "discount_amount", p+"discount_amount", true),
		ShippingAmount:     c.optString(m, "shipping_amount", p+"shipping_amount", true),
		Note:               c.optString(m, "note", p+"note", false),
		Tags:               parseTags(c, m, p+"tags"),
	}
	if len(o.CountryCode) != 2 || strings.Trim(strings.ToUpper(o.CountryCode), "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" {
		c.fail(p+"country_code", "必须是两位国家代码 (must be an ISO 3166-1 alpha-2 code)")
	}
	if at := strings.Index(o.Email, "@"); at < 1 || at == len(o.Email)-1 {
		c.fail(p+"email", "格式不正确 (invalid e-mail)")
	}
	for i, im := range c.objects(m, "items", p+"items") {
		ip := fmt.Sprintf("%sitems.%d.", p, i)
		o.Items = append(o.Items, OpenAPIItem{
			ProductID: c.reqInt(im, "product_id", ip+"product_id", 1, 0, true),
			VariantID: c.reqInt(im, "variant_id", ip+"variant_id", 1, 0, true),
			Qty:       c.reqInt(im, "qty", ip+"qty", 1, 0, true),
		})
	}
	return o
}

// parseTags reads the optional tags array of strings.
func parseTags(c *check, m map[string]any, path string) []string {
	v, ok := m["tags"]
	if !ok || v == nil {
		return nil
	}
	arr, ok := v.([]any)
	if !ok {
		c.fail(path, "必须是字符串数组 (must be an array of strings)")
		return nil
	}
	tags := make([]string, 0, len(arr))
	for _, t := range arr {
		s, ok := t.(string)
		if !ok {
			c.fail(path, "必须是字符串数组 (must be an array of strings)")
			return nil
		}
		tags = append(tags, s)
	}
	return tags
}

// createOpenAPI records o; raw is the order object, used to spot an order
// created twice.
func (s *Server) createOpenAPI(o OpenAPIOrder, raw map[string]any) result {
	fp, err := json.Marshal(raw)
	if err != nil {
		fp = []byte(fmt.Sprint(raw))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextID++
	o.OrderID = s.nextID
	o.OrderNumber = fmt.Sprintf("A%015d", 522103576670000+o.OrderID)
	s.openapi.orders = append(s.openapi.orders, o)
	s.openapi.byFingerprint[string(fp)]++
	s.stats.Created++
	return result{created: true, body: map[string]any{
		"code":    oaOK,
		"message": "success",
		"data":    map[string]any{"order_id": o.OrderID, "order_number": o.OrderNumber},
	}}
}
