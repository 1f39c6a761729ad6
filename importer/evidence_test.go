package importer_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"orderimport/importer"
	"orderimport/providers/sandbox"
)

const idHeader = "订单编号,收货人姓名,手机,省份,城市,区县,详细地址,礼品ID,数量,来源,备注"

// genuineZeros is a genuine 18-digit order number that ends in zeros: it
// has 15 significant digits, like a number Excel rounded.
const genuineZeros = "301000000071271000"

// longIDs returns n 18-digit order numbers, each keeping a non-zero digit
// past the 15th, except the one at zeroAt (-1: none), which is
// genuineZeros: one id in a thousand ends in 000 in real exports.
func longIDs(n, zeroAt int) []string {
	rng := rand.New(rand.NewPCG(7, 7))
	ids := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprintf("3%014d%03d", rng.Int64N(1e14), 1+rng.IntN(999))
		if i == zeroAt {
			ids[i] = genuineZeros
		}
	}
	return ids
}

// writeIDsCSV writes a damaijia CSV with one row per id.
func writeIDsCSV(t *testing.T, ids []string) string {
	t.Helper()
	var b strings.Builder
	b.WriteString(idHeader + "\n")
	for i, id := range ids {
		fmt.Fprintf(&b, "%s,测试%d,138%08d,浙江省,杭州市,余杭区,测试路%d号,614,1,淘宝,x\n", id, i, i, i+1)
	}
	path := filepath.Join(t.TempDir(), "ids.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// writeIDsXLSX writes the same as an XLSX file, the ids as text cells or
// as number cells.
func writeIDsXLSX(t *testing.T, ids []string, asNumbers bool) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sh := f.GetSheetName(0)
	for c, h := range strings.Split(idHeader, ",") {
		cell, _ := excelize.CoordinatesToCellName(c+1, 1)
		_ = f.SetCellStr(sh, cell, h)
	}
	for i, id := range ids {
		r := i + 2
		var v any = id
		if asNumbers {
			n, _ := strconv.ParseInt(id, 10, 64)
			v = n
		}
		vals := []any{v, fmt.Sprintf("测试%d", i), fmt.Sprintf("138%08d", i), "浙江省", "杭州市", "余杭区", fmt.Sprintf("测试路%d号", i+1), 614, 1, "淘宝", "x"}
		cell, _ := excelize.CoordinatesToCellName(1, r)
		if err := f.SetSheetRow(sh, cell, &vals); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(t.TempDir(), "ids.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestLongIDsEndingInZeros: a genuine order number that ends in 000 among
// a thousand long ids is sent exactly, whatever the file: a CSV whose other
// ids keep their digits, an XLSX whose cells are text, an XLSX whose number
// cells keep their digits (written by a program, not by Excel). Only where
// the evidence says Excel rounded (a CSV or an XLSX of numbers all cut to
// 15 digits) is it refused. It used to be refused everywhere.
func TestLongIDsEndingInZeros(t *testing.T) {
	ids := longIDs(1000, 500)
	excel := make([]string, len(ids))
	for i, id := range ids {
		excel[i] = id[:15] + "000" // Excel's 15 significant digits
	}
	tests := []struct {
		name    string
		file    func(t *testing.T) string
		invalid int
	}{
		{"csv", func(t *testing.T) string { return writeIDsCSV(t, ids) }, 0},
		{"xlsx text cells", func(t *testing.T) string { return writeIDsXLSX(t, ids, false) }, 0},
		{"xlsx number cells keeping their digits", func(t *testing.T) string { return writeIDsXLSX(t, ids, true) }, 0},
		{"csv saved by Excel", func(t *testing.T) string { return writeIDsCSV(t, excel) }, 1000},
		{"xlsx number cells rounded by Excel", func(t *testing.T) string { return writeIDsXLSX(t, excel, true) }, 1000},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			file := tc.file(t)
			sum, rows, srv := runThrough(t, "damaijia", file, sandbox.Options{}, nil)
			if got := sum.Counts[importer.StatusInvalid]; got != tc.invalid {
				t.Fatalf("%d invalid rows, want %d: %v", got, tc.invalid, sum.Counts)
			}
			sent := createdBySN(srv)
			if tc.invalid > 0 {
				if len(sent) != 0 {
					t.Fatalf("%d orders sent", len(sent))
				}
				if e := rows[501][len(rows[501])-1]; !strings.Contains(e, "Excel changed this number") {
					t.Errorf("row 502: %q", e)
				}
				return
			}
			if sent[genuineZeros] != 1 || len(sent) != len(ids) {
				t.Errorf("%s sent %d times; %d ids sent of %d", genuineZeros, sent[genuineZeros], len(sent), len(ids))
			}
		})
	}
}

// TestLongIDsDryRunEvidence: a dry run decides as the real run does, also
// when the id that ends in zeros comes first and the ids that prove the
// column genuine come after the first batch of rows (the rest of the file
// is read for the evidence).
func TestLongIDsDryRunEvidence(t *testing.T) {
	ids := longIDs(600, 0)
	for i := 1; i < 400; i++ {
		ids[i] = fmt.Sprintf("TB%06d", i) // short ids: no evidence either way
	}
	file := writeIDsCSV(t, ids)
	for _, dry := range []bool{true, false} {
		t.Run(fmt.Sprintf("dry run %v", dry), func(t *testing.T) {
			sum, rows, _ := runThrough(t, "damaijia", file, sandbox.Options{}, func(o *importer.Options) { o.DryRun = dry })
			if sum.Counts[importer.StatusInvalid] != 0 {
				t.Fatalf("counts %v; row 2: %v", sum.Counts, rows[1])
			}
		})
	}
}
