package postgres_test

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"strings"
	"testing"

	"github.com/dealtrail/dealtrail/storage"
	"github.com/dealtrail/dealtrail/storage/internal/sqlstore"
	"github.com/dealtrail/dealtrail/storage/postgres"
	"github.com/dealtrail/dealtrail/storage/storagetest"
)

// baseDSN returns the test database's DSN or skips the test (see
// storagetest.PostgresDSN for the variables).
func baseDSN(t testing.TB) string {
	t.Helper()
	return storagetest.PostgresDSNOrSkip(t)
}

// freshSchema creates an empty schema for one test, dropped at cleanup, and
// returns a DSN whose search_path names it.
func freshSchema(t testing.TB) string {
	t.Helper()
	base := baseDSN(t)
	var b [6]byte
	_, _ = rand.Read(b[:])
	schema := "dealtrail_test_" + hex.EncodeToString(b[:])
	admin, err := sql.Open(postgres.DriverName, base)
	if err != nil {
		t.Fatalf("opening %s: %v", storagetest.PostgresDSNEnv, err)
	}
	t.Cleanup(func() { _ = admin.Close() })
	if _, err := admin.Exec(`CREATE SCHEMA ` + schema); err != nil {
		t.Fatalf("creating schema: %v", err)
	}
	t.Cleanup(func() {
		if _, err := admin.Exec(`DROP SCHEMA ` + schema + ` CASCADE`); err != nil {
			t.Errorf("dropping schema: %v", err)
		}
	})
	return withSearchPath(t, base, schema)
}

func withSearchPath(t testing.TB, dsn, schema string) string {
	t.Helper()
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		u, err := url.Parse(dsn)
		if err != nil {
			t.Fatalf("parsing %s: %v", storagetest.PostgresDSNEnv, err)
		}
		q := u.Query()
		q.Set("search_path", schema)
		u.RawQuery = q.Encode()
		return u.String()
	}
	return dsn + " search_path=" + schema
}

func open(t testing.TB, opts ...storage.Option) storagetest.Harness {
	t.Helper()
	s, err := postgres.Open(context.Background(), freshSchema(t), opts...)
	if err != nil {
		t.Fatalf("postgres.Open: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return storagetest.Harness{
		Store:             s,
		DB:                s.DB().DB,
		Dialect:           "postgres",
		BeforeCommit:      func(f func(context.Context, string) error) { sqlstore.SetBeforeCommit(s.Store, f) },
		MapError:          func(err error) error { return sqlstore.MapError(s.Store, err) },
		ConcurrentWriters: true,
	}
}

func TestConformance(t *testing.T) {
	baseDSN(t)
	storagetest.Run(t, open)
}

// openHost builds the store the way a host CRM does: its own *sql.DB,
// Migrate, then New (no LISTEN connection).
func openHost(t testing.TB, opts ...storage.Option) storagetest.Harness {
	t.Helper()
	ctx := context.Background()
	db, err := sql.Open(postgres.DriverName, freshSchema(t))
	if err != nil {
		t.Fatalf("sql.Open: %v", err)
	}
	t.Cleanup(func() { _ = db.Close() })
	if err := postgres.Migrate(ctx, db); err != nil {
		t.Fatalf("Migrate: %v", err)
	}
	s, err := postgres.New(ctx, db, opts...)
	if err != nil {
		t.Fatalf("postgres.New: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return storagetest.Harness{
		Store:             s,
		DB:                db,
		Dialect:           "postgres",
		BeforeCommit:      func(f func(context.Context, string) error) { sqlstore.SetBeforeCommit(s.Store, f) },
		MapError:          func(err error) error { return sqlstore.MapError(s.Store, err) },
		ConcurrentWriters: true,
	}
}

func TestConformanceHostDB(t *testing.T) {
	baseDSN(t)
	storagetest.Run(t, openHost)
}
