package mapping

import (
	"errors"
	"strings"
	"testing"
)

// TestPhoneByCountry: a storefront phone is checked against its order's
// country with libphonenumber's rules, not the mainland's: South African
// and Canadian numbers were warned as landlines and a 9-digit South African
// one refused. A valid number is sent in E.164 form without a warning; a
// warning names what is sent ("sent as is" only when nothing changed).
func TestPhoneByCountry(t *testing.T) {
	m := mustDefault(t, "openapi")
	header := []string{"Name", "First Name", "Last Name", "Phone", "Address1", "City", "Country", "Email", "Shipping Method", "Product ID", "Variant ID", "Quantity"}
	mp, err := m.Compile(header, openapiFields())
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, phone, country string
		want                 string // the value sent
		problem              string // "" or the problem, warning or error
	}{
		{"ZA mobile, national", "082 123 4567", "ZA", "+27821234567", ""},
		{"ZA mobile, 9 digits (leading 0 lost)", "821234567", "South Africa", "+27821234567", ""},
		{"ZA landline", "011 555 1234", "ZA", "+27115551234", ""},
		{"CA", "(604) 555-0142", "CA", "+16045550142", ""},
		{"CA written with +1", "+1 416 555 0199", "Canada", "+14165550199", ""},
		{"US", "212-555-0123", "US", "+12125550123", ""},
		{"GB", "020 7946 0000", "GB", "+442079460000", ""},
		{"a number of another country", "+44 20 7946 0000", "US", "+442079460000",
			`phone: warning: a number of another country (GB), the order's country is US; sent as +442079460000: "+44 20 7946 0000"`},
		{"possible, not valid", "555-0100", "US", "+15550100",
			`phone: warning: not a valid number for US; sent as +15550100: "555-0100"`},
		{"not a phone", "12", "ZA", "", `phone: not a phone number of ZA: "12"`},
		{"letters", "call me", "US", "", `phone: not a phone number of US: "call me"`},
		{"China keeps the mainland rules", "+86 138 0013 8000", "CN", "13800138000", ""},
		{"China: virtual number kept whole", "13800138000-1234", "中国", "13800138000-1234", ""},
		{"China: landline, cleaned, says what is sent", "(0571)88888888", "CN", "057188888888",
			`phone: warning: looks like a landline, not a mobile; sent as 057188888888: "(0571)88888888"`},
		{"masked is refused everywhere", "+27 82 *** 4567", "ZA", "", "phone: privacy-protected export"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec, errs := mp.Map(2, []string{"#1", "Test", "Buyer", tc.phone, "1 Test Road", "Springfield", tc.country, "t@example.com", "UPS", "1", "2", "1"})
			got := value(openapiFields(), rec, "phone")
			if tc.problem == "" {
				if len(errs) != 0 || got != tc.want {
					t.Errorf("phone = %q, %v; want %q", got, errs, tc.want)
				}
				return
			}
			if len(errs) != 1 || !strings.Contains(errs[0].Error(), tc.problem) {
				t.Fatalf("errs = %v, want %q", errs, tc.problem)
			}
			if errs[0].Warning && got != tc.want {
				t.Errorf("phone = %q, want %q", got, tc.want)
			}
		})
	}
}

// TestRequiredBlankOrderField: an order-level field the export left blank
// (no e-mail on a cash-on-delivery store) says how to fill it.
func TestRequiredBlankOrderField(t *testing.T) {
	m := mustParse(t, "preset: shopify\nfields:\n  product_id: {value: \"1\"}\n  variant_id: {value: \"2\"}\n")
	header := []string{"Name", "Email", "Shipping Name", "Shipping Address1", "Shipping City", "Shipping Country", "Shipping Phone", "Shipping Method", "Lineitem quantity"}
	mp, err := m.Compile(header, openapiFields())
	if err != nil {
		t.Fatal(err)
	}
	rec, errs := mp.Map(2, []string{"#1001", "", "Test Buyer", "1 Test Road", "Springfield", "US", "", "COD", "1"})
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	got := mp.CheckRequired(rec, 2)
	want := []string{
		`row 2, column G (Shipping Phone): phone: required, and the export left it blank: fill blank cells with a default in a mapping file (phone: {headers: [Shipping Phone], default: VALUE}; a file that starts "preset: shopify" needs only that line), or give every order one value with --set phone=VALUE`,
		`row 2, column B (Email): email: required, and the export left it blank: fill blank cells with a default in a mapping file (email: {headers: [Email], default: VALUE}; a file that starts "preset: shopify" needs only that line), or give every order one value with --set email=VALUE`,
	}
	if len(got) != len(want) {
		t.Fatalf("CheckRequired = %v", got)
	}
	for i := range want {
		if got[i].Error() != want[i] || !errors.Is(got[i], ErrRequired) {
			t.Errorf("got  %s\nwant %s", got[i], want[i])
		}
	}
}
