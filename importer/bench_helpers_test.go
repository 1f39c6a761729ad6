package importer_test

import (
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"orderimport/importer"
	"orderimport/mapping"
	"orderimport/providers"
	"orderimport/providers/all"
	"orderimport/samples/gen/synth"
)

// benchRows returns the row count of a generated benchmark file: the
// environment variable env when set (e.g. BENCH_CSV_ROWS=1000000), else def.
func benchRows(env string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(env)); err == nil && n > 0 {
		return n
	}
	return def
}

// benchFile generates rows rows of kind ("damaijia", "storefront") as
// format ("csv", "xlsx") in a temporary directory that lives as long as b.
func benchFile(b *testing.B, kind, format string, rows int) string {
	b.Helper()
	k, err := synth.LookupKind(kind)
	if err != nil {
		b.Fatal(err)
	}
	p := filepath.Join(b.TempDir(), kind+"."+format)
	if err := synth.WriteFile(p, format, k, rows, 1); err != nil {
		b.Fatal(err)
	}
	return p
}

// benchProvider builds provider name pointed at baseURL ("" for a dry run)
// with batch consignees per damaijia request (0: the default).
func benchProvider(b testing.TB, name, baseURL string, batch int) providers.Provider {
	b.Helper()
	entry, err := all.Lookup(name)
	if err != nil {
		b.Fatal(err)
	}
	if baseURL == "" {
		baseURL = "http://dry-run.invalid"
	}
	prov, err := entry.New(providers.Config{BaseURL: baseURL, Token: "bench-token"}, batch)
	if err != nil {
		b.Fatal(err)
	}
	return prov
}

// benchOptions are the options of a run of in through provider name; the
// result sheet goes to a temporary file of the input's format.
func benchOptions(b testing.TB, name string, prov providers.Provider, in string) importer.Options {
	b.Helper()
	m, err := mapping.Default(name)
	if err != nil {
		b.Fatal(err)
	}
	out := filepath.Join(b.TempDir(), "result"+filepath.Ext(in))
	return importer.Options{Input: in, Output: out, ProviderName: name, Provider: prov, Mapping: m,
		Workers: 4, Timeout: 5 * time.Second, Retries: 3,
		Backoff: func(int) time.Duration { return time.Millisecond }}
}

// bareCSV reads every record of path with encoding/csv (ReuseRecord), the
// fastest a CSV can be read in Go, and returns the record count.
func bareCSV(b testing.TB, path string) int {
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.ReuseRecord = true
	r.FieldsPerRecord = -1
	n := 0
	for {
		_, err := r.Read()
		if err == io.EOF {
			return n
		}
		if err != nil {
			b.Fatal(err)
		}
		n++
	}
}

// bareXLSX iterates every row of the first sheet of path with excelize's
// streaming Rows() and raw values (its fastest mode) and returns the count.
func bareXLSX(b testing.TB, path string) int {
	opts := excelize.Options{RawCellValue: true}
	f, err := excelize.OpenFile(path, opts)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	rows, err := f.Rows(f.GetSheetName(0))
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		if _, err := rows.Columns(opts); err != nil {
			b.Fatal(err)
		}
		n++
	}
	return n
}

// reportRows reports rows per second over the b.N iterations.
func reportRows(b *testing.B, rows int) {
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

// nsPerOp is the time per iteration of a finished benchmark loop.
func nsPerOp(b *testing.B) float64 {
	return float64(b.Elapsed().Nanoseconds()) / float64(b.N)
}

// cpuTime is the CPU time (user + system) this process has used so far.
func cpuTime(b testing.TB) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
