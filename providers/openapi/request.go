package openapi

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"orderimport/providers"
)

// createRequest is the JSON body: {"order": {...}}.
type createRequest struct {
	Order order `json:"order"`
}

// order follows the API text's example: every field a string except items
// and tags; optional fields are left out when blank.
type order struct {
	FirstName          string   `json:"first_name"`
	LastName           string   `json:"last_name"`
	Phone              string   `json:"phone"`
	Address1           string   `json:"address_1"`
	Address2           string   `json:"address_2,omitempty"`
	City               string   `json:"city"`
	CountryCode        string   `json:"country_code"`
	ProvinceCode       string   `json:"province_code,omitempty"`
	Email              string   `json:"email"`
	Zip                string   `json:"zip,omitempty"`
	Items              []item   `json:"items"`
	DiscountAmount     string   `json:"discount_amount,omitempty"`
	ShippingMethodName string   `json:"shipping_method_name"`
	ShippingAmount     string   `json:"shipping_amount,omitempty"`
	Tags               []string `json:"tags,omitempty"`
	Note               string   `json:"note,omitempty"`
}

// item is one line item: ids as JSON numbers and qty as a string, as in the
// API text's example.
type item struct {
	ProductID int64  `json:"product_id"`
	VariantID int64  `json:"variant_id"`
	Qty       string `json:"qty"`
}

// buildRequest turns o into the request body: order fields from the first
// row, one item per row.
func buildRequest(o providers.Order) (createRequest, error) {
	if len(o.Rows) == 0 {
		return createRequest{}, errors.New("openapi: order has no rows")
	}
	r := o.Rows[0].Record
	ord := order{
		FirstName:          r.Value(FieldFirstName),
		LastName:           r.Value(FieldLastName),
		Phone:              r.Value(FieldPhone),
		Address1:           r.Value(FieldAddress1),
		Address2:           r.Value(FieldAddress2),
		City:               r.Value(FieldCity),
		CountryCode:        r.Value(FieldCountryCode),
		ProvinceCode:       r.Value(FieldProvinceCode),
		Email:              r.Value(FieldEmail),
		Zip:                r.Value(FieldZip),
		DiscountAmount:     r.Value(FieldDiscountAmount),
		ShippingMethodName: r.Value(FieldShippingMethodName),
		ShippingAmount:     r.Value(FieldShippingAmount),
		Tags:               splitTags(r.Value(FieldTags)),
		Note:               r.Value(FieldNote),
		Items:              make([]item, len(o.Rows)),
	}
	for i, row := range o.Rows {
		it, err := buildItem(row.Record)
		if err != nil {
			return createRequest{}, fmt.Errorf("openapi: row %d of the order: %w", i+1, err)
		}
		ord.Items[i] = it
	}
	return createRequest{Order: ord}, nil
}

func buildItem(r providers.Record) (item, error) {
	pid, err := positive(r, FieldProductID, "product_id")
	if err != nil {
		return item{}, err
	}
	vid, err := positive(r, FieldVariantID, "variant_id")
	if err != nil {
		return item{}, err
	}
	qty, err := positive(r, FieldQty, "qty")
	if err != nil {
		return item{}, err
	}
	return item{ProductID: pid, VariantID: vid, Qty: strconv.FormatInt(qty, 10)}, nil
}

// positive parses field i of r as an integer of at least 1.
func positive(r providers.Record, i int, name string) (int64, error) {
	n, err := strconv.ParseInt(r.Value(i), 10, 64)
	if err != nil || n < 1 {
		return 0, fmt.Errorf("%s %q is not a positive integer", name, r.Value(i))
	}
	return n, nil
}

// splitTags splits a cell on commas (, ，), 、 and semicolons (; ；),
// dropping blanks.
func splitTags(s string) []string {
	parts := strings.FieldsFunc(s, func(r rune) bool {
		return strings.ContainsRune(",，、;；", r)
	})
	var tags []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			tags = append(tags, p)
		}
	}
	return tags
}
