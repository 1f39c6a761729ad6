package mapping

import (
	"errors"
	"strings"
	"testing"
)

// TestMaskedRowInvalid: a privacy-protected export's masked or encrypted
// name, phone or address makes the row invalid (a masked phone used to be
// a warning, and a masked name or address passed); the first masked value
// says what to do, the others name their value only.
func TestMaskedRowInvalid(t *testing.T) {
	mp := damaijiaMapper(t) // 订单号, 收货人, 手机, 省, 市, 区, 详细地址, 数量, 来源
	row := func(name, phone, addr string) []string {
		return []string{"A1", name, phone, "浙江省", "杭州市", "西湖区", addr, "1", "pdd"}
	}
	tests := []struct {
		name   string
		cells  []string
		masked []string // the fields reported masked, in order
	}{
		{"plain", row("测试甲", "13800138000", "测试路1号"), nil},
		{"name with two stars", row("王**", "13800138000", "测试路1号"), []string{"consignee"}},
		{"name with one star", row("钱*", "13800138000", "测试路1号"), []string{"consignee"}},
		{"phone 139****0001", row("测试甲", "139****0001", "测试路1号"), []string{"mobile"}},
		{"phone 1******6198", row("测试甲", "1******6198", "测试路1号"), []string{"mobile"}},
		{"full-width stars", row("测试甲", "138＊＊＊＊1234", "测试路1号"), []string{"mobile"}},
		{"address ****", row("测试甲", "13800138000", "****"), []string{"address"}},
		{"doudian ciphertext", row("##密文Zm9vYmFy##", "$MTM4MDAxMzgwMDA=$", "~5Lit5Zu95rWZ5rGf~"), []string{"consignee", "mobile", "address"}},
		{"all three", row("王**", "139****0001", "仓前街道 ****"), []string{"consignee", "mobile", "address"}},
		{"a star inside an address is not a mask", row("测试甲", "13800138000", "3*5号楼"), nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, errs := mp.Map(2, tc.cells)
			var got []string
			for _, e := range errs {
				if errors.Is(e, ErrMasked) {
					got = append(got, e.Field)
					if e.Warning || !errors.Is(e, ErrInvalid) {
						t.Errorf("%v: not an error of the row", e)
					}
				}
			}
			if strings.Join(got, ",") != strings.Join(tc.masked, ",") {
				t.Fatalf("masked fields %v, want %v (errs %v)", got, tc.masked, errs)
			}
			if len(got) == 0 {
				return
			}
			first := errs[0].Error()
			if !strings.Contains(first, "privacy-protected export") || !strings.Contains(first, "export the orders again with the consignees' names, phones and addresses in plain text") {
				t.Errorf("first message: %s", first)
			}
			for _, e := range errs[1:] {
				if errors.Is(e, ErrMasked) && !strings.Contains(e.Error(), "masked too: ") {
					t.Errorf("later message not short: %s", e)
				}
			}
		})
	}
}

func TestMaskedStorefront(t *testing.T) {
	m := mustDefault(t, "openapi")
	mp, err := m.Compile([]string{"Name", "Email", "First Name", "Last Name", "Phone", "Address1", "City", "Country Code", "Shipping Method", "Product ID", "Variant ID", "Lineitem quantity"}, openapiFields())
	if err != nil {
		t.Fatal(err)
	}
	_, errs := mp.Map(2, []string{"#1", "a@example.com", "A*", "Test", "+1 555 0100", "1 Sample Road", "Springfield", "US", "UPS", "1", "2", "1"})
	if len(errs) == 0 || errs[0].Field != "first_name" || !errors.Is(errs[0], ErrMasked) || HasErrors(errs[1:]) {
		t.Errorf("errs = %v", errs)
	}
}
