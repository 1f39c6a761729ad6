package synth

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestWriteCSVDeterministic(t *testing.T) {
	for _, k := range Kinds {
		t.Run(k.Name, func(t *testing.T) {
			var a, b, c bytes.Buffer
			for _, w := range []struct {
				buf  *bytes.Buffer
				seed uint64
			}{{&a, 1}, {&b, 1}, {&c, 2}} {
				if err := WriteCSV(w.buf, k, 200, w.seed); err != nil {
					t.Fatal(err)
				}
			}
			if sha256.Sum256(a.Bytes()) != sha256.Sum256(b.Bytes()) {
				t.Error("same seed, different files")
			}
			if bytes.Equal(a.Bytes(), c.Bytes()) {
				t.Error("different seeds, same file")
			}
			recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(a.Bytes(), []byte("\ufeff")))).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			if len(recs) != 201 || len(recs[0]) != len(k.Header) {
				t.Fatalf("got %d records of %d cells, want 201 of %d", len(recs), len(recs[0]), len(k.Header))
			}
		})
	}
}

func TestDamaijiaRowShape(t *testing.T) {
	g := NewDamaijia(7)
	var row []string
	seen := map[string]bool{}
	for range 1000 {
		row = g.Row(row)
		if len(row[0]) != 18 || row[0][17] == '0' || len(row[2]) != 11 || row[1] == "" || row[6] == "" {
			t.Fatalf("bad row %q", row)
		}
		if seen[row[0]] {
			t.Fatalf("order number %s repeated", row[0])
		}
		seen[row[0]] = true
	}
}

func TestStorefrontMultiItemOrders(t *testing.T) {
	g := NewStorefront(3)
	var row []string
	items := map[string]int{}
	for range 1000 {
		row = g.Row(row)
		items[row[0]]++
		if items[row[0]] == 1 && row[1] == "" {
			t.Fatalf("first row of %s has no e-mail", row[0])
		}
		if items[row[0]] > 1 && row[1] != "" {
			t.Fatalf("continuation row of %s repeats the order fields", row[0])
		}
	}
	multi := 0
	for _, n := range items {
		if n > 1 {
			multi++
		}
	}
	if multi == 0 {
		t.Error("no multi-item order")
	}
}

func TestWriteXLSXNumbers(t *testing.T) {
	p := filepath.Join(t.TempDir(), "d.xlsx")
	k, _ := LookupKind("damaijia")
	if err := WriteFile(p, "xlsx", k, 50, 1); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	typ, err := f.GetCellType("Sheet1", "C2")
	if err != nil {
		t.Fatal(err)
	}
	if typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
		t.Errorf("phone cell type %v, want a number", typ)
	}
	rows, err := f.GetRows("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 51 || rows[0][0] != "订单编号" {
		t.Errorf("got %d rows, header %q", len(rows), rows[0])
	}
}

func TestLookupKindUnknown(t *testing.T) {
	if _, err := LookupKind("nope"); err == nil {
		t.Error("want an error")
	}
}
