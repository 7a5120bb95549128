package sqlite_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/dealtrail/dealtrail/storage"
	"github.com/dealtrail/dealtrail/storage/sqlite"
	"github.com/dealtrail/dealtrail/storage/storagetest"
)

func TestMigrations(t *testing.T) {
	storagetest.RunMigrations(t, storagetest.Migrations{
		Dialect: "sqlite",
		Empty: func(t testing.TB) func() *sql.DB {
			// A host's own pool: a plain DSN, none of the settings Open makes.
			path := "file:" + filepath.Join(t.TempDir(), "host.db")
			return func() *sql.DB {
				db, err := sql.Open(sqlite.DriverName, path)
				if err != nil {
					t.Fatalf("sql.Open: %v", err)
				}
				t.Cleanup(func() { _ = db.Close() })
				return db
			}
		},
		Migrate: sqlite.Migrate,
		New: func(ctx context.Context, db *sql.DB, opts ...storage.Option) (storagetest.Store, error) {
			return sqlite.New(ctx, db, opts...)
		},
	})
}
