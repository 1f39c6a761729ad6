package sandbox

import (
	"strings"
	"testing"
)

func TestDamaijiaValidation(t *testing.T) {
	tests := []struct {
		name   string
		hdr    map[string]string
		body   any
		status float64
		field  string
	}{
		{name: "no Authorization", hdr: map[string]string{"Content-Type": "application/json"}, body: validDamaijia(), status: 200},
		{name: "wrong token", hdr: map[string]string{"Authorization": "other", "Content-Type": "application/json"}, body: validDamaijia(), status: 200},
		{name: "form content type", hdr: map[string]string{"Authorization": token, "Content-Type": "application/x-www-form-urlencoded"}, body: validDamaijia(), status: 132},
		{name: "not JSON", body: "product_id=614", status: 132},
		{name: "JSON array", body: "[]", status: 132},
		{name: "trailing data", body: `{"product_id":1} {}`, status: 132},
		{name: "product_id string", body: set(validDamaijia(), "product_id", "614"), status: 422, field: "product_id"},
		{name: "product_id fraction", body: set(validDamaijia(), "product_id", 614.5), status: 422, field: "product_id"},
		{name: "product_id missing", body: del(validDamaijia(), "product_id"), status: 422, field: "product_id"},
		{name: "product_id zero", body: set(validDamaijia(), "product_id", 0), status: 422, field: "product_id"},
		{name: "site_order_id string", body: set(validDamaijia(), "site_order_id", "1000111"), status: 422, field: "site_order_id"},
		{name: "product_number 0", body: set(validDamaijia(), "product_number", 0), status: 422, field: "product_number"},
		{name: "product_number 1001", body: set(validDamaijia(), "product_number", 1001), status: 422, field: "product_number"},
		{name: "remark missing", body: del(validDamaijia(), "remark"), status: 422, field: "remark"},
		{name: "remark empty", body: set(validDamaijia(), "remark", ""), status: 422, field: "remark"},
		{name: "remark number", body: set(validDamaijia(), "remark", 5), status: 422, field: "remark"},
		{name: "source unknown", body: set(validDamaijia(), "source", "amazon"), status: 422, field: "source"},
		{name: "source Chinese", body: set(validDamaijia(), "source", "淘宝"), status: 422, field: "source"},
		{name: "consignees missing", body: del(validDamaijia(), "consignees"), status: 422, field: "consignees"},
		{name: "consignees empty", body: set(validDamaijia(), "consignees", []any{}), status: 422, field: "consignees"},
		{name: "consignees object", body: set(validDamaijia(), "consignees", map[string]any{}), status: 422, field: "consignees"},
		{name: "consignee too long", body: setC(validDamaijia(), "consignee", strings.Repeat("测", 21)), status: 422, field: "consignees.0.consignee"},
		{name: "consignee blank", body: setC(validDamaijia(), "consignee", " "), status: 422, field: "consignees.0.consignee"},
		{name: "mobile 17 chars", body: setC(validDamaijia(), "mobile", "13800138000123456"), status: 422, field: "consignees.0.mobile"},
		{name: "mobile letters", body: setC(validDamaijia(), "mobile", "1380013800a"), status: 422, field: "consignees.0.mobile"},
		{name: "mobile Chinese", body: setC(validDamaijia(), "mobile", "13800138000转1"), status: 422, field: "consignees.0.mobile"},
		{name: "mobile number", body: setC(validDamaijia(), "mobile", 13800138000), status: 422, field: "consignees.0.mobile"},
		{name: "platform_order_sn number", body: setC(validDamaijia(), "platform_order_sn", 1), status: 422, field: "consignees.0.platform_order_sn"},
		{name: "district missing", body: delC(validDamaijia(), "district"), status: 422, field: "consignees.0.district"},
		{name: "consignee id letters", body: setC(validDamaijia(), "site_order_consignee_id", "x1"), status: 422, field: "consignees.0.site_order_consignee_id"},
		{name: "consigners array", body: set(validDamaijia(), "consigners", []any{map[string]any{"consigner": "李四"}}), status: 422, field: "consigners"},
		{name: "consigners mobile letters", body: set(validDamaijia(), "consigners", map[string]any{"mobile": "abc"}), status: 422, field: "consigners.mobile"},
		{name: "valid document example", body: validDamaijia(), status: 0},
		{name: "valid with consigners object", body: set(validDamaijia(), "consigners", map[string]any{"consigner": "李四", "mobile": "13900139000"}), status: 0},
		{name: "valid landline", body: setC(validDamaijia(), "mobile", "0571-88886666"), status: 0},
		{name: "valid without site ids", body: delC(del(validDamaijia(), "site_order_id"), "site_order_consignee_id"), status: 0},
		{name: "delisted product", body: set(validDamaijia(), "product_id", 999), status: 226},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := New(Options{Token: token, DelistedProducts: []int{999}})
			hdr := tt.hdr
			if hdr == nil {
				hdr = dmjHeaders()
			}
			code, got := call(t, s, DamaijiaPath, hdr, tt.body)
			if code != 200 {
				t.Fatalf("HTTP %d, want 200", code)
			}
			if got["status"] != tt.status {
				t.Fatalf("status = %v, want %v (%v)", got["status"], tt.status, got)
			}
			errText, _ := got["err"].(string)
			if tt.field != "" && !strings.HasPrefix(errText, tt.field+" ") {
				t.Errorf("err %q does not name %s", errText, tt.field)
			}
			st := s.Stats()
			wantCreated := 0
			if tt.status == 0 {
				wantCreated = 1
			}
			if st.Created != wantCreated {
				t.Errorf("created %d orders, want %d", st.Created, wantCreated)
			}
			if (tt.status == 132 || tt.status == 422) != (st.Malformed == 1) {
				t.Errorf("malformed = %d", st.Malformed)
			}
		})
	}
}

func TestDamaijiaAnyTokenWhenUnset(t *testing.T) {
	s := New(Options{})
	if _, got := call(t, s, DamaijiaPath, map[string]string{"Authorization": "anything", "Content-Type": "application/json"}, validDamaijia()); got["status"] != 0.0 {
		t.Errorf("got %v", got)
	}
	if _, got := call(t, s, DamaijiaPath, map[string]string{"Authorization": " ", "Content-Type": "application/json"}, validDamaijia()); got["status"] != 200.0 {
		t.Errorf("blank token: got %v", got)
	}
}

func TestDamaijiaSuccessShapeAndIdempotency(t *testing.T) {
	s := New(Options{Token: token, ForbiddenProvinces: []string{"北京"}})
	body := validDamaijia()
	second := map[string]any{
		"site_order_consignee_id": 77788111, "consignee": "李四", "mobile": "13800138000",
		"province": "北京", "city": "北京市", "district": "朝阳区", "address": "测试路1号",
		"platform_order_sn": "00000000002",
	}
	body["consignees"] = append(body["consignees"].([]any), second)
	_, got := call(t, s, DamaijiaPath, dmjHeaders(), body)
	if got["status"] != 0.0 {
		t.Fatalf("got %v", got)
	}
	data := got["data"].(map[string]any)
	if _, ok := data["order_id"].(float64); !ok {
		t.Errorf("order_id %#v is not a number", data["order_id"])
	}
	if sn, _ := data["order_sn"].(string); len(sn) != 22 || strings.Trim(sn, "0123456789") != "" {
		t.Errorf("order_sn %q is not 22 digits", sn)
	}
	cs := data["consignees"].([]any)
	c0, c1 := cs[0].(map[string]any), cs[1].(map[string]any)
	if c0["site_order_consignee_id"] != "1000111" || c0["msg_code"] != 2000.0 || c0["amount"] != 1.0 || c0["forbidden_zone"] != "" {
		t.Errorf("consignee 0 = %v", c0)
	}
	if c1["site_order_consignee_id"] != "77788111" || c1["msg_code"] != 2001.0 || c1["forbidden_zone"] != "北京/北京市" || c1["amount"] != 0.0 || c1["msg"] == "" {
		t.Errorf("consignee 1 = %v", c1)
	}

	_, again := call(t, s, DamaijiaPath, dmjHeaders(), body)
	if again["status"] != 234.0 {
		t.Fatalf("resend: got %v, want status 234", again)
	}
	orders := s.DamaijiaOrders()
	if len(orders) != 1 || len(orders[0].Consignees) != 2 || orders[0].SiteOrderID != 1000111 || orders[0].Consignees[1].MsgCode != 2001 {
		t.Errorf("orders = %+v", orders)
	}
	if s.Duplicates() != 0 {
		t.Errorf("duplicates = %d", s.Duplicates())
	}
	st := s.Stats()
	if st.Requests != 2 || st.Created != 1 || st.CreatedConsignees != 2 || st.Refused != 1 {
		t.Errorf("stats = %+v", st)
	}

	other := validDamaijia()
	other["site_order_id"] = 1000112
	if _, got := call(t, s, DamaijiaPath, dmjHeaders(), other); got["status"] != 0.0 {
		t.Fatalf("got %v", got)
	}
	if s.Duplicates() != 1 {
		t.Errorf("same platform_order_sn and product under a new site_order_id: duplicates = %d, want 1", s.Duplicates())
	}
}

func set(b map[string]any, k string, v any) map[string]any { b[k] = v; return b }
func del(b map[string]any, k string) map[string]any        { delete(b, k); return b }
func setC(b map[string]any, k string, v any) map[string]any {
	consignee0(b)[k] = v
	return b
}
func delC(b map[string]any, k string) map[string]any { delete(consignee0(b), k); return b }
