package sheet

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// BenchmarkReadMemory reads CSV and XLSX files of growing row counts and
// reports the largest live heap measured by the garbage collector while
// reading ("live-MB", /gc/heap/live:bytes) and the largest heap including
// garbage not yet collected ("peak-MB"): they must stay flat as the rows
// grow. base-MB is the live heap before reading (the generated file's
// leftovers). Run it with
//
//	go test ./importer -run '^$' -bench ReadMemory -benchtime 1x -timeout 30m
//
// The files are generated in b.TempDir (the 1M-row XLSX takes minutes).
func BenchmarkReadMemory(b *testing.B) {
	for _, n := range []int{100_000, 1_000_000} {
		b.Run(fmt.Sprintf("csv-%dk", n/1000), func(b *testing.B) {
			readBenchPeak(b, readMemCSV(b, n), n)
		})
	}
	for _, n := range []int{100_000, 1_000_000} {
		b.Run(fmt.Sprintf("xlsx-%dk", n/1000), func(b *testing.B) {
			readBenchPeak(b, readMemXLSX(b, n), n)
		})
	}
}

// readBenchPeak reads path b.N times and reports the peak heap in use.
func readBenchPeak(b *testing.B, path string, rows int) {
	runtime.GC()
	base := readHeapBytes()
	var peak, live uint64
	for b.Loop() {
		stop := readSampleHeap(&peak, &live)
		if got := readBenchInput(b, path); got != rows {
			b.Fatalf("read %d rows, want %d", got, rows)
		}
		stop()
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-MB")
	b.ReportMetric(float64(live)/(1<<20), "live-MB")
	b.ReportMetric(float64(base)/(1<<20), "base-MB")
	readReportRows(b, rows)
}

// readSampleHeap samples the heap every 5 ms into *peak (objects, live or
// not yet swept) and *live (live after the last GC) until the returned stop
// is called.
func readSampleHeap(peak, live *uint64) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			*peak = max(*peak, readHeapBytes())
			*live = max(*live, readLiveBytes())
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() { close(done); wg.Wait() }
}

// readHeapBytes is the memory occupied by live and not yet swept heap
// objects (runtime/metrics, no stop-the-world).
func readHeapBytes() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// readLiveBytes is the heap the last garbage collection found live.
func readLiveBytes() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

func readMemCSV(b *testing.B, rows int) string {
	b.Helper()
	p := filepath.Join(b.TempDir(), "mem.csv")
	f, err := os.Create(p)
	if err != nil {
		b.Fatal(err)
	}
	bw := bufio.NewWriter(f)
	w := csv.NewWriter(bw)
	w.Write(readBenchHeader)
	for i := 0; i < rows; i++ {
		w.Write(readBenchRow(i))
	}
	w.Flush()
	if err := w.Error(); err != nil {
		b.Fatal(err)
	}
	if err := bw.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	return p
}

func readMemXLSX(b *testing.B, rows int) string {
	b.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	vals := make([]any, len(readBenchHeader))
	for i, c := range readBenchHeader {
		vals[i] = c
	}
	if err := sw.SetRow("A1", vals); err != nil {
		b.Fatal(err)
	}
	for i := 0; i < rows; i++ {
		for j, c := range readBenchRow(i) {
			vals[j] = c
		}
		vals[2], vals[9] = 13800000000+i, 12.5
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, vals); err != nil {
			b.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		b.Fatal(err)
	}
	p := filepath.Join(b.TempDir(), "mem.xlsx")
	if err := f.SaveAs(p); err != nil {
		b.Fatal(err)
	}
	return p
}
