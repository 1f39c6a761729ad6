package ledger

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"time"

	"orderimport/importer/internal/proc"
)

// HeartbeatEvery is how often a live run refreshes its heartbeat.
const HeartbeatEvery = 5 * time.Second

// StaleAfter is the heartbeat age after which a run on another host (or a
// run whose process cannot be checked) counts as dead.
const StaleAfter = 2 * time.Minute

// BeginRun registers this process's run and starts its heartbeat. It returns
// the run id, a short random hex string.
func (l *Ledger) BeginRun(ctx context.Context, input string) (string, error) {
	var b [6]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("ledger: run id: %w", err)
	}
	id := hex.EncodeToString(b[:])
	host, _ := os.Hostname()
	now := l.now().UnixMilli()
	if _, err := l.db.ExecContext(ctx, `INSERT INTO runs(id, pid, host, input, started, heartbeat) VALUES (?,?,?,?,?,?)`,
		id, os.Getpid(), host, input, now, now); err != nil {
		return "", fmt.Errorf("ledger: registering the run: %w", err)
	}
	l.mu.Lock()
	l.run = id
	l.stopHB = make(chan struct{})
	l.hbDone = make(chan struct{})
	go l.heartbeat(id, l.stopHB, l.hbDone)
	l.mu.Unlock()
	return id, nil
}

// RunID returns the id of the run begun by BeginRun, or "".
func (l *Ledger) RunID() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.run
}

func (l *Ledger) heartbeat(id string, stop <-chan struct{}, done chan<- struct{}) {
	defer close(done)
	t := time.NewTicker(HeartbeatEvery)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
			_, _ = l.db.Exec(`UPDATE runs SET heartbeat = ? WHERE id = ?`, l.now().UnixMilli(), id)
		}
	}
}

func (l *Ledger) stopHeartbeat() {
	l.mu.Lock()
	stop, done := l.stopHB, l.hbDone
	l.stopHB = nil
	l.mu.Unlock()
	if stop != nil {
		close(stop)
		<-done
	}
}

// EndRun records the end of the run and its exit code.
func (l *Ledger) EndRun(ctx context.Context, exitCode int) error {
	l.stopHeartbeat()
	id := l.RunID()
	if id == "" {
		return nil
	}
	_, err := l.db.ExecContext(ctx, `UPDATE runs SET finished = ?, exit_code = ? WHERE id = ?`, l.now().UnixMilli(), exitCode, id)
	if err != nil {
		return fmt.Errorf("ledger: ending the run: %w", err)
	}
	return nil
}

// RunInfo describes a run another claim belongs to.
type RunInfo struct {
	ID       string
	PID      int
	Host     string
	Started  time.Time
	Finished bool
	// Dead is true when the run can no longer finish its claims.
	Dead bool
}

// String names the run for messages: id, pid, host and start.
func (r RunInfo) String() string {
	return fmt.Sprintf("run %s (pid %d on %s, started %s)", r.ID, r.PID, r.Host, r.Started.Format(time.DateTime))
}

// qRunInfo reads one run.
const qRunInfo = `SELECT id, pid, host, started, heartbeat, finished FROM runs WHERE id = ?`

// runInfo reads run id and judges whether it is dead.
func (l *Ledger) runInfo(ctx context.Context, q querier, id string) (RunInfo, error) {
	var ri RunInfo
	var started, hb int64
	var finished sql.NullInt64
	err := q.QueryRowContext(ctx, qRunInfo, id).
		Scan(&ri.ID, &ri.PID, &ri.Host, &started, &hb, &finished)
	if errors.Is(err, sql.ErrNoRows) {
		return RunInfo{ID: id, Dead: true}, nil
	}
	if err != nil {
		return ri, err
	}
	ri.Started = time.UnixMilli(started)
	ri.Finished = finished.Valid
	host, _ := os.Hostname()
	stale := l.now().Sub(time.UnixMilli(hb)) > StaleAfter
	switch {
	case ri.Finished, stale:
		ri.Dead = true
	case ri.Host == host && ri.PID != os.Getpid():
		ri.Dead = !proc.Alive(ri.PID)
	}
	return ri, nil
}

// querier is *sql.DB or *sql.Tx.
type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}
