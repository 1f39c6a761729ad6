//go:build unix

package web

import "syscall"

// cpuSeconds is the user and system CPU time of the process so far: the
// benchmarks report it beside the wall time, which other jobs on the
// machine stretch.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}
