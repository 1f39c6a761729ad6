package ledger

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"testing"
)

// TestIDBlocksNeverOverlap: two ledgers on one file (two processes) claim
// in turns from their own blocks; no id is handed out twice.
func TestIDBlocksNeverOverlap(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "l.db")
	ls := []*Ledger{openTest(t, path), openTest(t, path)}
	seen := map[int64]string{}
	for i := range idBlockSize + 20 { // each ledger crosses a block boundary
		l := ls[i%2]
		key := fmt.Sprintf("k%d", i)
		d, err := l.Claim(ctx, "ns", rowsOf(key), Policy{})
		if err != nil || d.Claim == nil {
			t.Fatalf("claim %s: %+v %v", key, d, err)
		}
		for _, id := range append([]int64{d.Claim.SiteOrderID}, d.Claim.SiteRowIDs...) {
			if other, dup := seen[id]; dup {
				t.Fatalf("id %d given to %s and %s", id, other, key)
			}
			seen[id] = key
		}
	}
}

// TestFailedWriteDropsItsIDReservation: ids reserved by a write that is
// undone are not used afterwards (another process may reserve them).
func TestFailedWriteDropsItsIDReservation(t *testing.T) {
	ctx := context.Background()
	l := openTest(t, filepath.Join(t.TempDir(), "l.db"))
	boom := errors.New("boom")
	var first int64
	err := l.write(ctx, func(ctx context.Context, tx querier) error {
		var err error
		if first, err = l.allocate(ctx, tx, 2); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("write: %v", err)
	}
	var next int64
	if err := l.db.QueryRow(qSeqNext).Scan(&next); !errors.Is(err, sql.ErrNoRows) {
		t.Fatalf("the undone reservation left seq at %d (%v)", next, err)
	}
	if l.ids.end != l.ids.next {
		t.Fatalf("block [%d, %d) kept after its reservation was undone", l.ids.next, l.ids.end)
	}
	d, err := l.Claim(ctx, "ns", rowsOf("k"), Policy{})
	if err != nil || d.Claim == nil {
		t.Fatalf("claim: %+v %v", d, err)
	}
	if err := l.db.QueryRow(qSeqNext).Scan(&next); err != nil || d.Claim.SiteOrderID < first || next != d.Claim.SiteOrderID+idBlockSize {
		t.Fatalf("claim ids from %d, seq at %d (%v); the undone block began at %d", d.Claim.SiteOrderID, next, err, first)
	}
}
