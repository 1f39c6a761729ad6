package ledger

// ProcessAlive reports whether a process with this pid exists on this host
// (on Windows: can be opened). The importer uses it to tell a temporary file
// of a killed run from one a live run is still writing.
func ProcessAlive(pid int) bool { return processAlive(pid) }
