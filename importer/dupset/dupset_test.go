package dupset

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// dupWant is what a map from hash to first line and count answers: the
// reference a Set must match exactly.
func dupWant(hashes []uint64, counts bool) []Answer {
	type seen struct{ first, n int }
	m := map[uint64]*seen{}
	out := make([]Answer, len(hashes))
	for i, h := range hashes {
		line := i + 2
		s := m[h]
		if s == nil {
			s = &seen{first: line}
			m[h] = s
		}
		before := s.n
		if !counts {
			before = min(before, 1)
		}
		out[i] = Answer{First: s.first, Before: before}
		s.n++
	}
	return out
}

// dupRun notes hashes (row i at line i+2) and resolves the pending answers
// whenever batch of them wait, and at the end. It returns every answer and
// how many were pending.
func dupRun(t *testing.T, s *Set, hashes []uint64, batch int) ([]Answer, int) {
	t.Helper()
	out := make([]Answer, len(hashes))
	var wait []*Answer
	pending := 0
	resolve := func() {
		if err := s.Resolve(wait); err != nil {
			t.Fatal(err)
		}
		wait = wait[:0]
	}
	for i, h := range hashes {
		a, err := s.Note(h, i+2)
		if err != nil {
			t.Fatal(err)
		}
		out[i] = a
		if a.pending {
			pending++
			wait = append(wait, &out[i])
			if len(wait) >= batch {
				resolve()
			}
		}
	}
	resolve()
	return out, pending
}

// dupHashes returns n distinct random hashes.
func dupHashes(rng *rand.Rand, n int) []uint64 {
	out := make([]uint64, n)
	for i := range out {
		out[i] = rng.Uint64()
	}
	return out
}

func TestDupSet(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	distinct := dupHashes(rng, 300_000)
	repeatAt := func(n int, dists ...int) []uint64 {
		hs := append([]uint64(nil), distinct[:n]...)
		for i, d := range dists {
			at := len(hs) - d
			hs = append(hs[:len(hs)-1], hs[at], distinct[n+i]) // the row d back, then a new one
		}
		return hs
	}
	oneRow := make([]uint64, 1000)
	for i := range oneRow {
		oneRow[i] = distinct[i%2] // two rows, each repeated 500 times
	}
	half := append(append([]uint64(nil), distinct[:40_000]...), distinct[:40_000]...)
	tests := []struct {
		name     string
		hashes   []uint64
		counts   bool
		batch    int
		firstCap int64
		bitsPer  int64
		// wantFalse: some new rows must have been pending (the false
		// positive path ran).
		wantFalse bool
	}{
		{name: "no duplicates", hashes: distinct[:200_000], batch: 1},
		{name: "repeats at distances 1 to 150k", hashes: repeatAt(200_000, 1, 2, 10, 1000, 65_536, 150_000), batch: 1},
		{name: "many duplicates of one row", hashes: oneRow, batch: 64, counts: true},
		{name: "many duplicates of one row without counts", hashes: oneRow, batch: 64},
		{name: "second half repeats the first", hashes: half, batch: 1024},
		{name: "second half repeats the first, counted", hashes: half, batch: 1024, counts: true},
		{name: "false positives forced with a tiny filter", hashes: repeatAt(5000, 1, 7, 4000), batch: 16,
			firstCap: 8, bitsPer: 2, wantFalse: true},
		{name: "false positives, counted, resolved one at a time", hashes: append(oneRow[:50:50], distinct[:3000]...), batch: 1,
			counts: true, firstCap: 4, bitsPer: 1, wantFalse: true},
		{name: "everything resolved at the end", hashes: repeatAt(20_000, 3, 300, 3000), batch: 1 << 30, counts: true,
			firstCap: 64, bitsPer: 4, wantFalse: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := New(t.TempDir(), tc.counts)
			if tc.firstCap > 0 {
				s.firstCap, s.bitsPer = tc.firstCap, tc.bitsPer
			}
			defer s.Close()
			got, pending := dupRun(t, s, tc.hashes, tc.batch)
			want := dupWant(tc.hashes, tc.counts)
			bad := 0
			for i := range want {
				g := got[i]
				if g.pending || g.First != want[i].First || g.Before != want[i].Before {
					if bad++; bad <= 5 {
						t.Errorf("row %d: got first %d before %d pending %v, want first %d before %d",
							i+2, g.First, g.Before, g.pending, want[i].First, want[i].Before)
					}
				}
			}
			repeats := 0
			for _, w := range want {
				if w.Before > 0 {
					repeats++
				}
			}
			if falseRows := pending - repeats; tc.wantFalse && falseRows == 0 {
				t.Errorf("no false positive was resolved (%d pending, %d repeats)", pending, repeats)
			} else if !tc.wantFalse && falseRows > 2 {
				t.Errorf("%d false positives in %d rows", falseRows, len(tc.hashes))
			}
		})
	}
}

// TestDupFilter: a full filter at 32 bits per hash answers "maybe" for
// about two new hashes in 100,000; it never forgets a hash.
func TestDupFilter(t *testing.T) {
	const n = 1 << 20
	f := newDupFilter(n, dupFilterBits)
	rng := rand.New(rand.NewPCG(5, 6))
	for range n {
		f.testOrAdd(rng.Uint64())
	}
	falsePos := 0
	for range n {
		if f.probe(rng.Uint64(), false) {
			falsePos++
		}
	}
	t.Logf("%d false positives in %d new hashes; %d MB", falsePos, n, len(f.words)*8>>20)
	if falsePos > 60 {
		t.Errorf("%d false positives in %d new hashes", falsePos, n)
	}
	rng = rand.New(rand.NewPCG(5, 6))
	for i := range n {
		if !f.testOrAdd(rng.Uint64()) {
			t.Fatalf("hash %d forgotten", i)
		}
	}
}

// TestDupSetGrowth: the filter grows by doubling, holds every hash noted
// and at most twice as many as noted.
func TestDupSetGrowth(t *testing.T) {
	s := New(t.TempDir(), false)
	defer s.Close()
	s.firstCap = 64
	rng := rand.New(rand.NewPCG(7, 8))
	for i := range 10_000 {
		if _, err := s.Note(rng.Uint64(), i+2); err != nil {
			t.Fatal(err)
		}
		if n := int64(i + 1); s.filter.capacity < n || (n > s.firstCap && s.filter.capacity >= 2*n) {
			t.Fatalf("%d notes, filter for %d", n, s.filter.capacity)
		}
	}
}

// TestDupSetSpill: the spill is removed on Close, and a failing spill is an
// error of every later call, never a wrong answer.
func TestDupSetSpill(t *testing.T) {
	t.Run("close removes the spill", func(t *testing.T) {
		dir := t.TempDir()
		s := New(dir, false)
		for i := range 100 {
			if _, err := s.Note(uint64(i%10), i+2); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Fatalf("left behind: %v", entries)
		}
		if _, err := s.Note(1, 200); err == nil {
			t.Fatal("note after Close: no error")
		}
	})
	t.Run("no spill directory", func(t *testing.T) {
		s := New(filepath.Join(t.TempDir(), "missing"), false)
		defer s.Close()
		if _, err := s.Note(1, 2); err == nil || !strings.Contains(err.Error(), "missing") {
			t.Fatalf("err %v", err)
		}
	})
	t.Run("disk full", func(t *testing.T) {
		if runtime.GOOS != "linux" {
			t.Skip("needs /dev/full")
		}
		s := New(t.TempDir(), false)
		defer s.Close()
		full, err := os.OpenFile("/dev/full", os.O_RDWR, 0)
		if err != nil {
			t.Skip(err)
		}
		if err := s.create(); err != nil {
			t.Fatal(err)
		}
		s.spill.Close()
		s.spill, s.w = full, newSpillWriter(full)
		var failed error
		var wait []*Answer
		for i := 0; failed == nil && i < 1_000_000; i++ {
			a, err := s.Note(uint64(i%1000), i+2)
			failed = err
			if a.pending {
				wait = append(wait, &a)
			}
		}
		if failed == nil {
			failed = s.Resolve(wait)
		}
		if failed == nil || !strings.Contains(failed.Error(), "no space left") {
			t.Fatalf("err %v", failed)
		}
		if err := s.Resolve(wait); err == nil {
			t.Fatal("resolve after a write error: no error")
		}
	})
}

func TestDupSetExpect(t *testing.T) {
	for _, tc := range []struct {
		name     string
		expected int
		noteLast bool // Note before expect
		want     int64
	}{
		{"estimate above the default", 1_000_000, false, 1_000_000},
		{"estimate below the default", 1000, false, dupFirstCap},
		{"bounded", 1 << 30, false, dupMaxExpected},
		{"too late: a note came first", 1_000_000, true, dupFirstCap},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := New(t.TempDir(), false)
			defer s.Close()
			if tc.noteLast {
				if _, err := s.Note(1, 2); err != nil {
					t.Fatal(err)
				}
			}
			s.Expect(tc.expected)
			if _, err := s.Note(2, 3); err != nil {
				t.Fatal(err)
			}
			if got := s.filter.capacity; got != tc.want {
				t.Errorf("first filter holds %d, want %d", got, tc.want)
			}
		})
	}
}
