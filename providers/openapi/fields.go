package openapi

import "orderimport/providers"

// Indexes of the fields in Fields() and so in every providers.Record.
const (
	FieldOrderKey           = iota // order_key: groups rows into one order; not sent
	FieldFirstName                 // first_name
	FieldLastName                  // last_name
	FieldPhone                     // phone
	FieldAddress1                  // address_1
	FieldAddress2                  // address_2 (optional)
	FieldCity                      // city
	FieldCountryCode               // country_code: ISO 3166-1 alpha-2
	FieldProvinceCode              // province_code (optional)
	FieldZip                       // zip (optional)
	FieldEmail                     // email
	FieldShippingMethodName        // shipping_method_name
	FieldDiscountAmount            // discount_amount (optional)
	FieldShippingAmount            // shipping_amount (optional)
	FieldTags                      // tags: comma-separated (optional)
	FieldNote                      // note (optional)
	FieldProductID                 // items > product_id (per row)
	FieldVariantID                 // items > variant_id (per row)
	FieldQty                       // items > qty (per row)
	fieldCount
)

func orderField(name, doc string, required bool, kind providers.Kind) providers.Field {
	return providers.Field{Name: name, Doc: doc, Level: providers.OrderLevel, Required: required, Kind: kind}
}

func itemField(name, doc string) providers.Field {
	return providers.Field{Name: name, Doc: doc, Level: providers.RowLevel, Required: true, Kind: providers.KindInt, Min: 1}
}

// Fields lists the order-level fields (filled on an order's first row at
// least) and the per-row item fields, indexed by the Field* constants.
func (c *Client) Fields() []providers.Field {
	text := providers.KindText
	f := []providers.Field{
		FieldOrderKey: orderField("order_key", "the export's order number: rows with the same key form one order (not sent)",
			true, providers.KindText), // any text: "#1001" as Shopify writes it
		FieldFirstName:          orderField("first_name", "姓名-名", true, text),
		FieldLastName:           orderField("last_name", "姓名-姓", true, text),
		FieldPhone:              orderField("phone", "电话号码", true, providers.KindMobile),
		FieldAddress1:           orderField("address_1", "详细地址1", true, text),
		FieldAddress2:           orderField("address_2", "详细地址2 (optional)", false, text),
		FieldCity:               orderField("city", "城市", true, text),
		FieldCountryCode:        orderField("country_code", "国家简码 (ISO 3166-1 alpha-2)", true, providers.KindCountry),
		FieldProvinceCode:       orderField("province_code", "省简码 (optional)", false, text),
		FieldZip:                orderField("zip", "邮政编码 (optional)", false, text),
		FieldEmail:              orderField("email", "邮箱", true, providers.KindEmail),
		FieldShippingMethodName: orderField("shipping_method_name", "物流名称", true, text),
		FieldDiscountAmount:     orderField("discount_amount", "折扣金额 (optional)", false, text),
		FieldShippingAmount:     orderField("shipping_amount", "物流运费 (optional)", false, text),
		FieldTags:               orderField("tags", "订单tag, separated by , 、 ； or ; (optional)", false, text),
		FieldNote:               orderField("note", "订单备注 (optional)", false, text),
		FieldProductID:          itemField("product_id", "订单产品-产品id"),
		FieldVariantID:          itemField("variant_id", "订单产品-变种id"),
		FieldQty:                itemField("qty", "订单产品-产品个数"),
	}
	f[FieldOrderKey].NotSent = true
	for _, i := range []int{FieldFirstName, FieldLastName, FieldPhone, FieldAddress1, FieldAddress2} {
		f[i].Personal = true
	}
	return f
}
