package sandbox

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestOpenAPIValidation(t *testing.T) {
	setO := func(k string, v any) map[string]any {
		b := validOpenAPI()
		b["order"].(map[string]any)[k] = v
		return b
	}
	delO := func(k string) map[string]any {
		b := validOpenAPI()
		delete(b["order"].(map[string]any), k)
		return b
	}
	setI := func(k string, v any) map[string]any {
		b := validOpenAPI()
		item(b, 1)[k] = v
		return b
	}
	tests := []struct {
		name  string
		hdr   map[string]string
		body  any
		code  float64
		field string
	}{
		{name: "no token", hdr: map[string]string{"Content-Type": "application/json"}, body: validOpenAPI(), code: 401},
		{name: "wrong token", hdr: map[string]string{"open-access-token": "x", "Content-Type": "application/json"}, body: validOpenAPI(), code: 401},
		{name: "token in Authorization", hdr: map[string]string{"Authorization": token, "Content-Type": "application/json"}, body: validOpenAPI(), code: 401},
		{name: "text content type", hdr: map[string]string{"open-access-token": token, "Content-Type": "text/plain"}, body: validOpenAPI(), code: 422},
		{name: "not JSON", body: "order=1", code: 422},
		{name: "order missing", body: map[string]any{}, code: 422, field: "order"},
		{name: "order array", body: map[string]any{"order": []any{}}, code: 422, field: "order"},
		{name: "order flat", body: validOpenAPI()["order"], code: 422, field: "order"},
		{name: "first_name missing", body: delO("first_name"), code: 422, field: "order.first_name"},
		{name: "last_name blank", body: setO("last_name", ""), code: 422, field: "order.last_name"},
		{name: "phone number", body: setO("phone", 18655555555), code: 422, field: "order.phone"},
		{name: "email invalid", body: setO("email", "nobody"), code: 422, field: "order.email"},
		{name: "email missing", body: delO("email"), code: 422, field: "order.email"},
		{name: "country_code long", body: setO("country_code", "CHN"), code: 422, field: "order.country_code"},
		{name: "shipping_method_name missing", body: delO("shipping_method_name"), code: 422, field: "order.shipping_method_name"},
		{name: "tags string", body: setO("tags", "a,b"), code: 422, field: "order.tags"},
		{name: "tags numbers", body: setO("tags", []any{1}), code: 422, field: "order.tags"},
		{name: "items missing", body: delO("items"), code: 422, field: "order.items"},
		{name: "items empty", body: setO("items", []any{}), code: 422, field: "order.items"},
		{name: "item product_id text", body: setI("product_id", "abc"), code: 422, field: "order.items.1.product_id"},
		{name: "item variant_id missing", body: setI("variant_id", nil), code: 422, field: "order.items.1.variant_id"},
		{name: "item qty zero", body: setI("qty", "0"), code: 422, field: "order.items.1.qty"},
		{name: "item qty fraction", body: setI("qty", 1.5), code: 422, field: "order.items.1.qty"},
		{name: "valid document example", body: validOpenAPI(), code: 200},
		{name: "valid without optional fields", body: func() map[string]any {
			b := validOpenAPI()
			for _, k := range []string{"address_2", "province_code", "zip", "discount_amount", "shipping_amount", "tags", "note"} {
				delete(b["order"].(map[string]any), k)
			}
			return b
		}(), code: 200},
		{name: "valid numeric amounts", body: setO("shipping_amount", 12.5), code: 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := New(Options{Token: token})
			hdr := tt.hdr
			if hdr == nil {
				hdr = oaHeaders()
			}
			status, got := call(t, s, OpenAPIPath, hdr, tt.body)
			if status != 200 {
				t.Fatalf("HTTP %d, want 200", status)
			}
			if got["code"] != tt.code {
				t.Fatalf("code = %v, want %v (%v)", got["code"], tt.code, got)
			}
			msg, _ := got["message"].(string)
			if tt.field != "" && !strings.HasPrefix(msg, tt.field+" ") {
				t.Errorf("message %q does not name %s", msg, tt.field)
			}
			if created := s.Stats().Created; (tt.code == 200) != (created == 1) {
				t.Errorf("created = %d", created)
			}
		})
	}
}

func TestOpenAPISuccess(t *testing.T) {
	s := New(Options{})
	_, got := call(t, s, OpenAPIPath, oaHeaders(), validOpenAPI())
	if got["code"] != 200.0 || got["message"] != "success" {
		t.Fatalf("got %v", got)
	}
	data := got["data"].(map[string]any)
	if _, ok := data["order_id"].(float64); !ok {
		t.Errorf("order_id %#v", data["order_id"])
	}
	if n, _ := data["order_number"].(string); !strings.HasPrefix(n, "A") || len(n) != 16 {
		t.Errorf("order_number %q", n)
	}
	orders := s.OpenAPIOrders()
	if len(orders) != 1 || len(orders[0].Items) != 2 || orders[0].Items[1] != (OpenAPIItem{ProductID: 648, VariantID: 4345, Qty: 4}) ||
		orders[0].Tags[0] != "gggg" || orders[0].Email != "test@example.com" {
		t.Errorf("orders = %+v", orders)
	}
	if s.Duplicates() != 0 {
		t.Error("duplicate after one order")
	}
	call(t, s, OpenAPIPath, oaHeaders(), validOpenAPI())
	if s.Duplicates() != 1 {
		t.Errorf("blind resend: duplicates = %d, want 1", s.Duplicates())
	}
}

func TestUnknownPathAndMethod(t *testing.T) {
	s := New(Options{})
	if code, _ := call(t, s, "/nope", oaHeaders(), validOpenAPI()); code != 404 {
		t.Errorf("unknown path: HTTP %d", code)
	}
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, DamaijiaPath, nil))
	if rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("GET: HTTP %d", rec.Code)
	}
	if st := s.Stats(); st.Created != 0 || st.Requests != 2 {
		t.Errorf("stats %+v", st)
	}
}
