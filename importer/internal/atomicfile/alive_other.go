//go:build !unix

package atomicfile

import "os"

// processAlive reports whether a process with this pid can be found: on
// Windows FindProcess opens the process and fails when it is gone (see
// alive_unix.go).
func processAlive(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	_ = p.Release()
	return true
}
