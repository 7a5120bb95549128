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

func open(t testing.TB, o storage.Options) storagetest.Harness {
	t.Helper()
	return openWith(t, sqlite.Options{Options: o})
}

// openWith is open with SQLite's own options.
func openWith(t testing.TB, o sqlite.Options) storagetest.Harness {
	t.Helper()
	s, p, err := sqlite.OpenProbed(context.Background(), filepath.Join(t.TempDir(), "dealtrail.db"), o)
	if err != nil {
		t.Fatalf("sqlite.Open: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return storagetest.Harness{
		Store:        s,
		DB:           p.DB,
		Dialect:      "sqlite",
		BeforeCommit: p.BeforeCommit,
		MapError:     p.MapError,
	}
}

func TestConformance(t *testing.T) { storagetest.Run(t, open) }

// openHost builds the store the way a host CRM does: its own *sql.DB (with
// WAL and a busy timeout, but no foreign keys and deferred transactions),
// Migrate, then New.
func openHost(t testing.TB, o storage.Options) storagetest.Harness {
	t.Helper()
	ctx := context.Background()
	dsn := "file:" + filepath.Join(t.TempDir(), "host.db") + "?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)"
	db, err := sql.Open(sqlite.DriverName, dsn)
	if err != nil {
		t.Fatalf("sql.Open: %v", err)
	}
	t.Cleanup(func() { _ = db.Close() })
	if err := sqlite.Migrate(ctx, db); err != nil {
		t.Fatalf("Migrate: %v", err)
	}
	s, p, err := sqlite.NewProbed(ctx, db, sqlite.Options{Options: o})
	if err != nil {
		t.Fatalf("sqlite.New: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return storagetest.Harness{
		Store:        s,
		DB:           db,
		Dialect:      "sqlite",
		BeforeCommit: p.BeforeCommit,
		MapError:     p.MapError,
	}
}

func TestConformanceHostDB(t *testing.T) { storagetest.Run(t, openHost) }
