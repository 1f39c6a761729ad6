package sheet

import "testing"

// The importer's result columns, as plain data: what the writers' tests
// write (the sheet package knows nothing of statuses).

// testColumns are the columns the tests' result sheets add.
var testColumns = []string{"status", "order_id", "order_sn", "msg_code", "msg", "forbidden_zone", "error"}

// The statuses the tests write.
const (
	statusOK       = "ok"
	statusRejected = "rejected"
	statusInvalid  = "invalid"
	statusUnknown  = "unknown"
	statusReady    = "ready"
)

// testResult is one row's added cells, by name.
type testResult struct {
	Status, OrderID, OrderSN, MsgCode, Msg, ForbiddenZone, Error string
}

// Cells returns the added cells in testColumns order.
func (r testResult) Cells() []string {
	return []string{r.Status, r.OrderID, r.OrderSN, r.MsgCode, r.Msg, r.ForbiddenZone, r.Error}
}

// testSpec is the Result of the tests' sheets: the status coloured and
// written as it is, the other cells guarded against formulas.
func testSpec() Result {
	cols := make([]Column, len(testColumns))
	for i, name := range testColumns {
		cols[i] = Column{Name: name}
	}
	cols[0].Fills = map[string]string{statusOK: "C6EFCE", statusReady: "C6EFCE", statusRejected: "FFC7CE", statusInvalid: "FFC7CE", statusUnknown: "FFEB9C"}
	cols[0].Plain = true
	return Result{Columns: cols, Legend: Legend{Name: "说明", Alt: "结果说明", Tables: [][][]string{{{"列", "说明"}, {"status", "这一行的结果"}}}}}
}

// createTest creates a result sheet with the tests' columns.
func createTest(path string) (Writer, error) { return Create(path, testSpec()) }

// writeReady writes header and rows, each row ready, and closes w.
func writeReady(t *testing.T, w Writer, header []string, rows []Row) {
	t.Helper()
	if err := w.WriteHeader(header); err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if err := w.WriteRow(r, testResult{Status: statusReady}.Cells()); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}

// testPad returns cells padded with empty cells to width n (never cut).
func testPad(cells []string, n int) []string {
	if len(cells) >= n {
		return cells
	}
	out := make([]string, n)
	copy(out, cells)
	return out
}
