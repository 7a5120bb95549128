package postgres_test

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/dealtrail/dealtrail/storage"
	"github.com/dealtrail/dealtrail/storage/internal/sqlstore"
	"github.com/dealtrail/dealtrail/storage/postgres"
	"github.com/dealtrail/dealtrail/storage/storagetest"
)

// DSNEnv names the variable holding the DSN of a PostgreSQL database the
// tests may create schemas in. RequireEnv=1 turns a missing DSN into a
// failure, so CI cannot pass without running these tests.
const (
	DSNEnv     = "DEALTRAIL_TEST_POSTGRES_DSN"
	RequireEnv = "DEALTRAIL_REQUIRE_POSTGRES"
)

// baseDSN returns the test database's DSN or skips the test.
func baseDSN(t testing.TB) string {
	t.Helper()
	dsn := os.Getenv(DSNEnv)
	if dsn == "" {
		if os.Getenv(RequireEnv) == "1" {
			t.Fatal(DSNEnv + " not set but " + RequireEnv + "=1: PostgreSQL tests must run")
		}
		t.Skip(DSNEnv + " not set: skipping PostgreSQL tests")
	}
	return dsn
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
		t.Fatalf("opening %s: %v", DSNEnv, err)
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
			t.Fatalf("parsing %s: %v", DSNEnv, err)
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
		AfterBegin:        afterBegin(s),
		LockFeed:          lockFeed,
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
		AfterBegin:        afterBegin(s),
		LockFeed:          lockFeed,
		ConcurrentWriters: true,
	}
}

func TestConformanceHostDB(t *testing.T) {
	baseDSN(t)
	storagetest.Run(t, openHost)
}

// afterBegin adapts sqlstore.SetAfterBegin to the harness.
func afterBegin(s *postgres.Store) func(f func(context.Context, storagetest.Execer) error) {
	return func(f func(context.Context, storagetest.Execer) error) {
		if f == nil {
			sqlstore.SetAfterBegin(s.Store, nil)
			return
		}
		sqlstore.SetAfterBegin(s.Store, func(ctx context.Context, tx sqlstore.Queryer) error { return f(ctx, tx) })
	}
}

func lockFeed(ctx context.Context, tx *sql.Tx) error { return postgres.LockFeed(ctx, tx) }
