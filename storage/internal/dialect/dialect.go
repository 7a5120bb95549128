package dialect

import (
	"context"
	"database/sql"
	"io/fs"
	"time"

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

// Dialect is what differs between the databases. storage.Store holds one;
// storage/sqlite and storage/postgres implement it.
type Dialect interface {
	// DriverName is the database/sql driver name sqlx is told about.
	DriverName() string
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
	// BeginQueue starts a transaction on the reminder outbox, which
	// writes no engagement and no feed: SQLite takes the write lock up
	// front (BEGIN IMMEDIATE), so producers and consumers run one after
	// another; PostgreSQL begins a plain transaction (no feed lock), and
	// consumers skip each other's rows with SkipLocked.
	BeginQueue(ctx context.Context, db *sqlx.DB) (Tx, error)
	// SkipLocked is appended to the SELECT that picks reminders to claim
	// (" FOR UPDATE SKIP LOCKED" on PostgreSQL, "" on SQLite, whose
	// BeginQueue already holds the write lock).
	SkipLocked() string
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

	// Migrations holds the dialect's migrations/NNNN_name.sql files.
	Migrations() fs.FS
	// LockMigrations is the lock that keeps two processes from migrating
	// at once, taken inside each migration's transaction.
	LockMigrations(ctx context.Context, tx Queryer) error
	// HasTable reports whether the table name exists where the store's
	// unqualified names resolve (the schema check on open).
	HasTable(ctx context.Context, q Queryer, name string) (bool, error)
}

// Copier is implemented by dialects with a bulk load faster than multi-row
// INSERTs. CopyRows reports false when it cannot copy through q (then
// nothing was written).
type Copier interface {
	CopyRows(ctx context.Context, q Queryer, table string, cols []string, rows [][]any) (bool, error)
}

// Listener is implemented by dialects that hear other processes' commits
// (PostgreSQL's LISTEN). Listen calls wake on every commit it hears until
// stop is called; a dialect with nothing to listen on returns a nil stop.
type Listener interface {
	Listen(ctx context.Context, wake func()) (stop func() error, err error)
}

// Setup is how an adapter asks storage.Build for a store.
type Setup struct {
	// Migrate applies pending migrations before the schema check (Open).
	Migrate bool
	// OwnsDB closes the pool when the store is closed (Open); a host's
	// pool (New) is left open.
	OwnsDB bool
	// Probe, when set, is filled in with the store's test hooks.
	Probe *Probe
}

// Probe reaches into a store for tests in the adapters' packages (through
// their export_test.go): the conformance suite's Harness is built from it.
type Probe struct {
	// DB is the store's pool.
	DB *sql.DB
	// MapError maps an error as the store's methods do.
	MapError func(error) error
	// BeforeCommit installs a hook run inside every engagement write just
	// before COMMIT (nil removes it); a non-nil error aborts the write.
	BeforeCommit func(f func(ctx context.Context, engagementID string) error)
	// AfterBegin installs a hook run first inside every engagement write,
	// right after its transaction began (nil removes it); a non-nil error
	// aborts the write.
	AfterBegin func(f func(ctx context.Context, tx Queryer) error)
	// CustomerNamesQuery is the statement CustomerNames prepares for n
	// engagement ids, with ? bindvars, for tests that pin its plan.
	CustomerNamesQuery func(n int) string
}

// FromMicros decodes the unix microseconds every timestamp column holds,
// in UTC.
func FromMicros(us int64) time.Time { return time.UnixMicro(us).UTC() }
