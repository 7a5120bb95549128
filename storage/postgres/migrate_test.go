package postgres_test

import (
	"context"
	"database/sql"
	"testing"

	"github.com/dealtrail/dealtrail/storage"
	"github.com/dealtrail/dealtrail/storage/postgres"
	"github.com/dealtrail/dealtrail/storage/storagetest"
)

func TestMigrations(t *testing.T) {
	baseDSN(t)
	storagetest.RunMigrations(t, storagetest.Migrations{
		Dialect: "postgres",
		Empty: func(t testing.TB) func() *sql.DB {
			dsn := freshSchema(t)
			return func() *sql.DB {
				db, err := sql.Open(postgres.DriverName, dsn)
				if err != nil {
					t.Fatalf("sql.Open: %v", err)
				}
				t.Cleanup(func() { _ = db.Close() })
				return db
			}
		},
		Migrate: postgres.Migrate,
		New: func(ctx context.Context, db *sql.DB) (*storage.Store, error) {
			return postgres.New(ctx, db, postgres.Options{})
		},
		Status: postgres.MigrateStatus,
		Files:  postgres.Migrations(),
	})
}
