package storage

import (
	"context"

	"github.com/jmoiron/sqlx"

	"github.com/dealtrail/dealtrail/storage/internal/dialect"
)

// inTx runs fn in one write transaction and commits it. Errors are mapped
// to the salesrec sentinels. A failed fn rolls back; the rollback's own error
// is not interesting then (the transaction may already be aborted).
func (s *Store) inTx(ctx context.Context, fn func(tx dialect.Queryer) error) error {
	return s.runTx(ctx, s.d.BeginWrite, fn)
}

// inQueueTx is inTx in the reminder outbox's transaction (the dialect's
// BeginQueue).
func (s *Store) inQueueTx(ctx context.Context, fn func(tx dialect.Queryer) error) error {
	return s.runTx(ctx, s.d.BeginQueue, fn)
}

// runTx runs fn in the transaction begin starts and commits it.
func (s *Store) runTx(ctx context.Context, begin func(context.Context, *sqlx.DB) (dialect.Tx, error), fn func(tx dialect.Queryer) error) error {
	tx, err := begin(ctx, s.db)
	if err != nil {
		return s.mapErr(err)
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return s.mapErr(err)
	}
	if err := tx.Commit(); err != nil {
		return s.mapErr(err)
	}
	return nil
}

// inEngagementTx is inTx for writes to engagements: it runs the test hooks
// after BEGIN and before COMMIT, and closes Committed's channel after it.
func (s *Store) inEngagementTx(ctx context.Context, fn func(tx dialect.Queryer) (engagementID string, err error)) error {
	err := s.inTx(ctx, func(tx dialect.Queryer) error {
		if h := s.afterBegin.Load(); h != nil {
			if err := (*h)(ctx, tx); err != nil {
				return err
			}
		}
		id, err := fn(tx)
		if err != nil {
			return err
		}
		if h := s.beforeCommit.Load(); h != nil {
			return (*h)(ctx, id)
		}
		return nil
	})
	if err == nil {
		s.wake.broadcast()
	}
	return err
}

// inReadTx runs fn in one read-only transaction, so a read of several
// statements (the actor, then the rows) sees one snapshot.
func (s *Store) inReadTx(ctx context.Context, fn func(q dialect.Queryer) error) error {
	tx, err := s.db.BeginTxx(ctx, s.d.ReadOptions())
	if err != nil {
		return s.mapErr(err)
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return s.mapErr(err)
	}
	return s.mapErr(tx.Commit())
}
