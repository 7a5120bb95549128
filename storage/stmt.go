package storage

import (
	"context"
	"sync"

	"github.com/jmoiron/sqlx"
)

// stmts caches prepared statements of the hottest reads made outside a
// transaction (a get by id). A prepared statement skips parsing and planning
// on every call, and on PostgreSQL a round trip: lib/pq runs an unprepared
// query with arguments as Parse/Describe, then Bind/Execute. database/sql
// re-prepares it on each pooled connection as needed.
type stmts struct {
	mu sync.Mutex
	m  map[string]*sqlx.Stmt
}

// prepared returns the prepared statement of query (with ? placeholders),
// preparing it on first use. The statements are closed with the store.
func (s *Store) prepared(ctx context.Context, query string) (*sqlx.Stmt, error) {
	s.stmts.mu.Lock()
	defer s.stmts.mu.Unlock()
	if st, ok := s.stmts.m[query]; ok {
		return st, nil
	}
	st, err := s.db.PreparexContext(ctx, s.q(query))
	if err != nil {
		return nil, err
	}
	if s.stmts.m == nil {
		s.stmts.m = map[string]*sqlx.Stmt{}
		s.onClose(s.closeStmts)
	}
	s.stmts.m[query] = st
	return st, nil
}

// closeStmts closes the cached statements; it runs before the database is
// closed (closers run in reverse order of registration).
func (s *Store) closeStmts() error {
	s.stmts.mu.Lock()
	defer s.stmts.mu.Unlock()
	var first error
	for q, st := range s.stmts.m {
		if err := st.Close(); err != nil && first == nil {
			first = err
		}
		delete(s.stmts.m, q)
	}
	return first
}
