// Package dupset finds the rows of a file that repeat an earlier one, in
// bounded memory, for the importer's in-file duplicate check.
//
// A Set is given each row's 64-bit identity hash with its line (Note) and
// answers at once whether the hash is new; when its Bloom filter may have
// seen it the answer is pending until Resolve reads the spill file (every
// hash and line, appended to a temporary file) and fills in the line the
// hash was first noted at and how often it came before. The answers are
// exactly those of a map from hash to first line and count. Expect sizes
// the filter for the rows a file is estimated to have; Close removes the
// spill.
//
// What it must never do: hold every hash in memory (the spill holds them,
// the filter takes 4 bytes a hash), answer "new" for a hash it has seen,
// or leave its spill file behind (on Unix its name is removed at once).
// It knows nothing of rows, orders or the run: only hashes and lines.
//
// Where to look: dupset.go (Set, Answer, the spill and its scan),
// filter_mmap.go and filter_heap.go (where the filter's memory lives: off
// the Go heap on Unix).
package dupset
