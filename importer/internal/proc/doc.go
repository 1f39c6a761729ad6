// Package proc answers one question about this host's processes: is the
// process with this pid still alive? The ledger asks it to tell a claim of a
// killed run from one a live run holds, and the atomic file writer asks it
// to tell a temporary file of a killed run from one being written. It must
// never signal or change a process.
package proc
