package i18n

import (
	"errors"
	"strings"
	"sync"
	"testing"
	"time"
)

// stringer is a fmt.Stringer.
type stringer string

func (s stringer) String() string { return string(s) }

// TestSprintf: both languages, reordered arguments, numbers without
// grouping, and an id the catalog lacks.
func TestSprintf(t *testing.T) {
	tests := []struct {
		name string
		lang Lang
		id   ID
		args []any
		want string
	}{
		{"en", En, SummaryResultSheet, []any{"a.result.xlsx"}, "result sheet: a.result.xlsx"},
		{"zh", Zh, SummaryResultSheet, []any{"a.result.xlsx"}, "结果表：a.result.xlsx"},
		{"en numbers not grouped", En, ValAtRow, []any{123456, "x"}, "row 123456: x"},
		{"zh numbers not grouped", Zh, ValAtRow, []any{123456, "x"}, "第 123456 行：x"},
		{"float", En, SummaryOrders, []any{1200, 3400, 1234.56}, "orders 1200, requests 3400, 1234.6 requests/s"},
		{"zh reordered", Zh, ValRegionNoSuchCity, []any{"杭州", "江苏省"}, "江苏省没有 \"杭州\" 这个市"},
		{"en skips an argument", En, SummaryCount, []any{"ok", 3, "created"}, "ok        3"},
		{"zh uses it", Zh, SummaryCount, []any{"ok", 3, "已创建"}, "ok             3 行  已创建"},
		{"status label", Zh, StatusLabel("invalid"), nil, "校验未通过，未发送"},
		{"an error", En, RowRefused, []any{"damaijia", errors.New("code 200: auth failed")}, "damaijia refused the order: code 200: auth failed"},
		{"a Stringer", Zh, RowBusy, []any{stringer("run r7")}, "run r7 正在发送：这次运行没有发送"},
		{"a duration", En, SummaryElapsed, []any{1500 * time.Millisecond}, "elapsed 1.5s"},
		{"unknown id", Zh, ID("no.such.message"), []any{1, "a"}, "no.such.message[1 a]"},
		{"unknown language", Lang("fr"), SummaryRun, []any{"r1"}, "run r1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Sprintf(tc.lang, tc.id, tc.args...); got != tc.want {
				t.Errorf("Sprintf(%s, %s, %v) = %q, want %q", tc.lang, tc.id, tc.args, got, tc.want)
			}
		})
	}
}

// TestPrinterConcurrent: printers are shared; -race proves it safe.
func TestPrinterConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			l := Langs[i%len(Langs)]
			var b strings.Builder
			for j := range 100 {
				NewPrinter(l).Fprintf(&b, ValAtRow, j, "x")
			}
			if b.Len() == 0 {
				t.Error("nothing printed")
			}
		})
	}
	wg.Wait()
}
