package importer_test

import (
	"context"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"orderimport/importer"
	"orderimport/mapping"
	"orderimport/providers"
	"orderimport/providers/all"
	"orderimport/providers/sandbox"
)

// TestSampleMappingFiles: each commented mapping file in samples/ imports
// its samples with every row ok.
func TestSampleMappingFiles(t *testing.T) {
	cases := []struct{ provider, mapping, file string }{
		{"damaijia", "damaijia_mapping.yaml", "damaijia_orders.xlsx"},
		{"damaijia", "damaijia_mapping.yaml", "damaijia_orders.csv"},
		{"openapi", "storefront_mapping.yaml", "storefront_orders.csv"},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			m, err := mapping.Load(filepath.Join("..", "samples", tc.mapping))
			if err != nil {
				t.Fatal(err)
			}
			hs := httptest.NewServer(sandbox.New(sandbox.Options{}))
			defer hs.Close()
			entry, err := all.Lookup(tc.provider)
			if err != nil {
				t.Fatal(err)
			}
			prov, err := entry.New(providers.Config{BaseURL: hs.URL, Token: "t"}, 50)
			if err != nil {
				t.Fatal(err)
			}
			sum, err := importer.Run(context.Background(), importer.Options{
				Input: filepath.Join("..", "samples", tc.file), Output: filepath.Join(t.TempDir(), "r"+filepath.Ext(tc.file)),
				Provider: prov, Mapping: m, Workers: 2})
			if err != nil {
				t.Fatal(err)
			}
			if sum.Counts[importer.StatusOK] != sum.Rows || sum.Rows == 0 {
				t.Fatalf("rows %d, counts %v", sum.Rows, sum.Counts)
			}
		})
	}
}
