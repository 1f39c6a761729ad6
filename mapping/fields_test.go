package mapping

import "orderimport/providers"

// The providers' field lists, declared here so that the tests do not depend
// on the provider packages.

func damaijiaFields() []providers.Field {
	text := func(name string, req bool) providers.Field {
		return providers.Field{Name: name, Kind: providers.KindText, Required: req}
	}
	return []providers.Field{
		{Name: "product_id", Kind: providers.KindInt, Min: 1, Required: true},
		{Name: "product_number", Kind: providers.KindInt, Min: 1, Max: 1000, Required: true},
		{Name: "source", Kind: providers.KindEnum, Required: true,
			Enum:    []string{"taobao", "tmall", "jd", "pdd", "other"},
			Aliases: map[string]string{"淘宝": "taobao", "天猫": "tmall", "京东": "jd", "拼多多": "pdd", "其他": "other"}},
		text("remark", true),
		{Name: "consignee", Kind: providers.KindText, Min: 1, Max: 20, Required: true, Personal: true},
		{Name: "mobile", Kind: providers.KindMobile, Max: 16, Required: true, Personal: true},
		text("province", true),
		text("city", true),
		text("district", true),
		{Name: "address", Kind: providers.KindText, Required: true, Personal: true},
		{Name: "platform_order_sn", Kind: providers.KindIdent, Required: true},
		text("consigner", false),
		{Name: "consigner_mobile", Kind: providers.KindMobile, Max: 16},
		text("consigner_province", false),
		text("consigner_city", false),
		text("consigner_district", false),
		text("consigner_address", false),
	}
}

func openapiFields() []providers.Field {
	order := func(name string, kind providers.Kind, req bool) providers.Field {
		return providers.Field{Name: name, Kind: kind, Level: providers.OrderLevel, Required: req}
	}
	personal := func(f providers.Field) providers.Field { f.Personal = true; return f }
	return []providers.Field{
		{Name: "order_key", Kind: providers.KindIdent, Level: providers.OrderLevel, Required: true, NotSent: true},
		personal(order("first_name", providers.KindText, true)),
		personal(order("last_name", providers.KindText, true)),
		personal(order("phone", providers.KindMobile, true)),
		personal(order("address_1", providers.KindText, true)),
		personal(order("address_2", providers.KindText, false)),
		order("city", providers.KindText, true),
		order("country_code", providers.KindCountry, true),
		order("province_code", providers.KindText, false),
		order("zip", providers.KindText, false),
		order("email", providers.KindEmail, true),
		order("shipping_method_name", providers.KindText, true),
		order("discount_amount", providers.KindText, false),
		order("shipping_amount", providers.KindText, false),
		order("tags", providers.KindText, false),
		order("note", providers.KindText, false),
		{Name: "product_id", Kind: providers.KindInt, Min: 1, Required: true},
		{Name: "variant_id", Kind: providers.KindInt, Min: 1, Required: true},
		{Name: "qty", Kind: providers.KindInt, Min: 1, Required: true},
	}
}
