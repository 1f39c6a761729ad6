package damaijia

import (
	"fmt"

	"orderimport/providers"
)

// fatalHints tell the merchant what to do when a status stops the run.
var fatalHints = map[string]string{
	"200": "authentication failed: check the damaijia access token (a new login invalidates the previous token)",
	"209": "account balance insufficient: top up the damaijia account, then run again",
	"161": "daily order limit reached: run again tomorrow or ask damaijia to raise the limit",
	"201": "the damaijia site is frozen: contact damaijia support",
}

// statusTexts describe the error statuses known from the API text and the
// server source, used when the answer carries no err text.
var statusTexts = map[string]string{
	"132": "请求格式必须为JSON (request must be JSON)",
	"160": "请求过于频繁 (too many requests)",
	"202": "invalid product",
	"203": "invalid warehouse",
	"204": "invalid quantity",
	"205": "invalid consignee",
	"206": "invalid source",
	"210": "unknown error",
	"226": "商品已下架 (product delisted)",
	"228": "当前商品暂不支持该发货平台 (product not available for this source)",
	"234": "site_order_id已存在 (order already exists)",
	"235": "商品发货地已禁发 (product's ship-from area is forbidden)",
	"422": "参数列表不合法 (invalid parameters)",
	"429": "endpoint retired",
}

// statusError classifies a non-zero body status; msg is the answer's err.
func statusError(status, msg string) *providers.Error {
	if msg == "" {
		msg = statusTexts[status]
	}
	if msg == "" {
		msg = "damaijia status " + status
	}
	e := &providers.Error{Class: providers.Permanent, Code: status, Msg: msg}
	switch status {
	case "160":
		e.Class = providers.Transient
	case "234":
		e.Err = providers.ErrAlreadyExists
	}
	if hint, ok := fatalHints[status]; ok {
		e.Class = providers.Fatal
		e.Msg = fmt.Sprintf("%s (damaijia: %s)", hint, msg)
	}
	return e
}
