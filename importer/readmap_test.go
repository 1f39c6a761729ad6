package importer

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"orderimport/importer/sheet"
)

func TestEstimateRows(t *testing.T) {
	const rows = 5000
	var sb strings.Builder
	sb.WriteString("\ufeff订单编号,收货人姓名,手机,详细地址\n")
	for i := range rows {
		fmt.Fprintf(&sb, "%d,样例%d,1380000%04d,测试路%d号%s\n", 3000000+i, i%7, i, i%900, strings.Repeat("室", i%5))
	}
	path := filepath.Join(t.TempDir(), "orders.csv")
	if err := os.WriteFile(path, []byte(sb.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	in, err := sheet.Open(path, sheet.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	b := newMapBatch()
	for range mapBatchRows {
		row, err := in.(appendInput).NextAppend(&b.Buffers)
		if err != nil {
			t.Fatal(err)
		}
		b.rows = append(b.rows, batchRow{row: row})
	}
	got := estimateRows(path, b)
	if got < rows || got > rows*13/10 {
		t.Errorf("estimated %d rows, want %d to %d", got, rows, rows*13/10)
	}
	if got := estimateRows(path, newMapBatch()); got != 0 {
		t.Errorf("no rows: estimated %d", got)
	}
}
