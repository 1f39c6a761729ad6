//go:build !unix

package proc

import "os"

// Alive reports whether a process with this pid can be found. On
// Windows FindProcess opens the process and fails when it is gone; elsewhere
// the heartbeat's age decides.
func Alive(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	_ = p.Release()
	return true
}
