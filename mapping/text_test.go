package mapping

import (
	"strings"
	"testing"
	"unicode"

	"orderimport/importer/i18n"
	"orderimport/providers"
)

// TestParseText: a skip rule's reason, a field's hint and a layout's lacks
// are one string for every language or a map with zh and en; a map that
// lacks a language or names another one is refused at its line and column
// (as a terminal counts it: 状态 takes four columns).
func TestParseText(t *testing.T) {
	const fields = "fields:\n  consignee: [姓名]\n"
	tests := []struct {
		name string
		src  string
		want Text   // the text parsed (the reason, hint or lacks)
		err  string // the error, when refused
	}{
		{"reason, a string", "skip_when:\n  - {column: 状态, matches: [关闭], reason: order closed}\n" + fields,
			Plain("order closed"), ""},
		{"reason, a map", "skip_when:\n  - {column: 状态, matches: [关闭], reason: {zh: 订单已关闭, en: order closed}}\n" + fields,
			Text{Zh: "订单已关闭", En: "order closed"}, ""},
		{"reason, a block map in the other order", "skip_when:\n  - column: 状态\n    matches: [关闭]\n    reason:\n      en: order closed\n      zh: 订单已关闭\n" + fields,
			Text{Zh: "订单已关闭", En: "order closed"}, ""},
		{"hint, a string", "fields:\n  product_id: {hint: choose the gift}\n", Plain("choose the gift"), ""},
		{"hint, a map", "fields:\n  product_id:\n    hint: {zh: 请选择礼品, en: choose the gift}\n",
			Text{Zh: "请选择礼品", En: "choose the gift"}, ""},
		{"lacks, a map", "layouts:\n  - name: an export\n    headers: [订单号]\n    lacks: {zh: 没有收货人, en: no consignee}\n" + fields,
			Text{Zh: "没有收货人", En: "no consignee"}, ""},
		{"reason without en", "skip_when:\n  - {column: 状态, matches: [关闭], reason: {zh: 订单已关闭}}\n" + fields,
			Text{}, "m.yaml:2:45: skip_when: reason: the en text is missing"},
		{"hint without zh", "fields:\n  product_id:\n    hint:\n      en: choose the gift\n",
			Text{}, "m.yaml:4:7: field product_id: hint: the zh text is missing"},
		{"reason in an unknown language", "skip_when:\n  - {column: 状态, matches: [关闭], reason: {zh: 订单已关闭, en: order closed, fr: commande fermée}}\n" + fields,
			Text{}, `m.yaml:2:80: skip_when: reason: unknown language "fr" (want zh and en)`},
		{"lacks in an unknown language", "layouts:\n  - name: an export\n    headers: [订单号]\n    lacks:\n      zh: 没有收货人\n      zh-TW: 沒有收貨人\n" + fields,
			Text{}, `m.yaml:6:7: layouts: lacks: unknown language "zh-TW" (want zh and en)`},
		{"a language's text is not a value", "fields:\n  product_id:\n    hint: {zh: [请选择礼品], en: choose the gift}\n",
			Text{}, "m.yaml:3: field product_id: expected a single value"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, err := Parse([]byte(tc.src), "m.yaml")
			if tc.err != "" {
				if err == nil || !strings.HasPrefix(err.Error(), tc.err) {
					t.Fatalf("err = %v, want %q…", err, tc.err)
				}
				// A language's key or map is shown under its line, as a
				// syntax error is.
				if strings.Contains(tc.err, "language") && !strings.HasSuffix(err.Error(), "^") {
					t.Errorf("err = %v, want the line and a caret", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got Text
			switch {
			case len(m.Skip) > 0:
				got = m.Skip[0].Reason
			case len(m.Layouts) > 0:
				got = m.Layouts[0].Lacks
			default:
				r, _ := m.Rule("product_id")
				got = r.Hint
			}
			if got != tc.want {
				t.Errorf("text = %+v, want %+v", got, tc.want)
			}
		})
	}
}

// TestSkipText: a skipped row's reason in each language, the rule's own
// text for that language and the cell.
func TestSkipText(t *testing.T) {
	m := mustParse(t, `skip_when:
  - {column: 状态, matches: [交易关闭], reason: {zh: 订单已关闭, en: order closed}}
  - {column: 状态, matches: [已取消], reason: order cancelled}
  - {column: 虚拟, matches: ["是"], reason: {zh: 无需发货, en: no shipping}}
  - {column: 状态, matches: [锁定]}
fields:
  consignee: [姓名]
`)
	mp, err := m.Compile([]string{"姓名", "状态", "虚拟"}, []providers.Field{{Name: "consignee", Kind: providers.KindText}})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		cells  []string
		zh, en string
	}{
		{"a map", []string{"测试甲", "交易关闭", ""}, "订单已关闭：交易关闭", "order closed: 交易关闭"},
		{"a string", []string{"测试甲", "已取消", ""}, "order cancelled：已取消", "order cancelled: 已取消"},
		{"a yes/no cell names its column", []string{"测试甲", "", "是"}, "无需发货：虚拟 是", "no shipping: 虚拟 是"},
		{"no reason", []string{"测试甲", "锁定", ""}, "skip_when 状态：锁定", "skip_when 状态: 锁定"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, ok := mp.Skip(tc.cells)
			if !ok {
				t.Fatal("not skipped")
			}
			if zh, en := s.Text(i18n.Zh), s.Text(i18n.En); zh != tc.zh || en != tc.en || s.Reason != tc.en {
				t.Errorf("zh %q, en %q, Reason %q; want %q, %q", zh, en, s.Reason, tc.zh, tc.en)
			}
		})
	}
}

// TestBuiltinTextsInBothLanguages: every skip reason, hint and lacks of
// the built-in presets and default mappings is given in Chinese and in
// English, the Chinese one written in Chinese.
func TestBuiltinTextsInBothLanguages(t *testing.T) {
	var ms []*Mapping
	for _, name := range Presets() {
		m, err := Preset(name)
		if err != nil {
			t.Fatal(err)
		}
		ms = append(ms, m)
	}
	for _, p := range Providers() {
		m, err := Default(p)
		if err != nil {
			t.Fatal(err)
		}
		ms = append(ms, m)
	}
	if len(ms) < 9 {
		t.Fatalf("only %d built-in mappings", len(ms))
	}
	n := 0
	check := func(m *Mapping, what string, tx Text) {
		if tx.IsZero() {
			return
		}
		n++
		if tx.En == "" || !hasHan(tx.Zh) || tx.Zh == tx.En || hasHan(strings.Split(tx.En, " ")[0]) {
			t.Errorf("%s: %s: %+v, want an English text and a Chinese one", m.Name, what, tx)
		}
	}
	for _, m := range ms {
		for _, r := range m.Skip {
			check(m, "skip_when reason", r.Reason)
		}
		for _, r := range m.Rules {
			check(m, r.Field+" hint", r.Hint)
		}
		for _, l := range m.Layouts {
			check(m, l.Name+" lacks", l.Lacks)
		}
	}
	if n < 30 {
		t.Errorf("only %d texts checked", n)
	}
}

func hasHan(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return unicode.Is(unicode.Han, r) })
}
