package web

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"

	"orderimport/importer"
	"orderimport/mapping"
	"orderimport/samples/gen/synth"
)

// The page's check against the command line's dry run, on the same
// synthetic XLSX (ORDERIMPORT_BENCH_ROWS rows, 200,000 by default; or the
// file ORDERIMPORT_BENCH_FILE, e.g. written by
// go run ./samples/gen -rows 200000 -format xlsx -out /tmp/big.xlsx):
//
//	go test ./importer/web -run '^$' -bench 'Check' -benchtime 1x -count 3
//
// BenchmarkCheckCLI is what "orderimport import FILE --provider damaijia
// --dry-run" runs (importer.Run with the built-in mapping, a preset
// recognised); BenchmarkCheckPage posts the map page's "check" button to
// the handler (httptest, loopback), which runs the same dry run and lists
// the rows not sent. BenchmarkCheckMemory checks three times in one server
// and reports the heap in use and the process's resident size after each.

var (
	benchOnce sync.Once
	benchFile string
	benchErr  error
	// benchOwned: the benchmarks wrote benchFile (TestMain removes it);
	// false for ORDERIMPORT_BENCH_FILE.
	benchOwned bool
)

// benchXLSX writes the benchmark's XLSX once per process.
func benchXLSX(b *testing.B) string {
	b.Helper()
	benchOnce.Do(func() {
		if f := os.Getenv("ORDERIMPORT_BENCH_FILE"); f != "" {
			benchFile, benchOwned = f, false
			return
		}
		benchOwned = true
		rows := 200000
		if v, err := strconv.Atoi(os.Getenv("ORDERIMPORT_BENCH_ROWS")); err == nil && v > 0 {
			rows = v
		}
		dir, err := os.MkdirTemp("", "orderimport-web-bench-")
		if err != nil {
			benchErr = err
			return
		}
		kind, _ := synth.LookupKind("damaijia")
		benchFile = filepath.Join(dir, "big.xlsx")
		benchErr = synth.WriteXLSX(benchFile, kind, rows, 1)
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchFile
}

func BenchmarkCheckCLI(b *testing.B) {
	file := benchXLSX(b)
	prov, err := offlineProvider("damaijia")
	if err != nil {
		b.Fatal(err)
	}
	out := filepath.Join(b.TempDir(), "big.dryrun.xlsx")
	cpu := cpuSeconds()
	for b.Loop() {
		m, err := mapping.Default("damaijia")
		if err != nil {
			b.Fatal(err)
		}
		sum, err := importer.Run(context.Background(), importer.Options{Input: file, Output: out, ProviderName: "damaijia",
			Provider: prov, Mapping: m, Recognise: true, DryRun: true, Log: slog.New(slog.DiscardHandler)})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(sum.Rows), "rows")
	}
	b.ReportMetric((cpuSeconds()-cpu)/float64(b.N), "cpu-s/op")
}

func BenchmarkCheckPage(b *testing.B) {
	file := benchXLSX(b)
	e := newEnv(b, func(c *Config) { c.Log = slog.New(slog.DiscardHandler) })
	id := benchUpload(b, e, file)
	cpu := cpuSeconds()
	for b.Loop() {
		if code, body := e.check(id, nil); code != http.StatusSeeOther {
			b.Fatalf("check: %d %s", code, errorLine(body))
		}
	}
	b.ReportMetric((cpuSeconds()-cpu)/float64(b.N), "cpu-s/op")
	b.ReportMetric(float64(e.srv.uploads[id].check.Rows), "rows")
}

func BenchmarkCheckMemory(b *testing.B) {
	file := benchXLSX(b)
	e := newEnv(b, func(c *Config) { c.Log = slog.New(slog.DiscardHandler) })
	id := benchUpload(b, e, file)
	for b.Loop() {
		for i := 1; i <= 3; i++ {
			if code, body := e.check(id, nil); code != http.StatusSeeOther {
				b.Fatalf("check: %d %s", code, errorLine(body))
			}
			runtime.GC()
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			b.ReportMetric(float64(ms.HeapInuse)/(1<<20), "heapMB-after-"+strconv.Itoa(i))
			b.ReportMetric(rssMB(), "rssMB-after-"+strconv.Itoa(i))
		}
	}
}

// benchUpload uploads file through the page (not timed).
func benchUpload(b *testing.B, e *testEnv, file string) string {
	b.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	b.StopTimer()
	defer b.StartTimer()
	return e.upload("big.xlsx", data, "damaijia")
}

// rssMB is the process's resident set size (Linux; 0 elsewhere).
func rssMB() float64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	data, _ := io.ReadAll(f)
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			return float64(kb) / 1024
		}
	}
	return 0
}
