package ledger

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// maxID keeps ids below 2^53, exact in any JSON parser.
const maxID = 1<<53 - 1

// idBlockSize is how many ids one reservation in the seq table takes: a
// claim then usually takes its ids from memory instead of reading and
// writing the seq table.
const idBlockSize = 1024

// The statements of the id sequence.
const (
	qSeqNext = `SELECT next FROM seq WHERE name = 'site_id'`
	qSeqSet  = `INSERT INTO seq(name, next) VALUES ('site_id', ?) ON CONFLICT(name) DO UPDATE SET next = excluded.next`
)

// idBlock is the ids this process reserved in the seq table and has not
// used yet: [next, end). Only the group writer touches it. A block may be
// used before the reservation commits, because the claims that use it
// commit in the same transaction or later; when the reservation is undone
// (its write failed, or the group's commit did), the block is dropped
// (dropIDs) so that no claim uses an id another process may reserve.
type idBlock struct {
	next, end int64
	// reservations counts the reservations ever made, so that a write can
	// tell whether it made one.
	reservations int64
}

// allocate reserves n consecutive ids and returns the first. Ids never go
// below the current time in microseconds when reserved, so two ledgers
// (two PCs on one account) rarely meet, and a meeting is answered "already
// exists", never with a second order.
func (l *Ledger) allocate(ctx context.Context, tx querier, n int64) (int64, error) {
	if l.ids.end-l.ids.next < n {
		if err := l.reserveIDs(ctx, tx, max(n, idBlockSize)); err != nil {
			return 0, err
		}
	}
	first := l.ids.next
	l.ids.next += n
	return first, nil
}

// reserveIDs reserves a fresh block of size ids in the seq table (in the
// group's transaction) and makes it the current block.
func (l *Ledger) reserveIDs(ctx context.Context, tx querier, size int64) error {
	var next int64
	err := tx.QueryRowContext(ctx, qSeqNext).Scan(&next)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("ledger: id sequence: %w", err)
	}
	next = max(next, l.now().UnixMicro())
	if next+size > maxID {
		return fmt.Errorf("ledger: id sequence exhausted (%d)", next)
	}
	if _, err := tx.ExecContext(ctx, qSeqSet, next+size); err != nil {
		return fmt.Errorf("ledger: id sequence: %w", err)
	}
	l.ids = idBlock{next: next, end: next + size, reservations: l.ids.reservations + 1}
	return nil
}

// dropIDs forgets the current block, whose reservation may have been undone.
func (l *Ledger) dropIDs() {
	l.ids = idBlock{reservations: l.ids.reservations}
}

// passIDs makes sure no later claim of this ledger allocates an id up to
// last (ids a claim brought from elsewhere): the sequence moves past it,
// and the current block is dropped when it could hand it out.
func (l *Ledger) passIDs(ctx context.Context, tx querier, last int64) error {
	var next int64
	err := tx.QueryRowContext(ctx, qSeqNext).Scan(&next)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("ledger: id sequence: %w", err)
	}
	if next <= last {
		if _, err := tx.ExecContext(ctx, qSeqSet, last+1); err != nil {
			return fmt.Errorf("ledger: id sequence: %w", err)
		}
	}
	if l.ids.next <= last && l.ids.end > l.ids.next {
		l.dropIDs()
	}
	return nil
}
