package storage

import (
	"context"
	"strings"

	"github.com/dealtrail/dealtrail/storage/internal/dialect"
	"github.com/jmoiron/sqlx"
)

// maxParams bounds the placeholders of one statement, under SQLite's and
// PostgreSQL's limits (32766 and 65535).
const maxParams = 30000

// copyFrom is the number of rows from which insertRows hands them to a
// dialect that can copy (PostgreSQL's COPY) rather than INSERT them.
const copyFrom = 200

// insertRows inserts rows with multi-row INSERT statements, as many rows per
// statement as the placeholder limit allows — or, for many rows and a
// dialect that can, with its bulk copy.
func (s *Store) insertRows(ctx context.Context, q dialect.Queryer, table string, cols []string, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	if c, ok := s.d.(dialect.Copier); ok && len(rows) >= copyFrom {
		if copied, err := c.CopyRows(ctx, q, table, cols, rows); copied || err != nil {
			return err
		}
	}
	_, err := s.insertValues(ctx, q, table, cols, rows, "")
	return err
}

// insertValues inserts rows with multi-row INSERT statements ending in
// suffix (a conflict clause, or ""), and returns how many rows they
// inserted.
func (s *Store) insertValues(ctx context.Context, q dialect.Queryer, table string, cols []string, rows [][]any, suffix string) (int64, error) {
	var inserted int64
	per := maxParams / len(cols)
	tuple := "(" + placeholders(len(cols)) + ")"
	head := "INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES "
	for len(rows) > 0 {
		n := min(per, len(rows))
		var b strings.Builder
		b.WriteString(head)
		args := make([]any, 0, n*len(cols))
		for i, r := range rows[:n] {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(tuple)
			args = append(args, r...)
		}
		b.WriteString(suffix)
		res, err := q.ExecContext(ctx, sqlx.Rebind(s.d.BindType(), b.String()), args...)
		if err != nil {
			return inserted, err
		}
		if k, err := res.RowsAffected(); err == nil {
			inserted += k
		}
		rows = rows[n:]
	}
	return inserted, nil
}
