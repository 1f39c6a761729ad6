package mapping

import (
	"errors"
	"strings"
	"testing"
)

// TestSkipWhen: each way a skip_when rule compares a cell, on a merchant's
// own mapping; the first matching rule gives the reason.
func TestSkipWhen(t *testing.T) {
	src := `provider: damaijia
skip_when:
  - column: [状态, 订单状态]
    matches: [交易关闭, CANCELLED]
    reason: order closed
  - {column: 订单状态, starts_with: ["(删除)"], reason: order deleted}
  - {column: 售后, contains: [退款成功]}
  - {column: 取消时间, filled: true, reason: order cancelled, scope: order}
fields:
  product_id: {value: "614"}
  product_number: {value: "1"}
  source: {value: jd}
  remark: {value: x}
  consignee: [姓名]
  mobile: [手机]
  address: {headers: [地址], transforms: [split_address]}
  platform_order_sn: [订单号]
`
	m := mustParse(t, src)
	header := []string{"订单号", "姓名", "手机", "地址", "订单状态", "售后", "取消时间"}
	mp, err := m.Compile(header, damaijiaFields())
	if err != nil {
		t.Fatal(err)
	}
	row := func(status, after, cancelled string) []string {
		return []string{"1001", "测试甲", "13800138000", "浙江省杭州市余杭区测试路1号", status, after, cancelled}
	}
	tests := []struct {
		name   string
		cells  []string
		reason string
		order  bool
	}{
		{"live order", row("等待出库", "无售后或售后取消", ""), "", false},
		{"exact", row("交易关闭", "", ""), "order closed: 交易关闭", false},
		{"exact ignores case, spaces and marks", row(` ="cancelled" `, "", ""), "order closed: cancelled", false},
		{"exact is not a prefix", row("交易关闭中", "", ""), "", false},
		{"prefix, full-width parentheses", row("（删除）等待出库", "", ""), "order deleted: （删除）等待出库", false},
		{"contains, default reason", row("等待出库", "未发货，退款成功", ""), "skip_when 售后: 未发货，退款成功", false},
		{"no-after-sales is not a refund", row("等待出库", "无售后或售后取消", " "), "", false},
		{"filled, order scope", row("等待出库", "", "2024-03-02 10:00:00"), "order cancelled: 取消时间 2024-03-02 10:00:00", true},
		{"first rule wins", row("交易关闭", "退款成功", "2024-03-02"), "order closed: 交易关闭", false},
		{"short row", []string{"1001", "测试甲"}, "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, skipped := mp.Skip(tc.cells)
			if skipped != (tc.reason != "") || s.Reason != tc.reason || s.Order != tc.order {
				t.Errorf("Skip = %+v, %v; want %q (order %v)", s, skipped, tc.reason, tc.order)
			}
		})
	}
	uses := mp.Skips()
	if len(uses) != 4 || uses[0].Column != 5 || uses[0].String() != "skip when column E (订单状态) matches 交易关闭, CANCELLED: order closed" {
		t.Errorf("Skips() = %v", uses)
	}
}

// TestSkipWhenMissingColumn: a rule whose column the file lacks skips
// nothing and says so.
func TestSkipWhenMissingColumn(t *testing.T) {
	m, err := Preset("taobao")
	if err != nil {
		t.Fatal(err)
	}
	m.Set("product_id", "614")
	mp, err := m.Compile([]string{"订单编号", "收货人姓名", "收货地址", "联系手机"}, damaijiaFields())
	if err != nil {
		t.Fatal(err)
	}
	if _, skipped := mp.Skip([]string{"1", "测试甲", "浙江省杭州市余杭区测试路1号", "13800138000"}); skipped {
		t.Error("skipped without the column")
	}
	u := mp.Skips()[0]
	if u.Column != 0 || !strings.HasPrefix(u.String(), "skip_when: no column 订单状态 in the file") {
		t.Errorf("Skips()[0] = %v", u)
	}
}

func TestSkipWhenParseErrors(t *testing.T) {
	fields := "fields:\n  consignee: [姓名]\n"
	tests := []struct{ name, src, want string }{
		{"no column", "skip_when:\n  - {matches: [x]}\n" + fields, "m.yaml:2: skip_when: a rule needs column"},
		{"no match", "skip_when:\n  - {column: 状态}\n" + fields, "m.yaml:2: skip_when: give exactly one of matches"},
		{"two matches", "skip_when:\n  - {column: 状态, matches: [a], contains: [b]}\n" + fields, "exactly one of"},
		{"blank value", "skip_when:\n  - {column: 状态, matches: [\" \"]}\n" + fields, "a blank value (use filled: true"},
		{"unknown key", "skip_when:\n  - {column: 状态, matches: [a], why: x}\n" + fields, `m.yaml:2: skip_when: unknown key "why"`},
		{"bad scope", "skip_when:\n  - {column: 状态, matches: [a], scope: all}\n" + fields, `scope: want row or order, not "all"`},
		{"filled false", "skip_when:\n  - {column: 状态, filled: false}\n" + fields, "filled: want true"},
		{"not a list", "skip_when: 状态\n" + fields, "skip_when: expected a list of rules"},
		{"unknown preset", "preset: tmall\n", `m.yaml:1: mapping: no preset "tmall"`},
		{"preset of another provider", "provider: openapi\npreset: taobao\n", "provider openapi, but preset taobao is written for provider damaijia"},
		{"layout without headers", "layouts:\n  - {name: x}\n" + fields, "a layout needs a name and headers"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse([]byte(tc.src), "m.yaml")
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want %q", err, tc.want)
			}
		})
	}
}

// TestPresetInheritance: a mapping file that starts from a preset keeps
// the preset's rules, skip rules and layouts, and replaces the rules of
// the fields it names; an inherited rule's mistake names the preset.
func TestPresetInheritance(t *testing.T) {
	src := `preset: shopify
fields:
  product_id: {headers: [Lineitem sku], transforms: [{lookup: {table: skus.csv, key: sku, value: product_id}}]}
  variant_id: {headers: [Lineitem sku], transforms: [{lookup: {table: skus.csv, key: sku, value: variant_id}}]}
skip_when:
  - {column: Tags, contains: [test order], reason: a test order}
`
	m := mustParse(t, src)
	base, err := Preset("shopify")
	if err != nil {
		t.Fatal(err)
	}
	if m.Provider != "openapi" || len(m.Rules) != len(base.Rules) || len(m.Skip) != len(base.Skip)+1 || len(m.Layouts) != len(base.Layouts) {
		t.Fatalf("provider %q, %d rules (preset %d), %d skip rules (preset %d)", m.Provider, len(m.Rules), len(base.Rules), len(m.Skip), len(base.Skip))
	}
	r, _ := m.Rule("product_id")
	if len(r.Headers) != 1 || r.Headers[0] != "Lineitem sku" || r.Source != "" {
		t.Errorf("product_id rule %+v", r)
	}
	if r, _ := m.Rule("email"); r.Source != "preset shopify" || r.Headers[0] != "Email" {
		t.Errorf("email rule %+v", r)
	}
	if m.Skip[len(m.Skip)-1].Reason != Plain("a test order") || m.Skip[0].Source != "preset shopify" {
		t.Errorf("skip rules %+v", m.Skip)
	}
	// An inherited rule's problem is located in the preset.
	if _, err := m.Compile([]string{"Name"}, damaijiaFields()); err == nil || !strings.Contains(err.Error(), "preset shopify:") ||
		!strings.Contains(err.Error(), "field order_key: unknown field") {
		t.Errorf("err = %v", err)
	}
	m.Set("qty", "") // required: a blank constant is an error of the --set
	if _, err := m.Compile([]string{"Name"}, openapiFields()); err == nil || !strings.Contains(err.Error(), "--set value is blank") {
		t.Errorf("err = %v", err)
	}
}

// TestHeaderErrorHints: a missing product says in one line how to choose
// it; a recognised export that lacks columns says what it lacks.
func TestHeaderErrorHints(t *testing.T) {
	tests := []struct {
		name, preset string
		header       []string
		want         string
	}{
		{"taobao without product", "taobao", []string{"订单编号", "买家会员名", "订单状态", "收货人姓名", "收货地址", "联系手机"},
			"choose the damaijia gift to send: --set product_id=N"},
		{"pdd 2023 layout", "pinduoduo", []string{"商品", "订单号", "订单状态", "售后状态", "省", "市", "区", "街道/镇"},
			"this is Pinduoduo's current order export (2023 layout): it has no consignee's name, phone or street address (收货人, 手机, 详细地址)"},
		{"shopify names no product", "shopify", []string{"Name", "Email", "Shipping Name", "Shipping Address1", "Shipping City", "Shipping Country", "Shipping Phone", "Shipping Method", "Lineitem quantity"},
			"say which storefront product each line is: a mapping file with \"preset: shopify\""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, err := Preset(tc.preset)
			if err != nil {
				t.Fatal(err)
			}
			fields := damaijiaFields()
			if m.Provider == "openapi" {
				fields = openapiFields()
			}
			_, err = m.Compile(tc.header, fields)
			var he *HeaderError
			if !errors.As(err, &he) || !strings.HasPrefix(err.Error(), tc.want) || strings.Contains(err.Error(), "\n") {
				t.Errorf("err = %v\nwant %q", err, tc.want)
			}
			if strings.Count(err.Error(), "say which storefront product") > 1 {
				t.Errorf("hint repeated: %v", err)
			}
		})
	}
}

// TestRecognisePreset: each platform's real header (EXPORT-HEADERS.md) is
// recognised as its preset, and a file of none is not.
func TestRecognisePreset(t *testing.T) {
	tests := []struct {
		name   string
		header []string
		preset string
	}{
		{"taobao 56", exportHeaders["taobao56"], "taobao"},
		{"taobao 67", exportHeaders["taobao67"], "taobao"},
		{"jd 30", exportHeaders["jd30"], "jd"},
		{"pdd 2020", exportHeaders["pdd2020"], "pinduoduo"},
		{"pdd 2023", exportHeaders["pdd2023"], "pinduoduo"},
		{"doudian", exportHeaders["doudian"], "doudian"},
		{"youzan", exportHeaders["youzan"], "youzan"},
		{"shopify", exportHeaders["shopify"], "shopify"},
		{"damaijia template", []string{"订单编号", "收货人姓名", "收货地址", "联系手机"}, "damaijia"},
		{"merchant's own sheet", []string{"订单编号", "收货人姓名", "手机", "省份", "城市", "区县", "详细地址", "商品ID", "数量", "来源", "备注"}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, ok := RecognisePreset(tc.header)
			if ok != (tc.preset != "") || r.Preset != tc.preset {
				t.Errorf("RecognisePreset = %+v, %v; want %q", r, ok, tc.preset)
			}
		})
	}
}
