package importer

import (
	"hash/maphash"
	"testing"

	"orderimport/providers"
)

func TestCanonicalIdentityParts(t *testing.T) {
	for _, tc := range []struct {
		want string
		in   []string
	}{
		{"1001", []string{"1001", "#1001", "＃１００１", `="1001"`, "'1001", " 1001 ", "\t1001", "10-01", "1 001"}},
		{"tb123", []string{"TB123", "tb-123", "ＴＢ１２３", "Tb_123", "tb/123"}},
		{"订单a1", []string{"订单Ａ1", "订单 a-1"}},
		{"#", []string{"#", " # "}},
		{"", []string{"", "  "}},
	} {
		for _, in := range tc.in {
			if got := string(appendCanonical(nil, in)); got != tc.want {
				t.Errorf("appendCanonical(%q) = %q, want %q", in, got, tc.want)
			}
		}
	}
	for in, want := range map[string]string{"614": "614", "0614": "614", "0": "0", "000": "0", "６１４": "614", "": ""} {
		if got := string(appendCanonicalInt([]byte("x"), in)); got != "x"+want {
			t.Errorf("appendCanonicalInt(%q) = %q, want %q", in, got, "x"+want)
		}
	}
}

// rec makes a record of the test fields below.
func rec(vals ...string) providers.Record { return providers.Record{Values: vals} }

// TestIdentityIgnoresMappingChoices: keys (and the dry run's hashes) do not
// depend on how a mapping spelled the order number, and a storefront item
// keeps its identity when another item is inserted before it.
func TestIdentityIgnoresMappingChoices(t *testing.T) {
	damaijia := newIdentity("ns", []providers.Field{{Name: "platform_order_sn"}, {Name: "product_id"}})
	a := damaijia.keys([]providers.Record{rec("3100-0000-8765", "614"), rec("TB31", "614")})
	b := damaijia.keys([]providers.Record{rec("310000008765", "0614"), rec("tb31", "614")})
	if a[0] != b[0] || a[1] != b[1] || a[0] == a[1] {
		t.Fatalf("damaijia keys %v %v", a, b)
	}
	shop := newIdentity("ns", []providers.Field{{Name: "order_key"}, {Name: "product_id"}, {Name: "variant_id"}})
	before := shop.keys([]providers.Record{rec("#1001", "658", "4400"), rec("", "648", "4345"), rec("", "648", "4345")})
	after := shop.keys([]providers.Record{rec("1001", "699", "1"), rec("", "658", "4400"), rec("", "648", "4345"), rec("", "648", "4345")})
	if before[0] != after[1] || before[1] != after[2] || before[2] != after[3] || before[1] == before[2] {
		t.Fatalf("storefront keys\nbefore %v\nafter  %v", before, after)
	}
	for _, k := range before {
		if k == after[0] {
			t.Fatal("the inserted item has the key of another")
		}
	}
	seed := maphash.MakeSeed()
	h1, _ := shop.hashes(seed, []providers.Record{rec("#1001", "658", "4400")}, nil, nil)
	h2, _ := shop.hashes(seed, []providers.Record{rec("１００１", "0658", "4400")}, nil, nil)
	if h1[0] != h2[0] {
		t.Fatal("the dry run's identity hashes depend on the spelling")
	}
	shop.legacy = []string{"openapi http://127.0.0.1:9"}
	if l := shop.legacyKeys([]providers.Record{rec("1001", "658", "4400"), rec("", "648", "4345")}); len(l) != 2 || len(l[1]) != 1 {
		t.Fatalf("legacy keys %v", l)
	}
}
