package ledger

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// FileError is a ledger file that cannot be used as it is: it is left
// untouched, and the message says what to do.
type FileError struct {
	Path    string
	Problem string
	Advice  string
}

func (e *FileError) Error() string {
	return fmt.Sprintf("ledger %s %s: it was left as it is. %s", e.Path, e.Problem, e.Advice)
}

// adviceNew is the way out of a ledger file that cannot be used.
const adviceNew = "Restore it from a backup; or, to start a new, empty ledger, move it aside " +
	"(the rows it knew may then be sent again: check them at the provider first)."

// prepareFile checks the ledger file at path before SQLite opens it, and
// creates it when it does not exist: the directory must exist (it is never
// made here), and an existing file must look like an intact SQLite
// database. created reports whether this call made the file.
func prepareFile(ctx context.Context, path string) (created bool, err error) {
	dir := filepath.Dir(path)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return false, &FileError{Path: path, Problem: "cannot be made: the directory " + dir + " does not exist",
			Advice: "Create the directory first, or choose a ledger file in an existing one."}
	}
	for attempt := 0; ; attempt++ {
		st, err := os.Stat(path)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			if j := leftoverJournal(path); j != "" {
				return false, &FileError{Path: path, Problem: "does not exist, but its journal " + j + " does: the ledger was deleted or moved",
					Advice: "Put the ledger back; or, to start a new, empty ledger, remove " + j +
						" (the rows the old ledger knew may then be sent again: check them at the provider first)."}
			}
			return createFile(ctx, path)
		case err != nil:
			return false, fmt.Errorf("ledger %s: %w", path, err)
		case !st.Mode().IsRegular():
			return false, &FileError{Path: path, Problem: "is not a regular file", Advice: "Choose a file for the ledger."}
		}
		ferr := checkFile(path, st.Size())
		if ferr == nil {
			return false, nil
		}
		// Another process may be writing the file this very moment (a
		// checkpoint extends it): look again before refusing it.
		if attempt == 4 {
			return false, ferr
		}
		select {
		case <-time.After(100 * time.Millisecond):
		case <-ctx.Done():
			return false, ferr
		}
	}
}

// leftoverJournal returns the name of a journal of the database at path
// that exists although the database does not, or "".
func leftoverJournal(path string) string {
	for _, suffix := range []string{"-wal", "-journal"} {
		if st, err := os.Stat(path + suffix); err == nil && st.Size() > 0 {
			return path + suffix
		}
	}
	return ""
}

// sqliteMagic starts every SQLite database file.
var sqliteMagic = []byte("SQLite format 3\x00")

// checkFile refuses a ledger file of size bytes that is empty or whose
// header says it is not a whole SQLite database: not SQLite at all, a
// size that is not a whole number of pages, or fewer pages than the
// header counts.
func checkFile(path string, size int64) error {
	if size == 0 {
		return &FileError{Path: path, Problem: "is empty (0 bytes): a ledger is never empty, so it was truncated or replaced",
			Advice: adviceNew}
	}
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("ledger %s: %w", path, err)
	}
	defer f.Close()
	var h [100]byte
	if _, err := io.ReadFull(f, h[:]); err != nil || !bytes.HasPrefix(h[:], sqliteMagic) {
		return &FileError{Path: path, Problem: "is damaged: it is not an SQLite database", Advice: adviceNew}
	}
	pageSize := int64(binary.BigEndian.Uint16(h[16:18]))
	if pageSize == 1 {
		pageSize = 65536
	}
	if pageSize < 512 || pageSize&(pageSize-1) != 0 {
		return &FileError{Path: path, Problem: fmt.Sprintf("is damaged: its header gives a page size of %d", pageSize), Advice: adviceNew}
	}
	if size%pageSize != 0 {
		return &FileError{Path: path, Problem: fmt.Sprintf("is damaged (truncated?): %d bytes is not a whole number of %d-byte pages", size, pageSize),
			Advice: adviceNew}
	}
	pages := int64(binary.BigEndian.Uint32(h[28:32]))
	counterValid := binary.BigEndian.Uint32(h[24:28]) == binary.BigEndian.Uint32(h[92:96])
	if counterValid && pages*pageSize > size {
		return &FileError{Path: path, Problem: fmt.Sprintf("is damaged (truncated): it holds %d of its %d pages", size/pageSize, pages),
			Advice: adviceNew}
	}
	return nil
}

// createFile makes a new ledger at path without a moment where path exists
// empty: the database is made and migrated under a temporary name beside
// it and linked into place. When another process made path first, its
// file is used. created reports whether this call made the file. On a file
// system without hard links SQLite makes the file at path itself.
func createFile(ctx context.Context, path string) (created bool, err error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".new-*")
	if err != nil {
		return false, fmt.Errorf("ledger %s: %w", path, err)
	}
	tmp := f.Name()
	f.Close()
	defer func() {
		for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
			_ = os.Remove(tmp + suffix)
		}
	}()
	db, err := openDB(tmp, "journal_mode(WAL)", "synchronous(FULL)")
	if err != nil {
		return false, fmt.Errorf("ledger %s: %w", path, err)
	}
	err = (&Ledger{db: db}).migrate(ctx)
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return false, fmt.Errorf("ledger %s: creating it: %w", path, err)
	}
	switch err := os.Link(tmp, path); {
	case err == nil:
		return true, nil
	case errors.Is(err, fs.ErrExist):
		return false, nil
	}
	return true, nil
}

// damaged turns an error SQLite gave while opening the ledger at path into
// a FileError when it says the file is not a database or is corrupt.
func damaged(path string, err error) error {
	var se interface{ Code() int }
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case 26: // SQLITE_NOTADB
			return &FileError{Path: path, Problem: "is damaged: " + err.Error(), Advice: adviceNew}
		case 11: // SQLITE_CORRUPT
			return &FileError{Path: path, Problem: "is damaged (corrupt): " + err.Error(), Advice: adviceNew}
		}
	}
	return fmt.Errorf("ledger %s: %w", path, err)
}
