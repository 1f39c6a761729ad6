#!/usr/bin/env python3
"""Regenerates the sample spreadsheets in this folder.

Every name, phone number, address and order number here is synthetic.
The XLSX is written by openpyxl (Debian's python3-openpyxl), not by the
project's own library, so the sample is a file another tool wrote:

    apt-get install python3-openpyxl && python3 samples/make_samples.py
"""
import csv
import os

import openpyxl
from openpyxl.styles import Font

HERE = os.path.dirname(os.path.abspath(__file__))

DAMAIJIA_HEADER = ["订单编号", "收货人姓名", "手机", "省份", "城市", "区县", "详细地址",
                   "商品ID", "数量", "来源", "备注"]
DAMAIJIA_ROWS = [
    ["300000000000000101", "张三", "13800138001", "浙江省", "杭州市", "余杭区", "梦想大道1号", "614", "1", "淘宝", "样例"],
    ["300000000000000102", "李四", "13800138002", "广东省", "深圳市", "南山区", "测试路2号", "614", "1", "淘宝", "样例"],
    ["300000000000000103", "王五", "13800138003", "北京市", "北京市", "朝阳区", "示例街3号院", "614", "1", "taobao", "样例"],
    ["300000000000000104", "赵六", "13800138004", "上海市", "上海市", "浦东新区", "样本路4弄", "615", "2", "拼多多", "样例"],
    ["300000000000000105", "测试一", "13800138005", "四川省", "成都市", "武侯区", "演示大道5号", "615", "2", "拼多多", "样例"],
    ["300000000000000106", "测试二", "13800138006", "湖北省", "武汉市", "洪山区", "虚构路6号", "614", "1", "京东", "样例"],
    ["300000000000000107", "测试三", "13800138007", "江苏省", "南京市", "鼓楼区", "假设街7号", "614", "1", "淘宝", "样例"],
    ["300000000000000108", "测试四", "13800138008", "陕西省", "西安市", "雁塔区", "范例路8号", "615", "2", "拼多多", "样例"],
    ["300000000000000109", "测试五", "13800138009", "福建省", "厦门市", "思明区", "模拟路9号", "614", "1", "天猫", "样例"],
    ["300000000000000110", "测试六", "13800138010", "山东省", "青岛市", "市南区", "练习路10号", "614", "1", "淘宝", "样例"],
]

STOREFRONT_HEADER = ["Name", "Email", "First Name", "Last Name", "Phone", "Address1", "Address2",
                     "City", "Province Code", "Country Code", "Zip", "Shipping Method",
                     "Product ID", "Variant ID", "Lineitem quantity", "Tags", "Note"]
STOREFRONT_ROWS = [
    ["#1001", "buyer1@example.com", "Test", "Buyer", "13800138101", "1 Sample Road", "Unit 1",
     "Qingdao", "SD", "CN", "266000", "UPS", "658", "4400", "2", "vip", "leave at door"],
    ["#1001", "", "", "", "", "", "", "", "", "", "", "", "648", "4345", "4", "", ""],
    ["#1002", "buyer2@example.com", "Demo", "Person", "13800138102", "2 Example Street", "",
     "Hangzhou", "ZJ", "CN", "310000", "DHL", "658", "4401", "1", "", ""],
    ["#1003", "buyer3@example.com", "Alpha", "Tester", "13800138103", "3 Fictional Ave", "Floor 3",
     "Shenzhen", "GD", "CN", "518000", "UPS", "648", "4345", "1", "gift,repeat", "gift wrap"],
    ["#1003", "", "", "", "", "", "", "", "", "", "", "", "658", "4400", "3", "", ""],
    ["#1003", "", "", "", "", "", "", "", "", "", "", "", "660", "4410", "1", "", ""],
]


def write_csv(name, header, rows):
    # UTF-8 with BOM, CRLF: what most export tools and Excel write.
    with open(os.path.join(HERE, name), "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(header)
        w.writerows(rows)


def write_xlsx(name, header, rows):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "订单"
    ws.append(header)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        # Order numbers and phones stay text (as a merchant's export keeps
        # them); product id and quantity are real numbers.
        ws.append(row[:7] + [int(row[7]), int(row[8])] + row[9:])
    ws.column_dimensions["A"].width = 22
    wb.save(os.path.join(HERE, name))


if __name__ == "__main__":
    write_csv("damaijia_orders.csv", DAMAIJIA_HEADER, DAMAIJIA_ROWS)
    write_xlsx("damaijia_orders.xlsx", DAMAIJIA_HEADER, DAMAIJIA_ROWS)
    write_csv("storefront_orders.csv", STOREFRONT_HEADER, STOREFRONT_ROWS)
