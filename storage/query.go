package storage

import (
	"context"

	"github.com/jmoiron/sqlx"

	"github.com/dealtrail/dealtrail/storage/internal/dialect"
)

// selectAll runs query, written with ?, in q and scans every row into dst
// (a pointer to a slice). The query is rebound through s.q, which caches
// each distinct text: query must be one of a bounded set of texts, not one
// that varies with its arguments (an IN list: selectIn). A database error
// is mapped (Store.mapErr).
func (s *Store) selectAll(ctx context.Context, q dialect.Queryer, dst any, query string, args ...any) error {
	return s.mapErr(sqlx.SelectContext(ctx, q, dst, s.q(query), args...))
}

// getOne is selectAll for exactly one row, scanned into dst. No row is
// sql.ErrNoRows as it is (Store.mapErr passes it through), for the caller
// to tell apart with errors.Is.
func (s *Store) getOne(ctx context.Context, q dialect.Queryer, dst any, query string, args ...any) error {
	return s.mapErr(sqlx.GetContext(ctx, q, dst, s.q(query), args...))
}

// selectIn is selectAll for a query with IN (?) lists: sqlx.In expands
// each slice in args to one bindvar per element, then the text is rebound
// to the dialect's bindvars directly, not through s.q. The expanded text
// varies with the slices' lengths, and s.q's cache keeps every distinct
// text it sees for the store's lifetime, so caching it would grow without
// bound. An error of the expansion (an empty slice) or of the database is
// mapped (Store.mapErr).
func (s *Store) selectIn(ctx context.Context, q dialect.Queryer, dst any, query string, args ...any) error {
	expanded, args, err := sqlx.In(query, args...)
	if err != nil {
		return s.mapErr(err)
	}
	return s.mapErr(sqlx.SelectContext(ctx, q, dst, sqlx.Rebind(s.d.BindType(), expanded), args...))
}
