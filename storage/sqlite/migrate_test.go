package sqlite_test

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage"
	"github.com/dealtrail/dealtrail/storage/sqlite"
	"github.com/dealtrail/dealtrail/storage/storagetest"
)

func TestMigrations(t *testing.T) {
	storagetest.RunMigrations(t, storagetest.Migrations{
		Dialect: "sqlite",
		Empty: func(t testing.TB) func() *sql.DB {
			// A host's own pool: a busy timeout (which New requires) and
			// none of the other settings Open makes.
			path := "file:" + filepath.Join(t.TempDir(), "host.db") + "?_pragma=busy_timeout(10000)"
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
		New: func(ctx context.Context, db *sql.DB) (*storage.Store, error) {
			return sqlite.New(ctx, db, sqlite.Options{})
		},
		Status: sqlite.MigrateStatus,
		Files:  sqlite.Migrations(),
	})
}

func TestNewRefusesAPoolWithoutBusyTimeout(t *testing.T) {
	db, err := sql.Open(sqlite.DriverName, "file:"+filepath.Join(t.TempDir(), "host.db"))
	if err != nil {
		t.Fatalf("sql.Open: %v", err)
	}
	defer db.Close()
	if _, err := sqlite.New(context.Background(), db, sqlite.Options{}); !errors.Is(err, salesrec.ErrInvalid) {
		t.Fatalf("New over a pool without busy timeout: %v, want ErrInvalid", err)
	}
	// Migrate alone works: its transactions set the store's timeout.
	if err := sqlite.Migrate(context.Background(), db); err != nil {
		t.Fatalf("Migrate: %v", err)
	}
}

// TestOpenSkipMigrateChecksTheSchema: Open told not to migrate still checks
// the schema, so a new file fails with ErrSchema saying to call Migrate,
// and the same file opens once migrated.
func TestOpenSkipMigrateChecksTheSchema(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "dealtrail.db")
	skip := sqlite.Options{Options: storage.Options{SkipMigrate: true}}
	_, err := sqlite.Open(ctx, path, skip)
	if !errors.Is(err, storage.ErrSchema) || !strings.Contains(err.Error(), "call Migrate") {
		t.Fatalf("Open with SkipMigrate on a new file: %v, want storage.ErrSchema saying to call Migrate", err)
	}
	s, err := sqlite.Open(ctx, path, sqlite.Options{})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	s, err = sqlite.Open(ctx, path, skip)
	if err != nil {
		t.Fatalf("Open with SkipMigrate once migrated: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
}
