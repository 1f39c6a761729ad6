package importer_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"orderimport/importer"
	"orderimport/importer/i18n"
)

// TestSummaryLanguages: the summary's lines in Chinese and in English; the
// status values stay as the result sheet has them.
func TestSummaryLanguages(t *testing.T) {
	base := importer.Summary{Input: "orders.xlsx", Output: "orders.result.xlsx", Provider: "damaijia", Rows: 12,
		Counts: map[importer.Status]int{importer.StatusOK: 9, importer.StatusInvalid: 2, importer.StatusNotSent: 1},
		Orders: 3, Requests: 4, Elapsed: 2 * time.Second, RunID: "r1", Amount: 9, Interrupted: true,
		Waits: 1, Waited: time.Second, Recovered: 1}
	retry := base
	retry.Retry, retry.DryRun, retry.Carried = true, true, 5
	retry.Counts = map[importer.Status]int{importer.StatusReady: 7}
	retry.Interrupted, retry.Fatal = false, errors.New("authentication failed")
	tests := []struct {
		name string
		s    importer.Summary
		lang i18n.Lang
		want []string
	}{
		{"import zh", base, i18n.Zh, []string{
			"\n导入 orders.xlsx（damaijia）：共 12 行\n",
			"  ok             9 行  已创建\n",
			"  invalid        2 行  校验未通过，未发送\n",
			"  not_sent       1 行  未发送\n",
			"  订单 3 个，请求 4 次，每秒 2.0 次\n",
			"  用时 2s\n",
			"  之前的运行留下的 1 个未完成订单已用原来的编号重新发送\n",
			"  扣费 9\n",
			"  按平台的要求（Retry-After）等待了 1 次，共 1s\n",
			"  结果表：orders.result.xlsx\n",
			"  运行编号 r1\n",
			"  已中断：1 行没有发送（not_sent）；再运行一次即可发送\n",
			"  需要处理的行：invalid 2 行，not_sent 1 行（见结果表的 status 和 error 列）\n"}},
		{"import en", base, i18n.En, []string{
			"\nimport of orders.xlsx (damaijia): 12 rows\n",
			"  ok        9\n",
			"  invalid   2\n",
			"  not_sent  1\n",
			"  orders 3, requests 4, 2.0 requests/s\n",
			"  elapsed 2s\n",
			"  1 orders left open by earlier runs were resent with their original ids\n",
			"  amount charged 9\n",
			"  waited 1 times as the provider asked (Retry-After), 1s in all\n",
			"  result sheet: orders.result.xlsx\n",
			"  run r1\n",
			"  INTERRUPTED: 1 rows not sent (not_sent); run again to send them\n",
			"  rows to look at: 2 invalid, 1 not_sent (see the status and error columns)\n"}},
		{"retry dry run zh", retry, i18n.Zh, []string{
			"\n重新提交（试运行）orders.xlsx（damaijia）：共 12 行，没有发送\n",
			"  沿用为 ok：5 行（结果表显示之前的运行已创建；不再发送）\n",
			"  ready          7 行  有效，可以发送\n",
			"  已停止：authentication failed\n"}},
		{"retry dry run en", retry, i18n.En, []string{
			"\nretry (dry run) of orders.xlsx (damaijia): 12 rows\n",
			"  carried over as ok: 5 rows (created by an earlier run, as the sheet says; not sent again)\n",
			"  ready     7\n",
			"  STOPPED: authentication failed\n"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.s.Lang = tc.lang
			var b strings.Builder
			tc.s.Print(&b)
			for _, w := range tc.want {
				if !strings.Contains(b.String(), w) {
					t.Errorf("lacks %q:\n%s", w, b.String())
				}
			}
		})
	}
}

// TestStatusesExplained: the catalog explains exactly the statuses a
// result sheet can hold, in both languages.
func TestStatusesExplained(t *testing.T) {
	var got []string
	for _, s := range importer.Statuses {
		got = append(got, string(s))
	}
	if strings.Join(got, ",") != strings.Join(i18n.StatusValues, ",") {
		t.Fatalf("importer.Statuses %v, i18n.StatusValues %v", got, i18n.StatusValues)
	}
	for _, s := range got {
		for _, id := range []i18n.ID{i18n.StatusLabel(s), i18n.StatusMeaning(s), i18n.StatusAction(s)} {
			if !i18n.Has(id) || i18n.Sprintf(i18n.Zh, id) == i18n.Sprintf(i18n.En, id) {
				t.Errorf("%s: %s is missing or not translated", s, id)
			}
		}
	}
}

// TestTrackSummaryLanguages: track's summary in both languages; the
// outcome values stay as they are.
func TestTrackSummaryLanguages(t *testing.T) {
	var got []string
	for _, o := range importer.TrackOutcomes {
		got = append(got, string(o))
	}
	if strings.Join(got, ",") != strings.Join(i18n.TrackOutcomeValues, ",") {
		t.Fatalf("importer.TrackOutcomes %v, i18n.TrackOutcomeValues %v", got, i18n.TrackOutcomeValues)
	}
	s := importer.TrackSummary{Input: "r.xlsx", Provider: "damaijia", Account: "api.example", Rows: 5, Created: 4,
		Counts: map[importer.TrackOutcome]int{importer.TrackShipped: 2, importer.TrackNotInLedger: 2},
		Asked:  4, Requests: 1, Elapsed: time.Second, Failed: 1, Output: "r.xlsx", Interrupted: true}
	tests := []struct {
		lang i18n.Lang
		want []string
	}{
		{i18n.Zh, []string{"\n跟踪 r.xlsx（damaijia）：共 5 行，已创建订单 4 个\n", "  shipped                 2 行  已发货\n",
			"  not_in_ledger           2 行  台账中没有\n", "  查询 4 行，沿用 0 行（之前已发货或已取消），请求 1 次，用时 1s\n",
			"  1 行这次没能查询：保留之前查到的结果\n", "  2 行在台账的账户 api.example 下没有已创建的记录", "  结果表：r.xlsx\n",
			"  已中断：没有查询的行保留之前的结果；请再运行一次\n"}},
		{i18n.En, []string{"\ntrack of r.xlsx (damaijia): 5 rows, 4 created orders\n", "  shipped            2\n",
			"  not_in_ledger      2\n", "  asked 4, kept 0 (shipped or cancelled before), requests 1, elapsed 1s\n",
			"  1 rows could not be asked this time: they keep what was known before\n",
			"  2 rows are not in the ledger as created under account api.example: ", "  result sheet: r.xlsx\n",
			"  INTERRUPTED: the rows not asked keep what was known before; run again\n"}},
	}
	for _, tc := range tests {
		t.Run(string(tc.lang), func(t *testing.T) {
			s.Lang = tc.lang
			var b strings.Builder
			s.Print(&b)
			for _, w := range tc.want {
				if !strings.Contains(b.String(), w) {
					t.Errorf("lacks %q:\n%s", w, b.String())
				}
			}
		})
	}
}
