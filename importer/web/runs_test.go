package web

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"orderimport/importer/i18n"
)

// TestStopAndOneRunPerAccount: while a run sends to a slow sandbox, a
// second send (another tab) gets the first run's page; Stop ends it as
// Ctrl-C does: the sheet is written, the rows not sent are not_sent.
func TestStopAndOneRunPerAccount(t *testing.T) {
	// 20 requests of 50 consignees, 300 ms each: the run lasts 6 s unless
	// stopped.
	e := newEnv(t, func(c *Config) { c.SandboxOptions.Latency = 300 * time.Millisecond })
	id := e.upload("orders.csv", ordersCSV(1000, nil), "damaijia")
	if code, body := e.check(id, nil); code != http.StatusSeeOther {
		t.Fatalf("check: %s", errorLine(body))
	}
	run := e.send(id, url.Values{"rate": {"0"}, "workers": {"1"}})
	id2 := e.upload("other.csv", ordersCSV(3, nil), "damaijia")
	e.check(id2, nil)
	if second := e.send(id2, url.Values{"rate": {"0"}}); second != run {
		t.Fatalf("a second run %s started beside %s", second, run)
	}
	_, page := e.get("/")
	if !strings.Contains(page, `id="active-run"`) || !strings.Contains(page, "/runs/"+run) {
		t.Error("the upload page does not show the run under way")
	}
	e.waitDone(run, 2)
	if code, _, _ := e.post("/runs/"+run+"/stop", nil); code != http.StatusSeeOther {
		t.Fatalf("stop: %d", code)
	}
	e.wait(run)
	_, page = e.get("/runs/" + run)
	if !strings.Contains(page, `id="interrupted"`) {
		t.Errorf("the run page does not say the run was stopped")
	}
	rows := resultRows(t, e.download("/runs/"+run+"/result", ".csv"))
	counts := map[string]int{}
	for _, r := range rows {
		counts[r["status"]]++
	}
	if len(rows) != 1000 || counts["not_sent"] == 0 || counts["ok"]+counts["not_sent"] != 1000 {
		t.Errorf("result sheet: %d rows, %v", len(rows), counts)
	}
	// Once it ended, the next run may start.
	if next := e.send(id2, url.Values{"rate": {"0"}}); next == run {
		t.Error("the stopped run still blocks the account")
	}
}

// TestFixAndSendAgain: the result sheet of a run with an invalid row,
// edited and uploaded, is sent as retry sends it: the fixed row is
// created, the ok rows are carried over, never sent twice.
func TestFixAndSendAgain(t *testing.T) {
	e := newEnv(t, nil)
	id := e.upload("orders.csv", ordersCSV(4, func(i int) bool { return i == 1 }), "damaijia")
	e.check(id, nil)
	run := e.send(id, url.Values{"rate": {"0"}})
	e.wait(run)
	sheet, err := os.ReadFile(e.download("/runs/"+run+"/result", ".csv"))
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(sheet, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if recs[2][2] != "12345" || !strings.Contains(strings.Join(recs[2], ","), "invalid") {
		t.Fatalf("row 3 is not the invalid one: %v", recs[2])
	}
	recs[2][2] = "13900000001"
	var fixed bytes.Buffer
	w := csv.NewWriter(&fixed)
	_ = w.WriteAll(recs)
	code, loc, body := e.postFile("/runs/"+run+"/retry", nil, "file", "orders.result.csv", fixed.Bytes())
	if code != http.StatusSeeOther {
		t.Fatalf("retry: %d %s", code, errorLine(body))
	}
	retry := strings.TrimPrefix(loc, "/runs/")
	e.wait(retry)
	rows := resultRows(t, e.download("/runs/"+retry+"/result", ".csv"))
	for i, r := range rows {
		if r["status"] != "ok" || r["order_sn"] == "" {
			t.Errorf("row %d: %q %q", i+2, r["status"], r["order_sn"])
		}
	}
	// A file that is no result sheet is refused in one line, as retry
	// refuses it, naming the file as the merchant named it, in the page's
	// language (Chinese by default).
	code, _, body = e.postFile("/runs/"+run+"/retry", nil, "file", "orders.csv", ordersCSV(2, nil))
	if msg := errorLine(body); code != http.StatusUnprocessableEntity || !strings.HasPrefix(msg, "orders.csv：") {
		t.Errorf("a plain sheet: %d %q", code, errorLine(body))
	}
}

// TestLanguage: Chinese by default, the browser's language, the switch
// kept in a cookie, --lang.
func TestLanguage(t *testing.T) {
	tests := []struct {
		name, accept, query string
		fixed               i18n.Lang
		want                string
	}{
		{"default Chinese", "", "", "", "上传订单表格"},
		{"browser English", "en-US,en;q=0.9", "", "", "Upload a spreadsheet of orders"},
		{"switch to English", "zh-CN", "?lang=en", "", "Upload a spreadsheet of orders"},
		{"--lang en over the browser", "zh-CN", "", i18n.En, "Upload a spreadsheet of orders"},
		{"switch over --lang", "", "?lang=zh", i18n.En, "上传订单表格"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, func(c *Config) {
				if tc.fixed != "" {
					c.Lang, c.LangFixed = tc.fixed, true
				}
			})
			req, _ := http.NewRequest("GET", e.ts.URL+"/"+tc.query, nil)
			if tc.accept != "" {
				req.Header.Set("Accept-Language", tc.accept)
			}
			if _, _, body := e.do(req); !strings.Contains(body, tc.want) {
				t.Errorf("page lacks %q", tc.want)
			}
			if tc.query != "" { // kept for the next page
				req, _ := http.NewRequest("GET", e.ts.URL+"/history", nil)
				req.Header.Set("Accept-Language", tc.accept)
				_, _, body := e.do(req)
				if want := map[bool]string{true: "Earlier runs", false: "之前的运行"}[tc.query == "?lang=en"]; !strings.Contains(body, want) {
					t.Errorf("the next page lacks %q", want)
				}
			}
		})
	}
}

// TestTemplateMessages: every message a template names is in the catalog,
// in both languages.
func TestTemplateMessages(t *testing.T) {
	re := regexp.MustCompile(`\.T "([a-z_.]+)"`)
	files, err := templateFS.ReadDir("templates")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range files {
		data, _ := templateFS.ReadFile("templates/" + f.Name())
		for _, m := range re.FindAllStringSubmatch(string(data), -1) {
			n++
			if !i18n.Has(i18n.ID(m[1])) {
				t.Errorf("%s: message %s is not in the catalog", f.Name(), m[1])
			}
		}
	}
	for _, p := range []string{"damaijia", "openapi"} {
		if !i18n.Has(i18n.ID("web.provider." + p)) {
			t.Errorf("no message web.provider.%s", p)
		}
	}
	if n < 50 {
		t.Errorf("only %d messages found in the templates", n)
	}
}
