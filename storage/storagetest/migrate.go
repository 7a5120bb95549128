package storagetest

import (
	"context"
	"database/sql"
	"sync"
	"testing"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage"
)

// Migrations is what RunMigrations needs from an adapter.
type Migrations struct {
	// Dialect is "sqlite" or "postgres".
	Dialect string
	// Empty returns a function that opens a new pool on one empty
	// database; each call of the function is another pool (another
	// "process") on the same database. Pools are closed at cleanup.
	Empty func(t testing.TB) func() *sql.DB
	// Migrate is the adapter's exported Migrate.
	Migrate func(ctx context.Context, db *sql.DB) error
	// New is the adapter's New over a host's *sql.DB.
	New func(ctx context.Context, db *sql.DB, opts ...storage.Option) (Store, error)
}

// RunMigrations checks that a store over a host's database never changes
// its schema unless asked, that migrations are idempotent, that two
// processes migrating at once apply each migration once, and that the
// host's own tables (even ones with generic names) are left alone.
func RunMigrations(t *testing.T, m Migrations) {
	ctx := context.Background()
	countTables := func(t *testing.T, db *sql.DB) int {
		t.Helper()
		q := `SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name LIKE 'dealtrail\_%' ESCAPE '\'`
		if m.Dialect == "postgres" {
			q = `SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name LIKE 'dealtrail\_%'`
		}
		var n int
		noErr(t, db.QueryRowContext(ctx, q).Scan(&n), "counting tables")
		return n
	}
	versions := func(t *testing.T, db *sql.DB) int {
		t.Helper()
		var n int
		noErr(t, db.QueryRowContext(ctx, `SELECT COUNT(*) FROM dealtrail_schema_migrations`).Scan(&n), "counting versions")
		return n
	}

	t.Run("New leaves the host's schema alone", func(t *testing.T) {
		t.Parallel()
		db := m.Empty(t)()
		if _, err := db.ExecContext(ctx, `CREATE TABLE schema_migrations (version BIGINT)`); err != nil {
			t.Fatalf("host table: %v", err)
		}
		s, err := m.New(ctx, db)
		noErr(t, err, "New")
		if n := countTables(t, db); n != 0 {
			t.Fatalf("New created %d tables without being asked", n)
		}
		if _, err := s.CreateTeam(ctx, salesrec.Team{Name: "华东一组"}); err == nil {
			t.Fatal("a write on an unmigrated database succeeded")
		}
		noErr(t, m.Migrate(ctx, db), "Migrate")
		_, err = s.CreateTeam(ctx, salesrec.Team{Name: "华东一组"})
		noErr(t, err, "CreateTeam after Migrate")
		noErr(t, s.Close(), "Close")
		// Close leaves the host's pool open.
		noErr(t, db.PingContext(ctx), "the host's pool after Close")
		var n int
		noErr(t, db.QueryRowContext(ctx, `SELECT COUNT(*) FROM schema_migrations`).Scan(&n), "the host's own table")
	})

	t.Run("WithMigrate(true) migrates, twice is once", func(t *testing.T) {
		t.Parallel()
		db := m.Empty(t)()
		for i := 0; i < 2; i++ {
			s, err := m.New(ctx, db, storage.WithMigrate(true))
			noErr(t, err, "New with migrate")
			noErr(t, s.Close(), "Close")
		}
		noErr(t, m.Migrate(ctx, db), "Migrate again")
		want := versions(t, db)
		if want == 0 || countTables(t, db) < 8 {
			t.Fatalf("%d versions, %d tables after migrating", want, countTables(t, db))
		}
	})

	t.Run("two processes migrating at once", func(t *testing.T) {
		t.Parallel()
		pool := m.Empty(t)
		dbs := []*sql.DB{pool(), pool(), pool(), pool()}
		var wg sync.WaitGroup
		errs := make([]error, len(dbs))
		begin := make(chan struct{})
		for i, db := range dbs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-begin
				errs[i] = m.Migrate(ctx, db)
			}()
		}
		close(begin)
		wg.Wait()
		for _, err := range errs {
			noErr(t, err, "concurrent Migrate")
		}
		single := m.Empty(t)()
		noErr(t, m.Migrate(ctx, single), "Migrate alone")
		if got, want := versions(t, dbs[0]), versions(t, single); got != want {
			t.Fatalf("concurrent migrations recorded %d versions, a single one %d", got, want)
		}
	})
}
