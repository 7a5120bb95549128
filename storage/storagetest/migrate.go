package storagetest

import (
	"context"
	"database/sql"
	"errors"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
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
		"sqlite":   {1, 2, 3, 4, 6, 7, 8, 9, 10},
		"postgres": {1, 2, 3, 4, 5, 6, 7, 8, 9, 10},
	}
	migratedTables = []string{
		"dealtrail_actions",
		"dealtrail_customer_history",
		"dealtrail_customer_identities",
		"dealtrail_customers",
		"dealtrail_engagements",
		"dealtrail_feed",
		"dealtrail_feed_pruned",
		"dealtrail_history",
		"dealtrail_interactions",
		"dealtrail_meetings",
		"dealtrail_members",
		"dealtrail_outcomes",
		"dealtrail_participants",
		"dealtrail_reminders",
		"dealtrail_schema_migrations",
		"dealtrail_team_history",
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
	New func(ctx context.Context, db *sql.DB) (*storage.Store, error)
	// Status is the adapter's MigrateStatus.
	Status func(ctx context.Context, db *sql.DB) (storage.MigrationStatus, error)
	// Files is the adapter's Migrations.
	Files fs.FS
}

// RunMigrations checks that a store over a host's database never changes
// its schema and refuses one that is not the binary's (storage.ErrSchema),
// that the status lists exactly the applied and pending migrations, that
// migrations are idempotent, that two processes migrating at once apply
// each migration once, and that the host's own tables (even ones with
// generic names) are left alone.
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
	// applied is every migration of this dialect, applied.
	applied := migratedVersions[m.Dialect]
	versions := func(t *testing.T, db *sql.DB) []int64 {
		t.Helper()
		return column[int64](t, db, `SELECT version FROM dealtrail_schema_migrations ORDER BY version`)
	}

	t.Run("the review's projections are backfilled as the store writes them", func(t *testing.T) {
		t.Parallel()
		testReviewBackfill(t, m)
	})

	t.Run("New leaves the host's schema alone", func(t *testing.T) {
		t.Parallel()
		db := m.Empty(t)()
		if _, err := db.ExecContext(ctx, `CREATE TABLE schema_migrations (version BIGINT)`); err != nil {
			t.Fatalf("host table: %v", err)
		}
		_, err := m.New(ctx, db)
		if !errors.Is(err, storage.ErrSchema) || !strings.Contains(err.Error(), "call Migrate") {
			t.Fatalf("New over an unmigrated database: %v, want storage.ErrSchema saying to call Migrate", err)
		}
		if got := tables(t, db); len(got) != 0 {
			t.Fatalf("New created tables %v without being asked", got)
		}
		noErr(t, m.Migrate(ctx, db), "Migrate")
		s, err := m.New(ctx, db)
		noErr(t, err, "New after Migrate")
		_, err = s.CreateTeam(ctx, salesrec.Team{Name: "华东一组"})
		noErr(t, err, "CreateTeam after Migrate")
		noErr(t, s.Close(), "Close")
		// Close leaves the host's pool open.
		noErr(t, db.PingContext(ctx), "the host's pool after Close")
		var n int
		noErr(t, db.QueryRowContext(ctx, `SELECT COUNT(*) FROM schema_migrations`).Scan(&n), "the host's own table")
	})

	t.Run("Migrate twice is once", func(t *testing.T) {
		t.Parallel()
		db := m.Empty(t)()
		for i := 0; i < 2; i++ {
			noErr(t, m.Migrate(ctx, db), "Migrate")
			s, err := m.New(ctx, db)
			noErr(t, err, "New after Migrate")
			noErr(t, s.Close(), "Close")
		}
		if got, want := versions(t, db), migratedVersions[m.Dialect]; !slices.Equal(got, want) {
			t.Errorf("versions %v after migrating, want %v", got, want)
		}
		if got := tables(t, db); !slices.Equal(got, migratedTables) {
			t.Errorf("tables %v after migrating, want %v", got, migratedTables)
		}
	})

	t.Run("status lists applied and pending", func(t *testing.T) {
		t.Parallel()
		db := m.Empty(t)()
		st, err := m.Status(ctx, db)
		noErr(t, err, "MigrateStatus of an empty database")
		if got := migrationVersions(st.Applied); len(got) != 0 {
			t.Errorf("an empty database has applied %v", got)
		}
		if got := migrationVersions(st.Pending); !slices.Equal(got, applied) {
			t.Errorf("an empty database has pending %v, want %v", got, applied)
		}
		if got := tables(t, db); len(got) != 0 {
			t.Fatalf("MigrateStatus created tables %v", got)
		}
		noErr(t, m.Migrate(ctx, db), "Migrate")
		st, err = m.Status(ctx, db)
		noErr(t, err, "MigrateStatus after Migrate")
		if got := migrationVersions(st.Applied); !slices.Equal(got, applied) || len(st.Pending) != 0 {
			t.Errorf("after Migrate: applied %v, pending %v; want %v and none", got, migrationVersions(st.Pending), applied)
		}
		// A database one migration behind the binary: the last one is
		// pending, and New says to call Migrate.
		last := applied[len(applied)-1]
		exec(t, db, m.Dialect, `DELETE FROM dealtrail_schema_migrations WHERE version = ?`, last)
		st, err = m.Status(ctx, db)
		noErr(t, err, "MigrateStatus one behind")
		if got, want := migrationVersions(st.Applied), applied[:len(applied)-1]; !slices.Equal(got, want) {
			t.Errorf("one behind: applied %v, want %v", got, want)
		}
		if got := migrationVersions(st.Pending); !slices.Equal(got, []int64{last}) {
			t.Errorf("one behind: pending %v, want [%d]", got, last)
		}
		if _, err := m.New(ctx, db); !errors.Is(err, storage.ErrSchema) || !strings.Contains(err.Error(), "call Migrate") {
			t.Errorf("New one migration behind: %v, want storage.ErrSchema saying to call Migrate", err)
		}
	})

	t.Run("a schema newer than the binary", func(t *testing.T) {
		t.Parallel()
		db := m.Empty(t)()
		noErr(t, m.Migrate(ctx, db), "Migrate")
		const newer = 9999
		exec(t, db, m.Dialect, `INSERT INTO dealtrail_schema_migrations (version, name) VALUES (?, ?)`, newer, "9999_from_a_newer_binary.sql")
		_, err := m.New(ctx, db)
		if !errors.Is(err, storage.ErrSchema) || !strings.Contains(err.Error(), "upgrade the binary") {
			t.Fatalf("New over a newer schema: %v, want storage.ErrSchema saying to upgrade the binary", err)
		}
		st, err := m.Status(ctx, db)
		noErr(t, err, "MigrateStatus")
		if got, want := migrationVersions(st.Applied), append(slices.Clone(applied), newer); !slices.Equal(got, want) || len(st.Pending) != 0 {
			t.Errorf("newer schema: applied %v, pending %v; want %v and none", got, migrationVersions(st.Pending), want)
		}
	})

	t.Run("the files a host's tool runs are the migrations", func(t *testing.T) {
		t.Parallel()
		names, err := fs.Glob(m.Files, "migrations/*.sql")
		noErr(t, err, "listing the migration files")
		var got []int64
		for _, n := range names {
			num, _, _ := strings.Cut(path.Base(n), "_")
			v, err := strconv.ParseInt(num, 10, 64)
			noErr(t, err, "the version of "+n)
			got = append(got, v)
		}
		if !slices.Equal(got, applied) {
			t.Errorf("migration files %v, want versions %v", names, applied)
		}
	})

	t.Run("a host's own tool runs the files", func(t *testing.T) {
		t.Parallel()
		db := m.Empty(t)()
		// What a migration tool does with the files: run each in order and
		// record it where the schema check looks.
		exec(t, db, m.Dialect, `CREATE TABLE dealtrail_schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL)`)
		names, err := fs.Glob(m.Files, "migrations/*.sql")
		noErr(t, err, "listing the migration files")
		for _, n := range names {
			body, err := fs.ReadFile(m.Files, n)
			noErr(t, err, "reading "+n)
			exec(t, db, m.Dialect, string(body))
			num, _, _ := strings.Cut(path.Base(n), "_")
			exec(t, db, m.Dialect, `INSERT INTO dealtrail_schema_migrations (version, name) VALUES (?, ?)`, num, path.Base(n))
		}
		st, err := m.Status(ctx, db)
		noErr(t, err, "MigrateStatus after the host's tool")
		if len(st.Pending) != 0 {
			t.Fatalf("after the host's tool ran every file, pending %v", migrationVersions(st.Pending))
		}
		s, err := m.New(ctx, db)
		noErr(t, err, "New after the host's tool")
		_, err = s.CreateTeam(ctx, salesrec.Team{Name: "华东一组"})
		noErr(t, err, "CreateTeam after the host's tool")
		noErr(t, s.Close(), "Close")
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

// migrationVersions lists the versions of ms.
func migrationVersions(ms []storage.Migration) []int64 {
	var out []int64
	for _, m := range ms {
		out = append(out, m.Version)
	}
	return out
}

// exec runs a statement written with ? placeholders on db (a migration
// file's statements, given without arguments, are left as they are).
func exec(t *testing.T, db *sql.DB, dialect, query string, args ...any) {
	t.Helper()
	if dialect == "postgres" && len(args) > 0 {
		for i := 1; strings.Contains(query, "?"); i++ {
			query = strings.Replace(query, "?", "$"+strconv.Itoa(i), 1)
		}
	}
	_, err := db.ExecContext(context.Background(), query, args...)
	noErr(t, err, query)
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
