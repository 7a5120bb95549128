package sqlstore

import (
	"context"
	"strings"

	"github.com/jmoiron/sqlx"
)

// maxParams bounds the placeholders of one statement, under SQLite's and
// PostgreSQL's limits (32766 and 65535).
const maxParams = 30000

// insertRows inserts rows with multi-row INSERT statements, as many rows per
// statement as the placeholder limit allows.
func (s *Store) insertRows(ctx context.Context, q Queryer, table string, cols []string, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	per := maxParams / len(cols)
	tuple := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ") + ")"
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
		if _, err := q.ExecContext(ctx, sqlx.Rebind(s.d.BindType(), b.String()), args...); err != nil {
			return err
		}
		rows = rows[n:]
	}
	return nil
}
