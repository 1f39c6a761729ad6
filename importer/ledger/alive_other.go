//go:build !unix

package ledger

import "os"

// processAlive reports whether a process with this pid can be found. On
// Windows FindProcess opens the process and fails when it is gone; elsewhere
// the heartbeat's age decides.
func processAlive(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	_ = p.Release()
	return true
}
