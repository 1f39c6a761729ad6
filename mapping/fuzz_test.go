package mapping

import (
	"errors"
	"strings"
	"testing"
)

// FuzzMap feeds arbitrary cells to a damaijia and an openapi Mapper: Map
// must never panic, must return one value per field, and every problem
// must name its field.
func FuzzMap(f *testing.F) {
	seeds := []string{
		"=\"301234567890123456\"|张三|+86 138 0013 8000|浙江省|杭州市|余杭区|测试路1号|2.0|淘宝|",
		"3.01234567890123E+17||1380013800|||||12.99|amazon",
		"'0123|测试|138****1234|x|y|z|w|+1|TMALL|备注",
		"PDD-1|李四|13800138000转1234|a|b|c|d|1e3|其他",
		"1|张三|浙江省 杭州市 余杭区 梦想大道1号(311100)||'13800138000|北京朝阳区示例街3号|加急",
		"#1001|test@example.com|Test|User|(0571)88888888|1 Road||City|'02134|SD|中国|UPS|2|658|4400|",
		"=\"|'|-|转|*|@|.|E|e+|１|ｘ",
		"",
	}
	for _, s := range seeds {
		f.Add(s)
	}
	dm := damaijiaMapper(f)
	om, err := mustDefault(f, "openapi").Compile(
		[]string{"Name", "Email", "First Name", "Last Name", "Phone", "Address1", "Address2", "City", "Zip", "Province Code", "Country", "Shipping Method", "Lineitem quantity", "Product ID", "Variant ID", "Notes"},
		openapiFields())
	if err != nil {
		f.Fatal(err)
	}
	tb, err := Preset("taobao")
	if err != nil {
		f.Fatal(err)
	}
	tb.Set("product_id", "614")
	tm, err := tb.Compile([]string{"订单编号", "收货人姓名", "收货地址 ", "联系电话 ", "联系手机", "修改后的收货地址", "订单备注"}, damaijiaFields())
	if err != nil {
		f.Fatal(err)
	}
	// Province, city and district in their own columns (normalised), skip
	// rules, storefront phones against the row's country.
	pdd, err := Preset("pinduoduo")
	if err != nil {
		f.Fatal(err)
	}
	pdd.Set("product_id", "614")
	pm, err := pdd.Compile([]string{"订单号", "收货人", "手机", "省", "市", "区", "详细地址", "订单状态", "售后状态"}, damaijiaFields())
	if err != nil {
		f.Fatal(err)
	}
	shop, err := Parse([]byte("preset: shopify\nfields:\n  product_id: {value: \"1\"}\n  variant_id: {value: \"2\"}\n"), "shop.yaml")
	if err != nil {
		f.Fatal(err)
	}
	sm, err := shop.Compile([]string{"Name", "Email", "Shipping Name", "Shipping Phone", "Shipping Address1", "Shipping City", "Shipping Country", "Shipping Method", "Lineitem quantity", "Cancelled at", "Lineitem requires shipping", "Financial Status"}, openapiFields())
	if err != nil {
		f.Fatal(err)
	}
	f.Add("PDD-1|测试甲|13800138000|北京|北京|朝阳区|测试路1号|已取消|退款成功")
	f.Add("#1001|a@example.com|Test Buyer|082 123 4567|1 Road|Cape Town|ZA|UPS|1|2024-03-02|false|voided")
	f.Add("1|王**|139****0001|河南省|济源市||****|待发货|无售后或售后取消")
	f.Fuzz(func(t *testing.T, row string) {
		cells := strings.Split(row, "|")
		for _, mp := range []*Mapper{dm, om, tm, pm, sm, dm.WithEvidence(fuzzEvidence{})} {
			if s, ok := mp.Skip(cells); ok && s.Reason == "" {
				t.Fatalf("skipped without a reason: %q", cells)
			}
			r, errs := mp.MapTyped(nil, make([]string, len(mp.Fields())), 2, cells, []int{0, 2})
			if len(r.Values) != len(mp.Fields()) {
				t.Fatalf("typed: %d values for %d fields", len(r.Values), len(mp.Fields()))
			}
			for _, e := range errs {
				if e.Field == "" || e.Err == nil || e.Error() == "" {
					t.Fatalf("typed: incomplete error %+v", e)
				}
			}
			r, errs = mp.Map(2, cells)
			if len(r.Values) != len(mp.Fields()) {
				t.Fatalf("%d values for %d fields", len(r.Values), len(mp.Fields()))
			}
			for _, e := range errs {
				if e.Field == "" || e.Err == nil || e.Error() == "" {
					t.Fatalf("incomplete error %+v", e)
				}
			}
			_ = mp.CheckRequired(r, 2)
			// Mapped after another row and after itself, through a Memo,
			// the row gives what Map gives.
			var m Memo
			for _, before := range [][]string{{"1", "x", "13800138000"}, cells} {
				mp.MapToMemo(&m, make([]string, len(mp.Fields())), 2, before)
				sameAsMap(t, mp, &m, cells)
			}
		}
	})
}

// sameAsMap fails t unless mapping cells through m gives what Map gives:
// the same values and the same problems.
func sameAsMap(t *testing.T, mp *Mapper, m *Memo, cells []string) {
	t.Helper()
	want, wantErrs := mp.Map(3, cells)
	got, gotErrs := mp.MapToMemo(m, make([]string, len(mp.Fields())), 3, cells)
	if strings.Join(got.Values, "|") != strings.Join(want.Values, "|") || len(got.Values) != len(want.Values) {
		t.Fatalf("cells %q: through a memo %q, Map %q", cells, got.Values, want.Values)
	}
	if errorsText(gotErrs) != errorsText(wantErrs) {
		t.Fatalf("cells %q: through a memo problems %q, Map %q", cells, errorsText(gotErrs), errorsText(wantErrs))
	}
}

func errorsText(errs []*FieldError) string {
	parts := make([]string, len(errs))
	for i, e := range errs {
		parts[i] = e.Error()
	}
	return strings.Join(parts, "; ")
}

// TestMemoSameAsMap maps rows that repeat, change and repeat invalid cells
// through one Memo: every row gives what Map gives, problems included.
func TestMemoSameAsMap(t *testing.T) {
	dm := damaijiaMapper(t)
	rows := []string{
		"300000000016645779|杨样例|15042772999|山东省|青岛市|崂山区|测试路307号|614|1|京东|",
		"300000000016645780|赵样例|15042772998|山东省|青岛市|崂山区|样本街61号|614|1|京东|",
		"300000000016645781|钱样例|1504277|山东省|青岛市|崂山区|样本街62号|614|0|京东|",
		"300000000016645782|钱样例|1504277|山东省|青岛市|崂山区|样本街62号|614|0|京东|",
		"300000000016645783| 钱样例 |15042772997|福建省|厦门市|思明区|样本街63号|abc|2|amazon|加急",
		"300000000016645784|钱样例|15042772997|福建省|厦门市|思明区|样本街63号|abc|2|amazon|加急",
		"|||||||||",
		"300000000016645785|孙样例|15042772996|福建省|厦门市|思明区|样本街64号|614|1|淘宝|",
	}
	var m Memo
	for _, row := range rows {
		t.Run(row, func(t *testing.T) { sameAsMap(t, dm, &m, strings.Split(row, "|")) })
	}
}

// FuzzParse feeds arbitrary YAML to Parse: it must never panic.
func FuzzParse(f *testing.F) {
	for _, p := range Providers() {
		src, err := DefaultSource(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(src))
	}
	f.Add("fields:\n  a: {transforms: [{replace: {pattern: \"(\", with: x}}]}\n")
	f.Add("fields:\n  a: &x [b]\n  c: *x\n")
	for _, name := range Presets() {
		src, err := PresetSource(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(src))
	}
	f.Add("preset: shopify\nfields:\n  email: {default: x@example.com}\nskip_when: {column: Tags, contains: [test]}\n")
	f.Add("skip_when:\n  - {column: [a, b], filled: true, scope: order}\nlayouts:\n  - {name: x, headers: [a], lacks: y}\nfields:\n  a: {hint: z}\n")
	f.Add("fields:\n  mobile: [手机\n  name: 姓名\n")
	f.Add("fields:\r\n  mobile: \"手机\r\n\tname: x: y\n")
	f.Fuzz(func(t *testing.T, src string) {
		m, err := Parse([]byte(src), "f.yaml")
		if err == nil && m == nil {
			t.Fatal("nil mapping without error")
		}
		// A syntax error shows a line of the file: the one it names.
		var pe *ParseError
		if errors.As(err, &pe) && pe.Source != "" {
			lines := strings.Split(src, "\n")
			if pe.Line < 1 || pe.Line > len(lines) || strings.TrimRight(lines[pe.Line-1], "\r") != pe.Source || pe.Column < 1 {
				t.Fatalf("%v: not line %d of the file", err, pe.Line)
			}
		}
		if err == nil {
			_ = m.IsHeader([]string{"a", "b"})
			_, _ = m.Recognise([]string{"a", "b"})
			if mp, err := m.Compile([]string{"a", "b"}, damaijiaFields()); err == nil {
				_, _ = mp.Skip([]string{"x", "test"})
			}
		}
	})
}

// fuzzEvidence calls every even column's long numbers genuine.
type fuzzEvidence struct{}

func (fuzzEvidence) Genuine(col int) bool { return col%2 == 0 }
