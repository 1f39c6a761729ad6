package mapping

import (
	"bytes"
	"encoding/csv"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"orderimport/providers"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// TestGolden maps small CSV tables with the default mappings and compares
// every record and problem with testdata/<name>.golden (go test -update).
func TestGolden(t *testing.T) {
	tests := []struct {
		name     string
		provider string
		fields   []providers.Field
		set      map[string]string
	}{
		{"damaijia", "damaijia", damaijiaFields(), map[string]string{"product_id": "614"}},
		{"openapi", "openapi", openapiFields(), nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := mapTable(t, filepath.Join("testdata", tc.name+".csv"), tc.provider, tc.fields, tc.set)
			checkGolden(t, filepath.Join("testdata", tc.name+".golden"), got)
		})
	}
}

// checkGolden compares got with the golden file at path, rewriting the
// file first with -update.
func checkGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (run go test -update and review the diff):\n%s", path, got)
	}
}

// mapTable finds the header row with IsHeader, compiles the default mapping
// and prints each row's record and problems.
func mapTable(t *testing.T, path, provider string, fields []providers.Field, set map[string]string) []byte {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	m := mustDefault(t, provider)
	for k, v := range set {
		m.Set(k, v)
	}
	var out bytes.Buffer
	hdr := -1
	for i, row := range rows {
		if m.IsHeader(row) {
			hdr = i
			break
		}
	}
	if hdr < 0 {
		t.Fatal("no header row found")
	}
	fmt.Fprintf(&out, "header on line %d\n", hdr+1)
	mp, err := m.Compile(rows[hdr], fields)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range mp.Columns() {
		fmt.Fprintf(&out, "  %s\n", u)
	}
	for i, row := range rows[hdr+1:] {
		line := hdr + 2 + i
		rec, errs := mp.Map(line, row)
		status := "ok"
		if HasErrors(errs) {
			status = "invalid"
		}
		fmt.Fprintf(&out, "\nline %d: %s\n", line, status)
		for j, fl := range fields {
			if rec.Values[j] != "" {
				fmt.Fprintf(&out, "  %s=%s\n", fl.Name, rec.Values[j])
			}
		}
		for _, e := range errs {
			fmt.Fprintf(&out, "  ! %s\n", e)
		}
	}
	return []byte(strings.ReplaceAll(out.String(), "\r", ""))
}
