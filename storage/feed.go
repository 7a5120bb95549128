package storage

import (
	"context"
	"database/sql"

	"github.com/jmoiron/sqlx"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage/internal/dialect"
)

// ReadFeed returns up to limit committed changes after the position after
// ("" is the beginning), in feed order. It is a system read for the
// knowledge base, not on behalf of an actor.
func (s *Store) ReadFeed(ctx context.Context, after string, limit int) ([]salesrec.Change, error) {
	limit, err := feedPage.limit(limit)
	if err != nil {
		return nil, err
	}
	changes, err := s.d.ReadFeed(ctx, preparedQueryer{s}, after, limit)
	if err != nil {
		return nil, s.mapErr(err)
	}
	if err := s.checkNotPruned(ctx, after); err != nil {
		return nil, s.mapErr(err)
	}
	return changes, nil
}

// preparedQueryer runs each query on the store's pool as a prepared
// statement (see prepared): the feed is polled continually with the same
// few queries, which are then neither parsed nor planned again, and on
// PostgreSQL take one round trip instead of two. A query that cannot be
// prepared runs unprepared and reports its error there.
type preparedQueryer struct{ s *Store }

func (p preparedQueryer) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := p.s.prepared(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

func (p preparedQueryer) QueryxContext(ctx context.Context, query string, args ...any) (*sqlx.Rows, error) {
	st, err := p.s.prepared(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.QueryxContext(ctx, args...)
}

func (p preparedQueryer) QueryRowxContext(ctx context.Context, query string, args ...any) *sqlx.Row {
	st, err := p.s.prepared(ctx, query)
	if err != nil {
		return p.s.db.QueryRowxContext(ctx, query, args...)
	}
	return st.QueryRowxContext(ctx, args...)
}

func (p preparedQueryer) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	st, err := p.s.prepared(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(ctx, args...)
}

// Snapshot returns an engagement's current state and its customer, for the
// knowledge base to index. It is a system read, not on behalf of an actor,
// and the customer comes back whole — contact phone and email unmasked —
// because the index needs the real values to scrub them from indexed text.
// A host must never hand a Snapshot to a user; reads for people go through
// Engagement and Customer, which check access and mask.
func (s *Store) Snapshot(ctx context.Context, engagementID string) (salesrec.Engagement, salesrec.Customer, error) {
	var e salesrec.Engagement
	var c salesrec.Customer
	err := s.inReadTx(ctx, func(q dialect.Queryer) error {
		var err error
		if e, err = s.loadEngagement(ctx, q, engagementID, ""); err != nil {
			return err
		}
		c, err = s.customer(ctx, q, e.CustomerID, "")
		return err
	})
	if err != nil {
		return salesrec.Engagement{}, salesrec.Customer{}, err
	}
	return e, c, nil
}
