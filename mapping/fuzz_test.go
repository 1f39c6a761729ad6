package mapping

import (
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
	f.Fuzz(func(t *testing.T, row string) {
		cells := strings.Split(row, "|")
		for _, mp := range []*Mapper{dm, om, tm} {
			r, errs := mp.Map(2, cells)
			if len(r.Values) != len(mp.Fields()) {
				t.Fatalf("%d values for %d fields", len(r.Values), len(mp.Fields()))
			}
			for _, e := range errs {
				if e.Field == "" || e.Err == nil || e.Error() == "" {
					t.Fatalf("incomplete error %+v", e)
				}
			}
			_ = mp.CheckRequired(r, 2)
		}
	})
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
	f.Fuzz(func(t *testing.T, src string) {
		m, err := Parse([]byte(src), "f.yaml")
		if err == nil && m == nil {
			t.Fatal("nil mapping without error")
		}
		if err == nil {
			_ = m.IsHeader([]string{"a", "b"})
			_, _ = m.Compile([]string{"a"}, damaijiaFields())
		}
	})
}
