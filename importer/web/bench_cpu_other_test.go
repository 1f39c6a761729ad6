//go:build !unix

package web

// cpuSeconds is not measured here.
func cpuSeconds() float64 { return 0 }
