//go:build unix

package atomicfile

import (
	"errors"
	"syscall"
)

// processAlive reports whether a process with this pid exists (EPERM means
// it exists but belongs to someone else). The ledger has the same check
// (ledger.ProcessAlive); this package keeps its own so that writing a file
// does not depend on the ledger's SQLite.
func processAlive(pid int) bool {
	if pid <= 0 {
		return false
	}
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
