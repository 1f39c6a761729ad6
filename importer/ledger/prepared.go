package ledger

import (
	"context"
	"database/sql"
	"fmt"
)

// hotQueries are the statements run for every order: SQLite parses each of
// them once per connection (at Open) instead of once per use, which was a
// quarter of the ledger's CPU.
var hotQueries = []string{
	qEntry, qRunInfo, qSeqNext, qSeqSet, qInsertClaim, qClaimRow, qRecordRow, qRecordClaim,
	qSavepoint, qRollbackTo, qRelease,
}

// readQueries are the statements of Lookup, prepared on the read
// connection.
var readQueries = []string{qEntry, qRunInfo}

// prepdb is a database with some of its queries prepared; it is a querier
// that runs prepared queries through their statement.
type prepdb struct {
	db    *sql.DB
	stmts map[string]*sql.Stmt
}

// prepareDB prepares queries on db. With one connection, it must run
// before any transaction can hold that connection (a statement prepared at
// the DB level waits for a free connection).
func prepareDB(ctx context.Context, db *sql.DB, queries []string) (prepdb, error) {
	p := prepdb{db: db, stmts: make(map[string]*sql.Stmt, len(queries))}
	for _, q := range queries {
		s, err := db.PrepareContext(ctx, q)
		if err != nil {
			p.closeStmts()
			return prepdb{}, fmt.Errorf("preparing %.40q: %w", q, err)
		}
		p.stmts[q] = s
	}
	return p, nil
}

// closeStmts closes the prepared statements.
func (p prepdb) closeStmts() {
	for _, s := range p.stmts {
		_ = s.Close()
	}
}

// QueryRowContext runs query, through its statement when prepared.
func (p prepdb) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if s := p.stmts[query]; s != nil {
		return s.QueryRowContext(ctx, args...)
	}
	return p.db.QueryRowContext(ctx, query, args...)
}

// QueryContext runs query, through its statement when prepared.
func (p prepdb) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if s := p.stmts[query]; s != nil {
		return s.QueryContext(ctx, args...)
	}
	return p.db.QueryContext(ctx, query, args...)
}

// ExecContext runs query, through its statement when prepared.
func (p prepdb) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if s := p.stmts[query]; s != nil {
		return s.ExecContext(ctx, args...)
	}
	return p.db.ExecContext(ctx, query, args...)
}

// txq runs queries in a transaction, prepared ones through the
// transaction's binding of their statement (database/sql reuses the
// statement already prepared on the connection), made once per
// transaction.
type txq struct {
	tx    *sql.Tx
	l     *Ledger
	bound map[string]*sql.Stmt
}

// newTxq returns the querier of the group's transaction tx.
func newTxq(l *Ledger, tx *sql.Tx) *txq {
	return &txq{tx: tx, l: l, bound: make(map[string]*sql.Stmt, len(hotQueries))}
}

// stmt returns the transaction's statement for query, or nil when query is
// not prepared.
func (q *txq) stmt(query string) *sql.Stmt {
	if s, ok := q.bound[query]; ok {
		return s
	}
	s := q.l.w.stmts[query]
	if s != nil {
		// Not ctx: a write's cancelled context must not spoil the binding
		// for the group's other writes.
		s = q.tx.StmtContext(context.Background(), s)
	}
	q.bound[query] = s
	return s
}

// QueryRowContext runs query, through its statement when prepared.
func (q *txq) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if s := q.stmt(query); s != nil {
		return s.QueryRowContext(ctx, args...)
	}
	return q.tx.QueryRowContext(ctx, query, args...)
}

// QueryContext runs query, through its statement when prepared.
func (q *txq) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if s := q.stmt(query); s != nil {
		return s.QueryContext(ctx, args...)
	}
	return q.tx.QueryContext(ctx, query, args...)
}

// ExecContext runs query, through its statement when prepared.
func (q *txq) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if s := q.stmt(query); s != nil {
		return s.ExecContext(ctx, args...)
	}
	return q.tx.ExecContext(ctx, query, args...)
}
