package web

import (
	"net/http"
	"net/url"
	"os"
	"reflect"
	"strings"
	"testing"

	"orderimport/importer"
	"orderimport/importer/i18n"
	"orderimport/mapping"
)

// TestFlowSandbox: the sample uploaded, mapped by the built-in mapping,
// checked, sent to the in-process sandbox, its progress streamed to the
// end; the result sheet has every row ok with an order_sn, and the history
// lists the run with its sheet.
func TestFlowSandbox(t *testing.T) {
	e := newEnv(t, nil)
	id := e.upload("damaijia_orders.xlsx", sample(t, "damaijia_orders.xlsx"), "damaijia")
	code, page := e.get("/u/" + id + "/map")
	if code != http.StatusOK || !strings.Contains(page, "收货人姓名") || !strings.Contains(page, "300000000000000101") {
		t.Fatalf("map page: %d, header or first row missing", code)
	}
	if code, body := e.check(id, nil); code != http.StatusSeeOther {
		t.Fatalf("check: %d %s", code, errorLine(body))
	}
	_, page = e.get("/u/" + id + "/check")
	if !strings.Contains(page, `data-status="ready"`) || !strings.Contains(page, "<strong>10</strong>") {
		t.Fatalf("check page: no 10 ready rows")
	}
	checked := e.download("/u/"+id+"/checked", ".xlsx")
	for _, r := range resultRows(t, checked) {
		if r["status"] != "ready" {
			t.Errorf("checked sheet: status %q", r["status"])
		}
	}
	run := e.send(id, url.Values{"rate": {"0"}})
	events := e.wait(run)
	if events[len(events)-1] != "done" {
		t.Fatalf("events %v", events)
	}
	_, page = e.get("/runs/" + run)
	if !strings.Contains(page, `id="result-download"`) || !strings.Contains(page, `data-status="ok"`) {
		t.Fatalf("run page: no result")
	}
	rows := resultRows(t, e.download("/runs/"+run+"/result", ".xlsx"))
	if len(rows) != 10 {
		t.Fatalf("result sheet: %d rows, want 10", len(rows))
	}
	for i, r := range rows {
		if r["status"] != "ok" || r["order_sn"] == "" {
			t.Errorf("row %d: status %q order_sn %q", i+2, r["status"], r["order_sn"])
		}
	}
	_, page = e.get("/history")
	if !strings.Contains(page, "damaijia_orders.xlsx") || !strings.Contains(page, "/sheet") {
		t.Fatalf("history: the run or its sheet is missing")
	}
	start := strings.Index(page, `/history/`)
	link := page[start : start+strings.Index(page[start:], `"`)]
	if got := resultRows(t, e.download(link, ".xlsx")); len(got) != 10 {
		t.Errorf("history sheet: %d rows", len(got))
	}
}

// TestCheckProblems: the rows that will not be sent are listed with their
// row number as Excel shows it, column and message, 100 a page.
func TestCheckProblems(t *testing.T) {
	e := newEnv(t, nil)
	bad := func(i int) bool { return i%2 == 1 } // 125 of 250
	id := e.upload("orders.csv", ordersCSV(250, bad), "damaijia")
	if code, body := e.check(id, nil); code != http.StatusSeeOther {
		t.Fatalf("check: %d %s", code, errorLine(body))
	}
	tests := []struct {
		name, query string
		first, last string
		rows        int
	}{
		{"page 1", "", "<td class=\"num\">3</td>", "<td class=\"num\">201</td>", 100},
		{"page 2", "?page=2", "<td class=\"num\">203</td>", "<td class=\"num\">251</td>", 25},
		{"past the end", "?page=9", "<td class=\"num\">203</td>", "<td class=\"num\">251</td>", 25},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, page := e.get("/u/" + id + "/check" + tc.query)
			if code != http.StatusOK {
				t.Fatalf("%d", code)
			}
			if !strings.Contains(page, tc.first) || !strings.Contains(page, tc.last) {
				t.Errorf("rows %s and %s not both shown", tc.first, tc.last)
			}
			if n := strings.Count(page, `<td class="num">`); n != tc.rows {
				t.Errorf("%d rows shown, want %d", n, tc.rows)
			}
			if !strings.Contains(page, "<td>C (手机)</td>") || !strings.Contains(page, "mobile：不是中国大陆手机号") {
				t.Errorf("the column or the message (in Chinese) is missing")
			}
		})
	}
}

// TestMappingEdits: a file without a gift column shows product_id as #
// MISSING and the check is refused in one line; a constant fixes it; the
// mapping downloads in mapping init's format, and the next file of the
// same header starts from it.
func TestMappingEdits(t *testing.T) {
	e := newEnv(t, nil)
	csv := strings.ReplaceAll(string(ordersCSV(3, nil)), "商品ID", "赠品")
	id := e.upload("gifts.csv", []byte(csv), "damaijia")
	_, page := e.get("/u/" + id + "/map")
	if !strings.Contains(page, "# MISSING") || !strings.Contains(page, `class="missing" data-field="product_id"`) {
		t.Fatal("product_id is not marked # MISSING")
	}
	code, body := e.check(id, nil)
	if code != http.StatusUnprocessableEntity || !strings.Contains(errorLine(body), "damaijia gift") {
		t.Fatalf("check without the gift: %d %q", code, errorLine(body))
	}
	// A constant typed without choosing "constant →" in the dropdown.
	code, body = e.check(id, url.Values{"field.product_id": {"none"}, "const.product_id": {"614"}})
	if code != http.StatusSeeOther {
		t.Fatalf("check with product_id=614: %d %s", code, errorLine(body))
	}
	_, yaml := e.get("/u/" + id + "/mapping.yaml")
	if !strings.Contains(yaml, `product_id: {value: "614"}`) || !strings.Contains(yaml, "orderimport mapping init") {
		t.Fatalf("mapping file:\n%s", yaml)
	}
	if _, err := mapping.Parse([]byte(yaml), "m.yaml"); err != nil {
		t.Fatalf("the mapping file does not parse: %v", err)
	}
	// The same header again: the remembered mapping has the gift.
	id2 := e.upload("gifts2.csv", []byte(csv), "damaijia")
	_, page = e.get("/u/" + id2 + "/map")
	if strings.Contains(page, "# MISSING") || !strings.Contains(page, `value="614"`) {
		t.Fatal("the remembered mapping was not used")
	}
	// A column chosen by dropdown: the gift from column I (数量, 1).
	code, body = e.check(id2, url.Values{"field.product_id": {"col:9"}})
	if code != http.StatusSeeOther {
		t.Fatalf("check with product_id from column I: %d %s", code, errorLine(body))
	}
	_, yaml = e.get("/u/" + id2 + "/mapping.yaml")
	if !strings.Contains(yaml, `product_id: {headers: ["数量"]}`) {
		t.Errorf("mapping file after the dropdown:\n%s", yaml)
	}
}

// TestMappingUpload: a mapping file uploaded replaces the mapping; one
// for another provider is refused in one line.
func TestMappingUpload(t *testing.T) {
	e := newEnv(t, nil)
	id := e.upload("orders.csv", ordersCSV(3, nil), "damaijia")
	yaml := sample(t, "damaijia_mapping.yaml")
	code, _, body := e.postFile("/u/"+id+"/mapping", nil, "mapping", "m.yaml", yaml)
	if code != http.StatusSeeOther {
		t.Fatalf("mapping upload: %d %s", code, errorLine(body))
	}
	_, page := e.get("/u/" + id + "/map")
	if !strings.Contains(page, "你上传的映射文件") {
		t.Error("the page does not say the mapping file is used")
	}
	code, _, body = e.postFile("/u/"+id+"/mapping", nil, "mapping", "m.yaml", sample(t, "storefront_mapping.yaml"))
	if code != http.StatusUnprocessableEntity || !strings.Contains(errorLine(body), "openapi") {
		t.Errorf("a storefront mapping: %d %q", code, errorLine(body))
	}
}

// TestRecognisedExport: a Taobao export is recognised and named.
func TestRecognisedExport(t *testing.T) {
	e := newEnv(t, nil)
	data, err := os.ReadFile("../../mapping/testdata/exports/taobao56.headers")
	if err != nil {
		t.Fatal(err)
	}
	var header []string
	for _, l := range strings.Split(string(data), "\n") {
		if l != "" && !strings.HasPrefix(l, "#") {
			header = append(header, l)
		}
	}
	row := make([]string, len(header))
	for i := range row {
		row[i] = "x"
	}
	csv := strings.Join(header, ",") + "\n" + strings.Join(row, ",") + "\n"
	id := e.upload("ExportOrderList.csv", []byte(csv), "damaijia")
	_, page := e.get("/u/" + id + "/map")
	if !strings.Contains(page, "淘宝导出 · preset taobao") {
		t.Errorf("the export is not named: %s", errorLine(page))
	}
	if !strings.Contains(page, `id="skips"`) || !strings.Contains(page, "列（订单状态）包含 关闭 时跳过：order closed on Taobao") {
		t.Errorf("the preset's skip rules are not shown")
	}
	code, _, body := e.postFile("/upload", map[string]string{"provider": "openapi"}, "file", "ExportOrderList.csv", []byte(csv))
	if code != http.StatusUnprocessableEntity || !strings.Contains(errorLine(body), "damaijia") {
		t.Errorf("a Taobao export for openapi: %d %q", code, errorLine(body))
	}
}

// TestUploadRefusals: the readers' refusals, in one line, in the page, in
// its language (Chinese by default).
func TestUploadRefusals(t *testing.T) {
	e := newEnv(t, nil)
	tests := []struct {
		name, file string
		content    []byte
		want       string
	}{
		{"not a spreadsheet", "x.xlsx", []byte("PK\x03\x04 broken zip"), "x.xlsx：不是有效的 XLSX 文件（zip 已损坏或不完整）"},
		{"legacy .xls", "订单.xls", []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0}, "订单.xls：这是旧版 Excel 97-2003 工作簿（.xls）"},
		{"too many columns", "wide.csv", []byte("订单编号,收货人姓名,手机\n" + strings.Repeat("x,", 1000) + "x\n"), "wide.csv：第 2 行：有 1001 列"},
		{"header only", "empty.csv", []byte("订单编号,收货人姓名,手机\n"), "empty.csv"},
		{"no file", "", nil, "请先选择文件"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			field := "file"
			if tc.file == "" {
				field = ""
			}
			code, _, body := e.postFile("/upload", map[string]string{"provider": "damaijia"}, field, tc.file, tc.content)
			msg := errorLine(body)
			if code < 400 || !strings.Contains(msg, tc.want) || strings.Contains(msg, "\n") {
				t.Errorf("%d %q, want a one-line refusal naming %q", code, msg, tc.want)
			}
		})
	}
	entries, _ := os.ReadDir(e.srv.ws.dir)
	for _, en := range entries {
		if !en.IsDir() {
			t.Errorf("a refused upload left %s in the workspace", en.Name())
		}
	}
}

// TestSplitProblems: the error cell of a row, in either language, becomes
// one problem per located message.
func TestSplitProblems(t *testing.T) {
	tests := []struct {
		name string
		lang i18n.Lang
		cell string
		want []problem
	}{
		{"en cell", i18n.En, `row 3, column C (手机): mobile: not a mainland mobile number: "12345"`,
			[]problem{{Line: 3, Column: "C (手机)", Msg: `mobile: not a mainland mobile number: "12345"`}}},
		{"en two", i18n.En, `row 3, column C (手机): mobile: bad; row 3, constant: product_id: bad`,
			[]problem{{Line: 3, Column: "C (手机)", Msg: "mobile: bad"}, {Line: 3, Msg: "product_id: bad"}}},
		{"en column without header", i18n.En, `row 4, column K: remark: too long`,
			[]problem{{Line: 4, Column: "K", Msg: "remark: too long"}}},
		{"zh cell", i18n.Zh, `第 3 行，C 列（手机）：mobile：不是中国大陆手机号`,
			[]problem{{Line: 3, Column: "C (手机)", Msg: "mobile：不是中国大陆手机号"}}},
		{"zh two", i18n.Zh, `第 5 行，C 列（手机）：mobile：x；第 5 行：y`,
			[]problem{{Line: 5, Column: "C (手机)", Msg: "mobile：x"}, {Line: 5, Msg: "y"}}},
		{"not located", i18n.En, `not sent: row 2 of the same order is invalid`,
			[]problem{{Line: 0, Msg: "not sent: row 2 of the same order is invalid"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := splitProblems(0, importer.RowResult{Status: importer.StatusInvalid, Error: tc.cell}, tc.lang)
			for i := range tc.want {
				tc.want[i].Status = importer.StatusInvalid
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got  %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

// TestUploadsKept: the server keeps the last maxUploads uploads in
// memory; an older one's pages say to upload it again.
func TestUploadsKept(t *testing.T) {
	e := newEnv(t, nil)
	first := e.upload("first.csv", ordersCSV(2, nil), "damaijia")
	for range maxUploads {
		e.upload("more.csv", ordersCSV(2, nil), "damaijia")
	}
	if n := len(e.srv.uploads); n != maxUploads {
		t.Errorf("%d uploads kept, want %d", n, maxUploads)
	}
	code, page := e.get("/u/" + first + "/map")
	if code != http.StatusNotFound || !strings.Contains(errorLine(page), "重新上传") {
		t.Errorf("the forgotten upload: %d %q", code, errorLine(page))
	}
}

// TestStorefrontFlow: the openapi provider with its mapping file, through
// check and send to the sandbox: every line item ok.
func TestStorefrontFlow(t *testing.T) {
	e := newEnv(t, nil)
	id := e.upload("storefront_orders.csv", sample(t, "storefront_orders.csv"), "openapi")
	if code, _, body := e.postFile("/u/"+id+"/mapping", nil, "mapping", "storefront_mapping.yaml", sample(t, "storefront_mapping.yaml")); code != http.StatusSeeOther {
		t.Fatalf("mapping: %d %s", code, errorLine(body))
	}
	if code, body := e.check(id, nil); code != http.StatusSeeOther {
		t.Fatalf("check: %d %s", code, errorLine(body))
	}
	run := e.send(id, url.Values{"rate": {"0"}})
	e.wait(run)
	rows := resultRows(t, e.download("/runs/"+run+"/result", ".csv"))
	if len(rows) == 0 {
		t.Fatal("no rows")
	}
	for i, r := range rows {
		if r["status"] != "ok" {
			t.Errorf("row %d: %q %q", i+2, r["status"], r["error"])
		}
	}
}

// TestCheckSkipped: rows a skip rule or a repeat keeps from being sent
// are listed with their reason.
func TestCheckSkipped(t *testing.T) {
	e := newEnv(t, nil)
	csv := string(ordersCSV(3, nil))
	lines := strings.Split(strings.TrimSpace(csv), "\n")
	csv += lines[1] + "\n" // row 5 repeats row 2
	id := e.upload("orders.csv", []byte(csv), "damaijia")
	if code, body := e.check(id, nil); code != http.StatusSeeOther {
		t.Fatalf("check: %d %s", code, errorLine(body))
	}
	_, page := e.get("/u/" + id + "/check")
	if !strings.Contains(page, `<td class="num">5</td><td></td><td><code>skipped</code></td>`) {
		t.Errorf("the repeated row 5 is not listed as skipped")
	}
}
