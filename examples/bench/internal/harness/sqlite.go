package harness

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"

	"github.com/dealtrail/dealtrail/storage"
	"github.com/dealtrail/dealtrail/storage/sqlite"
)

// sqliteDSN opens a SQLite file with the settings sqlite.Open gives its own
// connections (WAL, busy timeout, foreign keys, the adapter's default
// synchronous level), so the bare side runs on equal terms.
func sqliteDSN(path string) string {
	return fmt.Sprintf("file:%s?_pragma=busy_timeout(%d)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)&_pragma=synchronous(%s)",
		path, sqlite.BusyTimeoutMillis, sqlite.DefaultSynchronous)
}

// openSQLiteStore opens (creating) a dealtrail SQLite store at path.
func openSQLiteStore(ctx context.Context, path string) (*storage.Store, error) {
	return sqlite.Open(ctx, path, sqlite.Options{})
}

// openSQLiteBare opens a bare database at path migrated with the SQLite
// adapter's own migrations.
func openSQLiteBare(ctx context.Context, path string) (*bareSQL, error) {
	db, err := sql.Open(sqlite.DriverName, sqliteDSN(path))
	if err != nil {
		return nil, err
	}
	if err := sqlite.Migrate(ctx, db); err != nil {
		return nil, joinErr(fmt.Errorf("migrating the bare database: %w", err), db.Close())
	}
	return &bareSQL{db: db}, nil
}

// openSQLite opens both sides in dir; close closes them.
func openSQLite(ctx context.Context, dir string) (be backend, close func() error, err error) {
	dt, err := openSQLiteStore(ctx, filepath.Join(dir, "dealtrail.db"))
	if err != nil {
		return be, nil, fmt.Errorf("opening the dealtrail sqlite store: %w", err)
	}
	bare, err := openSQLiteBare(ctx, filepath.Join(dir, "bare.db"))
	if err != nil {
		return be, nil, joinErr(err, dt.Close())
	}
	dtDB := func() (*sql.DB, error) {
		return sql.Open(sqlite.DriverName, sqliteDSN(filepath.Join(dir, "dealtrail.db")))
	}
	return backend{name: "sqlite", dt: dt, dtDB: dtDB, bare: bare}, func() error { return joinErr(dt.Close(), bare.close()) }, nil
}
