package sqlite

import (
	"context"
	"database/sql"
	"io/fs"

	"github.com/dealtrail/dealtrail/storage"
	sqldialect "github.com/dealtrail/dealtrail/storage/internal/dialect"
)

// Migrate applies the embedded migrations that db has not recorded yet,
// each in its own transaction, recording it in
// dealtrail_schema_migrations. A pool without a busy timeout is accepted:
// its transactions set the store's.
func Migrate(ctx context.Context, db *sql.DB) error {
	return sqldialect.Migrate(ctx, db, dialect{hostDB: true})
}

// MigrateStatus lists the migrations db has applied and the ones this
// binary would apply (Migrate). It never changes the schema.
func MigrateStatus(ctx context.Context, db *sql.DB) (storage.MigrationStatus, error) {
	return storage.ReadMigrationStatus(ctx, db, dialect{hostDB: true})
}

// Migrations returns the migration files, migrations/NNNN_name.sql, for a
// host that runs its own migration tool (most take the file system and the
// directory "migrations"). Open and New then find the schema current only
// if every file is recorded in dealtrail_schema_migrations (version, name)
// as Migrate records them; MigrateStatus shows what they find.
func Migrations() fs.FS { return migrationFiles }
