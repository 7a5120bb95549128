package postgres

import (
	"context"
	"database/sql"
	"errors"

	"github.com/lib/pq"

	sqldialect "github.com/dealtrail/dealtrail/storage/internal/dialect"
)

// dialectFor returns the dialect for a pool of db's driver. Over lib/pq it
// bulk loads with COPY (copyDialect); over any other driver — pgx's stdlib,
// or lib/pq behind a wrapping driver such as a tracing one — with the
// multi-row INSERTs every driver runs, because database/sql offers no COPY
// and COPY FROM STDIN through such a driver fails. The driver is told by its
// type, not by the name it was registered under.
func dialectFor(db *sql.DB, listenDSN string) sqldialect.Dialect {
	d := dialect{listenDSN: listenDSN}
	if _, ok := db.Driver().(*pq.Driver); ok {
		return copyDialect{d}
	}
	return d
}

// copyDialect is the dialect over lib/pq: dialect, with COPY for bulk loads.
type copyDialect struct{ dialect }

var _ sqldialect.Copier = copyDialect{}

// CopyRows loads rows with COPY … FROM STDIN (pq.CopyIn) inside the write
// transaction q: for a bulk insert, much less work for the server and the
// driver than multi-row INSERTs with tens of thousands of parameters. It
// reports false, having written nothing, when q cannot prepare statements.
func (copyDialect) CopyRows(ctx context.Context, q sqldialect.Queryer, table string, cols []string, rows [][]any) (bool, error) {
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
