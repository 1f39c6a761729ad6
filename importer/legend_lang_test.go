package importer_test

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"orderimport/importer"
	"orderimport/importer/i18n"
	"orderimport/importer/sheet"
)

// TestLegendLanguages: the legend sheet 说明 explains every result and
// tracking column and every status in Chinese; in English runs the English
// explanations follow in the next columns. The column names and the status
// values are the same in both.
func TestLegendLanguages(t *testing.T) {
	tests := []struct {
		lang  i18n.Lang
		width int      // cells of a status row
		want  []string // whole rows, cells joined with |
	}{
		{i18n.Zh, 3, []string{"列|说明", "status|这一行的结果，见下表", "status|含义|怎么办",
			"ok|订单已创建，平台接受了这一行|无需处理", "extra_1 …|原表格中超出表头的单元格，原样保留（重新导入时放回原来的位置）"}},
		{i18n.En, 5, []string{"列|说明|explanation", "status|这一行的结果，见下表|the row's result: see the table below",
			"status|含义|怎么办|meaning|what to do",
			"ok|订单已创建，平台接受了这一行|无需处理|the order was created; the provider accepted the row|nothing to do",
			"invalid|校验未通过，没有发送；error 写明行、列和字段|改正这一行后用 orderimport retry 重新提交|" +
				"the row failed validation and was not sent; error names the row, column and field|" +
				"correct the row, then send the result sheet with orderimport retry"}},
	}
	for _, tc := range tests {
		t.Run(string(tc.lang), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "r.xlsx")
			w, err := importer.CreateResult(path, tc.lang)
			if err != nil {
				t.Fatal(err)
			}
			if err := w.WriteHeader([]string{"a"}); err != nil {
				t.Fatal(err)
			}
			if err := w.WriteRow(sheet.Row{Line: 2, Cells: []string{"x"}}, importer.RowResult{Status: importer.StatusOK}); err != nil {
				t.Fatal(err)
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			f, err := excelize.OpenFile(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			rows, err := f.GetRows("说明")
			if err != nil {
				t.Fatal(err)
			}
			var lines []string
			names := map[string]bool{}
			for _, r := range rows {
				lines = append(lines, strings.Join(r, "|"))
				if len(r) > 0 {
					names[r[0]] = true
				}
				if len(r) > 0 && slices.Contains(importer.Statuses, importer.Status(r[0])) && len(r) != tc.width {
					t.Errorf("status row %q has %d cells, want %d", r, len(r), tc.width)
				}
			}
			for _, want := range tc.want {
				if !slices.Contains(lines, want) {
					t.Errorf("legend lacks the row %q:\n%s", want, strings.Join(lines, "\n"))
				}
			}
			for _, c := range slices.Concat(importer.ResultColumns, importer.TrackColumns) {
				if !names[c] {
					t.Errorf("the legend does not explain the column %s", c)
				}
			}
			for _, s := range importer.Statuses {
				if !names[string(s)] {
					t.Errorf("the legend does not explain the status %s", s)
				}
			}
			if w, _ := f.GetColWidth("说明", "E"); tc.width == 5 && w != 60 {
				t.Errorf("column E width %v, want 60", w)
			}
		})
	}
}
