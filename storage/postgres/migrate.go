package postgres

import (
	"context"
	"database/sql"
	"io/fs"

	"github.com/jmoiron/sqlx"

	"github.com/dealtrail/dealtrail/storage"
	sqldialect "github.com/dealtrail/dealtrail/storage/internal/dialect"
)

// Migrate applies the embedded migrations that db has not recorded yet, in
// the schema db's search_path names first: each in its own transaction
// holding an advisory lock, so two processes starting at once apply each
// exactly once, recording it in dealtrail_schema_migrations.
func Migrate(ctx context.Context, db *sql.DB) error {
	return sqldialect.Migrate(ctx, db, dialect{})
}

// MigrateStatus lists the migrations db has applied and the ones this
// binary would apply (Migrate). It never changes the schema.
func MigrateStatus(ctx context.Context, db *sql.DB) (storage.MigrationStatus, error) {
	return storage.ReadMigrationStatus(ctx, db, dialect{})
}

// Migrations returns the migration files, migrations/NNNN_name.sql, for a
// host that runs its own migration tool (most take the file system and the
// directory "migrations"). Open and New then find the schema current only
// if every file is recorded in dealtrail_schema_migrations (version, name)
// as Migrate records them; MigrateStatus shows what they find.
func Migrations() fs.FS { return migrationFiles }

// DriverName is the driver sqlx is told about: lib/pq's name, whose
// bindvars ($1) every PostgreSQL driver takes.
func (dialect) DriverName() string { return DriverName }

// Migrations are the embedded migrations.
func (dialect) Migrations() fs.FS { return migrationFiles }

// HasTable looks the table up where unqualified names resolve (the
// search_path).
func (dialect) HasTable(ctx context.Context, q sqldialect.Queryer, name string) (bool, error) {
	var ok bool
	err := sqlx.GetContext(ctx, q, &ok, `SELECT to_regclass($1) IS NOT NULL`, name)
	return ok, err
}
