package importer_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// langCSV is a damaijia file with one good row, a phone that is not a
// mobile (row 3), and a row with a bad quantity and blank required cells
// (row 4).
const langCSV = "订单编号,收货人姓名,手机,省份,城市,区县,详细地址,商品ID,数量,来源,备注\n" +
	"310000000087654321,测试甲,13800138000,浙江省,杭州市,余杭区,测试路1号,614,1,淘宝,\n" +
	"310000000187654321,测试乙,1380013800,浙江省,杭州市,余杭区,测试路2号,614,1,淘宝,\n" +
	"310000000287654321,,13800138001,浙江,,,测试路3号,614,abc,淘宝,\n"

// TestCLILanguage: on the real binary, --lang zh prints the summary and
// writes the result sheet's errors in Chinese, --lang en in English, and
// without --lang the locale decides (LANG=zh_CN.UTF-8 Chinese, C English);
// the status values and the column names are the same in every language.
func TestCLILanguage(t *testing.T) {
	zhSummary := []string{"导入 ", "（damaijia）：共 3 行", "ok             1 行  已创建", "invalid        2 行  校验未通过，未发送",
		"结果表：", "需要处理的行：invalid 2 行（见结果表的 status 和 error 列）"}
	zhErrors := []string{"",
		`第 3 行，C 列（手机）：mobile：不是中国大陆手机号："1380013800"`,
		`第 4 行，I 列（数量）：product_number：不是整数："abc"；第 4 行，B 列（收货人姓名）：consignee：必填，但这一格是空的；`}
	enSummary := []string{"import of ", "(damaijia): 3 rows", "ok        1\n", "invalid   2\n", "result sheet: ",
		"rows to look at: 2 invalid (see the status and error columns)"}
	enErrors := []string{"",
		`row 3, column C (手机): mobile: not a mainland mobile number: "1380013800"`,
		`row 4, column I (数量): product_number: not a whole number: "abc"; row 4, column B (收货人姓名): consignee: required; `}
	tests := []struct {
		name            string
		args, env       []string
		summary, errors []string
		foreign         string // text of the other language that must not appear
	}{
		{"--lang zh", []string{"--lang", "zh"}, nil, zhSummary, zhErrors, "rows to look at"},
		{"--lang en", []string{"--lang", "en"}, []string{"LANG=zh_CN.UTF-8"}, enSummary, enErrors, "结果表"},
		{"ORDERIMPORT_LANG=zh", nil, []string{"ORDERIMPORT_LANG=zh"}, zhSummary, zhErrors, "rows to look at"},
		{"LANG=zh_CN.UTF-8", nil, []string{"ORDERIMPORT_LANG=", "LC_ALL=", "LC_MESSAGES=", "LANG=zh_CN.UTF-8"}, zhSummary, zhErrors, "rows to look at"},
		{"LANG=C", nil, []string{"ORDERIMPORT_LANG=", "LC_ALL=", "LC_MESSAGES=", "LANG=C"}, enSummary, enErrors, "结果表"},
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "orders.csv")
	if err := os.WriteFile(file, []byte(langCSV), 0o644); err != nil {
		t.Fatal(err)
	}
	var header []string
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, format := range []string{"csv", "xlsx"} {
				out := filepath.Join(t.TempDir(), "r."+format)
				args := append([]string{"import", file, "--provider", "damaijia", "--sandbox", "--out", out}, tc.args...)
				run := cliExecLimit(t, 2*time.Minute, "tok", tc.env, args...)
				if run.code != 1 {
					t.Fatalf("%s: exit %d, want 1\n%s\n%s", format, run.code, run.stdout, run.stderr)
				}
				for _, want := range tc.summary {
					if !strings.Contains(run.stdout, want) {
						t.Errorf("%s: the summary lacks %q:\n%s", format, want, run.stdout)
					}
				}
				if strings.Contains(run.stdout, tc.foreign) {
					t.Errorf("%s: the summary has %q of the other language:\n%s", format, tc.foreign, run.stdout)
				}
				rows := readSheet(t, out)
				if header == nil {
					header = rows[0]
				}
				if !slices.Equal(rows[0], header) {
					t.Errorf("%s: header %q, want %q in every language", format, rows[0], header)
				}
				if format == "xlsx" {
					checkLegendLanguage(t, out, tc.summary[0] == zhSummary[0])
				}
				got := sheetRows(t, out)
				for i, st := range []string{"ok", "invalid", "invalid"} {
					if got[i]["status"] != st {
						t.Errorf("%s: row %d status %q, want %q", format, i+2, got[i]["status"], st)
					}
					if want := tc.errors[i]; (want == "") != (got[i]["error"] == "") || !strings.HasPrefix(got[i]["error"], want) {
						t.Errorf("%s: row %d error\n got %q\nwant %q…", format, i+2, got[i]["error"], want)
					}
				}
			}
		})
	}
}

// TestCLIMappingCheckLanguage: mapping check lists the problems and the
// counts in the language chosen.
func TestCLIMappingCheckLanguage(t *testing.T) {
	file := filepath.Join(t.TempDir(), "orders.csv")
	if err := os.WriteFile(file, []byte(langCSV), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		lang string
		want []string
	}{
		{"zh", []string{"问题：\n", `  第 3 行，C 列（手机）：mobile：不是中国大陆手机号："1380013800"`, "共 3 行：1 行可以发送，2 行校验未通过，0 行跳过，0 行有提醒"}},
		{"en", []string{"problems:\n", `  row 3, column C (手机): mobile: not a mainland mobile number: "1380013800"`, "3 rows: 1 to send, 2 invalid, 0 skipped, 0 with warnings"}},
	}
	for _, tc := range tests {
		t.Run(tc.lang, func(t *testing.T) {
			run := cliExec(t, "tok", "mapping", "check", file, "--provider", "damaijia", "--lang", tc.lang)
			if run.code != 1 {
				t.Fatalf("exit %d, want 1\n%s\n%s", run.code, run.stdout, run.stderr)
			}
			for _, w := range tc.want {
				if !strings.Contains(run.stdout, w) {
					t.Errorf("output lacks %q:\n%s", w, run.stdout)
				}
			}
		})
	}
}

// checkLegendLanguage: the legend sheet explains ok in Chinese, and in
// English too unless the run was in Chinese.
func checkLegendLanguage(t *testing.T, path string, zh bool) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("说明")
	if err != nil {
		t.Fatal(err)
	}
	want := "ok|订单已创建，平台接受了这一行|无需处理"
	if !zh {
		want += "|the order was created; the provider accepted the row|nothing to do"
	}
	for _, r := range rows {
		if len(r) > 0 && r[0] == "ok" {
			if got := strings.Join(r, "|"); got != want {
				t.Errorf("legend row %q, want %q", got, want)
			}
			return
		}
	}
	t.Errorf("the legend has no row for ok: %q", rows)
}
