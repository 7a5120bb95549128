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
	done bool
}

// beginImmediate takes a connection and begins a write transaction on it.
// With hostDB, the connection comes from a host's pool whose DSN may lack
// the settings Open makes: foreign keys are switched on and, when the host
// set no busy timeout (Migrate accepts such a pool), the store's is.
func beginImmediate(ctx context.Context, db *sqlx.DB, hostDB bool) (*immediateTx, error) {
	conn, err := db.Connx(ctx)
	if err != nil {
		return nil, err
	}
	if hostDB {
		if err := prepareHostConn(ctx, conn); err != nil {
			return nil, errors.Join(err, conn.Close())
		}
	}
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		return nil, errors.Join(err, conn.Close())
	}
	return &immediateTx{Conn: conn}, nil
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

func prepareHostConn(ctx context.Context, conn *sqlx.Conn) error {
	if _, err := conn.ExecContext(ctx, "PRAGMA foreign_keys = ON"); err != nil {
		return err
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
