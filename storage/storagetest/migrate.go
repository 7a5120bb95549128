package storagetest

import (
	"context"
	"database/sql"
	"slices"
	"sync"
	"testing"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage"
)

// The schema every adapter's migrations leave behind: each migration's
// version, and every table whose name starts with dealtrail_ (the version
// table included), sorted. A new migration adds its version and its tables
// here; a table dropped or renamed by mistake, or one a migration forgot,
// fails RunMigrations on both databases.
var (
	// migratedVersions lists, per dialect, the versions a database holds
	// once migrated: PostgreSQL alone has 0005, the feed writer's lock.
	migratedVersions = map[string][]int64{
		"sqlite":   {1, 2, 3, 4},
		"postgres": {1, 2, 3, 4, 5},
	}
	migratedTables = []string{
		"dealtrail_actions",
		"dealtrail_customer_identities",
		"dealtrail_customers",
		"dealtrail_engagements",
		"dealtrail_feed",
		"dealtrail_feed_pruned",
		"dealtrail_history",
		"dealtrail_interactions",
		"dealtrail_members",
		"dealtrail_participants",
		"dealtrail_schema_migrations",
		"dealtrail_teams",
	}
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
	tables := func(t *testing.T, db *sql.DB) []string {
		t.Helper()
		q := `SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'dealtrail\_%' ESCAPE '\' ORDER BY name`
		if m.Dialect == "postgres" {
			q = `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()
				AND table_type = 'BASE TABLE' AND table_name LIKE 'dealtrail\_%' ORDER BY table_name`
		}
		return column[string](t, db, q)
	}
	versions := func(t *testing.T, db *sql.DB) []int64 {
		t.Helper()
		return column[int64](t, db, `SELECT version FROM dealtrail_schema_migrations ORDER BY version`)
	}

	t.Run("New leaves the host's schema alone", func(t *testing.T) {
		t.Parallel()
		db := m.Empty(t)()
		if _, err := db.ExecContext(ctx, `CREATE TABLE schema_migrations (version BIGINT)`); err != nil {
			t.Fatalf("host table: %v", err)
		}
		s, err := m.New(ctx, db)
		noErr(t, err, "New")
		if got := tables(t, db); len(got) != 0 {
			t.Fatalf("New created tables %v without being asked", got)
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
		if got, want := versions(t, db), migratedVersions[m.Dialect]; !slices.Equal(got, want) {
			t.Errorf("versions %v after migrating, want %v", got, want)
		}
		if got := tables(t, db); !slices.Equal(got, migratedTables) {
			t.Errorf("tables %v after migrating, want %v", got, migratedTables)
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
		if got, want := versions(t, dbs[0]), versions(t, single); !slices.Equal(got, want) || !slices.Equal(got, migratedVersions[m.Dialect]) {
			t.Fatalf("concurrent migrations recorded versions %v, a single one %v, want %v", got, want, migratedVersions[m.Dialect])
		}
	})
}

// column reads the one column every row of query returns.
func column[T any](t *testing.T, db *sql.DB, query string) []T {
	t.Helper()
	rows, err := db.QueryContext(context.Background(), query)
	noErr(t, err, "querying the schema")
	defer rows.Close()
	var out []T
	for rows.Next() {
		var v T
		noErr(t, rows.Scan(&v), "scanning the schema")
		out = append(out, v)
	}
	noErr(t, rows.Err(), "reading the schema")
	return out
}
