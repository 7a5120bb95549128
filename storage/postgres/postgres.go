package postgres

import (
	"context"
	"database/sql"
	"embed"
	"fmt"

	_ "github.com/lib/pq" // registers the "postgres" driver

	"github.com/dealtrail/dealtrail/storage"
	sqldialect "github.com/dealtrail/dealtrail/storage/internal/dialect"
)

// DriverName is the database/sql driver name of lib/pq.
const DriverName = "postgres"

//go:embed migrations/*.sql
var migrationFiles embed.FS

// Options are the settings of Open and New: the ones every adapter takes,
// and PostgreSQL's own. The zero value is the default for every field.
type Options struct {
	storage.Options
	// ListenDSN is the connection string of the LISTEN connection that
	// makes Committed hear other processes' commits. It is opened with
	// lib/pq whatever driver the pool uses, so it must be a DSN lib/pq
	// accepts (no pgx-only parameters). Empty means: Open's own DSN; for
	// New, no LISTEN connection, and Committed hears this process's commits
	// only (feed readers also poll, so nothing is missed, only heard
	// later).
	ListenDSN string
}

// Open connects to the database at dsn (a postgres:// URL or a key=value
// string), applies pending migrations unless o.SkipMigrate, checks the
// schema (storage.ErrSchema), and listens for feed notifications on a
// connection of its own. Close closes both.
func Open(ctx context.Context, dsn string, o Options) (*storage.Store, error) {
	return open(ctx, dsn, o, nil)
}

func open(ctx context.Context, dsn string, o Options, probe *sqldialect.Probe) (*storage.Store, error) {
	db, err := sql.Open(DriverName, dsn)
	if err != nil {
		return nil, fmt.Errorf("opening postgres: %w", err)
	}
	if err := db.PingContext(ctx); err != nil {
		return nil, joinClose(fmt.Errorf("connecting to postgres: %w", dialect{}.MapError(err)), db)
	}
	if o.ListenDSN == "" {
		o.ListenDSN = dsn
	}
	return storage.Build(ctx, db, dialectFor(db, o.ListenDSN), o.Options,
		sqldialect.Setup{Migrate: !o.SkipMigrate, OwnsDB: true, Probe: probe})
}

// New builds a Store over a host's *sql.DB, opened with lib/pq ("postgres")
// or another PostgreSQL driver such as pgx's stdlib ("pgx"). It never
// changes the schema: call Migrate first, or New fails with
// storage.ErrSchema (o.SkipMigrate has no effect here). Close leaves db
// open: it belongs to the host. Without o.ListenDSN, Committed hears this
// process's own commits only.
func New(ctx context.Context, db *sql.DB, o Options) (*storage.Store, error) {
	return newStore(ctx, db, o, nil)
}

func newStore(ctx context.Context, db *sql.DB, o Options, probe *sqldialect.Probe) (*storage.Store, error) {
	return storage.Build(ctx, db, dialectFor(db, o.ListenDSN), o.Options, sqldialect.Setup{Probe: probe})
}

func joinClose(err error, db *sql.DB) error {
	if cerr := db.Close(); cerr != nil {
		return fmt.Errorf("%w (closing: %v)", err, cerr)
	}
	return err
}
