package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"fmt"

	"github.com/jmoiron/sqlx"
	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage"
	"github.com/dealtrail/dealtrail/storage/internal/sqlstore"
)

// DriverName is the database/sql driver name of modernc.org/sqlite.
const DriverName = "sqlite"

// BusyTimeoutMillis is how long a connection Open makes waits for another
// writer's lock before giving up.
const BusyTimeoutMillis = 10000

//go:embed migrations/*.sql
var migrationFiles embed.FS

// Store is the SQLite implementation of storage.Store.
type Store struct {
	*sqlstore.Store
}

var _ storage.Store = (*Store)(nil)

// Open opens (creating if needed) the SQLite database at dsn — a path or a
// file: URI — with WAL, synchronous FULL (see storage.WithSQLiteSynchronous),
// a busy timeout and foreign keys, and applies pending
// migrations unless storage.WithMigrate(false) is given. Close closes the
// database.
func Open(ctx context.Context, dsn string, opts ...storage.Option) (*Store, error) {
	cfg := storage.Configure(true, opts...)
	level, err := synchronousLevel(cfg.SQLiteSynchronous)
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
	s, err := build(ctx, db, newDialect(false, ""), cfg)
	if err != nil {
		return nil, joinClose(err, db)
	}
	s.OnClose(db.Close)
	return s, nil
}

// New builds a Store over a host's *sql.DB opened with the "sqlite"
// driver. It does not change the schema unless storage.WithMigrate(true) is
// given; call Migrate otherwise. Close leaves db open: it belongs to the
// host.
//
// The host's DSN must set a busy timeout (e.g. _pragma=busy_timeout(10000)):
// without one, a read that meets a writer's lock fails at once with
// SQLITE_BUSY, so New refuses such a pool. WAL (_pragma=journal_mode(WAL))
// is recommended so readers and the writer do not wait for each other.
// Foreign keys and the write lock (BEGIN IMMEDIATE) are taken per
// transaction by the store itself. Durability is the host's DSN's
// synchronous setting (SQLite's default is FULL) unless
// storage.WithSQLiteSynchronous is given: then the store sets that level on
// the connections it writes with.
func New(ctx context.Context, db *sql.DB, opts ...storage.Option) (*Store, error) {
	cfg := storage.Configure(false, opts...)
	level, err := synchronousLevel(cfg.SQLiteSynchronous)
	if err != nil {
		return nil, err
	}
	if err := checkBusyTimeout(ctx, db); err != nil {
		return nil, err
	}
	return build(ctx, db, newDialect(true, level), cfg)
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

func build(ctx context.Context, db *sql.DB, d dialect, cfg storage.Config) (*Store, error) {
	x := sqlx.NewDb(db, DriverName)
	if *cfg.Migrate {
		if err := migrateWith(ctx, x, d); err != nil {
			return nil, err
		}
	}
	return &Store{Store: sqlstore.New(x, d, cfg)}, nil
}

// Migrate applies the embedded migrations that db has not recorded yet.
func Migrate(ctx context.Context, db *sql.DB) error {
	return migrateWith(ctx, sqlx.NewDb(db, DriverName), dialect{hostDB: true})
}

func migrateWith(ctx context.Context, db *sqlx.DB, d dialect) error {
	ms, err := sqlstore.LoadMigrations(migrationFiles, "migrations")
	if err != nil {
		return err
	}
	return sqlstore.Migrate(ctx, db, d, ms)
}

func joinClose(err error, db *sql.DB) error {
	if cerr := db.Close(); cerr != nil {
		return fmt.Errorf("%w (closing: %v)", err, cerr)
	}
	return err
}
