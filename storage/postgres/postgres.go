package postgres

import (
	"context"
	"database/sql"
	"embed"
	"fmt"

	"github.com/jmoiron/sqlx"
	_ "github.com/lib/pq" // registers the "postgres" driver

	"github.com/dealtrail/dealtrail/storage"
	"github.com/dealtrail/dealtrail/storage/internal/sqlstore"
)

// DriverName is the database/sql driver name of lib/pq.
const DriverName = "postgres"

//go:embed migrations/*.sql
var migrationFiles embed.FS

// Store is the PostgreSQL implementation of storage.Store.
type Store struct {
	*sqlstore.Store
}

var _ storage.Store = (*Store)(nil)

// Open connects to the database at dsn (a postgres:// URL or a key=value
// string), applies pending migrations unless storage.WithMigrate(false) is
// given, and listens for feed notifications on a connection of its own.
// Close closes both.
func Open(ctx context.Context, dsn string, opts ...storage.Option) (*Store, error) {
	db, err := sql.Open(DriverName, dsn)
	if err != nil {
		return nil, fmt.Errorf("opening postgres: %w", err)
	}
	if err := db.PingContext(ctx); err != nil {
		return nil, joinClose(fmt.Errorf("connecting to postgres: %w", dialect{}.MapError(err)), db)
	}
	cfg := storage.Configure(true, opts...)
	if cfg.ListenDSN == "" {
		cfg.ListenDSN = dsn
	}
	s, err := build(ctx, db, cfg)
	if err != nil {
		return nil, joinClose(err, db)
	}
	s.OnClose(db.Close)
	if err := s.listen(ctx, cfg.ListenDSN); err != nil {
		return nil, joinClose(err, db)
	}
	return s, nil
}

// New builds a Store over a host's *sql.DB, opened with lib/pq ("postgres")
// or another PostgreSQL driver such as pgx's stdlib ("pgx"). It does not
// change the schema unless storage.WithMigrate(true) is given; call Migrate
// otherwise. Close leaves db open: it belongs to the
// host. Without storage.WithListenDSN, WaitChange wakes on this process's
// own commits only.
func New(ctx context.Context, db *sql.DB, opts ...storage.Option) (*Store, error) {
	cfg := storage.Configure(false, opts...)
	s, err := build(ctx, db, cfg)
	if err != nil {
		return nil, err
	}
	if cfg.ListenDSN != "" {
		if err := s.listen(ctx, cfg.ListenDSN); err != nil {
			return nil, err
		}
	}
	return s, nil
}

func build(ctx context.Context, db *sql.DB, cfg storage.Config) (*Store, error) {
	x := sqlx.NewDb(db, DriverName)
	if *cfg.Migrate {
		if err := migrate(ctx, x); err != nil {
			return nil, err
		}
	}
	return &Store{Store: sqlstore.New(x, dialectFor(db), cfg)}, nil
}

// Migrate applies the embedded migrations that db has not recorded yet, in
// the schema db's search_path names first.
func Migrate(ctx context.Context, db *sql.DB) error {
	return migrate(ctx, sqlx.NewDb(db, DriverName))
}

func migrate(ctx context.Context, db *sqlx.DB) error {
	ms, err := sqlstore.LoadMigrations(migrationFiles, "migrations")
	if err != nil {
		return err
	}
	if err := sqlstore.Migrate(ctx, db, dialect{}, ms); err != nil {
		return dialect{}.MapError(err)
	}
	return nil
}

func joinClose(err error, db *sql.DB) error {
	if cerr := db.Close(); cerr != nil {
		return fmt.Errorf("%w (closing: %v)", err, cerr)
	}
	return err
}
