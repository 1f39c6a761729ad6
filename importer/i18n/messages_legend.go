package i18n

// The legend sheet (说明) of an XLSX result: what each result column holds.
// The column names themselves are never translated: machines read them.
// What each status means and what to do is in messages_status.go.
const (
	// LegendColumnHeader and LegendExplanationHeader head the column table.
	LegendColumnHeader      ID = "legend.header.column"
	LegendExplanationHeader ID = "legend.header.explanation"
	// LegendStatusHeader, LegendMeaningHeader and LegendActionHeader head
	// the status table.
	LegendStatusHeader  ID = "legend.header.status"
	LegendMeaningHeader ID = "legend.header.meaning"
	LegendActionHeader  ID = "legend.header.action"
	// LegendExtraColumns names the extra_N columns in the column table.
	LegendExtraColumns ID = "legend.extra_columns"
)

// LegendColumn is the id of what a result column holds; "extra" stands for
// the extra_1, extra_2 … columns.
func LegendColumn(column string) ID { return ID("legend.column." + column) }

// LegendColumns lists the columns the legend explains, in its order.
var LegendColumns = []string{"status", "order_id", "order_sn", "msg_code", "msg", "forbidden_zone", "error",
	"package_status", "express_company", "express_no", "tracked_at", "extra"}

func legendMessages() []Message {
	texts := map[string][2]string{
		"status":   {"the row's result: see the table below", "这一行的结果，见下表"},
		"order_id": {"the order id the provider returned", "平台返回的订单 ID"},
		"order_sn": {"the order number the provider returned (storefront openapi: order_number); for a row created before, the number it got then",
			"平台返回的订单号（商城 openapi：order_number）；已创建过的行是当时的订单号"},
		"msg_code": {"the provider's code (damaijia: 2001 is a forbidden zone; storefront openapi: code)",
			"平台返回的代码（damaijia：2001 为禁发地区；商城 openapi：code）"},
		"msg":            {"the provider's message", "平台返回的说明"},
		"forbidden_zone": {"damaijia: the forbidden zone the address lies in", "damaijia：收货地址所在的禁发地区"},
		"error": {"why the row did not succeed: which row, column and field, and how to fix it",
			"没有成功的原因：哪一行、哪一列、哪个字段，以及怎么改"},
		"package_status": {"the package's state as orderimport track found it: awaiting payment, awaiting shipment, shipped, cancelled, with the provider's value in brackets (f, p, s, c); why, when nothing was found",
			"orderimport track 查到的包裹状态：待付款、待发货、已发货、已取消，括号里是平台的原始值（f、p、s、c）；没有查到时写明原因"},
		"express_company": {"the courier orderimport track found", "orderimport track 查到的快递公司"},
		"express_no":      {"the tracking number orderimport track found", "orderimport track 查到的快递单号"},
		"tracked_at":      {"when orderimport track asked", "orderimport track 查询的时间"},
		"extra": {"cells of the input beyond its header, kept as they were (put back where they were when the sheet is imported again)",
			"原表格中超出表头的单元格，原样保留（重新导入时放回原来的位置）"},
	}
	out := []Message{
		{LegendColumnHeader, "column", "列"},
		{LegendExplanationHeader, "explanation", "说明"},
		{LegendStatusHeader, "status", "status"},
		{LegendMeaningHeader, "meaning", "含义"},
		{LegendActionHeader, "what to do", "怎么办"},
		{LegendExtraColumns, "extra_1 …", "extra_1 …"},
	}
	for _, c := range LegendColumns {
		t := texts[c]
		out = append(out, Message{LegendColumn(c), t[0], t[1]})
	}
	return out
}
