package importer

import (
	"testing"

	"orderimport/importer/dupset"
	"orderimport/mapping"
	"orderimport/providers"
	"orderimport/providers/all"
	"orderimport/samples/gen/synth"
)

// BenchmarkGroup groups pre-mapped generated rows the provider's way
// (damaijia: by product, quantity, source and remark, 50 per order;
// openapi: adjacent rows of one order), with OrderKey included. Size:
// BENCH_GROUP_ROWS (default 20000).
func BenchmarkGroup(b *testing.B) {
	n := 20000
	cases := []struct{ provider, kind string }{{"damaijia", "damaijia"}, {"openapi", "storefront"}}
	for _, c := range cases {
		b.Run(c.provider, func(b *testing.B) {
			prov, recs := benchGroupRecords(b, c.provider, c.kind, n)
			b.ReportAllocs()
			orders := 0
			dir := b.TempDir()
			for b.Loop() {
				orders = 0
				keys := dupset.New(dir, false)
				gr := newGrouper(prov.Grouping(), prov.AppendOrderKey, 1<<15, keys, func([]pendingRow) { orders++ })
				for i, rec := range recs {
					gr.add(testPendingRow(i, i+2, rec))
				}
				gr.flush()
				keys.Close()
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
			b.ReportMetric(float64(orders), "orders")
		})
	}
}

// benchGroupRecords maps n generated rows of kind for provider name; every
// row must be valid.
func benchGroupRecords(b *testing.B, name, kind string, n int) (providers.Provider, []providers.Record) {
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
	recs := make([]providers.Record, n)
	for i := range recs {
		rec, problems := mp.Map(i+2, g.Row(nil))
		for _, p := range problems {
			if !p.Warning {
				b.Fatalf("row %d: %v", i+2, p)
			}
		}
		recs[i] = rec
	}
	return prov, recs
}
