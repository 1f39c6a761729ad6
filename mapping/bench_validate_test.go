package mapping_test

import (
	"testing"

	"orderimport/mapping"
	"orderimport/providers"
	"orderimport/providers/all"
	"orderimport/samples/gen/synth"
)

// BenchmarkMapGenerated maps and validates 10,000 distinct generated rows
// (damaijia consignees; storefront line items, a third of them order rows
// with e-mail, phone, country) with the default mappings, cycling over them.
// It reports rows/s and allocations per row. The memo cases map the way the
// importer does: MapToMemo into a reused slice, rows in file order (only a
// mapping whose fields are independent, like damaijia's, uses the Memo).
func BenchmarkMapGenerated(b *testing.B) {
	for _, c := range []struct{ provider, kind string }{{"damaijia", "damaijia"}, {"openapi", "storefront"}} {
		b.Run(c.provider, func(b *testing.B) {
			mp, rows := benchMapper(b, c.provider, c.kind, 10000)
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				_, problems := mp.Map(i+2, rows[i%len(rows)])
				for _, p := range problems {
					if !p.Warning {
						b.Fatal(p)
					}
				}
				i++
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "rows/s")
		})
		b.Run(c.provider+"/memo", func(b *testing.B) {
			mp, rows := benchMapper(b, c.provider, c.kind, 10000)
			var m mapping.Memo
			dst := make([]string, len(mp.Fields()))
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				_, problems := mp.MapToMemo(&m, dst, i+2, rows[i%len(rows)])
				for _, p := range problems {
					if !p.Warning {
						b.Fatal(p)
					}
				}
				i++
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}

// benchMapper compiles provider name's default mapping against the
// generated header of kind and returns it with n generated rows.
func benchMapper(b *testing.B, name, kind string, n int) (*mapping.Mapper, [][]string) {
	b.Helper()
	entry, err := all.Lookup(name)
	if err != nil {
		b.Fatal(err)
	}
	prov, err := entry.New(providers.Config{BaseURL: "http://bench.invalid", Token: "bench-token"}, 0)
	if err != nil {
		b.Fatal(err)
	}
	m, err := mapping.Default(name)
	if err != nil {
		b.Fatal(err)
	}
	k, err := synth.LookupKind(kind)
	if err != nil {
		b.Fatal(err)
	}
	mp, err := m.Compile(k.Header, prov.Fields())
	if err != nil {
		b.Fatal(err)
	}
	g := k.New(1)
	rows := make([][]string, n)
	for i := range rows {
		rows[i] = g.Row(nil)
	}
	return mp, rows
}
