// Command measure runs a command and prints, on stderr, its wall time, CPU
// time and peak resident set size, read from the kernel's accounting of the
// finished child (wait4 rusage), so nothing is sampled and nothing missed:
//
//	go run ./samples/gen/measure -- orderimport import big.csv --dry-run ...
//	measure: wall=12.31s user=14.02s sys=0.88s maxrss=38.2MB exit=0
//
// The command's own output passes through; measure exits with its code.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"syscall"
	"time"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stderr))
}

func run(args []string, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "--" {
		args = args[1:]
	}
	if len(args) == 0 {
		fmt.Fprintln(stderr, "usage: measure [--] COMMAND [ARGS...]")
		return 2
	}
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	var exitErr *exec.ExitError
	if err != nil && !errors.As(err, &exitErr) {
		fmt.Fprintf(stderr, "measure: %v\n", err)
		return 2
	}
	fmt.Fprintln(stderr, "measure:", report(wall, cmd.ProcessState))
	return cmd.ProcessState.ExitCode()
}

// report formats the resources a finished process used.
func report(wall time.Duration, ps *os.ProcessState) string {
	var rss float64
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		rss = float64(ru.Maxrss) / 1024 // Linux reports kilobytes
	}
	return fmt.Sprintf("wall=%.3fs user=%.3fs sys=%.3fs maxrss=%.1fMB exit=%d",
		wall.Seconds(), ps.UserTime().Seconds(), ps.SystemTime().Seconds(), rss, ps.ExitCode())
}
