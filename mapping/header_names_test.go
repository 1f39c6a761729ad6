package mapping

import (
	"slices"
	"testing"
)

func TestPrimaryHeaderNames(t *testing.T) {
	m, err := Parse([]byte("fields:\n  consignee: [收货人, 姓名]\n  mobile: {headers: [手机]}\n  product_id: {value: \"614\"}\n"), "m.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := m.PrimaryHeaderNames(), []string{"收货人", "手机"}; !slices.Equal(got, want) {
		t.Fatalf("PrimaryHeaderNames = %q, want %q", got, want)
	}
}
