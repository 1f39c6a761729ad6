//go:build unix

package dupset

import (
	"syscall"
	"unsafe"
)

// filterWords returns n zeroed words for a dupFilter, and the function that
// gives them back. Where it can, it maps them outside the Go heap: a
// filter is large (4 MB for a million rows), holds no pointers and lives
// as long as the run, and in the heap the collector would leave as much
// again unused beside it (GOGC), making the peak memory of a big file grow
// twice as fast as the filter.
func filterWords(n int) ([]uint64, func()) {
	b, err := syscall.Mmap(-1, 0, n*8, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		return make([]uint64, n), func() {}
	}
	return unsafe.Slice((*uint64)(unsafe.Pointer(&b[0])), n), func() { _ = syscall.Munmap(b) }
}
