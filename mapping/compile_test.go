package mapping

import (
	"errors"
	"strings"
	"testing"

	"orderimport/providers"
)

func mustParse(t testing.TB, src string) *Mapping {
	t.Helper()
	m, err := Parse([]byte(src), "m.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func mustDefault(t testing.TB, provider string) *Mapping {
	t.Helper()
	m, err := Default(provider)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestCompileMissing(t *testing.T) {
	m := mustDefault(t, "damaijia")
	m.Set("product_id", "614")
	header := []string{"订单号", "收货人", "详细地址", ""}
	_, err := m.Compile(header, damaijiaFields())
	var he *HeaderError
	if !errors.As(err, &he) {
		t.Fatalf("error %v (%T), want *HeaderError", err, err)
	}
	var names []string
	for _, mf := range he.Missing {
		names = append(names, mf.Field)
	}
	if got, want := strings.Join(names, ","), "product_number,source,mobile,province,city,district"; got != want {
		t.Errorf("missing %s, want %s", got, want)
	}
	if len(he.Found) != 3 {
		t.Errorf("found %q, want the 3 non-blank headers", he.Found)
	}
	msg := err.Error()
	for _, want := range []string{"mobile (accepted headers: 手机, 手机号, 联系手机", `headers found: "订单号", "收货人", "详细地址"`, "defaults/damaijia.yaml"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q lacks %q", msg, want)
		}
	}
}

func TestCompileUnknownField(t *testing.T) {
	m := mustParse(t, "fields:\n  consignee: [姓名]\n  mobile2: [手机]\n  mobile3: [电话]\n")
	_, err := m.Compile([]string{"姓名"}, damaijiaFields())
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{"m.yaml:3: field mobile2: unknown field", "m.yaml:4: field mobile3: unknown field"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
}

func TestCompileBadConstant(t *testing.T) {
	tests := []struct {
		name string
		m    func() *Mapping
		want string
	}{
		{"file value", func() *Mapping { return mustParse(t, "fields:\n  product_id: {value: abc}\n") },
			`m.yaml:2: field product_id: value: not a whole number: "abc"`},
		{"file default", func() *Mapping { return mustParse(t, "fields:\n  source: {headers: [来源], default: amazon}\n") },
			`m.yaml:2: field source: default: must be one of`},
		{"set", func() *Mapping {
			m := mustParse(t, "fields:\n  consignee: [姓名]\n")
			m.Set("product_number", "0")
			return m
		}, `m.yaml: field product_number: --set value: must be at least 1`},
		{"blank set on required", func() *Mapping {
			m := mustParse(t, "fields:\n  consignee: [姓名]\n")
			m.Set("remark", " ")
			return m
		}, `m.yaml: field remark: --set value is blank but the field is required`},
		{"blank default is no default", func() *Mapping {
			return mustParse(t, "fields:\n  remark: {headers: [备注], default: \"\"}\n")
		}, `no column for required fields: product_id`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.m().Compile(nil, damaijiaFields())
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("error\n got %v\nwant prefix %s", err, tc.want)
			}
		})
	}
}

func TestHeaderPriority(t *testing.T) {
	tests := []struct {
		name   string
		header []string
		want   int // 1-based column of mobile
	}{
		{"list order beats file order", []string{"联系电话", "姓名", "联系手机"}, 3},
		{"only the second choice", []string{"联系电话", "姓名"}, 1},
		{"case and spaces", []string{"x", " MOBILE\u3000"}, 2},
		{"full-width letters", []string{"ｍｏｂｉｌｅ"}, 1},
		{"duplicate name leftmost", []string{"手机", "手机"}, 1},
		{"bom", []string{"\ufeff手机"}, 1},
	}
	m := mustDefault(t, "damaijia")
	fields := []providers.Field{{Name: "mobile", Kind: providers.KindMobile}}
	m.Rules = []Rule{{Field: "mobile", Headers: []string{"手机", "联系手机", "联系电话", "mobile"}}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			mp, err := m.Compile(tc.header, fields)
			if err != nil {
				t.Fatal(err)
			}
			if got := mp.Columns()[0].Column; got != tc.want {
				t.Errorf("column %d, want %d", got, tc.want)
			}
		})
	}
}

func TestIsHeader(t *testing.T) {
	m := mustDefault(t, "damaijia")
	one := mustParse(t, "fields:\n  mobile: [手机]\n  remark: {headers: [备注], default: x}\n  product_id: {value: '1'}\n")
	// A template naming a field the mapping fills ({mobile}) reads that
	// field, not a column: only its header names ({店铺}) count.
	tmpl := mustParse(t, "fields:\n  mobile: [手机]\n  remark: {template: '{mobile} 的订单'}\n")
	shop := mustParse(t, "fields:\n  mobile: [手机]\n  source: {template: '{店铺}-{mobile}'}\n")
	tests := []struct {
		name  string
		m     *Mapping
		cells []string
		want  bool
	}{
		{"pinduoduo header", m, []string{"订单号", "收货人", "手机", "省", "市", "区", "详细地址"}, true},
		{"two names with spaces", m, []string{" 收货人 ", "", "手机号\u3000"}, true},
		{"english", m, []string{"Consignee", "Mobile"}, true},
		{"title row", m, []string{"2024年10月订单导出", "", ""}, false},
		{"one name only", m, []string{"收货人", "合计"}, false},
		{"data row", m, []string{"张三", "13800138000", "浙江省"}, false},
		{"empty", m, nil, false},
		{"every required header rule", one, []string{"手机"}, true},
		{"default-only rule is not enough", one, []string{"备注"}, false},
		{"template fields are not headers", tmpl, []string{"手机"}, true},
		{"template header names still count", shop, []string{"手机"}, false},
		{"template header names found", shop, []string{"手机", "店铺"}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.m.IsHeader(tc.cells); got != tc.want {
				t.Errorf("IsHeader(%q) = %v, want %v", tc.cells, got, tc.want)
			}
		})
	}
}

// TestPrimaryHeaderNamesSkipTemplateFields: the headers a "no header
// found" message lists are header names, never a field a template names.
func TestPrimaryHeaderNamesSkipTemplateFields(t *testing.T) {
	m := mustParse(t, "fields:\n  consignee: [收货人]\n  remark: {template: '{consignee} {备注}'}\n  address: {template: '{consignee}'}\n")
	if got := strings.Join(m.PrimaryHeaderNames(), ","); got != "收货人,备注" {
		t.Errorf("PrimaryHeaderNames() = %q, want 收货人,备注", got)
	}
	if got := strings.Join(m.HeaderNames(), ","); got != "收货人,备注" {
		t.Errorf("HeaderNames() = %q, want 收货人,备注", got)
	}
}

func TestDefaults(t *testing.T) {
	tests := []struct {
		name     string
		provider string
		fields   []providers.Field
		set      map[string]string
		header   []string
		want     map[string]string // field → header used
	}{
		{"damaijia pinduoduo", "damaijia", damaijiaFields(), map[string]string{"product_id": "614", "product_number": "1", "source": "pdd"},
			[]string{"订单号", "收货人", "手机", "省", "市", "区", "详细地址"},
			map[string]string{"platform_order_sn": "订单号", "consignee": "收货人", "mobile": "手机", "province": "省", "district": "区", "address": "详细地址"}},
		{"damaijia taobao amended address", "damaijia", damaijiaFields(), map[string]string{"product_id": "614"},
			[]string{"订单编号", "收货人姓名", "收货地址 ", "联系电话", "联系手机", "修改后的收货地址", "省份", "城市", "区县", "数量", "来源"},
			map[string]string{"platform_order_sn": "订单编号", "consignee": "收货人姓名", "mobile": "联系手机", "address": "修改后的收货地址", "product_number": "数量", "source": "来源"}},
		{"damaijia english", "damaijia", damaijiaFields(), nil,
			[]string{"Order No", "Name", "Phone", "Province", "City", "District", "Address", "Product_ID", "Quantity", "Source", "Remark"},
			map[string]string{"platform_order_sn": "Order No", "consignee": "Name", "mobile": "Phone", "product_id": "Product_ID", "product_number": "Quantity", "remark": "Remark"}},
		{"openapi shopify-like", "openapi", openapiFields(), map[string]string{"shipping_method_name": "UPS"},
			[]string{"Name", "Email", "First Name", "Last Name", "Phone", "Address1", "Address2", "City", "Zip", "Province Code", "Country", "Lineitem quantity", "Product ID", "Variant ID", "Notes", "Tags"},
			map[string]string{"order_key": "Name", "email": "Email", "address_1": "Address1", "country_code": "Country", "qty": "Lineitem quantity", "note": "Notes"}},
		{"openapi chinese", "openapi", openapiFields(), nil,
			[]string{"订单号", "名", "姓", "手机", "地址", "城市", "国家", "省", "邮编", "邮箱", "物流", "商品ID", "变种ID", "数量", "备注"},
			map[string]string{"order_key": "订单号", "first_name": "名", "last_name": "姓", "phone": "手机", "country_code": "国家", "province_code": "省", "variant_id": "变种ID", "note": "备注"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := mustDefault(t, tc.provider)
			if m.Provider != tc.provider {
				t.Errorf("provider %q", m.Provider)
			}
			for k, v := range tc.set {
				m.Set(k, v)
			}
			mp, err := m.Compile(tc.header, tc.fields)
			if err != nil {
				t.Fatal(err)
			}
			uses := mp.Columns()
			for field, want := range tc.want {
				u := uses[providers.FieldIndex(tc.fields, field)]
				if u.Source != SourceColumn || u.Header != want {
					t.Errorf("%s: %v, want header %q", field, u, want)
				}
			}
		})
	}
}

func TestDefaultUnknown(t *testing.T) {
	for _, p := range []string{"", "nope", "../damaijia", "damaijia.yaml"} {
		if _, err := Default(p); err == nil {
			t.Errorf("Default(%q): no error", p)
		}
	}
	if got := strings.Join(Providers(), ","); got != "damaijia,openapi" {
		t.Errorf("Providers() = %s", got)
	}
}

func TestColumns(t *testing.T) {
	m := mustDefault(t, "damaijia")
	m.Set("product_id", "614")
	m.Rules = append(m.Rules[:0:0], m.Rules...)
	mp, err := m.Compile([]string{"订单号", "收货人", "手机", "省", "市", "区", "详细地址", "数量", "来源"}, damaijiaFields())
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, u := range mp.Columns() {
		lines = append(lines, u.String())
	}
	got := strings.Join(lines, "\n")
	for _, want := range []string{`product_id = "614"`, "mobile ← column C (手机)", `remark = "orderimport" (default, no column)`, "consigner: missing"} {
		if !strings.Contains(got, want) {
			t.Errorf("Columns() lacks %q:\n%s", want, got)
		}
	}
}
