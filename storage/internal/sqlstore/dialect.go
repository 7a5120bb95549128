package sqlstore

import (
	"context"
	"database/sql"

	"github.com/jmoiron/sqlx"

	"github.com/dealtrail/dealtrail/salesrec"
)

// Queryer is what the unexported helpers take: a *sqlx.DB, a *sqlx.Tx or a
// connection holding an explicit transaction.
type Queryer interface {
	sqlx.QueryerContext
	sqlx.ExecerContext
}

// Tx is a write transaction.
type Tx interface {
	Queryer
	Commit() error
	Rollback() error
}

// FeedRow is one change written to the feed inside a write transaction.
type FeedRow struct {
	EngagementID string
	TeamID       string
	Version      int64
	Op           salesrec.Op
	At           int64 // unix microseconds
}

// Dialect is what differs between the databases.
type Dialect interface {
	// BindType is the sqlx bindvar type (sqlx.QUESTION, sqlx.DOLLAR).
	BindType() int
	// BeginWrite starts a transaction that will write. SQLite takes the
	// write lock up front (BEGIN IMMEDIATE) so two writers never deadlock on
	// lock upgrades; PostgreSQL takes the feed lock before anything else.
	BeginWrite(ctx context.Context, db *sqlx.DB) (Tx, error)
	// ForUpdate is appended to the SELECT that reads an engagement before
	// changing it (" FOR UPDATE" on PostgreSQL, "" on SQLite whose writers
	// are already serialised).
	ForUpdate() string
	// ForUpdateOf is ForUpdate for a join that must lock the rows of the
	// table aliased alias only (" FOR UPDATE OF e" on PostgreSQL).
	ForUpdateOf(alias string) string
	// InsertFeed appends feed rows inside the write transaction, and arranges
	// for listeners to be told after commit where the database supports it.
	InsertFeed(ctx context.Context, tx Queryer, rows []FeedRow) error
	// LockIdentities is taken by a write transaction before it records
	// customer identities, so they are numbered in commit order (a table
	// lock on PostgreSQL; nothing on SQLite, whose writers are serialised).
	LockIdentities(ctx context.Context, tx Queryer) error
	// Unindexed returns an expression equal to col that the planner will
	// not answer from an index, for a query whose rows are already pinned
	// by primary key (SQLite's unary plus; PostgreSQL plans from
	// statistics and needs no hint).
	Unindexed(col string) string
	// ReadFeed returns committed changes after the position after, in feed
	// order, never one that a transaction still in flight could precede.
	// db is the store's pool, never a transaction: PostgreSQL reads its
	// horizon and then the rows, each in a transaction of its own.
	ReadFeed(ctx context.Context, db Queryer, after string, limit int) ([]salesrec.Change, error)
	// FeedHead returns the position of the last change ReadFeed would
	// return now ("" when it would return none): the same horizon applies.
	FeedHead(ctx context.Context, db Queryer) (string, error)
	// CheckFeedPos fails with salesrec.ErrInvalid unless pos is a position
	// exactly as ReadFeed formats them (so positions compare as text).
	CheckFeedPos(pos string) error
	// DeleteFeed removes the feed rows at or before upTo, a checked
	// position the pruned horizon has already been moved to in tx (the
	// feed's delete trigger refuses any row after the horizon).
	DeleteFeed(ctx context.Context, tx Queryer, upTo string) (int64, error)
	// ReadOptions are the options of the read-only transaction a read of
	// several statements runs in, so they see one snapshot.
	ReadOptions() *sql.TxOptions
	// MapError maps a driver error to the salesrec sentinels by code. It
	// never passes on values the database echoes in its messages.
	MapError(err error) error
}

// Migrations is implemented by dialects: the lock that keeps two processes
// from migrating at once, taken inside each migration's transaction.
type Migrations interface {
	LockMigrations(ctx context.Context, tx Queryer) error
}
