package postgres

import (
	"context"
	"database/sql"
	"errors"

	"github.com/lib/pq"

	"github.com/dealtrail/dealtrail/storage/internal/sqlstore"
)

// CopyRows loads rows with COPY … FROM STDIN (pq.CopyIn) inside the write
// transaction q: for a bulk insert, much less work for the server and the
// driver than multi-row INSERTs with tens of thousands of parameters. It
// reports false, having written nothing, when q cannot prepare statements.
func (dialect) CopyRows(ctx context.Context, q sqlstore.Queryer, table string, cols []string, rows [][]any) (bool, error) {
	p, ok := q.(interface {
		PrepareContext(ctx context.Context, query string) (*sql.Stmt, error)
	})
	if !ok {
		return false, nil
	}
	st, err := p.PrepareContext(ctx, pq.CopyIn(table, cols...))
	if err != nil {
		return true, err
	}
	for _, r := range rows {
		if _, err := st.ExecContext(ctx, r...); err != nil {
			return true, errors.Join(err, st.Close())
		}
	}
	if _, err := st.ExecContext(ctx); err != nil { // flushes and ends the COPY
		return true, errors.Join(err, st.Close())
	}
	return true, st.Close()
}
