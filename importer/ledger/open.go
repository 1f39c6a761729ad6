package ledger

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	_ "modernc.org/sqlite" // registers the pure-Go "sqlite" driver
)

// Ledger is an open ledger database. It is safe for concurrent use by the
// goroutines of one process; several processes may open the same file.
type Ledger struct {
	db   *sql.DB
	path string
	now  func() time.Time
	// w is db with hotQueries prepared; r is Lookup's read-only
	// connection with readQueries prepared (prepared.go).
	w, r prepdb

	mu     sync.Mutex
	run    string
	stopHB chan struct{}
	hbDone chan struct{}

	// writes feeds the group writer (groupcommit.go); writerDone closes
	// when it has stopped.
	writes     chan writeReq
	writerDone chan struct{}
	// ids is the block of reserved ids (ids.go); only the group writer
	// touches it.
	ids idBlock
	// commits counts the group commits and grouped the writes they held.
	commits, grouped atomic.Int64
	closeOnce        sync.Once
	closeErr         error
	// created is true when Open made the file.
	created bool
}

// BusyTimeout is how long a statement waits for another process's write
// transaction before it fails.
const BusyTimeout = 15 * time.Second

// Open opens the ledger at path, creating the file when it does not exist
// (its directory must), and migrates its schema to the current version. A
// file that is empty or not an intact SQLite database is refused and left
// as it is (see check.go).
func Open(ctx context.Context, path string) (*Ledger, error) {
	if path == "" {
		return nil, errors.New("ledger: no path")
	}
	if strings.ContainsAny(path, "?#") {
		return nil, fmt.Errorf("ledger: path %q must not contain ? or #", path)
	}
	created, err := prepareFile(ctx, path)
	if err != nil {
		return nil, err
	}
	// FULL: a claim must survive a power cut, not only a killed process.
	// wal_autocheckpoint: checkpoint every ~40 MB of WAL rather than 4 MB; a
	// page written by many commits (the random leaves of the key index) is
	// copied to the database once per checkpoint, and checkpoints stall
	// fewer commits.
	db, err := openDB(path, "journal_mode(WAL)", "synchronous(FULL)", "foreign_keys(ON)", "wal_autocheckpoint(10000)")
	if err != nil {
		return nil, fmt.Errorf("ledger %s: %w", path, err)
	}
	l := &Ledger{db: db, path: path, now: time.Now, writes: make(chan writeReq), writerDone: make(chan struct{}), created: created}
	if err := l.migrateWhenFree(ctx); err != nil {
		db.Close()
		return nil, damaged(path, err)
	}
	if err := l.openReader(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("ledger %s: %w", path, err)
	}
	if l.w, err = prepareDB(ctx, db, hotQueries); err != nil {
		l.r.closeStmts()
		l.r.db.Close()
		db.Close()
		return nil, fmt.Errorf("ledger %s: %w", path, err)
	}
	go l.groupWriter()
	return l, nil
}

// openDB opens the database at path on one connection with busy_timeout
// and the given pragmas. One connection: the process's writers queue in
// database/sql instead of fighting for SQLite's write lock; other
// processes wait busy_timeout.
func openDB(path string, pragmas ...string) (*sql.DB, error) {
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", BusyTimeout.Milliseconds()))
	for _, p := range pragmas {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	// A plain file name (not a file: URI): the driver takes its parameters
	// off and opens the name as the OS spells it, Windows drives included.
	db, err := sql.Open("sqlite", path+"?"+q.Encode())
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	return db, nil
}

// openReader opens Lookup's read-only connection: in WAL mode it reads the
// last commit while the group writer holds the write connection.
func (l *Ledger) openReader(ctx context.Context) error {
	db, err := openDB(l.path, "query_only(1)")
	if err != nil {
		return err
	}
	if l.r, err = prepareDB(ctx, db, readQueries); err != nil {
		db.Close()
		return err
	}
	return nil
}

// migrateWhenFree migrates, retrying while another process holds the
// database: two runs started at the same moment both open a new ledger, and
// switching a new database to WAL can answer SQLITE_BUSY at once, without
// waiting busy_timeout.
func (l *Ledger) migrateWhenFree(ctx context.Context) error {
	deadline := time.Now().Add(BusyTimeout)
	for {
		err := l.migrate(ctx)
		if err == nil || !isBusy(err) || time.Now().After(deadline) {
			return err
		}
		select {
		case <-time.After(20 * time.Millisecond):
		case <-ctx.Done():
			return err
		}
	}
}

// isBusy reports whether err is SQLite's "database is locked" (SQLITE_BUSY
// or SQLITE_LOCKED, extended codes included).
func isBusy(err error) bool {
	var se interface{ Code() int }
	if !errors.As(err, &se) {
		return false
	}
	code := se.Code() & 0xff
	return code == 5 || code == 6
}

// Path returns the database file's path.
func (l *Ledger) Path() string { return l.path }

// Created reports whether Open created the ledger's file: it knows no
// earlier run.
func (l *Ledger) Created() bool { return l.created }

// Close ends the heartbeat, waits for the writes under way and closes the
// database. It does not end the run: call EndRun first. Only Close may be
// called again after Close.
func (l *Ledger) Close() error {
	l.closeOnce.Do(func() {
		l.stopHeartbeat()
		close(l.writes)
		<-l.writerDone
		l.w.closeStmts()
		l.r.closeStmts()
		l.closeErr = errors.Join(l.db.Close(), l.r.db.Close())
	})
	return l.closeErr
}

// DefaultPath returns where the ledger lives when no --ledger is given: on
// Linux and the BSDs $XDG_STATE_HOME/orderimport/ledger.db, else
// ~/.local/state/orderimport/ledger.db; elsewhere (Windows, macOS)
// os.UserConfigDir()/orderimport/ledger.db (%AppData% on Windows,
// ~/Library/Application Support on macOS).
func DefaultPath() (string, error) {
	switch runtime.GOOS {
	case "windows", "darwin", "ios", "plan9":
		dir, err := os.UserConfigDir()
		if err != nil {
			return "", fmt.Errorf("ledger: no user config directory: %w", err)
		}
		return filepath.Join(dir, "orderimport", "ledger.db"), nil
	}
	if dir := os.Getenv("XDG_STATE_HOME"); filepath.IsAbs(dir) {
		return filepath.Join(dir, "orderimport", "ledger.db"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("ledger: no home directory: %w", err)
	}
	return filepath.Join(home, ".local", "state", "orderimport", "ledger.db"), nil
}
