package importer

import (
	"errors"
	"io/fs"
	"strings"
)

// LedgerError describes a failure of the ledger at path: the file named
// once ("ledger PATH: ..."; the ledger package's own "ledger:" prefixes are
// dropped), and what to do when the file cannot be written.
func LedgerError(path string, err error) error {
	if err == nil {
		return nil
	}
	var le *ledgerError
	if errors.As(err, &le) {
		return err
	}
	return &ledgerError{path: path, err: err}
}

// ledgerError is a ledger failure naming its file.
type ledgerError struct {
	path string
	err  error
}

func (e *ledgerError) Error() string {
	msg := e.err.Error()
	for _, p := range []string{"ledger " + e.path + ": ", "ledger: "} {
		for strings.HasPrefix(msg, p) {
			msg = strings.TrimPrefix(msg, p)
		}
	}
	if e.path == "" {
		return "ledger: " + msg
	}
	msg = "ledger " + e.path + ": " + msg
	if ledgerReadOnly(e.err) {
		msg += "; this user cannot write the ledger file or its directory (where its -wal and -shm files live): " +
			"make both writable, or give another ledger with --ledger"
	}
	return msg
}

// Unwrap returns the cause.
func (e *ledgerError) Unwrap() error { return e.err }

// ledgerReadOnly reports whether err says the ledger cannot be written:
// SQLite's SQLITE_READONLY (8, with its extended codes) or a permission
// error.
func ledgerReadOnly(err error) bool {
	var coded interface{ Code() int }
	if errors.As(err, &coded) && coded.Code()&0xff == 8 {
		return true
	}
	return errors.Is(err, fs.ErrPermission)
}
