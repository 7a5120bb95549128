package storage

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/jmoiron/sqlx"

	"github.com/dealtrail/dealtrail/storage/internal/dialect"
)

// Migration is one schema migration: its version and its file name
// (NNNN_name.sql).
type Migration struct {
	Version int64
	Name    string
}

// MigrationStatus says where a database's schema stands against the
// migrations a binary carries (sqlite.MigrateStatus, postgres.MigrateStatus).
type MigrationStatus struct {
	// Applied are the migrations the database has recorded, by version,
	// including any a newer binary applied that this one does not know.
	Applied []Migration
	// Pending are this binary's migrations the database has not recorded,
	// by version: what the adapter's Migrate would apply.
	Pending []Migration
}

// ReadMigrationStatus is the MigrateStatus of the adapters, for
// storage/sqlite and storage/postgres (the dialect's type is internal to
// storage). It never changes the schema.
func ReadMigrationStatus(ctx context.Context, db *sql.DB, d dialect.Dialect) (MigrationStatus, error) {
	return migrationStatus(ctx, sqlx.NewDb(db, d.DriverName()), d)
}

func migrationStatus(ctx context.Context, db *sqlx.DB, d dialect.Dialect) (MigrationStatus, error) {
	ms, err := dialect.LoadMigrations(d.Migrations())
	if err != nil {
		return MigrationStatus{}, err
	}
	applied, err := dialect.AppliedMigrations(ctx, db, d)
	if err != nil {
		return MigrationStatus{}, fmt.Errorf("reading the applied migrations: %w", d.MapError(err))
	}
	var st MigrationStatus
	done := make(map[int64]bool, len(applied))
	for _, a := range applied {
		done[a.Version] = true
		st.Applied = append(st.Applied, Migration{Version: a.Version, Name: a.Name})
	}
	for _, m := range ms {
		if !done[m.Version] {
			st.Pending = append(st.Pending, Migration{Version: m.Version, Name: m.Name})
		}
	}
	return st, nil
}

// checkSchema fails with ErrSchema unless db has applied exactly the
// migrations d carries.
func checkSchema(ctx context.Context, db *sqlx.DB, d dialect.Dialect) error {
	st, err := migrationStatus(ctx, db, d)
	if err != nil {
		return err
	}
	ms, err := dialect.LoadMigrations(d.Migrations())
	if err != nil {
		return err
	}
	known := make(map[int64]bool, len(ms))
	var want int64
	for _, m := range ms {
		known[m.Version] = true
		want = max(want, m.Version)
	}
	var found int64
	for _, a := range st.Applied {
		found = max(found, a.Version)
	}
	for _, a := range st.Applied {
		if !known[a.Version] {
			return fmt.Errorf("%w: the database is at migration %d (%s), newer than this binary's %d; upgrade the binary",
				ErrSchema, found, a.Name, want)
		}
	}
	if len(st.Pending) > 0 {
		return fmt.Errorf("%w: the database is at migration %d, this binary expects %d (%d pending, first %s); call Migrate, or Open without SkipMigrate",
			ErrSchema, found, want, len(st.Pending), st.Pending[0].Name)
	}
	return nil
}
