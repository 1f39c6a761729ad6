package web

import (
	"bytes"
	"context"
	"encoding/csv"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// screenshots, when set, is where TestBrowserHappyPath saves a PNG of
// each step for the README:
//
//	go test ./importer/web -run TestBrowserHappyPath -screenshots $PWD/importer/web/testdata/screenshots
var screenshots = flag.String("screenshots", "", "directory for the README's screenshots of each step")

// shot saves the page as serve-NAME.png in that directory when -screenshots is given.
func shot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	if *screenshots == "" {
		return
	}
	img, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err == nil {
		err = os.WriteFile(filepath.Join(*screenshots, "serve-"+name+".png"), img, 0o644)
	}
	if err != nil {
		t.Fatal(err)
	}
}

// uploadInBrowser opens the page (in lang), uploads file and waits for
// the map page.
func uploadInBrowser(t *testing.T, ctx context.Context, base, lang, file string) {
	t.Helper()
	abs, _ := filepath.Abs(file)
	if err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/?lang="+lang),
		chromedp.WaitVisible(chromedp.CSS("#upload-form")),
		chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{abs}),
		chromedp.Click(chromedp.CSS("#upload-button")),
		chromedp.WaitVisible(chromedp.CSS("#fields")),
	); err != nil {
		t.Fatalf("upload: %v", err)
	}
}

// text returns the text of sel.
func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("text of %s: %v", sel, err)
	}
	return s
}

// TestBrowserHappyPath: in Chinese, the sample uploaded, mapped, checked
// and sent to the in-process sandbox; the progress reaches the end and
// the result sheet downloaded from the page has every row ok with an
// order_sn.
func TestBrowserHappyPath(t *testing.T) {
	ctx, dir := tab(t)
	e := newEnv(t, nil)
	if *screenshots != "" {
		if err := chromedp.Do(ctx, chromedp.Navigate(e.ts.URL+"/?lang=zh"), chromedp.WaitVisible(chromedp.CSS("#upload-form"))); err != nil {
			t.Fatal(err)
		}
		shot(t, ctx, "1-upload")
	}
	uploadInBrowser(t, ctx, e.ts.URL, "zh", "../../samples/damaijia_orders.xlsx")
	shot(t, ctx, "2-map")
	if s := text(t, ctx, "#preview"); !strings.Contains(s, "收货人姓名") || !strings.Contains(s, "300000000000000101") {
		t.Fatalf("preview: %q", s)
	}
	if err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS("#check-button")),
		chromedp.WaitVisible(chromedp.CSS("#counts")),
	); err != nil {
		t.Fatal(err)
	}
	if s := text(t, ctx, "#counts"); !strings.Contains(s, "ready 10") || !strings.Contains(s, "有效，可以发送") {
		t.Fatalf("counts: %q", s)
	}
	shot(t, ctx, "3-check")
	if err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS("#send-button")),
		chromedp.WaitVisible(chromedp.CSS("#result")),
	); err != nil {
		t.Fatal(err)
	}
	if d, tot := text(t, ctx, "#done"), text(t, ctx, "#total"); d != "10" || tot != "10" {
		t.Errorf("progress at the end: %s / %s", d, tot)
	}
	shot(t, ctx, "4-result")
	if bar, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS("#bar"), "value")); err != nil || bar.Value != "100" {
		t.Errorf("progress bar %q (%v)", bar.Value, err)
	}
	rows := resultRows(t, download(t, ctx, dir, "#result-download", ".xlsx"))
	if len(rows) != 10 {
		t.Fatalf("result sheet: %d rows", len(rows))
	}
	for i, r := range rows {
		if r["status"] != "ok" || r["order_sn"] == "" {
			t.Errorf("row %d: status %q order_sn %q", i+2, r["status"], r["order_sn"])
		}
	}
	// The history lists the run, with its result sheet.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`a[href="/history"]`)), chromedp.WaitVisible(chromedp.CSS("#history"))); err != nil {
		t.Fatal(err)
	}
	shot(t, ctx, "5-history")
	if s := text(t, ctx, "#history"); !strings.Contains(s, "damaijia_orders.xlsx") || !strings.Contains(s, "ok 10") || !strings.Contains(s, "下载") {
		t.Errorf("history: %q", s)
	}
}

// TestBrowserInvalidRowsAndFixAgain: in English, a file with invalid rows
// shows them on the check page; the valid ones are sent; the result sheet,
// fixed and uploaded with "fix and send again", ends all ok.
func TestBrowserInvalidRowsAndFixAgain(t *testing.T) {
	ctx, dir := tab(t)
	e := newEnv(t, nil)
	file := filepath.Join(t.TempDir(), "orders.csv")
	if err := os.WriteFile(file, ordersCSV(6, func(i int) bool { return i == 1 || i == 4 }), 0o600); err != nil {
		t.Fatal(err)
	}
	uploadInBrowser(t, ctx, e.ts.URL, "en", file)
	if err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS("#check-button")),
		chromedp.WaitVisible(chromedp.CSS("#problems")),
	); err != nil {
		t.Fatal(err)
	}
	probs := text(t, ctx, "#problems")
	for _, want := range []string{"Row", "Column", "3", "6", "C (手机)", "not a mainland mobile number"} {
		if !strings.Contains(probs, want) {
			t.Errorf("problems table lacks %q: %q", want, probs)
		}
	}
	if s := text(t, ctx, "#counts"); !strings.Contains(s, "invalid 2") || !strings.Contains(s, "not valid, not sent") {
		t.Errorf("counts: %q", s)
	}
	if err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS("#send-button")),
		chromedp.WaitVisible(chromedp.CSS("#result")),
	); err != nil {
		t.Fatal(err)
	}
	if s := text(t, ctx, "#result-counts"); !strings.Contains(s, "ok 4") || !strings.Contains(s, "invalid 2") {
		t.Errorf("result counts: %q", s)
	}
	sheet := download(t, ctx, dir, "#result-download", ".csv")
	data, _ := os.ReadFile(sheet)
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	recs[2][2], recs[5][2] = "13900000001", "13900000004"
	var fixed bytes.Buffer
	_ = csv.NewWriter(&fixed).WriteAll(recs)
	fixedPath := filepath.Join(t.TempDir(), "orders.result.csv")
	if err := os.WriteFile(fixedPath, fixed.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.SetUploadFiles(chromedp.CSS("#retry-file"), []string{fixedPath})); err != nil {
		t.Fatal(err)
	}
	// The retry's own page (the page before it has a #result too), then its
	// result.
	if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS("#retry-button"))); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS("#result"))); err != nil {
		t.Fatal(err)
	}
	if s := text(t, ctx, "h1"); !strings.Contains(s, "Sending again") {
		t.Errorf("title %q", s)
	}
	if s := text(t, ctx, "#result-counts"); !strings.Contains(s, "ok 6") || strings.Contains(s, "invalid") {
		t.Errorf("after the fix: %q", s)
	}
}

// TestBrowserStop: the Stop button during a run to a slow sandbox: the
// result says interrupted and the result sheet has the rest not_sent.
func TestBrowserStop(t *testing.T) {
	ctx, dir := tab(t)
	// 20 requests of 50 consignees, 300 ms each: 6 s unless stopped.
	e := newEnv(t, func(c *Config) { c.SandboxOptions.Latency = 300 * time.Millisecond })
	file := filepath.Join(t.TempDir(), "many.csv")
	if err := os.WriteFile(file, ordersCSV(1000, nil), 0o600); err != nil {
		t.Fatal(err)
	}
	uploadInBrowser(t, ctx, e.ts.URL, "zh", file)
	if err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS("#check-button")),
		chromedp.WaitVisible(chromedp.CSS("#send-form")),
		chromedp.SetValue(chromedp.CSS("#workers"), "1"),
		chromedp.Click(chromedp.CSS("#send-button")),
		chromedp.WaitVisible(chromedp.CSS("#stop-button")),
		chromedp.Poll[chromedp.Void](`Number(document.getElementById("done").textContent) > 0`, chromedp.WithPollingInterval(50*time.Millisecond)),
		chromedp.Click(chromedp.CSS("#stop-button")),
		chromedp.WaitVisible(chromedp.CSS("#result")),
		chromedp.WaitVisible(chromedp.CSS("#interrupted")),
	); err != nil {
		t.Fatal(err)
	}
	rows := resultRows(t, download(t, ctx, dir, "#result-download", ".csv"))
	counts := map[string]int{}
	for _, r := range rows {
		counts[r["status"]]++
	}
	if len(rows) != 1000 || counts["ok"] == 0 || counts["not_sent"] == 0 || counts["ok"]+counts["not_sent"] != 1000 {
		t.Errorf("result sheet: %d rows %v", len(rows), counts)
	}
}
