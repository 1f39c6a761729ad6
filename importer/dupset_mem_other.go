//go:build !(linux || darwin || freebsd)

package importer

// filterWords returns n zeroed words for a dupFilter, on the heap here (see
// the Unix version), and a function that lets them go.
func filterWords(n int) ([]uint64, func()) {
	return make([]uint64, n), func() {}
}
