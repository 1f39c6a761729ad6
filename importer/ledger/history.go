package ledger

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"time"

	"orderimport/importer/internal/proc"
)

// The history of runs: what each run was (NoteRun, UseAccount, BeginRun,
// EndRun write it) and every row it claimed (runlog.go), read
// by History, RunByID and RunRows for "orderimport history" and any other
// reader (a web page): plain functions over an open ledger, on the
// read-only connection, so they never wait for a run's commits.

// RunNote is what a run reports of itself at its end, besides its exit
// code (EndRun).
type RunNote struct {
	// Output is the result sheet written.
	Output string
	// Rows counts the rows of the input; Counts the rows per status of the
	// result sheet (ok, rejected, skipped …).
	Rows   int
	Counts map[string]int
	// Interrupted is true when a signal stopped the run.
	Interrupted bool
}

// NoteRun records n on this process's run (BeginRun); without a run it
// does nothing.
func (l *Ledger) NoteRun(ctx context.Context, n RunNote) error {
	id := l.RunID()
	if id == "" {
		return nil
	}
	counts, err := json.Marshal(n.Counts)
	if err != nil {
		return fmt.Errorf("ledger: noting the run: %w", err)
	}
	_, err = l.db.ExecContext(ctx, `UPDATE runs SET output = ?, nrows = ?, counts = ?, interrupted = ? WHERE id = ?`,
		n.Output, n.Rows, string(counts), n.Interrupted, id)
	if err != nil {
		return fmt.Errorf("ledger: noting the run: %w", err)
	}
	return nil
}

// noteAccount records the account this process's run sends to.
func (l *Ledger) noteAccount(ctx context.Context, a Account) error {
	id := l.RunID()
	if id == "" {
		return nil
	}
	if _, err := l.db.ExecContext(ctx, `UPDATE runs SET provider = ?, account = ? WHERE id = ?`, a.Provider, a.Name, id); err != nil {
		return fmt.Errorf("ledger: noting the run's account: %w", err)
	}
	return nil
}

// RunState says whether a run is over.
type RunState string

// The run states.
const (
	// RunFinished: the run recorded its end (and its exit code).
	RunFinished RunState = "finished"
	// RunRunning: the run has not ended and its process is alive (or its
	// heartbeat is recent).
	RunRunning RunState = "running"
	// RunDied: the run never recorded its end and can no longer: its
	// process was killed (kill -9, a power cut) or its heartbeat stopped.
	RunDied RunState = "died"
)

// RunRecord is one run as the ledger remembers it.
type RunRecord struct {
	ID   string
	Host string
	PID  int
	// Input and Output are the spreadsheet read and the result sheet
	// written (absolute paths).
	Input, Output string
	// Provider and Account name where it sent; "" when the run ended
	// before sending (or was written before the ledger kept them).
	Provider, Account string
	Started           time.Time
	// Ended is when the run recorded its end; zero when it did not (State).
	Ended time.Time
	State RunState
	// ExitCode is the run's exit code when State is RunFinished.
	ExitCode int
	// Interrupted: a signal stopped the run (exit code 130), or it died.
	Interrupted bool
	// Rows counts the input's rows and Counts its rows per status as the
	// run reported them at its end; nil when it reported none (it died, or
	// stopped before reading the file).
	Rows   int
	Counts map[string]int
	// Sent counts the rows the run claimed (sent, or about to be), per
	// ledger state (ok, rejected, failed, unknown, not_sent, claimed: no
	// outcome recorded).
	Sent map[string]int
}

// ErrNoRun is returned for a run id the ledger does not know.
var ErrNoRun = errors.New("no such run")

// runColumns are the columns scanned by scanRun.
const runColumns = `id, host, pid, input, output, provider, account, started, heartbeat, finished, exit_code,
	interrupted, nrows, counts`

// History returns the runs that started at or after since (zero: every
// run), oldest first.
func (l *Ledger) History(ctx context.Context, since time.Time) ([]RunRecord, error) {
	rs, err := l.r.QueryContext(ctx, `SELECT `+runColumns+` FROM runs WHERE started >= ? ORDER BY started, id`, since.UnixMilli())
	if err != nil {
		return nil, fmt.Errorf("ledger: reading the runs: %w", err)
	}
	var out []RunRecord
	for rs.Next() {
		r, err := l.scanRun(rs)
		if err != nil {
			rs.Close()
			return nil, err
		}
		out = append(out, r)
	}
	rs.Close()
	if err := rs.Err(); err != nil {
		return nil, fmt.Errorf("ledger: reading the runs: %w", err)
	}
	for i := range out {
		if out[i].Sent, err = l.sentCounts(ctx, out[i].ID); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// RunByID returns the run called id, or ErrNoRun.
func (l *Ledger) RunByID(ctx context.Context, id string) (RunRecord, error) {
	rs, err := l.r.QueryContext(ctx, `SELECT `+runColumns+` FROM runs WHERE id = ?`, strings.TrimSpace(id))
	if err != nil {
		return RunRecord{}, fmt.Errorf("ledger: reading run %s: %w", id, err)
	}
	defer rs.Close()
	if !rs.Next() {
		if err := rs.Err(); err != nil {
			return RunRecord{}, fmt.Errorf("ledger: reading run %s: %w", id, err)
		}
		return RunRecord{}, fmt.Errorf("run %q: %w", id, ErrNoRun)
	}
	r, err := l.scanRun(rs)
	if err != nil {
		return RunRecord{}, err
	}
	rs.Close()
	r.Sent, err = l.sentCounts(ctx, r.ID)
	return r, err
}

// scanRun reads one run and judges its state.
func (l *Ledger) scanRun(rs *sql.Rows) (RunRecord, error) {
	var r RunRecord
	var started, hb int64
	var finished, exit sql.NullInt64
	var interrupted bool
	var counts string
	if err := rs.Scan(&r.ID, &r.Host, &r.PID, &r.Input, &r.Output, &r.Provider, &r.Account, &started, &hb, &finished, &exit,
		&interrupted, &r.Rows, &counts); err != nil {
		return r, fmt.Errorf("ledger: reading the runs: %w", err)
	}
	r.Started = time.UnixMilli(started)
	switch {
	case finished.Valid:
		r.State, r.Ended = RunFinished, time.UnixMilli(finished.Int64)
		r.ExitCode = int(exit.Int64)
	case l.dead(r.Host, r.PID, hb):
		r.State = RunDied
	default:
		r.State = RunRunning
	}
	r.Interrupted = interrupted || r.State == RunDied || (r.State == RunFinished && r.ExitCode == exitInterrupted)
	if counts != "" && counts != "null" {
		if err := json.Unmarshal([]byte(counts), &r.Counts); err != nil {
			return r, fmt.Errorf("ledger: run %s: its counts are unreadable: %w", r.ID, err)
		}
	}
	return r, nil
}

// exitInterrupted is the exit code of a run stopped by a signal.
const exitInterrupted = 130

// dead judges a run that has not ended, as runInfo does: its heartbeat is
// older than StaleAfter, or its process (on this host) is gone.
func (l *Ledger) dead(host string, pid int, heartbeat int64) bool {
	if l.now().Sub(time.UnixMilli(heartbeat)) > StaleAfter {
		return true
	}
	me, _ := os.Hostname()
	return host == me && pid != os.Getpid() && !proc.Alive(pid)
}

// sentCounts counts the rows run id claimed, per state.
func (l *Ledger) sentCounts(ctx context.Context, id string) (map[string]int, error) {
	rs, err := l.r.QueryContext(ctx, qRunStates, id, id)
	if err != nil {
		return nil, fmt.Errorf("ledger: counting the rows of run %s: %w", id, err)
	}
	defer rs.Close()
	out := map[string]int{}
	for rs.Next() {
		var st string
		var n int
		if err := rs.Scan(&st, &n); err != nil {
			return nil, fmt.Errorf("ledger: counting the rows of run %s: %w", id, err)
		}
		out[st] = n
	}
	return out, rs.Err()
}

// RunRow is one row a run claimed, and what became of it.
type RunRow struct {
	// Line is the row's line in the input of the run that first claimed it
	// (a resent claim keeps the lines of the run that made it).
	Line int
	// Key is the row's identity in the ledger (Key); Platform its platform
	// order number ("" in rows logged before the ledger kept it).
	Key, Platform string
	// SiteOrderID and SiteRowID are the ids it was sent with (damaijia
	// site_order_id and site_order_consignee_id).
	SiteOrderID, SiteRowID int64
	// State is its outcome; Claimed when none was recorded.
	State                          State
	OrderID, OrderSN, MsgCode, Msg string
	// At is when the outcome (or the claim) was recorded.
	At time.Time
}

// RunRows calls each with every row run id claimed, in input order, until
// each returns an error (returned). An unknown run is ErrNoRun.
func (l *Ledger) RunRows(ctx context.Context, id string, each func(RunRow) error) error {
	if _, err := l.RunByID(ctx, id); err != nil {
		return err
	}
	id = strings.TrimSpace(id)
	rs, err := l.r.QueryContext(ctx, qRunRows, id, id)
	if err != nil {
		return fmt.Errorf("ledger: reading the rows of run %s: %w", id, err)
	}
	defer rs.Close()
	for rs.Next() {
		var r RunRow
		var at int64
		if err := rs.Scan(&r.Line, &r.Key, &r.Platform, &r.SiteOrderID, &r.SiteRowID, &r.State, &r.OrderID, &r.OrderSN,
			&r.MsgCode, &r.Msg, &at); err != nil {
			return fmt.Errorf("ledger: reading the rows of run %s: %w", id, err)
		}
		r.At = time.UnixMilli(at)
		if err := each(r); err != nil {
			return err
		}
	}
	return rs.Err()
}

// ErrNoLedger is returned by OpenExisting for a ledger file that does not
// exist.
var ErrNoLedger = errors.New("no ledger")

// OpenExisting opens the ledger at path (DefaultPath when "") for reading
// what it knows: it never creates one. A missing file is ErrNoLedger,
// naming the path; other problems are Open's.
func OpenExisting(ctx context.Context, path string) (*Ledger, error) {
	if path == "" {
		var err error
		if path, err = DefaultPath(); err != nil {
			return nil, err
		}
	}
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) && leftoverJournal(path) == "" {
		return nil, fmt.Errorf("%w at %s", ErrNoLedger, path)
	}
	return Open(ctx, path)
}
