package importer

import (
	"fmt"
	"strings"
	"testing"

	"orderimport/importer/dupset"
	"orderimport/importer/sheet"
	"orderimport/mapping"
	"orderimport/providers"
)

// groupRows feeds rows (key, invalid) to a grouper and returns the orders it
// emitted as "line,line|line" plus the problems by line, with the orders
// whose key an earlier order had flagged as the run flags them.
func groupRows(g providers.Grouping, window int, keys []string, invalid map[int]bool) ([]string, map[int]string) {
	var emitted [][]pendingRow
	seen := dupset.New("", false)
	defer seen.Close()
	keyOf := func(dst []byte, r providers.Record) []byte { return append(dst, r.Values[0]...) }
	gr := newGrouper(g, keyOf, window, seen, func(rows []pendingRow) {
		emitted = append(emitted, rows)
	})
	for i, k := range keys {
		line := i + 2
		pr := testPendingRow(i, line, providers.Record{Values: []string{k}})
		if invalid[line] {
			pr.problems = []*mapping.FieldError{{Line: line, Field: "qty", Err: mapping.ErrInvalid}}
		}
		gr.add(pr)
	}
	gr.flush()
	var pending []*dupset.Answer
	for _, rows := range emitted {
		if a := rows[0].order; a != nil {
			pending = append(pending, a)
		}
	}
	if err := seen.Resolve(pending); err != nil {
		panic(err)
	}
	var orders []string
	problems := map[int]string{}
	for _, rows := range emitted {
		markNotAdjacent(rows, string(keyOf(nil, rows[0].rec)))
		lines := make([]string, len(rows))
		for i, r := range rows {
			lines[i] = fmt.Sprint(r.row.Line)
			for _, p := range r.problems {
				problems[r.row.Line] = p.Error()
			}
		}
		orders = append(orders, strings.Join(lines, ","))
	}
	return orders, problems
}

func TestGroupAdjacent(t *testing.T) {
	adjacent := providers.Grouping{Adjacent: true}
	tests := []struct {
		name     string
		keys     []string
		invalid  map[int]bool
		window   int
		orders   string
		problems map[int]string
	}{
		{name: "one row per order", keys: []string{"1001", "1002", "1003"}, orders: "2|3|4"},
		{name: "adjacent rows join", keys: []string{"1001", "1001", "1002", "1002", "1002"}, orders: "2,3|4,5,6"},
		{name: "blank key continues the order", keys: []string{"1001", "", "", "1002", ""}, orders: "2,3,4|5,6"},
		{name: "invalid row stays in its order", keys: []string{"1001", "1001", "1002"}, invalid: map[int]bool{3: true}, orders: "2,3|4",
			problems: map[int]string{3: "row 3, constant: qty: invalid value"}},
		{name: "not adjacent is flagged", keys: []string{"1001", "1001", "1002", "1001", "", "1003"}, orders: "2,3|4|5,6|7",
			problems: map[int]string{5: "row 5: rows of order #1001 are not adjacent: first seen at row 2; sort the file by order number"}},
		{name: "each later run is flagged", keys: []string{"A", "B", "A", "B", "A"}, orders: "2|3|4|5|6",
			problems: map[int]string{4: "first seen at row 2", 5: "first seen at row 3", 6: "first seen at row 2"}},
		{name: "long order split by the window is not flagged", keys: []string{"1001", "1001", "1001", "1001", "1001"}, window: 2,
			orders: "2,3|4,5|6"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			window := tc.window
			if window == 0 {
				window = 100
			}
			orders, problems := groupRows(adjacent, window, tc.keys, tc.invalid)
			if got := strings.Join(orders, "|"); got != tc.orders {
				t.Errorf("orders %s, want %s", got, tc.orders)
			}
			if len(problems) != len(tc.problems) {
				t.Errorf("problems %v, want %v", problems, tc.problems)
			}
			for line, want := range tc.problems {
				if !strings.Contains(problems[line], want) {
					t.Errorf("row %d: problem %q, want it to contain %q", line, problems[line], want)
				}
			}
		})
	}
}

func TestGroupByKey(t *testing.T) {
	tests := []struct {
		name    string
		max     int
		window  int
		keys    []string
		invalid map[int]bool
		orders  string
	}{
		{name: "same key anywhere joins", keys: []string{"614|1", "615|1", "614|1", "615|2", "614|1"}, orders: "2,4,6|3|5"},
		{name: "batch caps an order", max: 2, keys: []string{"a", "a", "a", "a", "a"}, orders: "2,3|4,5|6"},
		{name: "invalid row travels alone", keys: []string{"a", "a", "a"}, invalid: map[int]bool{3: true}, orders: "3|2,4"},
		{name: "window sends old groups", window: 3, keys: []string{"a", "b", "b", "b", "a"}, orders: "2|3,4,5|6"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			window := tc.window
			if window == 0 {
				window = 100
			}
			orders, _ := groupRows(providers.Grouping{MaxRows: tc.max}, window, tc.keys, tc.invalid)
			if got := strings.Join(orders, "|"); got != tc.orders {
				t.Errorf("orders %s, want %s", got, tc.orders)
			}
		})
	}
}

// TestGroupNotesOrderKeys: the grouper notes each order's key once, when
// the order begins, in the run's duplicate set (whose memory is bounded),
// and keeps nothing per order itself.
func TestGroupNotesOrderKeys(t *testing.T) {
	const n = 100_000
	seen := dupset.New(t.TempDir(), false)
	defer seen.Close()
	orders, pending := 0, 0
	gr := newGrouper(providers.Grouping{Adjacent: true}, func(dst []byte, r providers.Record) []byte { return append(dst, r.Values[0]...) }, 100, seen,
		func(rows []pendingRow) {
			orders++
			if a := rows[0].order; a == nil {
				t.Fatalf("row %d: no key check", rows[0].row.Line)
			} else if a.Pending() {
				pending++
			}
		})
	for i := range n {
		key := fmt.Sprintf("ORDER-%09d", i/2) // two rows an order
		gr.add(testPendingRow(i, i+2, providers.Record{Values: []string{key}}))
	}
	gr.flush()
	if orders != n/2 || seen.Notes() != n/2 {
		t.Fatalf("%d orders, %d keys noted, want %d", orders, seen.Notes(), n/2)
	}
	if pending > 5 {
		t.Errorf("%d of %d new keys pending", pending, n/2)
	}
}

// testPendingRow is a mapped row numbered seq, read at line.
func testPendingRow(seq, line int, rec providers.Record) pendingRow {
	return pendingRow{batchRow: &batchRow{seq: seq, row: sheet.Row{Line: line}, rec: rec}}
}
