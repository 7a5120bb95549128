package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"fmt"

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage"
	sqldialect "github.com/dealtrail/dealtrail/storage/internal/dialect"
)

// DriverName is the database/sql driver name of modernc.org/sqlite.
const DriverName = "sqlite"

// BusyTimeoutMillis is how long a connection Open makes waits for another
// writer's lock before giving up.
const BusyTimeoutMillis = 10000

//go:embed migrations/*.sql
var migrationFiles embed.FS

// Options are the settings of Open and New: the ones every adapter takes,
// and SQLite's own. The zero value is the default for every field.
type Options struct {
	storage.Options
	// Synchronous is the PRAGMA synchronous level the store writes with:
	// "FULL", "EXTRA" or "NORMAL" (any case); other values are refused
	// with salesrec.ErrInvalid. Empty means: FULL for Open, unless its DSN
	// sets a synchronous pragma of its own; for New, the host's connections
	// as they are. NORMAL saves an fsync per commit, but an OS crash or a
	// power loss can then roll back the last commits after a feed reader
	// (the knowledge base) applied them; see docs/storage.md.
	Synchronous string
}

// Open opens (creating if needed) the SQLite database at dsn — a path or a
// file: URI — with WAL, synchronous FULL (see Options.Synchronous), a busy
// timeout and foreign keys, applies pending migrations unless
// o.SkipMigrate, and checks the schema (storage.ErrSchema). Close closes
// the database.
func Open(ctx context.Context, dsn string, o Options) (*storage.Store, error) {
	return open(ctx, dsn, o, nil)
}

func open(ctx context.Context, dsn string, o Options, probe *sqldialect.Probe) (*storage.Store, error) {
	level, err := synchronousLevel(o.Synchronous)
	if err != nil {
		return nil, err
	}
	full, err := withPragmas(dsn, level)
	if err != nil {
		return nil, err
	}
	db, err := sql.Open(DriverName, full)
	if err != nil {
		return nil, fmt.Errorf("opening sqlite: %w", err)
	}
	return storage.Build(ctx, db, newDialect(false, ""), o.Options,
		sqldialect.Setup{Migrate: !o.SkipMigrate, OwnsDB: true, Probe: probe})
}

// New builds a Store over a host's *sql.DB opened with the "sqlite"
// driver. It never changes the schema: call Migrate first, or New fails
// with storage.ErrSchema (o.SkipMigrate has no effect here). Close leaves
// db open: it belongs to the host.
//
// The host's DSN must set a busy timeout (e.g. _pragma=busy_timeout(10000)):
// without one, a read that meets a writer's lock fails at once with
// SQLITE_BUSY, so New refuses such a pool. WAL (_pragma=journal_mode(WAL))
// is recommended so readers and the writer do not wait for each other.
// Foreign keys and the write lock (BEGIN IMMEDIATE) are taken per
// transaction by the store itself. Durability is the host's DSN's
// synchronous setting (SQLite's default is FULL) unless o.Synchronous is
// set: then the store sets that level on the connections it writes with.
func New(ctx context.Context, db *sql.DB, o Options) (*storage.Store, error) {
	return newStore(ctx, db, o, nil)
}

func newStore(ctx context.Context, db *sql.DB, o Options, probe *sqldialect.Probe) (*storage.Store, error) {
	level, err := synchronousLevel(o.Synchronous)
	if err != nil {
		return nil, err
	}
	if err := checkBusyTimeout(ctx, db); err != nil {
		return nil, err
	}
	return storage.Build(ctx, db, newDialect(true, level), o.Options, sqldialect.Setup{Probe: probe})
}

// checkBusyTimeout refuses a pool whose connections do not wait for locks.
func checkBusyTimeout(ctx context.Context, db *sql.DB) error {
	var ms int
	if err := db.QueryRowContext(ctx, "PRAGMA busy_timeout").Scan(&ms); err != nil {
		return fmt.Errorf("sqlite: reading busy_timeout: %w", err)
	}
	if ms <= 0 {
		return fmt.Errorf("sqlite: the database's connections have no busy timeout; open it with _pragma=busy_timeout(10000) in the DSN: %w", salesrec.ErrInvalid)
	}
	return nil
}
