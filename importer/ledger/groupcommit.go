package ledger

import (
	"context"
	"fmt"
	"runtime"
)

// maxGroup bounds the writes that share one transaction.
const maxGroup = 64

// writeReq is one piece of write work waiting for the group writer.
type writeReq struct {
	ctx  context.Context
	fn   func(ctx context.Context, tx querier) error
	done chan error
}

// write runs fn in a write transaction that it shares with the other
// writes queued meanwhile (group commit): one commit, so one fsync, for all
// of them. When write returns nil, fn's effects are durable; a failing fn
// is rolled back alone (a savepoint) and the others still commit.
func (l *Ledger) write(ctx context.Context, fn func(ctx context.Context, tx querier) error) error {
	req := writeReq{ctx: ctx, fn: fn, done: make(chan error, 1)}
	select {
	case l.writes <- req:
	case <-ctx.Done():
		return fmt.Errorf("ledger: %w", ctx.Err())
	}
	return <-req.done
}

// groupWriter commits the queued writes in groups until l.writes closes.
func (l *Ledger) groupWriter() {
	defer close(l.writerDone)
	for req := range l.writes {
		group := l.gather([]writeReq{req})
		l.commitGroup(group)
		l.commits.Add(1)
		l.grouped.Add(int64(len(group)))
	}
}

// maxYields bounds how often gather yields the processor to let more
// writes arrive.
const maxYields = 2

// gather adds to group the writes queued meanwhile. When none is queued it
// yields the processor (at most maxYields times) and looks again: with the
// processors busy, the workers that are about to write get to queue, and
// the group shares one commit; with idle processors a yield returns at
// once.
func (l *Ledger) gather(group []writeReq) []writeReq {
	for yields := 0; len(group) < maxGroup; {
		select {
		case r, ok := <-l.writes:
			if !ok {
				return group
			}
			group = append(group, r)
			continue
		default:
		}
		if yields == maxYields {
			return group
		}
		yields++
		runtime.Gosched()
	}
	return group
}

// commitGroup runs the group's writes in one transaction, each inside a
// savepoint, commits, and answers each write.
func (l *Ledger) commitGroup(group []writeReq) {
	errs := make([]error, len(group))
	answer := func() {
		for i, r := range group {
			r.done <- errs[i]
		}
	}
	defer answer()
	bg := context.Background()
	tx, err := l.db.BeginTx(bg, nil)
	if err != nil {
		for i := range errs {
			errs[i] = fmt.Errorf("ledger: %w", err)
		}
		return
	}
	defer tx.Rollback()
	q := newTxq(l, tx)
	for i, r := range group {
		errs[i] = l.runSavepoint(q, r)
	}
	if err := tx.Commit(); err != nil {
		l.dropIDs()
		for i := range errs {
			if errs[i] == nil {
				errs[i] = fmt.Errorf("ledger: commit: %w", err)
			}
		}
	}
}

// The statements around each write of a group.
const (
	qSavepoint  = `SAVEPOINT w`
	qRollbackTo = `ROLLBACK TO w`
	qRelease    = `RELEASE w`
)

// runSavepoint runs one write inside a savepoint of tx, undoing it alone
// when it fails.
func (l *Ledger) runSavepoint(tx querier, r writeReq) error {
	bg := context.Background()
	if _, err := tx.ExecContext(bg, qSavepoint); err != nil {
		return fmt.Errorf("ledger: %w", err)
	}
	reservations := l.ids.reservations
	err := r.ctx.Err()
	if err == nil {
		// Without cancel: a statement interrupted by its context would make
		// SQLite roll back the whole group's transaction, and the driver
		// starts a watcher goroutine for every statement with a
		// cancellable context.
		err = r.fn(context.WithoutCancel(r.ctx), tx)
	}
	if err != nil {
		if l.ids.reservations != reservations {
			l.dropIDs() // reserved by this write, undone with it
		}
		if _, rerr := tx.ExecContext(bg, qRollbackTo); rerr != nil {
			return fmt.Errorf("%w (and undoing it failed: %v)", err, rerr)
		}
	}
	if _, rerr := tx.ExecContext(bg, qRelease); rerr != nil && err == nil {
		return fmt.Errorf("ledger: %w", rerr)
	}
	return err
}
