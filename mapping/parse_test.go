package mapping

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	src := `provider: damaijia
fields:
  consignee:
    headers: [收货人, 收货人姓名, consignee]
  mobile: [手机, mobile]
  product_id: { value: "614" }
  remark: { headers: [备注], default: orderimport }
  platform_order_sn: { column: A }
  province: 省份
  city:
  address: { column: 12, transforms: [trim, digits, upper, lower, {replace: {pattern: "\\s+", with: " "}}, {split_name: last}] }
`
	m, err := Parse([]byte(src), "m.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if m.Provider != "damaijia" || m.Name != "m.yaml" {
		t.Errorf("provider %q name %q", m.Provider, m.Name)
	}
	tests := []struct {
		field string
		check func(Rule) bool
	}{
		{"consignee", func(r Rule) bool { return len(r.Headers) == 3 && r.Headers[0] == "收货人" && r.Line == 3 }},
		{"mobile", func(r Rule) bool { return len(r.Headers) == 2 && r.Line == 5 }},
		{"product_id", func(r Rule) bool { return r.HasValue && r.Value == "614" }},
		{"remark", func(r Rule) bool { return r.HasDefault && r.Default == "orderimport" && r.Headers[0] == "备注" }},
		{"platform_order_sn", func(r Rule) bool { return r.Column == 1 }},
		{"province", func(r Rule) bool { return len(r.Headers) == 1 && r.Headers[0] == "省份" }},
		{"city", func(r Rule) bool { return len(r.Headers) == 0 && !r.HasValue && r.Column == 0 }},
		{"address", func(r Rule) bool {
			return r.Column == 12 && len(r.Transforms) == 6 && r.Transforms[4].re != nil && r.Transforms[5].Part == "last"
		}},
	}
	for _, tc := range tests {
		t.Run(tc.field, func(t *testing.T) {
			r, ok := m.Rule(tc.field)
			if !ok || !tc.check(r) {
				t.Errorf("rule %+v (found %v)", r, ok)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"unknown transform", "fields:\n  consignee: [姓名]\n  mobile:\n    headers: [手机]\n    transforms: [trim, digit]\n",
			`m.yaml:5: field mobile: unknown transform "digit"`},
		{"bad regexp", "fields:\n  mobile:\n    transforms:\n      - replace: {pattern: \"(\", with: x}\n",
			`m.yaml:4: field mobile: replace: bad pattern`},
		{"unknown rule key", "fields:\n  mobile: {header: [手机]}\n", `m.yaml:2: field mobile: unknown key "header"`},
		{"unknown top key", "provider: x\nfeilds: {}\n", `m.yaml:2: unknown key "feilds"`},
		{"no fields", "provider: x\n", `m.yaml:1: no fields`},
		{"empty", "", `m.yaml: empty mapping file`},
		{"syntax", "fields:\n  a: [b\n", `m.yaml:`},
		{"value and headers", "fields:\n  product_id: {value: 1, headers: [x]}\n", `m.yaml:2: field product_id: give one of headers, coalesce, column, template or value`},
		{"headers and column", "fields:\n  product_id: {column: B, headers: [x]}\n", `m.yaml:2: field product_id: give one of headers, coalesce, column, template or value`},
		{"bad column", "fields:\n  product_id: {column: A1}\n", `m.yaml:2: field product_id: column "A1"`},
		{"zero column", "fields:\n  product_id: {column: 0}\n", `m.yaml:2: field product_id: column "0"`},
		{"twice", "fields:\n  a: [x]\n  a: [y]\n", `m.yaml:3: field a: listed twice`},
		{"split part", "fields:\n  a: {transforms: [{split_name: middle}]}\n", `m.yaml:2: field a: split_name: want first or last`},
		{"replace without pattern", "fields:\n  a: {transforms: [{replace: {with: x}}]}\n", `m.yaml:2: field a: replace: no pattern`},
		{"fields not a map", "fields: [a, b]\n", `m.yaml:1: fields: expected a map`},
		{"headers not a list", "fields:\n  a: {headers: {x: y}}\n", `m.yaml:2: field a: headers: expected a list`},
		{"empty header", "fields:\n  a: [\"  \"]\n", `m.yaml:2: field a: empty header name`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse([]byte(tc.src), "m.yaml")
			if err == nil {
				t.Fatalf("no error, want %q", tc.want)
			}
			if !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("error\n got %s\nwant prefix %s", err, tc.want)
			}
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Errorf("error %T is not a *ParseError", err)
			}
		})
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "shop.yaml")
	if err := os.WriteFile(path, []byte("fields:\n  mobile: {transforms: [digits, x]}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Load(path)
	if err == nil || !strings.HasPrefix(err.Error(), path+":2: field mobile: unknown transform \"x\"") {
		t.Errorf("Load error = %v", err)
	}
	if _, err := Load(filepath.Join(dir, "absent.yaml")); err == nil {
		t.Error("Load of a missing file: no error")
	}
}

func TestSet(t *testing.T) {
	m, err := Parse([]byte("fields:\n  product_id: [商品ID]\n"), "m.yaml")
	if err != nil {
		t.Fatal(err)
	}
	m.Set("product_id", "614")
	m.Set("source", "taobao")
	tests := []struct{ field, want string }{{"product_id", "614"}, {"source", "taobao"}}
	for _, tc := range tests {
		t.Run(tc.field, func(t *testing.T) {
			r, ok := m.Rule(tc.field)
			if !ok || !r.HasValue || r.Value != tc.want || len(r.Headers) != 0 || r.Line != 0 {
				t.Errorf("rule = %+v", r)
			}
		})
	}
}

// TestParseYAMLSyntaxErrorLocation: a YAML syntax error names the line
// and column the parser points at, not the line where the construct
// around it starts (go-yaml's own message, counted from 0 for its parser's
// errors), and shows the line with a caret.
func TestParseYAMLSyntaxErrorLocation(t *testing.T) {
	tests := []struct {
		name, src string
		want      string // the whole error
	}{
		{"flow list not closed before the next key (go-yaml says line 2)",
			"provider: damaijia\nfields:\n  mobile: [手机\n  name: 姓名\n",
			"m.yaml:4:7: did not find expected ',' or ']'\n  4 |   name: 姓名\n    |       ^"},
		{"list item out of line (go-yaml says line 2)",
			"fields:\n  mobile:\n    headers: [a, b]\n    transforms:\n      - digits\n     - trim\n",
			"m.yaml:6:6: did not find expected key\n  6 |      - trim\n    |      ^"},
		{"a list entry where a key belongs (go-yaml says line 2)", "provider: damaijia\nfields: x\n- mobile\n",
			"m.yaml:3:1: did not find expected key\n  3 | - mobile\n    | ^"},
		{"a second colon (wide characters before the caret)", "fields:\n  收货人: [姓名]\n  手机: 联系电话: 手机\n",
			"m.yaml:3:17: mapping values are not allowed in this context\n  3 |   手机: 联系电话: 手机\n    |                 ^"},
		{"a tab for indentation", "fields:\n  mobile: 手机\n\tname: 姓名\n",
			"m.yaml:3:1: found a tab character that violates indentation\n  3 | \tname: 姓名\n    | ^"},
		{"a quote never closed (go-yaml points at the end)", "fields:\n  mobile: \"手机\n  name: 姓名\n",
			"m.yaml:2:11: found unexpected end of stream (what starts on this line is not closed)\n  2 |   mobile: \"手机\n    |           ^"},
		{"CRLF line ends", "fields:\r\n  mobile: 手机\r\n   name: 姓名\r\n",
			"m.yaml:3:4: mapping values are not allowed in this context\n  3 |    name: 姓名\n    |    ^"},
		{"line 12", strings.Repeat("# comment\n", 10) + "fields:\n  a: [b, c}\n",
			"m.yaml:12:11: did not find expected ',' or ']'\n  12 |   a: [b, c}\n     |           ^"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse([]byte(tc.src), "m.yaml")
			if err == nil || err.Error() != tc.want {
				t.Errorf("error\n got %v\nwant %s", err, tc.want)
			}
		})
	}
}
