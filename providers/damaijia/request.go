package damaijia

import (
	"errors"
	"fmt"
	"strconv"

	"orderimport/providers"
)

// createRequest is the JSON body of order_create.
type createRequest struct {
	ProductID     int64       `json:"product_id"`
	SiteOrderID   int64       `json:"site_order_id"`
	ProductNumber int64       `json:"product_number"`
	Remark        string      `json:"remark"`
	Source        string      `json:"source"`
	Consignees    []consignee `json:"consignees"`
	Consigners    *consigner  `json:"consigners,omitempty"`
}

// consignee is one receiver (one input row).
type consignee struct {
	SiteOrderConsigneeID int64  `json:"site_order_consignee_id"`
	Consignee            string `json:"consignee"`
	Mobile               string `json:"mobile"`
	Province             string `json:"province"`
	City                 string `json:"city"`
	District             string `json:"district"`
	Address              string `json:"address"`
	PlatformOrderSN      string `json:"platform_order_sn"`
}

// consigner is the sender. The API text draws consigners as an array, but the
// server reads it as one object (an array is stored as empty strings), so it
// is sent as one object.
type consigner struct {
	Consigner string `json:"consigner"`
	Mobile    string `json:"mobile"`
	Province  string `json:"province"`
	City      string `json:"city"`
	District  string `json:"district"`
	Address   string `json:"address"`
}

// buildRequest turns o into the request body. Order-wide values come from the
// first row: the order key makes them equal on every row.
func buildRequest(o providers.Order) (createRequest, error) {
	if len(o.Rows) == 0 {
		return createRequest{}, errors.New("damaijia: order has no rows")
	}
	first := o.Rows[0].Record
	productID, err := intField(first, FieldProductID, "product_id")
	if err != nil {
		return createRequest{}, err
	}
	number, err := intField(first, FieldProductNumber, "product_number")
	if err != nil {
		return createRequest{}, err
	}
	req := createRequest{
		ProductID:     productID,
		SiteOrderID:   o.ID,
		ProductNumber: number,
		Remark:        first.Value(FieldRemark),
		Source:        first.Value(FieldSource),
		Consignees:    make([]consignee, len(o.Rows)),
		Consigners:    sender(first),
	}
	for i, row := range o.Rows {
		r := row.Record
		req.Consignees[i] = consignee{
			SiteOrderConsigneeID: row.ID,
			Consignee:            r.Value(FieldConsignee),
			Mobile:               r.Value(FieldMobile),
			Province:             r.Value(FieldProvince),
			City:                 r.Value(FieldCity),
			District:             r.Value(FieldDistrict),
			Address:              r.Value(FieldAddress),
			PlatformOrderSN:      r.Value(FieldPlatformOrderSN),
		}
	}
	return req, nil
}

// sender returns the consigner of r, or nil when no sender field is filled.
func sender(r providers.Record) *consigner {
	s := consigner{
		Consigner: r.Value(FieldConsigner),
		Mobile:    r.Value(FieldConsignerMobile),
		Province:  r.Value(FieldConsignerProvince),
		City:      r.Value(FieldConsignerCity),
		District:  r.Value(FieldConsignerDistrict),
		Address:   r.Value(FieldConsignerAddress),
	}
	if s == (consigner{}) {
		return nil
	}
	return &s
}

// intField parses field i of r as a decimal integer.
func intField(r providers.Record, i int, name string) (int64, error) {
	n, err := strconv.ParseInt(r.Value(i), 10, 64)
	if err != nil {
		return 0, fmt.Errorf("damaijia: %s %q is not an integer", name, r.Value(i))
	}
	return n, nil
}
