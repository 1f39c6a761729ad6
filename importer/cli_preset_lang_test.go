package importer_test

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestCLIPresetTextsLanguage: on the real binary, the texts a preset's
// YAML gives in both languages (skip reasons, a field's hint) are written
// in the run's language: the error cell of a skipped row (a Taobao order
// closed, a Shopify order cancelled with the row of the same order, a
// line that needs no shipping), mapping check's problems, and the
// refusal of a file whose damaijia gift is not chosen.
func TestCLIPresetTextsLanguage(t *testing.T) {
	taobao := writeExport(t, "taobao56", utf8BOM, taobaoRows(false))
	shopify := writeExport(t, "shopify", utf8BOM, shopifyRows())
	tests := []struct {
		lang string
		// errors of the result sheet by line: the Taobao and the Shopify file.
		taobao, shopify map[int]string
		check, hint     string
	}{
		{"zh",
			map[int]string{3: "淘宝订单已关闭：交易关闭", 4: "淘宝订单买家尚未付款：等待买家付款"},
			map[int]string{
				4: "Shopify 订单已取消：Cancelled at 2024-03-02 09:00:00 +0000",
				5: "Shopify 订单已取消：Cancelled at 2024-03-02 09:00:00 +0000（同一订单的第 4 行）",
				8: "这一行无需发货（礼品卡或虚拟商品）：Lineitem requires shipping false"},
			"第 3 行：skipped：淘宝订单已关闭：交易关闭",
			"请选择要代发的大麦家礼品：用 --set product_id=N（N 是礼品在大麦家的礼品ID）"},
		{"en",
			map[int]string{3: "order closed on Taobao: 交易关闭", 4: "order not paid yet on Taobao: 等待买家付款"},
			map[int]string{
				4: "order cancelled on Shopify: Cancelled at 2024-03-02 09:00:00 +0000",
				5: "order cancelled on Shopify: Cancelled at 2024-03-02 09:00:00 +0000 (row 4 of the same order)",
				8: "line needs no shipping (a gift card or a digital item): Lineitem requires shipping false"},
			"row 3: skipped: order closed on Taobao: 交易关闭",
			"choose the damaijia gift to send: --set product_id=N (the gift's 礼品ID in damaijia)"},
	}
	for _, tc := range tests {
		t.Run(tc.lang, func(t *testing.T) {
			for _, f := range []struct {
				file, provider string
				sets           []string
				want           map[int]string
			}{
				{taobao, "damaijia", []string{"--set", "product_id=614"}, tc.taobao},
				{shopify, "openapi", []string{"--set", "product_id=1", "--set", "variant_id=2"}, tc.shopify},
			} {
				out := filepath.Join(t.TempDir(), "result.csv")
				args := append([]string{"import", f.file, "--provider", f.provider, "--dry-run", "--out", out, "--lang", tc.lang}, f.sets...)
				if run := cliExec(t, "tok", args...); run.code == 2 {
					t.Fatalf("%s: exit 2\n%s", f.provider, run.stderr)
				}
				rows := sheetRows(t, out)
				for line, want := range f.want {
					if got := rows[line-2]; got["status"] != "skipped" || got["error"] != want {
						t.Errorf("%s: row %d: %s %q, want skipped %q", f.provider, line, got["status"], got["error"], want)
					}
				}
			}
			run := cliExec(t, "tok", "mapping", "check", taobao, "--provider", "damaijia", "--set", "product_id=614", "--lang", tc.lang)
			if !strings.Contains(run.stdout, tc.check) {
				t.Errorf("mapping check lacks %q:\n%s", tc.check, run.stdout)
			}
			for _, cmd := range [][]string{{"import", taobao, "--dry-run"}, {"mapping", "check", taobao}} {
				run := cliExec(t, "tok", append(cmd, "--provider", "damaijia", "--lang", tc.lang)...)
				if run.code != 2 || !strings.Contains(run.stderr, tc.hint) {
					t.Errorf("%s without product_id: exit %d, stderr %q; want 2 and %q", cmd[0], run.code, run.stderr, tc.hint)
				}
			}
		})
	}
}
