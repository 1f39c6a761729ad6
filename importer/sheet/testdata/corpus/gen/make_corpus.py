"""Writes the parts of the reader corpus that Python's csv module, openpyxl
and plain byte scripts produce. Run by ../generate.sh with Debian's
/usr/bin/python3 (python3-openpyxl). Synthetic data only."""

import csv
import datetime
import io
import os
import random
import sys
import zipfile

import openpyxl
from openpyxl.styles import Alignment

OUT = sys.argv[1]

HEADER = ["订单号 ", "收货人", "手机\u3000", "省", "市", "区", "详细\n地址", "数量", "下单日期", "金额", "备注"]
ROWS = [
    ["301234567890123456", "张三", "13800138000", "浙江省", "杭州市", "余杭区", "测试路1号", "2", "2024-01-02", "12.50", ""],
    ["301234567890123457", "李四", "13900139000", "上海市", "上海市", "浦东新区", "测试大道88弄\n3号楼502", "1", "2024-01-03", "0.3", "多行\r\n备注"],
    ["3.01234567890123E+17", "测试", "0571-8888", "北京市", "北京市", "朝阳区", "测试街2号", "3", "2024-01-04", "7", "Excel 已改坏的订单号"],
]


def path(name):
    return os.path.join(OUT, name)


def write_csv(name, encoding, rows, delimiter=",", lineterminator="\r\n", bom=b"", quoting=csv.QUOTE_MINIMAL):
    buf = io.StringIO(newline="")
    w = csv.writer(buf, delimiter=delimiter, lineterminator=lineterminator, quoting=quoting)
    w.writerows(rows)
    with open(path(name), "wb") as f:
        f.write(bom + buf.getvalue().encode(encoding))


def csv_files():
    title = [["订单导出 2024-01-05"], []]
    # Excel on Chinese Windows: GBK, CRLF, no BOM, a title row, ids kept as ="..."
    forced = [['="%s"' % r[0]] + r[1:] if r[0].isdigit() else r for r in ROWS]
    write_csv("py_gbk.csv", "gbk", title + [HEADER] + forced)
    # GB18030: characters GBK does not have (4-byte sequences)
    rare = [list(ROWS[0]), list(ROWS[1])]
    rare[0][1] = "张𠀀"
    rare[1][1] = "李䶮"
    rare[1][6] = "测试路𪚥号"
    write_csv("py_gb18030.csv", "gb18030", [HEADER] + rare, lineterminator="\n")
    # Excel's "Unicode text": UTF-16LE with BOM, tab-separated, CRLF
    write_csv("py_utf16le.txt", "utf-16-le", [HEADER] + ROWS, delimiter="\t", bom=b"\xff\xfe")
    # UTF-16BE with BOM, tab-separated
    write_csv("py_utf16be.txt", "utf-16-be", [HEADER] + ROWS, delimiter="\t", bom=b"\xfe\xff")
    # UTF-8 with BOM, semicolons, old Mac CR line ends, every cell quoted
    # (QUOTE_MINIMAL with a CR terminator would leave a cell holding a bare
    # LF unquoted: a file every reader, Excel included, splits there).
    write_csv("py_utf8bom_semicolon_cr.csv", "utf-8", [HEADER] + ROWS, delimiter=";", lineterminator="\r",
              bom=b"\xef\xbb\xbf", quoting=csv.QUOTE_ALL)
    # Blank rows between data rows; LF
    write_csv("py_utf8_blank_rows.csv", "utf-8", [HEADER, ROWS[0], [], ["", "", ""], ROWS[1], []], lineterminator="\n")


def script_files():
    # A platform export written by a script: unquoted ="..." cells, a leading
    # tab and a leading apostrophe to keep digits as text.
    lines = [
        "订单号,收货人,手机,省,市,区,详细地址,数量",
        '="301234567890123456",张三,\t13800138000,浙江省,杭州市,余杭区,测试路1号,1',
        "'301234567890123457,李四,'13900139000,上海市,上海市,浦东新区,\"测试大道88弄, 3号楼\",2",
        '="3012345678901234""58",测试,="0571-8888",北京市,北京市,朝阳区,测试街2号,3',
    ]
    with open(path("script_text_forced.csv"), "wb") as f:
        f.write(("\r\n".join(lines) + "\r\n").encode("utf-8"))
    with open(path("empty.csv"), "wb"):
        pass
    with open(path("header_only.csv"), "wb") as f:
        f.write("订单号,收货人,手机\r\n".encode("utf-8"))
    with open(path("no_header.csv"), "wb") as f:
        f.write("名称,规格,库存\r\n杯子,大,3\r\n".encode("utf-8"))
    with open(path("nul_byte.csv"), "wb") as f:
        f.write("收货人,手机\r\n张三,13800138000\r\n李四,139\x0000139000\r\n".encode("utf-8"))
    with open(path("unbalanced_quote.csv"), "wb") as f:
        f.write("收货人,手机,详细地址\r\n张三,13800138000,测试路1号\r\n李四,13900139000,\"测试路2号\r\n测试,13700137000,测试路3号\r\n".encode("utf-8"))
    with open(path("long_cell.csv"), "wb") as f:
        f.write(("收货人,手机,备注\r\n张三,13800138000," + "长" * 12000 + "\r\n").encode("utf-8"))
    with open(path("too_many_columns.csv"), "wb") as f:
        f.write(("收货人,手机\r\n张三,13800138000" + ",x" * 1000 + "\r\n").encode("utf-8"))
    rnd = random.Random(3)
    with open(path("random_bytes.xlsx"), "wb") as f:
        f.write(bytes(rnd.randrange(256) for _ in range(2048)))
    # An Apple Numbers file is a zip with Index/Document.iwa.
    with zipfile.ZipFile(path("apple.numbers"), "w") as z:
        z.writestr("Index/Document.iwa", b"\x00" * 64)
    with zipfile.ZipFile(path("apple_numbers_named.xlsx"), "w") as z:
        z.writestr("Index/Document.iwa", b"\x00" * 64)


def fill_orders(ws):
    ws.append(["订单导出 2024-01-05"])
    ws.merge_cells("A1:K1")
    ws.append([])
    ws.append(HEADER)
    day = datetime.datetime(2024, 1, 2)
    data = [
        ["301234567890123456", "张三", 13800138000, "浙江省", "杭州市", "余杭区", "测试路1号", 2, day, 12.5, None],
        [301234567890123456, "李四", 13900139000, "上海市", "上海市", "浦东新区", "测试大道88弄\n3号楼502", 1, day + datetime.timedelta(days=1, hours=9, minutes=30), "=0.1+0.2", "多行\n备注"],
        [3.01234567890123e17, None, "0571-8888", "北京市", "北京市", "朝阳区", "测试街2号", "=H4+H5", day + datetime.timedelta(days=2), "=J4*2", "收货人与上一行合并"],
        [],
        ["301234567890123459", "测试", 13700137000, "广东省", "东莞市", "", "测试路9号", 1, "2024/01/06", 0.1, None],
    ]
    for r in data:
        ws.append(r)
    ws.merge_cells("B5:B6")  # one consignee over two rows
    for row in ws.iter_rows(min_row=4, max_row=8):
        for c in row:
            if isinstance(c.value, datetime.datetime):
                c.number_format = "yyyy-mm-dd hh:mm" if c.value.hour else "yyyy-mm-dd"
            if isinstance(c.value, str) and "\n" in c.value:
                c.alignment = Alignment(wrap_text=True)
    ws["C8"].quotePrefix = True
    ws["C8"].value = "13700137000"
    ws["C8"].number_format = "@"


def xlsx_files():
    wb = openpyxl.Workbook()
    notes = wb.active
    notes.title = "说明"
    notes.append(["这一页是说明，导入时应跳过"])
    notes.append(["收货人", "手机"])
    notes.sheet_state = "hidden"
    fill_orders(wb.create_sheet("订单"))
    other = wb.create_sheet("汇总")
    other.append(["收货人", "手机", "数量"])
    other.append(["汇总", 13800138000, 3])
    wb.save(path("openpyxl_orders.xlsx"))

    # A sheet whose declared dimension is wrong (A1:A1).
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(["收货人", "手机", "数量"])
    for i in range(5):
        ws.append(["测试%d" % i, 13800138000 + i, i + 1])
    buf = io.BytesIO()
    wb.save(buf)
    patch_dimension(buf.getvalue(), path("openpyxl_wrong_dimension.xlsx"))

    # A zip bomb: 64 MiB of shared strings that compress to almost nothing.
    wb = openpyxl.Workbook()
    wb.active.append(["收货人", "手机"])
    buf = io.BytesIO()
    wb.save(buf)
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as src, \
            zipfile.ZipFile(path("zip_bomb.xlsx"), "w", zipfile.ZIP_DEFLATED, compresslevel=9) as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item.filename))
        dst.writestr("xl/padding.xml", b" " * (64 << 20))


def patch_dimension(data, out):
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = body.decode("utf-8")
                start = text.index("<dimension ref=\"")
                end = text.index("\"", start + len("<dimension ref=\""))
                body = (text[:start] + "<dimension ref=\"A1:A1" + text[end:]).encode("utf-8")
            dst.writestr(item, body)


if __name__ == "__main__":
    csv_files()
    script_files()
    xlsx_files()
