package mapping

import (
	"errors"
	"testing"

	"orderimport/providers"
)

type kindCase struct {
	name      string
	in        string
	want      string // normalised value when ok or warning
	warn      bool
	fail      bool
	protected bool
}

func runKind(t *testing.T, f providers.Field, cases []kindCase) {
	t.Helper()
	enum := enumTable(&f)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res := check(&f, enum, tc.in, tc.protected)
			switch {
			case tc.fail:
				if res.err == nil || res.warn {
					t.Fatalf("check(%q) = %q, %v (warn %v); want an error", tc.in, res.value, res.err, res.warn)
				}
				return
			case tc.warn:
				if res.err == nil || !res.warn {
					t.Fatalf("check(%q) = %q, %v (warn %v); want a warning", tc.in, res.value, res.err, res.warn)
				}
			default:
				if res.err != nil {
					t.Fatalf("check(%q): unexpected error %v", tc.in, res.err)
				}
			}
			if res.value != tc.want {
				t.Errorf("check(%q) = %q, want %q", tc.in, res.value, tc.want)
			}
		})
	}
}

func TestKindText(t *testing.T) {
	runKind(t, providers.Field{Name: "consignee", Kind: providers.KindText, Min: 1, Max: 4}, []kindCase{
		{name: "chinese", in: "张三", want: "张三"},
		{name: "max in runes", in: "测试测试", want: "测试测试"},
		{name: "too long", in: "测试测试测", fail: true},
		{name: "ascii", in: "Test", want: "Test"},
		{name: "invalid utf-8", in: "\xff\xfe", fail: true},
	})
	runKind(t, providers.Field{Name: "remark", Kind: providers.KindText}, []kindCase{
		{name: "unbounded", in: "很长的备注很长的备注很长的备注很长的备注很长的备注", want: "很长的备注很长的备注很长的备注很长的备注很长的备注"},
	})
}

func TestKindInt(t *testing.T) {
	runKind(t, providers.Field{Name: "product_number", Kind: providers.KindInt, Min: 1, Max: 1000}, []kindCase{
		{name: "plain", in: "12", want: "12"},
		{name: "plus", in: "+3", want: "3"},
		{name: "spreadsheet .0", in: "5.0", want: "5"},
		{name: "spreadsheet .00", in: "5.00", want: "5"},
		{name: "leading zero is decimal", in: "0123", want: "123"},
		{name: "max", in: "1000", want: "1000"},
		{name: "above max", in: "1001", fail: true},
		{name: "zero below min", in: "0", fail: true},
		{name: "negative", in: "-1", fail: true},
		{name: "fraction never truncated", in: "12.99", fail: true},
		{name: "scientific never truncated", in: "1.3800138E+10", fail: true},
		{name: "trailing dot", in: "5.", fail: true},
		{name: "letters", in: "12a", fail: true},
		{name: "full width", in: "１２", want: "12"},
		{name: "overflow", in: "99999999999999999999999", fail: true},
		{name: "inner space", in: "1 2", fail: true},
	})
	runKind(t, providers.Field{Name: "product_id", Kind: providers.KindInt, Min: 1}, []kindCase{
		{name: "no upper bound", in: "614000000", want: "614000000"},
	})
}

func TestKindIdent(t *testing.T) {
	runKind(t, providers.Field{Name: "platform_order_sn", Kind: providers.KindIdent}, []kindCase{
		{name: "18 digits", in: "301234567890123456", want: "301234567890123456"},
		{name: "leading zeros kept", in: "00000000001", want: "00000000001"},
		{name: "letters dash underscore", in: "PDD-2310_12ab", want: "PDD-2310_12ab"},
		{name: "spreadsheet .0", in: "123456.0", want: "123456"},
		{name: "scientific", in: "3.01234567890123E+17", fail: true},
		{name: "scientific lower", in: "3.01234567890123e17", fail: true},
		{name: "excel cut to 15 digits", in: "301234567890123000", fail: true},
		{name: "excel cut 16 digits", in: "1234567890123000", fail: true},
		{name: "cut but protected", in: "301234567890123000", protected: true, want: "301234567890123000"},
		{name: "15 digits with zeros is exact", in: "123456789012000", want: "123456789012000"},
		{name: "16 digits two zeros", in: "1234567890123400", want: "1234567890123400"},
		{name: "16 significant digits then zeros", in: "1234567890123456000", want: "1234567890123456000"},
		{name: "space inside", in: "12 34", fail: true},
		{name: "slash", in: "12/34", fail: true},
		{name: "hash", in: "#1001", fail: true},
		{name: "full width", in: "ＰＤＤ－０７", want: "PDD-07"},
		{name: "chinese", in: "订单1", fail: true},
		{name: "fraction", in: "12.5", fail: true},
	})
}

func TestExcelMessage(t *testing.T) {
	f := providers.Field{Name: "platform_order_sn", Kind: providers.KindIdent}
	res := check(&f, nil, "301234567890123000", false)
	if !errors.Is(res.err, ErrExcelNumber) {
		t.Fatalf("err = %v, want ErrExcelNumber", res.err)
	}
	want := "Excel changed this number (shown as 3.01234567890123E+17): the original digits are lost; format the column as Text in Excel (or export as CSV with the column quoted) and export again"
	if res.err.Error() != want {
		t.Errorf("message\n got %s\nwant %s", res.err, want)
	}
}

func TestKindMobile(t *testing.T) {
	runKind(t, providers.Field{Name: "mobile", Kind: providers.KindMobile, Max: 16}, []kindCase{
		{name: "plain", in: "13800138000", want: "13800138000"},
		{name: "spaces", in: "138 0013 8000", want: "13800138000"},
		{name: "dashes", in: "138-0013-8000", want: "13800138000"},
		{name: "full width", in: "１３８００１３８０００", want: "13800138000"},
		{name: "plus86", in: "+86 138 0013 8000", want: "13800138000"},
		{name: "plus86 parens", in: "(+86)13800138000", want: "13800138000"},
		{name: "0086", in: "008613800138000", want: "13800138000"},
		{name: "86", in: "8613800138000", want: "13800138000"},
		{name: "extension dash", in: "13800138000-1234", want: "13800138000-1234"},
		{name: "extension zhuan", in: "13800138000转1234", want: "13800138000-1234"},
		{name: "extension spaced", in: "138 0013 8000 转 1234", want: "13800138000-1234"},
		{name: "masked", in: "138****1234", want: "138****1234", warn: true},
		{name: "masked long", in: "15*********7", want: "15*********7", warn: true},
		{name: "landline", in: "0571-88888888", want: "0571-88888888", warn: true},
		{name: "landline parens", in: "(0571)88888888", want: "057188888888", warn: true},
		{name: "local landline", in: "88888888", want: "88888888", warn: true},
		{name: "landline lost zero", in: "57188888888", want: "57188888888", warn: true},
		{name: "unknown prefix", in: "12800138000", want: "12800138000", warn: true},
		{name: "international", in: "+1 555 010 0199", want: "+15550100199", warn: true},
		{name: "international 00", in: "0044 20 7946 0000", want: "+442079460000", warn: true},
		{name: "plus86 landline", in: "+86 571 8888 8888", want: "57188888888", warn: true},
		{name: "one digit short", in: "1380013800", fail: true},
		{name: "one digit long", in: "138001380001", fail: true},
		{name: "letters", in: "1380013800a", fail: true},
		{name: "chinese", in: "无", fail: true},
		{name: "scientific", in: "1.3800138E+10", fail: true},
		{name: "too short", in: "12345", fail: true},
		{name: "only dashes", in: "---", fail: true},
		{name: "masked too long for max", in: "138**********************1234", fail: true},
	})
}

func TestMobileMessage(t *testing.T) {
	f := providers.Field{Name: "mobile", Kind: providers.KindMobile, Max: 16}
	res := check(&f, nil, "1380013800", false)
	if got, want := res.err.Error(), `not a mainland mobile number: "1380013800"`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	if !errors.Is(res.err, ErrInvalid) {
		t.Errorf("errors.Is(%v, ErrInvalid) = false", res.err)
	}
}

func TestKindEmail(t *testing.T) {
	runKind(t, providers.Field{Name: "email", Kind: providers.KindEmail}, []kindCase{
		{name: "plain", in: "test@example.com", want: "test@example.com"},
		{name: "with name", in: "Test <test@example.com>", want: "test@example.com"},
		{name: "subdomain", in: "a.b+c@mail.example.cn", want: "a.b+c@mail.example.cn"},
		{name: "no dot", in: "test@localhost", fail: true},
		{name: "no at", in: "test.example.com", fail: true},
		{name: "two addresses", in: "a@example.com, b@example.com", fail: true},
		{name: "trailing dot", in: "test@example.", fail: true},
	})
}

func TestKindCountry(t *testing.T) {
	runKind(t, providers.Field{Name: "country_code", Kind: providers.KindCountry}, []kindCase{
		{name: "code", in: "CN", want: "CN"},
		{name: "lower code", in: "us", want: "US"},
		{name: "english", in: "China", want: "CN"},
		{name: "english case", in: "united states", want: "US"},
		{name: "usa", in: "USA", want: "US"},
		{name: "uk", in: "UK", want: "GB"},
		{name: "chinese", in: "中国", want: "CN"},
		{name: "chinese us", in: "美国", want: "US"},
		{name: "chinese japan", in: "日本", want: "JP"},
		{name: "hong kong", in: "Hong Kong", want: "HK"},
		{name: "full width code", in: "ＣＮ", want: "CN"},
		{name: "and spelled out", in: "Trinidad and Tobago", want: "TT"},
		{name: "unassigned", in: "ZZ", fail: true},
		{name: "withdrawn", in: "YU", fail: true},
		{name: "three letters", in: "CHN", fail: true},
		{name: "unknown", in: "Atlantis", fail: true},
	})
}

func TestKindEnum(t *testing.T) {
	f := damaijiaFields()[providers.FieldIndex(damaijiaFields(), "source")]
	runKind(t, f, []kindCase{
		{name: "value", in: "taobao", want: "taobao"},
		{name: "upper", in: "TMALL", want: "tmall"},
		{name: "alias", in: "拼多多", want: "pdd"},
		{name: "alias jd", in: "京东", want: "jd"},
		{name: "unknown", in: "amazon", fail: true},
	})
}

func TestCountryTableSize(t *testing.T) {
	codes := 0
	for k, v := range countryTable() {
		if len(k) == 2 && k == toLowerASCII(v) {
			codes++
		}
	}
	if codes != 249 {
		t.Errorf("%d ISO codes, want 249", codes)
	}
}

func toLowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 32
		}
	}
	return string(b)
}
