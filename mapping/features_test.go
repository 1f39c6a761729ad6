package mapping

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"orderimport/providers"
)

// compileRows compiles src against header and maps each row.
func compileRows(t *testing.T, src string, fields []providers.Field, header []string, rows ...[]string) ([]providers.Record, [][]*FieldError) {
	t.Helper()
	m := mustParse(t, src)
	m.Dir = filepath.Join("testdata", "lookup")
	mp, err := m.Compile(header, fields)
	if err != nil {
		t.Fatal(err)
	}
	var recs []providers.Record
	var errs [][]*FieldError
	for i, r := range rows {
		rec, e := mp.Map(i+2, r)
		recs = append(recs, rec)
		errs = append(errs, e)
	}
	return recs, errs
}

const taobaoLike = `fields:
  product_id: {value: "614"}
  product_number: {value: "1"}
  source: {value: taobao}
  remark: {value: x}
  consignee: [收货人姓名]
  mobile: {coalesce: [联系手机, 联系电话]}
  address: {coalesce: [修改后的收货地址, 收货地址], transforms: [split_address]}
  platform_order_sn: [订单编号]
`

func TestCoalesceAndSplitAddress(t *testing.T) {
	header := []string{"订单编号", "收货人姓名", "收货地址 ", "联系电话 ", "联系手机", "修改后的收货地址"}
	fields := damaijiaFields()
	tests := []struct {
		name  string
		row   []string
		want  map[string]string
		probs []string
	}{
		{"amended address preferred", []string{"1001", "张三", "浙江省 杭州市 余杭区 旧路1号", "", "'13800138000", "浙江省 杭州市 西湖区 新路2号"},
			map[string]string{"province": "浙江省", "city": "杭州市", "district": "西湖区", "address": "新路2号", "mobile": "13800138000"}, nil},
		{"original address when amended blank", []string{"1002", "李四", "北京市朝阳区示例街3号院(100000)", "13800138001", "", " "},
			map[string]string{"province": "北京市", "city": "北京市", "district": "朝阳区", "address": "示例街3号院", "mobile": "13800138001"}, nil},
		{"unresolvable address is one problem", []string{"1003", "王五", "梦想大道1号", "", "13800138002", ""},
			map[string]string{"province": "", "address": ""},
			[]string{`row 2, column C (收货地址): address: cannot split the address: no province or city found`}},
		{"blank address is one problem", []string{"1004", "赵六", "", "", "13800138003", ""},
			nil, []string{`row 2, column F (修改后的收货地址): address: required`}},
		{"ambiguous names the candidates", []string{"1005", "测试", "山西省城区测试路1号", "", "13800138004", ""},
			nil, []string{`address: cannot split the address: ambiguous address: 山西省`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			recs, errs := compileRows(t, taobaoLike, fields, header, tc.row)
			for k, v := range tc.want {
				if got := value(fields, recs[0], k); got != v {
					t.Errorf("%s = %q, want %q", k, got, v)
				}
			}
			if len(errs[0]) != len(tc.probs) {
				t.Fatalf("problems %v, want %v", errs[0], tc.probs)
			}
			for i, p := range tc.probs {
				if !strings.Contains(errs[0][i].Error(), p) {
					t.Errorf("problem %q, want it to contain %q", errs[0][i], p)
				}
			}
		})
	}
}

func TestSplitAddressKeepsOwnColumns(t *testing.T) {
	src := strings.Replace(taobaoLike, "  platform_order_sn", "  city: [市]\n  platform_order_sn", 1)
	header := []string{"订单编号", "收货人姓名", "收货地址", "联系手机", "市"}
	fields := damaijiaFields()
	recs, errs := compileRows(t, src, fields, header,
		[]string{"1", "张三", "浙江省湖州市吴兴区梦想大道1号", "13800138000", "杭州"},
		[]string{"2", "张三", "浙江省杭州市余杭区梦想大道1号", "13800138000", ""},
		[]string{"3", "张三", "浙江省杭州市余杭区梦想大道1号", "13800138000", "自定市"})
	if len(errs[0])+len(errs[1]) != 0 {
		t.Fatal(errs)
	}
	if got := value(fields, recs[0], "city"); got != "杭州市" {
		t.Errorf("own column: city = %q", got)
	}
	if got := value(fields, recs[1], "city"); got != "杭州市" {
		t.Errorf("blank own column: city = %q", got)
	}
	// A city the province does not have is refused, not sent.
	if len(errs[2]) != 1 || errs[2][0].Error() != `row 4, column E (市): city: no city "自定市" in 浙江省` {
		t.Errorf("unknown city: %v", errs[2])
	}
}

// TestRegionColumns: separate province, city and district columns
// (Pinduoduo's 省, 市, 区) are sent as split_address would send them: full
// names, 济源's blank district filled with the city's name; a province that
// does not exist makes the row invalid (火星省 was sent and came back ok).
func TestRegionColumns(t *testing.T) {
	m, err := Preset("pinduoduo")
	if err != nil {
		t.Fatal(err)
	}
	m.Set("product_id", "614")
	header := exportHeaders["pdd2020"]
	mp, err := m.Compile(header, damaijiaFields())
	if err != nil {
		t.Fatal(err)
	}
	col := func(name string) int {
		for i, h := range header {
			if h == name {
				return i
			}
		}
		t.Fatalf("no column %s", name)
		return -1
	}
	row := func(p, c, d string) []string {
		cells := make([]string, len(header))
		cells[col("订单号")], cells[col("收货人")], cells[col("手机")] = "241001-000000001", "测试甲", "13800138000"
		cells[col("省")], cells[col("市")], cells[col("区")], cells[col("详细地址")] = p, c, d, "测试路1号"
		return cells
	}
	tests := []struct {
		name, p, c, d, want, problem string
	}{
		{"济源 without district", "河南省", "济源市", "", "河南省 济源市 济源市", ""},
		{"Beijing written short", "北京", "北京", "朝阳区", "北京市 北京市 朝阳区", ""},
		{"full names unchanged", "浙江省", "杭州市", "余杭区", "浙江省 杭州市 余杭区", ""},
		{"no such province", "火星省", "火星市", "测试区", "", `row 2, column AD (省): province: not a province of China: "火星省"`},
		{"district blank elsewhere", "浙江省", "杭州市", "", "", `row 2, column AF (区): district: required`},
	}
	fields := damaijiaFields()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec, errs := mp.Map(2, row(tc.p, tc.c, tc.d))
			if tc.problem != "" {
				if len(errs) != 1 || errs[0].Error() != tc.problem {
					t.Fatalf("errs = %v, want %s", errs, tc.problem)
				}
				return
			}
			got := value(fields, rec, "province") + " " + value(fields, rec, "city") + " " + value(fields, rec, "district")
			if len(errs) != 0 || got != tc.want {
				t.Errorf("got %q, %v; want %q", got, errs, tc.want)
			}
		})
	}
}

func TestTemplate(t *testing.T) {
	src := `fields:
  product_id: {value: "614"}
  product_number: {value: "1"}
  source: {value: pdd}
  remark: {template: "订单 {订单号} / {source}"}
  consignee: [收货人]
  mobile: [手机]
  address: {template: "{省}{市}{区}{详细地址}", transforms: [split_address]}
  platform_order_sn: [订单号]
`
	header := []string{"订单号", "收货人", "手机", "省", "市", "区", "详细地址"}
	fields := damaijiaFields()
	recs, errs := compileRows(t, src, fields, header, []string{`="301234567890123456"`, "张三", "13800138000", "浙江省", "杭州市", "余杭区", "梦想大道1号"})
	if len(errs[0]) != 0 {
		t.Fatal(errs[0])
	}
	want := map[string]string{"remark": "订单 301234567890123456 / pdd", "province": "浙江省", "district": "余杭区", "address": "梦想大道1号"}
	for k, v := range want {
		if got := value(fields, recs[0], k); got != v {
			t.Errorf("%s = %q, want %q", k, got, v)
		}
	}
}

func TestLookup(t *testing.T) {
	src := `fields:
  product_id: {headers: [Lineitem sku], transforms: [{lookup: {table: skus.csv, key: sku, value: product_id}}]}
  variant_id: {headers: [Lineitem sku], transforms: [{lookup: {table: skus.csv, key: sku, value: variant_id}}]}
  qty: [Lineitem quantity]
`
	fields := []providers.Field{
		{Name: "product_id", Kind: providers.KindInt, Min: 1, Required: true},
		{Name: "variant_id", Kind: providers.KindInt, Min: 1, Required: true},
		{Name: "qty", Kind: providers.KindInt, Min: 1, Required: true},
	}
	recs, errs := compileRows(t, src, fields, []string{"Lineitem quantity", "Lineitem sku"},
		[]string{"2", " SKU-B "}, []string{"1", "SKU-X"})
	if len(errs[0]) != 0 || recs[0].Values[0] != "648" || recs[0].Values[1] != "4345" {
		t.Errorf("hit: %v %v", recs[0].Values, errs[0])
	}
	if len(errs[1]) != 2 || !errors.Is(errs[1][0], ErrInvalid) || !strings.Contains(errs[1][0].Error(), `"SKU-X" is not in the sku column of skus.csv`) {
		t.Errorf("miss: %v", errs[1])
	}
}

func TestCompileErrorsOfNewRules(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "dup.csv"), []byte("sku,product_id\nA,1\nA,2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, src, want string }{
		{"missing table", "fields:\n  product_id:\n    headers: [sku]\n    transforms: [{lookup: {table: none.csv, key: sku, value: product_id}}]\n",
			"m.yaml:4: field product_id: lookup: open"},
		{"duplicate key", "fields:\n  product_id:\n    headers: [sku]\n    transforms: [{lookup: {table: dup.csv, key: sku, value: product_id}}]\n",
			`m.yaml:4: field product_id: lookup: dup.csv: line 3: key "A" listed twice`},
		{"no such column", "fields:\n  product_id:\n    headers: [sku]\n    transforms: [{lookup: {table: dup.csv, key: SKU code, value: product_id}}]\n",
			`m.yaml:4: field product_id: lookup: dup.csv: no column "SKU code"`},
		{"template name", "fields:\n  remark: {template: \"{nope}\"}\n", `m.yaml:2: field remark: template: no column or field named "nope"`},
		{"split on a non-address field", "fields:\n  remark: {headers: [sku], transforms: [split_address]}\n", "m.yaml:2: field remark: split_address: the field must be address"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := mustParse(t, tc.src)
			m.Name, m.Dir = "m.yaml", dir
			_, err := m.Compile([]string{"sku"}, damaijiaFields())
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want %q", err, tc.want)
			}
		})
	}
}

func TestParseErrorsOfNewRules(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"split not last", "fields:\n  address:\n    headers: [a]\n    transforms: [split_address, trim]\n", "m.yaml:4: field address: split_address must be the last transform"},
		{"lookup args", "fields:\n  product_id:\n    transforms:\n      - lookup: {table: x.csv}\n", "m.yaml:4: field product_id: lookup: table, key and value are all required"},
		{"template braces", "fields:\n  remark: {template: \"{a\"}\n", "m.yaml:2: field remark: template: unclosed {"},
		{"coalesce and headers", "fields:\n  remark: {coalesce: [a], headers: [b]}\n", "m.yaml:2: field remark: give one of"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse([]byte(tc.src), "m.yaml")
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("error %v, want %q", err, tc.want)
			}
		})
	}
}
