package importer_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// formulaAnswer is a provider that answers with texts a spreadsheet would
// run: every cell the tool writes from it starts with = + - or @.
func formulaAnswer(string) (orderID, orderSN, msgCode, msg, zone string) {
	return "-2+3+cmd|' /C calc'!A0", `=HYPERLINK("http://example.invalid/x","click")`, "2000",
		"+cmd|' /C notepad'!A0", "@SUM(1+1)*cmd|' /C calc'!A0"
}

// TestHardening11_15_CSVFormulaInjection: in a CSV result sheet the cells
// the tool writes from provider text (order_id, order_sn, msg,
// forbidden_zone and the error built from them) never start a formula; the
// merchant's own cells are copied untouched; a retry reads the neutralised
// cells back without doubling the guard; an XLSX result holds them as
// plain strings, no formula.
func TestHardening11_15_CSVFormulaInjection(t *testing.T) {
	dir := t.TempDir()
	input := writeDamaijiaCSV(t, dir, 3)
	// The merchant's remark column holds a formula of their own.
	data := strings.ReplaceAll(string(fileBytes(t, input)), ",批量\n", ",=1+2\n")
	if err := os.WriteFile(input, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	url, requests := echoDamaijia(t, formulaAnswer)
	common := []string{"--provider", "damaijia", "--base-url", url, "--ledger", filepath.Join(dir, "l.db"), "--rate", "0"}
	out := filepath.Join(dir, "orders.result.csv")
	run := cliExec(t, "tok-f", append([]string{"import", input}, common...)...)
	if run.code != 0 {
		t.Fatalf("exit %d\n%s", run.code, run.stderr)
	}
	rows := rawCSV(t, out)
	header := rows[0]
	col := func(name string) int {
		for i, h := range header {
			if h == name {
				return i
			}
		}
		t.Fatalf("no column %s", name)
		return -1
	}
	for _, r := range rows[1:] {
		for _, name := range []string{"order_id", "order_sn", "msg_code", "msg", "forbidden_zone", "error"} {
			if c := r[col(name)]; c != "" && strings.ContainsAny(c[:1], "=+-@\t\r") {
				t.Errorf("%s cell %q starts a formula", name, c)
			}
		}
		if got := r[col("备注")]; got != "=1+2" {
			t.Errorf("the merchant's cell became %q", got)
		}
		if got := r[col("order_sn")]; got != `'=HYPERLINK("http://example.invalid/x","click")` {
			t.Errorf("order_sn %q, want the provider's text behind one apostrophe", got)
		}
	}

	// Read back: the result sheet fed in again carries its ok rows (nothing
	// sent) with the provider's text: one guard in CSV, none in XLSX.
	sent := requests.Load()
	again := filepath.Join(dir, "again.csv")
	if run := cliExec(t, "tok-f", append([]string{"import", out, "--out", again}, common...)...); run.code != 0 {
		t.Fatalf("second run: exit %d\n%s", run.code, run.stderr)
	}
	for _, r := range rawCSV(t, again)[1:] {
		if got := r[col("order_sn")]; got != `'=HYPERLINK("http://example.invalid/x","click")` {
			t.Errorf("read back and written again: order_sn %q", got)
		}
	}
	if n := requests.Load() - sent; n != 0 {
		t.Fatalf("the carried rows were sent again (%d requests)", n)
	}

	xlsx := filepath.Join(dir, "again.xlsx")
	if run := cliExec(t, "tok-f", append([]string{"import", out, "--out", xlsx}, common...)...); run.code != 0 {
		t.Fatalf("xlsx run: exit %d\n%s", run.code, run.stderr)
	}
	f, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetName(0)
	xrows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	snCol := col("order_sn") + 1
	for i := 2; i <= len(xrows); i++ {
		cell, _ := excelize.CoordinatesToCellName(snCol, i)
		formula, err := f.GetCellFormula(sheet, cell)
		if err != nil || formula != "" {
			t.Errorf("xlsx %s has a formula %q (%v)", cell, formula, err)
		}
		v, _ := f.GetCellValue(sheet, cell)
		if typ, _ := f.GetCellType(sheet, cell); !strings.HasPrefix(v, "=HYPERLINK") || typ == excelize.CellTypeFormula {
			t.Errorf("xlsx %s = %q (type %v), want the provider's text as a string", cell, v, typ)
		}
	}
}

// rawCSV reads a CSV result sheet as the bytes say, without the importer's
// reader.
func rawCSV(t *testing.T, path string) [][]string {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(fileBytes(t, path), []byte("\ufeff"))))
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestHardening11_16_TokenEchoScrubbed: a provider that echoes the token
// (as it is, or escaped for a URL) into order_id, order_sn, msg_code, msg
// or forbidden_zone gets it into neither the result sheet, the ledger, the
// summary nor the output; the storefront likewise.
func TestHardening11_16_TokenEchoScrubbed(t *testing.T) {
	const token = "tok/ECHO+5f3a=9c-secret"
	escaped := url.QueryEscape(token)
	t.Run("damaijia", func(t *testing.T) {
		dir := t.TempDir()
		input := writeDamaijiaCSV(t, dir, 4)
		base, _ := echoDamaijia(t, func(tok string) (string, string, string, string, string) {
			return "id-" + tok, "sn " + tok, tok, "echo " + url.QueryEscape(tok), "zone=" + tok
		})
		tokenFree(t, dir, token, escaped, "import", input, "--provider", "damaijia", "--base-url", base,
			"--ledger", filepath.Join(dir, "l.db"), "--summary-json", filepath.Join(dir, "sum.json"), "--rate", "0")
	})
	t.Run("openapi", func(t *testing.T) {
		dir := t.TempDir()
		input := writeOpenAPICSV(t, dir, 4, 2)
		hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			tok := r.Header.Get("Open-Access-Token")
			_ = json.NewEncoder(w).Encode(map[string]any{"code": 200, "message": "ok " + url.QueryEscape(tok),
				"data": map[string]any{"order_id": "id-" + tok, "order_number": "#" + tok}})
		}))
		t.Cleanup(hs.Close)
		tokenFree(t, dir, token, escaped, "import", input, "--provider", "openapi", "--base-url", hs.URL,
			"--ledger", filepath.Join(dir, "l.db"), "--summary-json", filepath.Join(dir, "sum.json"), "--rate", "0")
	})
}

// tokenFree runs the binary with token and checks that no file in dir
// holds the token or its escaped form.
func tokenFree(t *testing.T, dir, token, escaped string, args ...string) {
	t.Helper()
	run := cliExec(t, token, args...)
	if run.code != 0 && run.code != 1 {
		t.Fatalf("exit %d\n%s", run.code, run.stderr)
	}
	if strings.Contains(run.stdout+run.stderr, escaped) {
		t.Errorf("the escaped token is in the output")
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	checked := 0
	for _, f := range files {
		b := fileBytes(t, f)
		for _, secret := range []string{token, escaped} {
			if bytes.Contains(b, []byte(secret)) {
				t.Errorf("%s holds the token (%q)", filepath.Base(f), secret)
			}
		}
		checked++
	}
	if checked < 4 { // input, result sheet, summary, ledger
		t.Fatalf("only %d files to check: %v", checked, files)
	}
	if rows := sheetRows(t, filepath.Join(dir, strings.TrimSuffix(filepath.Base(args[1]), ".csv")+".result.csv")); !strings.Contains(rows[0]["order_sn"], "***") {
		t.Errorf("order_sn %q: the echoed token is not replaced", rows[0]["order_sn"])
	}
}
