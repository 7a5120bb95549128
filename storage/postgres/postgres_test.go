package postgres_test

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"strings"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver

	"github.com/dealtrail/dealtrail/storage"
	sqldialect "github.com/dealtrail/dealtrail/storage/internal/dialect"
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

func open(t testing.TB, o storage.Options) storagetest.Harness {
	t.Helper()
	s, p, err := postgres.OpenProbed(context.Background(), freshSchema(t), postgres.Options{Options: o})
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
		DB:                p.DB,
		Dialect:           "postgres",
		BeforeCommit:      p.BeforeCommit,
		MapError:          p.MapError,
		AfterBegin:        afterBegin(p),
		LockFeed:          lockFeed,
		ConcurrentWriters: true,
	}
}

func TestConformance(t *testing.T) {
	baseDSN(t)
	storagetest.Run(t, open)
}

// pgxDriver is the database/sql driver name of pgx's stdlib package, the
// driver many hosts' pools use.
const pgxDriver = "pgx"

// openHost builds the store the way a host CRM does: its own *sql.DB
// (lib/pq), Migrate, then New (no LISTEN connection).
func openHost(t testing.TB, o storage.Options) storagetest.Harness {
	t.Helper()
	return openHostWith(t, postgres.DriverName, o)
}

// openHostPgx is openHost over a pool of pgx's stdlib driver.
func openHostPgx(t testing.TB, o storage.Options) storagetest.Harness {
	t.Helper()
	return openHostWith(t, pgxDriver, o)
}

// openHostWith is openHost over a pool of the named database/sql driver.
func openHostWith(t testing.TB, driver string, o storage.Options) storagetest.Harness {
	t.Helper()
	dsn := freshSchema(t)
	db := hostPool(t, driver, dsn)
	if err := postgres.Migrate(context.Background(), db); err != nil {
		t.Fatalf("Migrate: %v", err)
	}
	s, p := hostStoreProbed(t, db, postgres.Options{Options: o})
	return storagetest.Harness{
		Store:             s,
		DB:                db,
		Dialect:           "postgres",
		BeforeCommit:      p.BeforeCommit,
		MapError:          p.MapError,
		AfterBegin:        afterBegin(p),
		LockFeed:          lockFeed,
		ConcurrentWriters: true,
	}
}

// hostPool opens a host's pool of the named driver on dsn, closed at
// cleanup.
func hostPool(t testing.TB, driver, dsn string) *sql.DB {
	t.Helper()
	db, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatalf("sql.Open(%q): %v", driver, err)
	}
	t.Cleanup(func() { _ = db.Close() })
	return db
}

// hostStore builds a store with New over a host's migrated pool, closed at
// cleanup (before the pool).
func hostStore(t testing.TB, db *sql.DB, o postgres.Options) *storage.Store {
	t.Helper()
	s, _ := hostStoreProbed(t, db, o)
	return s
}

// hostStoreProbed is hostStore with the store's test hooks.
func hostStoreProbed(t testing.TB, db *sql.DB, o postgres.Options) (*storage.Store, *sqldialect.Probe) {
	t.Helper()
	s, p, err := postgres.NewProbed(context.Background(), db, o)
	if err != nil {
		t.Fatalf("postgres.New: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return s, p
}

func TestConformanceHostDB(t *testing.T) {
	baseDSN(t)
	storagetest.Run(t, openHost)
}

// TestConformanceHostPgx runs the suite over a host pool of pgx's stdlib
// driver: errors map by SQLSTATE and bulk loads work whatever the driver.
func TestConformanceHostPgx(t *testing.T) {
	baseDSN(t)
	storagetest.Run(t, openHostPgx)
}

// afterBegin adapts the probe's AfterBegin to the harness.
func afterBegin(p *sqldialect.Probe) func(f func(context.Context, storagetest.Execer) error) {
	return func(f func(context.Context, storagetest.Execer) error) {
		if f == nil {
			p.AfterBegin(nil)
			return
		}
		p.AfterBegin(func(ctx context.Context, tx sqldialect.Queryer) error { return f(ctx, tx) })
	}
}

func lockFeed(ctx context.Context, tx *sql.Tx) error { return postgres.LockFeed(ctx, tx) }
