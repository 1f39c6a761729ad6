package sandbox

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

const token = "sandbox-test-token"

// validDamaijia is a valid order_create body, built fresh for each use.
func validDamaijia() map[string]any {
	return map[string]any{
		"product_id": 614, "site_order_id": 1000111, "product_number": 1,
		"remark": "ceshi", "source": "taobao",
		"consignees": []any{map[string]any{
			"site_order_consignee_id": "1000111", "consignee": "测试", "mobile": "1556****887",
			"province": "浙江省", "city": "杭州市", "district": "余杭区", "address": "梦想大道108号",
			"platform_order_sn": "00000000001",
		}},
	}
}

// validOpenAPI is a valid order/create body.
func validOpenAPI() map[string]any {
	return map[string]any{"order": map[string]any{
		"first_name": "三", "last_name": "张", "phone": "13800138000", "address_1": "测试路227号",
		"address_2": "5-6-102", "city": "测试市", "country_code": "CN", "province_code": "CQ",
		"email": "test@example.com", "zip": "266326",
		"items": []any{
			map[string]any{"product_id": 658, "variant_id": 4400, "qty": "2"},
			map[string]any{"product_id": "648", "variant_id": "4345", "qty": 4},
		},
		"discount_amount": "3", "shipping_method_name": "UPS", "shipping_amount": "12",
		"tags": []any{"gggg"}, "note": "remarks",
	}}
}

// call sends body (marshalled unless it is a string) to path on h in
// process and returns the HTTP status and the decoded JSON answer.
func call(t *testing.T, h http.Handler, path string, hdr map[string]string, body any) (int, map[string]any) {
	t.Helper()
	var data []byte
	if s, ok := body.(string); ok {
		data = []byte(s)
	} else {
		var err error
		if data, err = json.Marshal(body); err != nil {
			t.Fatal(err)
		}
	}
	req := httptest.NewRequest(http.MethodPost, path, bytes.NewReader(data))
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	raw, _ := io.ReadAll(rec.Body)
	var got map[string]any
	_ = json.Unmarshal(raw, &got)
	return rec.Code, got
}

func dmjHeaders() map[string]string {
	return map[string]string{"Authorization": token, "Content-Type": "application/json"}
}

func oaHeaders() map[string]string {
	return map[string]string{"open-access-token": token, "Content-Type": "application/json"}
}

// consignee0 returns the first consignee of a damaijia body.
func consignee0(b map[string]any) map[string]any {
	return b["consignees"].([]any)[0].(map[string]any)
}

// item returns item i of an openapi body.
func item(b map[string]any, i int) map[string]any {
	return b["order"].(map[string]any)["items"].([]any)[i].(map[string]any)
}
