package damaijia

import "orderimport/providers"

// Indexes of the fields in Fields() and so in every providers.Record.
const (
	FieldProductID         = iota // product_id: the gift's id at damaijia
	FieldProductNumber            // product_number: quantity per consignee, 1..1000
	FieldSource                   // source: taobao, tmall, jd, pdd or other
	FieldRemark                   // remark: order note (required by the API)
	FieldConsignee                // consignee: receiver's name
	FieldMobile                   // mobile: receiver's phone
	FieldProvince                 // province of the receiver
	FieldCity                     // city of the receiver
	FieldDistrict                 // district of the receiver
	FieldAddress                  // address: street and number
	FieldPlatformOrderSN          // platform_order_sn: the shop platform's order number
	FieldConsigner                // consigner: sender's name (optional)
	FieldConsignerMobile          // consigner_mobile: sender's phone (optional)
	FieldConsignerProvince        // consigner_province (optional)
	FieldConsignerCity            // consigner_city (optional)
	FieldConsignerDistrict        // consigner_district (optional)
	FieldConsignerAddress         // consigner_address (optional)
	fieldCount
)

// Sources are the accepted values of the source field.
var sources = []string{"taobao", "tmall", "jd", "pdd", "other"}

func sourceAliases() map[string]string {
	a := map[string]string{
		"淘宝": "taobao", "天猫": "tmall", "京东": "jd", "拼多多": "pdd",
		"其他": "other", "其它": "other",
	}
	for _, s := range sources {
		a[upper(s)] = s
		a[upper(s[:1])+s[1:]] = s
	}
	return a
}

func upper(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'a' <= c && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b)
}

func text(name, doc string, required bool, min, max int) providers.Field {
	return providers.Field{Name: name, Doc: doc, Required: required, Kind: providers.KindText, Min: min, Max: max}
}

// Fields lists the row fields damaijia needs, indexed by the Field* constants.
// Every row is one consignee; the sender (consigner_*) fields are optional.
func (c *Client) Fields() []providers.Field {
	f := []providers.Field{
		FieldProductID:     {Name: "product_id", Doc: "礼品ID (damaijia product id)", Required: true, Kind: providers.KindInt, Min: 1},
		FieldProductNumber: {Name: "product_number", Doc: "下单数量 per consignee (1-1000)", Required: true, Kind: providers.KindInt, Min: 1, Max: 1000},
		FieldSource: {Name: "source", Doc: "来源: taobao, tmall, jd, pdd, other", Required: true,
			Kind: providers.KindEnum, Enum: append([]string(nil), sources...), Aliases: sourceAliases()},
		FieldRemark:            text("remark", "备注 (required by the API)", true, 1, 255),
		FieldConsignee:         text("consignee", "收货人 (1-20 characters)", true, 1, 20),
		FieldMobile:            {Name: "mobile", Doc: "收货人手机号 (at most 16 characters)", Required: true, Kind: providers.KindMobile, Max: 16},
		FieldProvince:          text("province", "省份", true, 1, 0),
		FieldCity:              text("city", "市", true, 1, 0),
		FieldDistrict:          text("district", "区", true, 1, 0),
		FieldAddress:           text("address", "具体地址", true, 1, 0),
		FieldPlatformOrderSN:   {Name: "platform_order_sn", Doc: "第三方平台订单号", Required: true, Kind: providers.KindIdent},
		FieldConsigner:         text("consigner", "发货人 (optional)", false, 0, 20),
		FieldConsignerMobile:   {Name: "consigner_mobile", Doc: "发货人手机号 (optional)", Kind: providers.KindMobile, Max: 16},
		FieldConsignerProvince: text("consigner_province", "发货人省份 (optional)", false, 0, 0),
		FieldConsignerCity:     text("consigner_city", "发货人市 (optional)", false, 0, 0),
		FieldConsignerDistrict: text("consigner_district", "发货人区 (optional)", false, 0, 0),
		FieldConsignerAddress:  text("consigner_address", "发货人具体地址 (optional)", false, 0, 0),
	}
	for _, i := range []int{FieldConsignee, FieldMobile, FieldAddress} {
		f[i].Personal = true
	}
	return f
}
