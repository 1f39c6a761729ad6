//go:build linux || darwin || freebsd

package importer

import (
	"syscall"
	"unsafe"
)

// filterWords returns n zeroed words for a dupFilter outside the Go heap (an
// anonymous mapping) and the function that unmaps them. On the heap the
// filter would count in the garbage collector's goal, which lets garbage
// grow by as much again: twice the filter's size in peak memory instead of
// once. Where mapping fails the words come from the heap.
func filterWords(n int) ([]uint64, func()) {
	b, err := syscall.Mmap(-1, 0, n*8, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		return make([]uint64, n), func() {}
	}
	return unsafe.Slice((*uint64)(unsafe.Pointer(unsafe.SliceData(b))), n), func() { _ = syscall.Munmap(b) }
}
