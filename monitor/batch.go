package monitor

import (
	"context"
	"database/sql"
	"strings"
)

// batchParams bounds the placeholders of one statement of a batch: far
// below the limits of SQLite (32766) and PostgreSQL (65535), large enough
// that a million rows take a few thousand statements, not a million round
// trips.
const batchParams = 2000

// A batch writes rows with multi-row statements: the rows' placeholders
// between a head and a tail, "INSERT ... VALUES (?, ?), (?, ?) ON
// CONFLICT ..." or "DELETE ... WHERE id IN (?, ?, ?)". Full batches reuse
// one prepared statement.
type batch struct {
	st         *Store
	ctx        context.Context
	tx         *sql.Tx
	head, tail string
	cols       int  // values a row
	in         bool // rows of one value, in an IN list
	rows       int  // rows a full batch
	args       []any
	full       *sql.Stmt
	// scan, when set, reads each row a statement returns (a tail with
	// RETURNING).
	scan func(*sql.Rows) error
}

// batch returns a batch of rows of cols values between head and tail; with
// cols 1 and head ending in "IN ", an IN list.
func (st *Store) batch(ctx context.Context, tx *sql.Tx, head string, cols int, tail string) *batch {
	return &batch{st: st, ctx: ctx, tx: tx, head: head, tail: tail, cols: cols,
		in: cols == 1 && strings.HasSuffix(head, "IN "), rows: batchParams / cols}
}

// add adds a row, writing the batch when it is full.
func (b *batch) add(values ...any) error {
	b.args = append(b.args, values...)
	if len(b.args) < b.rows*b.cols {
		return nil
	}
	if b.full == nil {
		stmt, err := b.tx.PrepareContext(b.ctx, b.statement(b.rows))
		if err != nil {
			return err
		}
		b.full = stmt
	}
	err := b.exec(b.full, "")
	b.args = b.args[:0]
	return err
}

// exec runs stmt, or the statement query when stmt is nil, with the
// batch's arguments.
func (b *batch) exec(stmt *sql.Stmt, query string) error {
	if b.scan == nil {
		var err error
		if stmt != nil {
			_, err = stmt.ExecContext(b.ctx, b.args...)
		} else {
			_, err = b.tx.ExecContext(b.ctx, query, b.args...)
		}
		return err
	}
	var rows *sql.Rows
	var err error
	if stmt != nil {
		rows, err = stmt.QueryContext(b.ctx, b.args...)
	} else {
		rows, err = b.tx.QueryContext(b.ctx, query, b.args...)
	}
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := b.scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// flush writes the rows not yet written and releases the statement.
func (b *batch) flush() error {
	if b.full != nil {
		defer b.full.Close()
	}
	if len(b.args) == 0 {
		return nil
	}
	err := b.exec(nil, b.statement(len(b.args)/b.cols))
	b.args = b.args[:0]
	return err
}

// statement returns the statement of n rows, in the store's dialect.
func (b *batch) statement(n int) string {
	var s strings.Builder
	s.WriteString(b.head)
	row := "(?" + strings.Repeat(", ?", b.cols-1) + ")"
	if b.in {
		s.WriteString("(?" + strings.Repeat(", ?", n-1) + ")")
	} else {
		for i := range n {
			if i > 0 {
				s.WriteString(", ")
			}
			s.WriteString(row)
		}
	}
	s.WriteString(b.tail)
	return b.st.q(s.String())
}
