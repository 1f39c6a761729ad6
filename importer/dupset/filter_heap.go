//go:build !unix

package dupset

// filterWords returns n zeroed words for a dupFilter, and the function that
// gives them back (here: nothing to do; the words are in the Go heap).
func filterWords(n int) ([]uint64, func()) {
	return make([]uint64, n), func() {}
}
