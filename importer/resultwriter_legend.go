package importer

import "orderimport/importer/sheet"

// rwLegendSheet is the name of the XLSX result's second sheet, which
// explains the result columns and statuses in Chinese (most merchants read
// Chinese); rwLegendSheetAlt when the input sheet has that name itself.
const (
	rwLegendSheet    = "说明"
	rwLegendSheetAlt = "结果说明"
)

// rwLegendColumns explains each result column.
var rwLegendColumns = [][2]string{
	{"status", "这一行的结果，见下表"},
	{"order_id", "平台返回的订单 ID"},
	{"order_sn", "平台返回的订单号（商城 openapi：order_number）；已创建过的行是当时的订单号"},
	{"msg_code", "平台返回的代码（damaijia：2001 为禁发地区；商城 openapi：code）"},
	{"msg", "平台返回的说明"},
	{"forbidden_zone", "damaijia：收货地址所在的禁发地区"},
	{"error", "没有成功的原因：哪一行、哪一列、哪个字段，以及怎么改"},
	{"package_status", "orderimport track 查到的包裹状态：待付款、待发货、已发货、已取消，括号里是平台的原始值（f、p、s、c）；没有查到时写明原因"},
	{"express_company", "orderimport track 查到的快递公司"},
	{"express_no", "orderimport track 查到的快递单号"},
	{"tracked_at", "orderimport track 查询的时间"},
	{"extra_1 …", "原表格中超出表头的单元格，原样保留（重新导入时放回原来的位置）"},
}

// rwLegendStatuses explains each status and what to do about it; it
// follows the README's table of statuses.
var rwLegendStatuses = []struct {
	status      Status
	meaning, do string
}{
	{StatusOK, "订单已创建，平台接受了这一行", "无需处理"},
	{StatusRejected, "平台拒绝了这一行（如禁发地区，msg_code 2001）或整个订单", "按 msg 和 error 修改后，用 orderimport retry 重新提交这张结果表"},
	{StatusFailed, "网络或平台暂时故障，重试已用完；没有创建任何订单", "稍后用 orderimport retry 重新提交"},
	{StatusInvalid, "校验未通过，没有发送；error 写明行、列和字段", "改正这一行后用 orderimport retry 重新提交"},
	{StatusUnknown, "已发送但没有收到回答：订单可能已经创建", "先到平台上核实是否已创建，不要直接重发"},
	{StatusSkipped, "有意没有发送：之前的运行已创建（复制了当时的订单号）、与本文件前面的行重复，或另一个运行正在发送", "无需处理；确实要再发一次时加 --allow-duplicates"},
	{StatusNotSent, "运行在发送这一行之前停止了（账户问题或被中断）", "解决提示的问题后再运行一次"},
	{StatusReady, "试运行（--dry-run）：这一行有效，正式运行时会发送", "去掉 --dry-run 正式导入"},
}

// resultLegend is the legend sheet of an XLSX result: the result columns,
// then the statuses, explained.
func resultLegend() sheet.Legend {
	cols := [][]string{{"列", "说明"}}
	for _, c := range rwLegendColumns {
		cols = append(cols, []string{c[0], c[1]})
	}
	statuses := [][]string{{"status", "含义", "怎么办"}}
	for _, s := range rwLegendStatuses {
		statuses = append(statuses, []string{string(s.status), s.meaning, s.do})
	}
	return sheet.Legend{Name: rwLegendSheet, Alt: rwLegendSheetAlt, Tables: [][][]string{cols, statuses}}
}
