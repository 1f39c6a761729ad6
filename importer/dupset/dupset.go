package dupset

import (
	"bufio"
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math/bits"
	"os"
	"runtime"
	"slices"
)

// Set remembers the 64-bit identity hashes of a file's rows, each with the
// line it was first seen at, to find the rows that repeat an earlier one.
//
// Memory: a Bloom filter (dupFilter) answers "never seen" at once, at 4 bytes
// per hash it can hold; it starts at dupFirstCap hashes and, when full, is
// rebuilt twice as large from the spill: 0.5 MB for 100,000 rows, 4 MB for
// a million. Every (hash, line) is also appended, 12 bytes each, to a
// temporary file (the spill), which memory never holds.
//
// Exactness: a hash the filter has not seen is new, with no error possible.
// A hash the filter may have seen (a repeat, or a false positive: about two
// rows in 100,000 when the filter is full, far fewer before) is pending:
// Resolve reads the spill once, sequentially, for all pending hashes at a
// time, and finds the first line of each and how often it occurred before
// each pending note. The answers are exactly those of a map from the
// 64-bit hash to its first line and count: two different identities are
// taken for the same only when their 64-bit hashes meet (about one chance
// in 10^7 for a file of a million rows).
//
// The spill is removed when the set is closed (on Unix its name is removed
// at once, so that not even a killed process leaves it behind). A Set is
// used by one goroutine at a time.
type Set struct {
	filter   *dupFilter
	firstCap int64 // hashes the first filter holds
	bitsPer  int64 // filter bits per hash
	// counts asks Resolve for the exact number of earlier occurrences of
	// every pending note; without it, before is 0 or 1 and Resolve may stop
	// reading the spill early.
	counts bool

	dir   string
	spill *os.File
	name  string // "" once removed
	w     *bufio.Writer
	notes int64  // entries written to the spill
	buf   []byte // read buffer
	err   error  // the first spill error; every later call returns it
}

// Answer is what a Set knows about one note.
type Answer struct {
	// First is the line the hash was first noted at.
	First int
	// Before is how many notes of the hash came before this one (0: the
	// row is new; without counts, at most 1).
	Before  int
	hash    uint64
	pos     int64 // the note's index in the spill
	pending bool
}

// Pending reports whether only Set.Resolve can tell First and Before (the
// filter may have seen the hash).
func (a Answer) Pending() bool { return a.pending }

const (
	dupFirstCap    = 1 << 16 // hashes the first filter holds
	dupEntrySize   = 12      // bytes per spill entry: hash, line
	dupReadEntries = 8 << 10 // entries per read of the spill
)

// New returns an empty set whose spill will be created in dir ("" is
// the system's temporary directory). counts: see Set.counts.
func New(dir string, counts bool) *Set {
	return &Set{dir: dir, counts: counts, firstCap: dupFirstCap, bitsPer: dupFilterBits}
}

// dupMaxExpected bounds the notes Expect sizes the first filter for
// (32 MB of filter): beyond it the filter grows as the notes come.
const dupMaxExpected = 1 << 23

// Expect sizes the first filter for n notes, an estimate of the file's
// rows: a filter rebuilt while the run goes stalls the grouping (it
// rereads the spill) and holds two filters at once. It does nothing once
// the first note is made.
func (s *Set) Expect(n int) {
	if s.filter == nil && int64(n) > s.firstCap {
		s.firstCap = min(int64(n), dupMaxExpected)
	}
}

// Note records hash h of the row at line and answers whether it was noted
// before. The answer is pending when only Resolve can tell.
func (s *Set) Note(h uint64, line int) (Answer, error) {
	if s.err != nil {
		return Answer{}, s.err
	}
	if s.filter == nil || s.notes >= s.filter.capacity {
		if err := s.grow(); err != nil {
			return Answer{}, err
		}
	}
	seen := s.filter.testOrAdd(h)
	if err := s.write(h, line); err != nil {
		return Answer{}, err
	}
	return Answer{First: line, hash: h, pos: s.notes - 1, pending: seen}, nil
}

// Notes returns how many hashes were noted.
func (s *Set) Notes() int64 { return s.notes }

// Prefetch readies the filter for notes of hs (see dupFilter.prefetch); it
// changes nothing.
func (s *Set) Prefetch(hs []uint64) {
	if s.err == nil && s.filter != nil && s.notes+int64(len(hs)) <= s.filter.capacity {
		s.filter.prefetch(hs)
	}
}

// write appends (h, line) to the spill, creating it on first use.
func (s *Set) write(h uint64, line int) error {
	if s.spill == nil {
		if s.err = s.create(); s.err != nil {
			return s.err
		}
	}
	e := s.w.AvailableBuffer() // appended in place: no allocation
	e = binary.LittleEndian.AppendUint64(e, h)
	e = binary.LittleEndian.AppendUint32(e, uint32(line))
	if _, err := s.w.Write(e); err != nil {
		s.err = fmt.Errorf("write %s: %w", s.spill.Name(), err)
		return s.err
	}
	s.notes++
	return nil
}

// create opens the spill. Where an open file may lose its name (not
// Windows), the name goes at once; elsewhere Close removes it.
func (s *Set) create() error {
	f, err := os.CreateTemp(s.dir, "orderimport-dups-*")
	if err != nil {
		return err
	}
	s.spill, s.name = f, f.Name()
	if runtime.GOOS != "windows" && os.Remove(s.name) == nil {
		s.name = ""
	}
	s.w = newSpillWriter(f)
	return nil
}

// newSpillWriter buffers the spill's appends.
func newSpillWriter(f *os.File) *bufio.Writer { return bufio.NewWriterSize(f, 64<<10) }

// grow replaces the filter by one twice as large (the first: firstCap)
// holding every hash of the spill.
func (s *Set) grow() error {
	if s.filter == nil {
		s.filter = newDupFilter(s.firstCap, s.bitsPer)
		return nil
	}
	f := newDupFilter(2*s.filter.capacity, s.bitsPer)
	s.filter.free() // the new one fills from the spill
	s.filter = nil
	err := s.read(s.notes, func(_ int64, chunk []byte) bool {
		for i := 0; i < len(chunk); i += dupEntrySize {
			f.testOrAdd(binary.LittleEndian.Uint64(chunk[i:]))
		}
		return true
	})
	s.filter = f
	return err
}

// read flushes the spill and hands its entries before end to fn, in order,
// a chunk at a time (off: the index of the chunk's first entry), until fn
// returns false.
func (s *Set) read(end int64, fn func(off int64, chunk []byte) bool) error {
	if err := s.w.Flush(); err != nil {
		s.err = fmt.Errorf("write %s: %w", s.spill.Name(), err)
		return s.err
	}
	if s.buf == nil {
		s.buf = make([]byte, dupReadEntries*dupEntrySize)
	}
	for off := int64(0); off < end; {
		n := min(int64(dupReadEntries), end-off)
		chunk := s.buf[:n*dupEntrySize]
		if m, err := s.spill.ReadAt(chunk, off*dupEntrySize); m < len(chunk) {
			if err == nil || errors.Is(err, io.EOF) {
				err = io.ErrUnexpectedEOF
			}
			s.err = fmt.Errorf("read %s: %w", s.spill.Name(), err)
			return s.err
		}
		if !fn(off, chunk) {
			return nil
		}
		off += n
	}
	return nil
}

// Resolve answers the pending answers in ans (others are left alone) with
// one sequential read of the spill.
func (s *Set) Resolve(ans []*Answer) error {
	probes := probesOf(ans)
	if len(probes) == 0 {
		return nil
	}
	if s.err != nil {
		return s.err
	}
	if err := s.scan(probes, ans); err != nil {
		return err
	}
	for _, a := range ans {
		if a.pending {
			return errors.New("internal error: a pending duplicate check was not answered")
		}
	}
	return nil
}

// dupProbe gathers, while Resolve reads the spill, what it learns of one
// pending hash.
type dupProbe struct {
	first int   // line of the first note, once found
	seen  int   // notes of the hash read so far
	at    []int // indices into ans of its pending answers, by position
	next  int   // at[next] is the next answer to fill
}

// probesOf returns the pending answers of ans by hash (in few allocations:
// a Resolve may have thousands).
func probesOf(ans []*Answer) map[uint64]*dupProbe {
	idx := make([]int, 0, len(ans))
	for i, a := range ans {
		if a.pending {
			idx = append(idx, i)
		}
	}
	slices.SortFunc(idx, func(i, j int) int {
		return cmp.Or(cmp.Compare(ans[i].hash, ans[j].hash), cmp.Compare(ans[i].pos, ans[j].pos))
	})
	var probes []dupProbe
	for lo := 0; lo < len(idx); {
		hi := lo + 1
		for hi < len(idx) && ans[idx[hi]].hash == ans[idx[lo]].hash {
			hi++
		}
		probes = append(probes, dupProbe{at: idx[lo:hi:hi]})
		lo = hi
	}
	byHash := make(map[uint64]*dupProbe, len(probes))
	for i := range probes {
		byHash[ans[probes[i].at[0]].hash] = &probes[i]
	}
	return byHash
}

// dupMask is a 65,536-bit summary of the pending hashes (by their top 16
// bits): most spill entries are passed over without a map lookup.
type dupMask [1 << 10]uint64

func (m *dupMask) add(h uint64)      { m[h>>54] |= 1 << (h >> 48 & 63) }
func (m *dupMask) has(h uint64) bool { return m[h>>54]&(1<<(h>>48&63)) != 0 }

// scan reads the spill from the start until every probe is answered.
func (s *Set) scan(probes map[uint64]*dupProbe, ans []*Answer) error {
	var mask dupMask
	var end int64 // one past the last pending note
	for h, p := range probes {
		mask.add(h)
		end = max(end, ans[p.at[len(p.at)-1]].pos+1)
	}
	left := len(probes)
	return s.read(end, func(off int64, chunk []byte) bool {
		for i := 0; i < len(chunk); i += dupEntrySize {
			h := binary.LittleEndian.Uint64(chunk[i:])
			if !mask.has(h) {
				continue
			}
			if p := probes[h]; p != nil && p.next < len(p.at) {
				line := int(binary.LittleEndian.Uint32(chunk[i+8:]))
				if s.visit(p, ans, off+int64(i/dupEntrySize), line) {
					left--
				}
			}
		}
		return left > 0
	})
}

// visit takes note pos (at line) of probe p's hash and fills the answers it
// settles. It reports whether p is now fully answered.
func (s *Set) visit(p *dupProbe, ans []*Answer, pos int64, line int) bool {
	if p.seen == 0 {
		p.first = line
	}
	p.seen++
	if !s.counts {
		// The first note settles them all: before is 0 for the note itself
		// and 1 (at least) for the later ones.
		for _, i := range p.at {
			a := ans[i]
			a.First, a.pending = p.first, false
			a.Before = min(1, int(a.pos-pos))
		}
		p.next = len(p.at)
		return true
	}
	if a := ans[p.at[p.next]]; a.pos == pos {
		a.First, a.Before, a.pending = p.first, p.seen-1, false
		p.next++
	}
	return p.next == len(p.at)
}

// Err returns the error that made the set unusable, if any.
func (s *Set) Err() error { return s.err }

// Close closes and removes the spill. The set must not be used after.
func (s *Set) Close() error {
	if s.filter != nil {
		s.filter.free()
		s.filter = nil
	}
	if s.spill == nil {
		return nil
	}
	err := s.spill.Close()
	s.spill, s.w = nil, nil
	if s.err == nil {
		s.err = errors.New("duplicate check: used after Close")
	}
	if s.name != "" {
		if rerr := os.Remove(s.name); err == nil {
			err = rerr
		}
		s.name = ""
	}
	return err
}

// dupFilter is a blocked Bloom filter of 64-bit hashes: a hash sets 8 bits
// in one 512-bit block (a cache line), one in each of its 64-bit words, so
// that a test or an add costs one cache miss, not one per bit. With 32 bits
// per hash (capacity hashes), a full filter answers "maybe" for about two
// new hashes in 100,000 (computed: 1.7e-5), a half-full one for far fewer.
type dupFilter struct {
	words    []uint64 // blocks of 8 words (see filterWords)
	release  func()   // gives words back
	blocks   uint64
	capacity int64
	sink     uint64 // keeps the loads of prefetch
}

// free gives the filter's memory back; the filter must not be used after.
func (f *dupFilter) free() {
	f.release()
	f.words = nil
}

// Prefetch loads the blocks of hs into the cache. A filter larger than the
// cache costs a memory access per probe; loaded this way, the accesses of
// many hashes overlap instead of waiting one after the other.
func (f *dupFilter) prefetch(hs []uint64) {
	var sink uint64
	for _, h := range hs {
		block, _ := bits.Mul64(h, f.blocks)
		sink |= f.words[block*8]
	}
	f.sink = sink
}

// dupFilterBits is the filter's size per hash it holds.
const dupFilterBits = 32

// newDupFilter returns a filter of bitsPer bits for each of capacity hashes.
func newDupFilter(capacity, bitsPer int64) *dupFilter {
	blocks := max(1, (capacity*bitsPer+511)/512)
	words, release := filterWords(int(8 * blocks))
	return &dupFilter{words: words, release: release, blocks: uint64(blocks), capacity: capacity}
}

// testOrAdd reports whether h may have been added before, and adds it.
func (f *dupFilter) testOrAdd(h uint64) bool {
	return f.probe(h, true)
}

// probe reports whether every bit of h is set, and sets them if add.
func (f *dupFilter) probe(h uint64, add bool) bool {
	block, _ := bits.Mul64(h, f.blocks) // the top bits of h pick the block
	w := f.words[block*8 : block*8+8 : block*8+8]
	m := mix64(h) // 6 bits of another mix pick the bit of each word
	seen := true
	for i := range w {
		bit := uint64(1) << (m >> (6 * i) & 63)
		seen = seen && w[i]&bit != 0
		if add {
			w[i] |= bit
		}
	}
	return seen
}

// mix64 is murmur3's finalizer: every bit of h moves every bit of the result.
func mix64(h uint64) uint64 {
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	return h
}
