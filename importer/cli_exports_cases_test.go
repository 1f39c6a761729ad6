package importer_test

// The rows of the platform exports that TestCLIPlatformExports imports: made
// up people (测试甲 …, 138 0013 80xx), the platforms' cell conventions (="…"
// and ' marks, tab-prefixed ids, addresses with postcodes, unspaced JD
// addresses), and the statuses each platform writes.

// row builds a row from header/value pairs.
func row(kv ...string) map[string]string {
	m := make(map[string]string, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return m
}

// shopifySKUs is the merchant's table of storefront products by SKU.
const shopifySKUs = "sku,product_id,variant_id\nSKU-MUG,658,4400\nSKU-CUP,648,4345\n"

// shopifyMapping is the four-line mapping of a Shopify export whose lines
// name SKUs (README, "A merchant's own mapping").
const shopifyMapping = `preset: shopify
fields:
  product_id: {headers: [Lineitem sku], transforms: [{lookup: {table: skus.csv, key: sku, value: product_id}}]}
  variant_id: {headers: [Lineitem sku], transforms: [{lookup: {table: skus.csv, key: sku, value: variant_id}}]}
`

func exportCases() []exportCase {
	return []exportCase{
		{layout: "taobao56", provider: "damaijia", enc: gbk, args: []string{"--set", "product_id=614"}, rows: taobaoRows(false)},
		{layout: "taobao67", provider: "damaijia", enc: utf8BOM, args: []string{"--set", "product_id=614"}, rows: taobaoRows(true)},
		{layout: "jd30", provider: "damaijia", enc: gbk, args: []string{"--set", "product_id=615"}, rows: jdRows()},
		{layout: "pdd2020", provider: "damaijia", enc: utf8BOM, args: []string{"--set", "product_id=616"}, rows: pddRows()},
		{layout: "pdd2023", provider: "damaijia", enc: utf8BOM, args: []string{"--set", "product_id=616"}, rows: pdd2023Rows()},
		{layout: "doudian", provider: "damaijia", enc: utf8BOM, args: []string{"--set", "product_id=617"}, rows: doudianRows()},
		{layout: "youzan", provider: "damaijia", enc: utf8BOM, args: []string{"--set", "product_id=618"}, rows: youzanRows()},
		{layout: "shopify", provider: "openapi", enc: utf8BOM, mapping: shopifyMapping, rows: shopifyRows()},
	}
}

// taobaoRows: 订单报表 rows; the 67-column layout adds 主订单编号.
func taobaoRows(with67 bool) []map[string]string {
	tb := func(sn, status, name, addr, mobile string, kv ...string) map[string]string {
		r := row(append([]string{"订单编号", `="` + sn + `"`, "买家会员名", "tb_test_" + sn[len(sn)-2:], "订单状态", status,
			"收货人姓名", name, "收货地址", addr, "联系手机", mobile, "运送方式", "快递", "宝贝标题", "测试宝贝",
			"宝贝总数量", "2", "店铺名称", "测试店铺", "订单创建时间", "2024-03-01 10:00:00"}, kv...)...)
		if with67 {
			r["主订单编号"] = `="` + sn + `"`
		}
		return r
	}
	return []map[string]string{
		tb("3012345678901234501", "买家已付款，等待卖家发货", "测试甲", "浙江省 杭州市 余杭区 仓前街道 梦想大道1号(311121)", "'13800138001",
			"买家留言", "请周末送达", "订单备注", "老客户"),
		tb("3012345678901234502", "交易关闭", "测试乙", "浙江省 杭州市 西湖区 测试路2号(310000)", "'13800138002", "订单关闭原因", "买家取消"),
		tb("3012345678901234503", "等待买家付款", "测试丙", "浙江省 杭州市 滨江区 测试路3号(310051)", "'13800138003"),
		tb("3012345678901234504", "卖家已发货，等待买家确认", "测试丁", "浙江省 杭州市 余杭区 旧路4号(311100)", "'13800138004",
			"修改后的收货地址", "广东省 深圳市 南山区 测试路4号(518000)"),
		tb("3012345678901234505", "买家已付款，等待卖家发货", "王**", "浙江省 杭州市 西湖区 ****", "139****0001"),
		tb("3012345678901234506", "买家已付款，等待卖家发货", "测试己", "江苏省 苏州市 工业园区 星湖街328号(215000)", "'13800138006"),
		tb("3012345678901234507", "交易成功", "测试庚", "四川省 成都市 高新区 天府大道北段1号(610000)", "13800138007-1234"),
		tb("301000000071271000", "买家已付款，等待卖家发货", "测试辛", "河南省 济源市 测试路8号(459000)", "'13800138008"),
		tb("3012345678901234509", "交易关闭", "钱*", "浙江省 杭州市 西湖区 ****", "1******6198"),
	}
}

// jdRows: a split order's deleted parent and its live child, deleted,
// cancelled and locked orders, an order of two products, a masked phone,
// unspaced addresses.
func jdRows() []map[string]string {
	jd := func(sn, product, status, name, addr, phone string, kv ...string) map[string]string {
		return row(append([]string{"订单号", sn, "商品ID", product, "商品名称", "测试商品", "订购数量", "1", "支付方式", "在线支付",
			"下单时间", "2024-03-01 10:00:00", "订单状态", status, "订单类型", "普通订单", "下单帐号", "jd_test",
			"客户姓名", name, "客户地址", addr, "联系电话", phone, "订单来源", "移动端"}, kv...)...)
	}
	return []map[string]string{
		jd("280000000001", "100012345678", "等待出库", "测试甲", "江苏苏州市工业园区测试路1号", "13800138011"),
		jd("280000000002", "100012345678", "(删除)等待出库", "测试乙", "江西南昌市青山湖区测试路2号", "13800138012",
			"商家备注", "订单拆分为 280000000003"),
		jd("280000000003", "100012345678", "等待出库", "测试乙", "江西南昌市青山湖区测试路2号", "13800138012"),
		jd("280000000004", "100012345679", "(删除)已取消", "测试丙", "广东 深圳市 南山区 测试路4号", "13800138014"),
		jd("280000000005", "100012345678", "已取消", "测试丁", "北京 朝阳区 测试路5号", "13800138015"),
		jd("280000000006", "100012345678", "锁定", "测试戊", "上海 浦东新区 测试路6号", "13800138016"),
		jd("280000000007", "100012345678", "等待出库", "测试己", "四川成都市高新区测试路7号", "1******6198"),
		jd("280000000008", "100012345678", "等待出库", "测试庚", "浙江 杭州市 余杭区 测试路8号", "13800138018", "订单备注", "请尽快发货"),
		jd("280000000008", "100012345679", "等待出库", "测试庚", "浙江 杭州市 余杭区 测试路8号", "13800138018"),
	}
}

// pddRows: Pinduoduo's 2020 layout, ids and quantities prefixed with a tab.
func pddRows() []map[string]string {
	pdd := func(sn, status, after, name, phone, p, c, d, addr string) map[string]string {
		return row("商品", "测试商品", "订单号", "\t"+sn, "订单状态", status, "商品数量(件)", "\t1", "支付时间", "\t2024-03-01 10:12:40",
			"商品id", "\t123456789", "售后状态", after, "收货人", name, "手机", phone, "省", p, "市", c, "区", d, "详细地址", addr)
	}
	return []map[string]string{
		pdd("240301-000000001", "待发货", "无售后或售后取消", "测试甲", "13800138021", "浙江省", "杭州市", "余杭区", "测试路1号"),
		pdd("240301-000000002", "已取消", "无售后或售后取消", "测试乙", "13800138022", "浙江省", "杭州市", "西湖区", "测试路2号"),
		pdd("240301-000000003", "未发货，退款成功", "退款成功", "测试丙", "13800138023", "浙江省", "杭州市", "滨江区", "测试路3号"),
		pdd("240301-000000004", "待发货", "退款成功", "测试丁", "13800138024", "浙江省", "杭州市", "拱墅区", "测试路4号"),
		pdd("240301-000000005", "待发货", "无售后或售后取消", "测试戊", "13800138025", "河南省", "济源市", "", "测试路5号"),
		pdd("240301-000000006", "待发货", "无售后或售后取消", "测试己", "13800138026", "北京", "北京", "朝阳区", "测试路6号"),
		pdd("240301-000000007", "待发货", "无售后或售后取消", "测试庚", "13800138027", "火星省", "火星市", "测试区", "测试路7号"),
		pdd("240301-000000008", "已发货，待签收", "无售后或售后取消", "测试辛", "13800138028", "江苏省", "苏州市", "苏州工业园区", "星湖街8号"),
	}
}

// pdd2023Rows: the current layout has no consignee columns.
func pdd2023Rows() []map[string]string {
	return []map[string]string{
		row("商品", "测试商品", "订单号", "\t240301-000000011", "订单状态", "待发货", "售后状态", "无售后或售后取消",
			"省", "浙江省", "市", "杭州市", "区", "余杭区", "街道/镇", "仓前街道"),
	}
}

// doudianRows: an order of two products (two 子订单), closed and refunded
// orders, Doudian's encrypted values.
func doudianRows() []map[string]string {
	dd := func(main, sub, status, after, name, phone, addr string) map[string]string {
		return row("主订单编号", main, "子订单编号", sub, "选购商品", "测试商品", "商品数量", "1", "收件人", name,
			"收件人手机号", phone, "详细地址", addr, "订单提交时间", "2024-03-01 10:00:00", "订单状态", status, "售后状态", after)
	}
	return []map[string]string{
		dd("6900000000000000001", "6900000000000000011", "待发货", "", "测试甲", "13800138031", "浙江省杭州市余杭区测试路1号"),
		dd("6900000000000000001", "6900000000000000012", "待发货", "", "测试甲", "13800138031", "浙江省杭州市余杭区测试路1号"),
		dd("6900000000000000002", "6900000000000000021", "已关闭", "", "测试乙", "13800138032", "浙江省杭州市西湖区测试路2号"),
		dd("6900000000000000003", "6900000000000000031", "待发货", "退款成功", "测试丙", "13800138033", "浙江省杭州市滨江区测试路3号"),
		dd("6900000000000000004", "6900000000000000041", "待发货", "", "##bXVzdGJlZW5jcnlwdGVk##", "$MTM4MDAxMzgwMzQ=$", "~5rWL6K+V6Lev~"),
		dd("6900000000000000005", "6900000000000000051", "已发货", "", "测试戊", "13800138035", "陕西省西安市高新区测试路5号"),
	}
}

// youzanRows: province, city and district in their own columns.
func youzanRows() []map[string]string {
	yz := func(sn, status, refund, name, phone, p, c, d, addr string) map[string]string {
		return row("订单号", sn, "归属店铺", "测试店铺", "订单类型", "普通订单", "订单状态", status, "订单创建时间", "2024-03-01 10:00:00",
			"收货人省份", p, "收货人城市", c, "收货人地区", d, "详细收货地址/提货地址", addr, "收货人/提货人", name,
			"收货人手机号/提货人手机号", phone, "订单退款状态", refund, "买家备注", "")
	}
	return []map[string]string{
		yz("E20240301000000001", "待发货", "", "测试甲", "13800138041", "浙江", "杭州", "余杭", "测试路1号"),
		yz("E20240301000000002", "交易关闭", "", "测试乙", "13800138042", "浙江省", "杭州市", "西湖区", "测试路2号"),
		yz("E20240301000000003", "待付款", "", "测试丙", "13800138043", "浙江省", "杭州市", "滨江区", "测试路3号"),
		yz("E20240301000000004", "已发货", "退款成功", "测试丁", "13800138044", "浙江省", "杭州市", "拱墅区", "测试路4号"),
		yz("E20240301000000005", "待发货", "", "测试戊", "13800138045", "安徽省", "合肥市", "经开区", "测试路5号"),
	}
}

// shopifyRows: orders of one or several lines, order fields on the first
// line only; cancelled, refunded and voided orders; gift-card lines; a
// cash-on-delivery order without e-mail; foreign phones.
func shopifyRows() []map[string]string {
	first := func(name, email, fin, cancelled, qty, item, sku, ship, shipName, addr, city, zip, prov, country, phone string) map[string]string {
		return row("Name", name, "Email", email, "Financial Status", fin, "Fulfillment Status", "unfulfilled", "Currency", "USD",
			"Subtotal", "30.00", "Shipping", "5.00", "Total", "35.00", "Discount Amount", "0.00", "Shipping Method", "Standard",
			"Created at", "2024-03-01 10:00:00 +0000", "Lineitem quantity", qty, "Lineitem name", item, "Lineitem sku", sku,
			"Lineitem requires shipping", ship, "Shipping Name", shipName, "Shipping Street", addr, "Shipping Address1", addr,
			"Shipping City", city, "Shipping Zip", zip, "Shipping Province", prov, "Shipping Country", country, "Shipping Phone", phone,
			"Cancelled at", cancelled, "Id", "5"+name[1:])
	}
	line := func(name, qty, item, sku, ship string) map[string]string {
		return row("Name", name, "Lineitem quantity", qty, "Lineitem name", item, "Lineitem sku", sku, "Lineitem requires shipping", ship)
	}
	paid := func(r map[string]string, kv ...string) map[string]string {
		for i := 0; i+1 < len(kv); i += 2 {
			r[kv[i]] = kv[i+1]
		}
		return r
	}
	return []map[string]string{
		first("#1001", "buyer1@example.com", "paid", "", "2", "Test Mug", "SKU-MUG", "true", "Test Buyer", "1 Sample Road", "Springfield", "'02134", "MA", "US", "+1 212 555 0101"),
		line("#1001", "1", "Test Cup", "SKU-CUP", "true"),
		first("#1002", "buyer2@example.com", "paid", "2024-03-02 09:00:00 +0000", "1", "Test Mug", "SKU-MUG", "true", "Test Cancel", "2 Sample Road", "Springfield", "'02134", "MA", "US", "+1 212 555 0102"),
		line("#1002", "1", "Test Cup", "SKU-CUP", "true"),
		first("#1003", "buyer3@example.com", "refunded", "", "1", "Test Mug", "SKU-MUG", "true", "Test Refund", "3 Sample Road", "Springfield", "'02134", "MA", "US", "+1 212 555 0103"),
		first("#1004", "buyer4@example.com", "voided", "", "1", "Test Cup", "SKU-CUP", "true", "Test Void", "4 Sample Road", "Springfield", "'02134", "MA", "US", "+1 212 555 0104"),
		first("#1005", "buyer5@example.com", "paid", "", "1", "Gift Card", "", "false", "Test Gift", "5 Sample Road", "Springfield", "'02134", "MA", "US", "+1 212 555 0105"),
		line("#1005", "3", "Test Cup", "SKU-CUP", "true"),
		first("#1006", "buyer6@example.com", "paid", "", "1", "Gift Card", "", "false", "Test Only-Gift", "6 Sample Road", "Springfield", "'02134", "MA", "US", "+1 212 555 0106"),
		first("#1007", "", "pending", "", "1", "Test Mug", "SKU-MUG", "true", "Test Cod", "7 Sample Road", "Springfield", "'02134", "MA", "US", "+1 212 555 0107"),
		line("#1007", "1", "Test Cup", "SKU-CUP", "true"),
		first("#1008", "buyer8@example.com", "paid", "", "1", "Test Mug", "SKU-MUG", "true", "Test Suid", "8 Sample Road", "Cape Town", "8001", "WC", "ZA", "082 123 4567"),
		// A gift card first, with a broken e-mail: the line sent inherits the
		// order's fields, so the order is invalid.
		first("#1011", "not-an-email", "paid", "", "1", "Gift Card", "", "false", "Test Broken", "11 Sample Road", "Springfield", "'02134", "MA", "US", "+1 212 555 0111"),
		line("#1011", "1", "Test Mug", "SKU-MUG", "true"),
		first("#1010", "buyer10@example.com", "paid", "", "1", "Test Mug", "SKU-MUG", "true", "Test Masked", "10 Sample Road", "Springfield", "'02134", "MA", "US", "+1 212 *** 0110"),
		// Last: a multi-line cell would move the line numbers of the rows
		// after it (a CSV record's first line is its row number).
		paid(first("#1009", "buyer9@example.com", "paid", "", "1", "Test Cup", "SKU-CUP", "true", "Test Kanada", "9 Sample Road", "Vancouver", "V6B 1A1", "BC", "CA", "(604) 555-0142"),
			"Notes", "leave at the door\nring twice"),
	}
}
