package mapping

import (
	"testing"
)

// BenchmarkMap maps a typical valid damaijia row; it reports rows/s and
// allocations per row.
func BenchmarkMap(b *testing.B) {
	mp := damaijiaMapper(b)
	cells := []string{"301234567890123456", "张三", "13800138000", "浙江省", "杭州市", "余杭区", "测试路1号", "1", "pdd", ""}
	b.ReportAllocs()
	for b.Loop() {
		if _, errs := mp.Map(2, cells); len(errs) != 0 {
			b.Fatal(errs)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkMapMessy maps a row that needs normalising (full-width digits,
// +86, aliases, ="..." text) with one warning.
func BenchmarkMapMessy(b *testing.B) {
	mp := damaijiaMapper(b)
	cells := []string{"=\"301234567890123456\"", " 张三 ", "+86 １３８ 0013 8000", "浙江省", "杭州市", "余杭区", "测试路1号", "2.0", "淘宝", "", "x"}
	b.ReportAllocs()
	for b.Loop() {
		mp.Map(2, cells)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}
