package mapping

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"orderimport/providers"
)

var pddHeader = []string{"订单号", "收货人", "手机", "省", "市", "区", "详细地址", "数量", "来源", "备注"}

func damaijiaMapper(t testing.TB) *Mapper {
	t.Helper()
	m := mustDefault(t, "damaijia")
	m.Set("product_id", "614")
	mp, err := m.Compile(pddHeader, damaijiaFields())
	if err != nil {
		t.Fatal(err)
	}
	return mp
}

func value(fields []providers.Field, r providers.Record, name string) string {
	return r.Values[providers.FieldIndex(fields, name)]
}

func TestMapGoodRow(t *testing.T) {
	mp := damaijiaMapper(t)
	cells := []string{"=\"301234567890123456\"", " 张三 ", "+86 138 0013 8000", "浙江省", "杭州市", "余杭区", "测试路1号", "2.0", "淘宝", ""}
	r, errs := mp.Map(7, cells)
	if len(errs) != 0 {
		t.Fatalf("errors: %v", errs)
	}
	f := damaijiaFields()
	want := map[string]string{"product_id": "614", "product_number": "2", "source": "taobao", "remark": "orderimport",
		"consignee": "张三", "mobile": "13800138000", "platform_order_sn": "301234567890123456", "consigner": ""}
	for k, v := range want {
		if got := value(f, r, k); got != v {
			t.Errorf("%s = %q, want %q", k, got, v)
		}
	}
	if len(r.Values) != len(f) {
		t.Errorf("%d values for %d fields", len(r.Values), len(f))
	}
}

func TestMapAllProblemsAtOnce(t *testing.T) {
	mp := damaijiaMapper(t)
	cells := []string{"3.01234567890123E+17", "", "1380013800", "浙江省", "杭州市", "余杭区", "测试路1号", "12.99", "amazon"}
	_, errs := mp.Map(12, cells)
	got := make([]string, len(errs))
	for i, e := range errs {
		got[i] = e.Error()
	}
	want := []string{
		`row 12, column H (数量): product_number: not a whole number: "12.99"`,
		`row 12, column I (来源): source: must be one of taobao, tmall, jd, pdd, other: "amazon"`,
		`row 12, column B (收货人): consignee: required`,
		`row 12, column C (手机): mobile: not a mainland mobile number: "1380013800"`,
		`row 12, column A (订单号): platform_order_sn: Excel changed this number (shown as 3.01234567890123E+17): the original digits are lost; format the column as Text in Excel (or export as CSV with the column quoted) and export again`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors\n got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if !HasErrors(errs) {
		t.Error("HasErrors = false")
	}
	if !errors.Is(errs[2], ErrRequired) || !errors.Is(errs[4], ErrExcelNumber) {
		t.Error("errors.Is does not see the sentinels")
	}
}

func TestMapWarningsOnly(t *testing.T) {
	mp := damaijiaMapper(t)
	_, errs := mp.Map(3, []string{"A1", "李四", "0571-88888888", "浙江省", "杭州市", "余杭区", "测试路1号", "1", "pdd"})
	if len(errs) != 1 || !errs[0].Warning || HasErrors(errs) {
		t.Fatalf("errs = %v, want one warning", errs)
	}
	if got, want := errs[0].Error(), "row 3, column C (手机): mobile: warning: looks like a landline, not a mobile; sent as is: \"0571-88888888\""; got != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
}

func TestMapShortRowAndConstantError(t *testing.T) {
	mp := damaijiaMapper(t)
	_, errs := mp.Map(4, []string{"A1"})
	if len(errs) == 0 {
		t.Fatal("no errors for a short row")
	}
	for _, e := range errs {
		if !errors.Is(e, ErrRequired) || e.Column == 0 {
			t.Errorf("unexpected %v (column %d)", e, e.Column)
		}
	}
	fe := &FieldError{Line: 4, Field: "product_id", Err: ErrRequired}
	if got := fe.Error(); got != "row 4, constant: product_id: required" {
		t.Errorf("constant error = %q", got)
	}
}

func TestMapOrderLevel(t *testing.T) {
	m := mustDefault(t, "openapi")
	fields := openapiFields()
	header := []string{"Name", "First Name", "Last Name", "Phone", "Address1", "City", "Country", "Email", "Shipping Method", "Product ID", "Variant ID", "Quantity"}
	mp, err := m.Compile(header, fields)
	if err != nil {
		t.Fatal(err)
	}
	first, errs := mp.Map(2, []string{"#1001", "Test", "User", "(212) 555-0123", "1 Test Road", "Springfield", "United States", "test@example.com", "UPS", "658", "4400", "2"})
	if len(errs) != 0 {
		t.Fatalf("first row: %v", errs)
	}
	if got := value(fields, first, "order_key"); got != "1001" {
		t.Errorf("order_key = %q, want the # dropped", got)
	}
	if got := value(fields, first, "country_code"); got != "US" {
		t.Errorf("country_code = %q", got)
	}
	cont, errs := mp.Map(3, []string{"#1001", "", "", "", "", "", "", "", "", "648", "4345", "4"})
	if len(errs) != 0 {
		t.Fatalf("continuation row: blank order fields must not be errors here: %v", errs)
	}
	missing := mp.CheckRequired(cont, 3)
	if len(missing) != 8 {
		t.Errorf("CheckRequired before filling: %d errors, want 8: %v", len(missing), missing)
	}
	for i, f := range fields {
		if f.Level == providers.OrderLevel && cont.Values[i] == "" {
			cont.Values[i] = first.Values[i]
		}
	}
	if errs := mp.CheckRequired(cont, 3); len(errs) != 0 {
		t.Errorf("CheckRequired after filling: %v", errs)
	}
	_, errs = mp.Map(4, []string{"#1002", "", "", "", "", "", "", "", "", "", "4345", "0"})
	if len(errs) != 2 {
		t.Errorf("row-level problems: %v, want product_id required and qty too small", errs)
	}
}

func TestMapTransformsAndDefaults(t *testing.T) {
	src := `fields:
  consignee: {headers: [姓名], transforms: [{split_name: first}]}
  mobile: {headers: [电话], transforms: [digits]}
  address: {headers: [地址], transforms: [{replace: {pattern: "\\s+", with: " "}}, upper]}
  platform_order_sn: {headers: [单号], transforms: [lower]}
  remark: {headers: [备注], default: 测试备注}
  source: {value: 天猫}
  product_id: {value: "614"}
  product_number: {headers: [数量], default: "1"}
  province: {value: 浙江省}
  city: {value: 杭州市}
  district: {value: 余杭区}
`
	m := mustParse(t, src)
	fields := damaijiaFields()
	mp, err := m.Compile([]string{"姓名", "电话", "地址", "单号", "备注"}, fields)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		cells []string
		want  map[string]string
	}{
		{"western name", []string{"Test User", "tel: 138-0013-8000", "1  test   road", "AB-12", ""},
			map[string]string{"consignee": "Test", "mobile": "13800138000", "address": "1 TEST ROAD", "platform_order_sn": "ab-12",
				"remark": "测试备注", "source": "tmall", "product_number": "1"}},
		{"chinese name given name", []string{"张三丰", "13800138000", "测试路", "x1", "加急"},
			map[string]string{"consignee": "三丰", "remark": "加急"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, errs := mp.Map(2, tc.cells)
			if len(errs) != 0 {
				t.Fatalf("errors: %v", errs)
			}
			for k, v := range tc.want {
				if got := value(fields, r, k); got != v {
					t.Errorf("%s = %q, want %q", k, got, v)
				}
			}
		})
	}
}

func TestSplitName(t *testing.T) {
	tests := []struct{ in, first, last string }{
		{"Test User", "Test", "User"},
		{"Ann Marie Test", "Ann Marie", "Test"},
		{"User, Test", "Test", "User"},
		{"张三", "三", "张"},
		{"欧阳娜娜", "娜娜", "欧阳"},
		{"司马测试", "测试", "司马"},
		{"诸葛测", "测", "诸葛"},
		{"测试·用户", "测试", "用户"},
		{"测", "测", ""},
		{"Test", "Test", ""},
		{"", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			f, l := splitName(tc.in)
			if f != tc.first || l != tc.last {
				t.Errorf("splitName(%q) = %q, %q", tc.in, f, l)
			}
		})
	}
}

// TestSetConstants covers --set: constants override the file's rule, are
// validated once at Compile and reported with column 0.
func TestSetConstants(t *testing.T) {
	tests := []struct {
		name, field, value, want string
	}{
		{"product id", "product_id", "614", "614"},
		{"product id spreadsheet", "product_id", "614.0", "614"},
		{"source alias", "source", "京东", "jd"},
		{"remark overrides default", "remark", "批量导入", "批量导入"},
		{"mobile over a column", "mobile", "13800138000", "13800138000"},
		{"spaces trimmed", "consigner", "  测试  ", "测试"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := mustDefault(t, "damaijia")
			m.Set("product_id", "1")
			m.Set(tc.field, tc.value)
			fields := damaijiaFields()
			mp, err := m.Compile(pddHeader, fields)
			if err != nil {
				t.Fatal(err)
			}
			r, _ := mp.Map(2, []string{"A1", "张三", "13900139000", "浙江省", "杭州市", "余杭区", "测试路", "1", "pdd", "备注"})
			if got := value(fields, r, tc.field); got != tc.want {
				t.Errorf("%s = %q, want %q", tc.field, got, tc.want)
			}
			if u := mp.Columns()[providers.FieldIndex(fields, tc.field)]; u.Source != SourceConstant {
				t.Errorf("Columns: %v", u)
			}
		})
	}
}

func TestMapConcurrent(t *testing.T) {
	mp := damaijiaMapper(t)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 200 {
				cells := []string{fmt.Sprint(g*1000 + i), "张三", "13800138000", "浙江省", "杭州市", "余杭区", "测试路", "1", "tmall"}
				if _, errs := mp.Map(i+2, cells); len(errs) != 0 {
					t.Errorf("errors: %v", errs)
					return
				}
			}
		})
	}
	wg.Wait()
}
