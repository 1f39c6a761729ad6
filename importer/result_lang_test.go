package importer_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"orderimport/importer"
	"orderimport/importer/i18n"
	"orderimport/importer/ledger"
	"orderimport/providers/sandbox"
)

// TestRowResultLanguages: the error cells the run itself writes (a row
// repeated in the file, a row an earlier run created) in both languages;
// the status values do not change.
func TestRowResultLanguages(t *testing.T) {
	tests := []struct {
		lang              i18n.Lang
		duplicate, before string
	}{
		{i18n.Zh, "与第 2 行重复：没有发送（加 --allow-duplicates 会发送）", "，不再发送；加 --allow-duplicates 会再发送"},
		{i18n.En, "duplicate of row 2: not sent (--allow-duplicates sends it)", "), not sent again; --allow-duplicates sends it"},
	}
	for _, tc := range tests {
		t.Run(string(tc.lang), func(t *testing.T) {
			file, _ := writeRepeats(t, []int{0, 1, 0})
			ctx := context.Background()
			led, err := ledger.Open(ctx, filepath.Join(t.TempDir(), "ledger.db"))
			if err != nil {
				t.Fatal(err)
			}
			defer led.Close()
			var sheets [][][]string
			for range 2 {
				if _, err := led.BeginRun(ctx, file); err != nil {
					t.Fatal(err)
				}
				_, sheet, _ := runThrough(t, "damaijia", file, sandbox.Options{}, func(o *importer.Options) {
					o.Ledger, o.Account, o.Lang = led, "sandbox", tc.lang
				})
				sheets = append(sheets, sheet)
			}
			first, second := sheets[0], sheets[1]
			st, msg := column(t, first[0], "status"), column(t, first[0], "error")
			if got := first[3][st] + " " + first[3][msg]; got != "skipped "+tc.duplicate {
				t.Errorf("first run, row 4: %q, want skipped %q", got, tc.duplicate)
			}
			for i, row := range second[1:3] {
				if row[st] != "skipped" || !strings.Contains(row[msg], tc.before) {
					t.Errorf("second run, row %d: %s %q, want skipped …%q", i+2, row[st], row[msg], tc.before)
				}
			}
		})
	}
}
