package storage

import (
	"context"
	"database/sql"
	"errors"

	"github.com/dealtrail/dealtrail/storage/internal/dialect"
)

// rowByID reads into an R the one row query selects for id, without access
// checks: no row is ErrNotFound naming what, and a driver error is mapped
// (Store.mapErr). The query ends in its id condition and any suffix (the
// dialect's FOR UPDATE when about to change the row). The customer,
// engagement, member and team readers share it.
func rowByID[R any](ctx context.Context, s *Store, q dialect.Queryer, what, query, id string) (R, error) {
	var row R
	err := s.getOne(ctx, q, &row, query, id)
	if errors.Is(err, sql.ErrNoRows) {
		return row, notFound(what)
	}
	return row, err
}
