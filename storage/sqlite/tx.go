package sqlite

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"

	"github.com/jmoiron/sqlx"
)

// immediateTx is a write transaction begun with BEGIN IMMEDIATE on a
// connection of its own: database/sql's BeginTx cannot choose the lock mode
// of a host's *sql.DB, and a deferred transaction that later writes can
// fail with SQLITE_BUSY instead of waiting.
type immediateTx struct {
	*sqlx.Conn
	done   bool
	unlock func()
}

// beginImmediate waits for the store's in-process write lock, takes a
// connection and begins a write transaction on it. With d.hostDB, the
// connection comes from a host's pool whose DSN may lack the settings Open
// makes: foreign keys are switched on, the store's busy timeout is set when
// the host set none (Migrate accepts such a pool), and the synchronous
// level when Options.Synchronous chose one.
func beginImmediate(ctx context.Context, db *sqlx.DB, d dialect) (*immediateTx, error) {
	unlock := func() {}
	if d.writeLock != nil {
		select {
		case d.writeLock <- struct{}{}:
			unlock = func() { <-d.writeLock }
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	conn, err := db.Connx(ctx)
	if err != nil {
		unlock()
		return nil, err
	}
	if d.hostDB {
		if err := prepareHostConn(ctx, conn, d.synchronous); err != nil {
			unlock()
			return nil, errors.Join(err, conn.Close())
		}
	}
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		unlock()
		return nil, errors.Join(err, conn.Close())
	}
	return &immediateTx{Conn: conn, unlock: unlock}, nil
}

// Commit commits and returns the connection to the pool. COMMIT and
// ROLLBACK run without the caller's context: once the work is done, ending
// the transaction must not be cut short (a cancelled COMMIT would leave the
// connection inside a transaction).
func (t *immediateTx) Commit() error {
	if t.done {
		return errors.New("sqlite: transaction already ended")
	}
	t.done = true
	defer t.unlock()
	if _, err := t.Conn.ExecContext(context.Background(), "COMMIT"); err != nil {
		return t.discard(fmt.Errorf("commit: %w", err))
	}
	return t.Conn.Close()
}

// Rollback rolls back; after Commit or Rollback it does nothing.
func (t *immediateTx) Rollback() error {
	if t.done {
		return nil
	}
	t.done = true
	defer t.unlock()
	if _, err := t.Conn.ExecContext(context.Background(), "ROLLBACK"); err != nil {
		return t.discard(fmt.Errorf("rollback: %w", err))
	}
	return t.Conn.Close()
}

// discard drops a connection whose transaction state is unknown, so the
// pool never hands out a connection still inside a transaction.
func (t *immediateTx) discard(err error) error {
	_ = t.Conn.Raw(func(any) error { return driver.ErrBadConn })
	return errors.Join(err, t.Conn.Close())
}

func prepareHostConn(ctx context.Context, conn *sqlx.Conn, synchronous string) error {
	if _, err := conn.ExecContext(ctx, "PRAGMA foreign_keys = ON"); err != nil {
		return err
	}
	if synchronous != "" { // checked by synchronousLevel: one of a few words
		if _, err := conn.ExecContext(ctx, "PRAGMA synchronous = "+synchronous); err != nil {
			return err
		}
	}
	var ms int
	if err := conn.QueryRowxContext(ctx, "PRAGMA busy_timeout").Scan(&ms); err != nil {
		return err
	}
	if ms == 0 {
		_, err := conn.ExecContext(ctx, fmt.Sprintf("PRAGMA busy_timeout = %d", BusyTimeoutMillis))
		return err
	}
	return nil
}
