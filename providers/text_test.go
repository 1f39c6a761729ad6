package providers

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestTextReadsStringsAndNumbers(t *testing.T) {
	cases := []struct {
		name, in, want string
	}{
		{"string", `"88888111"`, "88888111"},
		{"number", `88888111`, "88888111"},
		{"null", `null`, ""},
		{"unicode", `"该地区已禁发"`, "该地区已禁发"},
		{"object kept as text", `{"a":1}`, `{"a":1}`},
		{"long value cut", `"` + strings.Repeat("x", 10) + `"`, strings.Repeat("x", 10)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var v struct {
				V Text `json:"v"`
			}
			if err := json.Unmarshal([]byte(`{"v":`+tc.in+`}`), &v); err != nil {
				t.Fatal(err)
			}
			if string(v.V) != tc.want {
				t.Fatalf("got %q, want %q", v.V, tc.want)
			}
		})
	}
}
