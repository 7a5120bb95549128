package dialect

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/jmoiron/sqlx"
)

// MigrationTable records the migrations applied to a database.
const MigrationTable = "dealtrail_schema_migrations"

// Migration is one embedded schema change: migrations/NNNN_name.sql.
type Migration struct {
	Version int64
	Name    string
	SQL     string
}

// LoadMigrations reads migrations/*.sql from fsys (an adapter's Migrations), ordered by the version
// number each file name starts with.
func LoadMigrations(fsys fs.FS) ([]Migration, error) {
	names, err := fs.Glob(fsys, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	var out []Migration
	for _, n := range names {
		base := path.Base(n)
		num, _, ok := strings.Cut(base, "_")
		v, err := strconv.ParseInt(num, 10, 64)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("migration %s: name must start with a positive version number and _", base)
		}
		b, err := fs.ReadFile(fsys, n)
		if err != nil {
			return nil, err
		}
		out = append(out, Migration{Version: v, Name: base, SQL: string(b)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Version < out[j].Version })
	for i := 1; i < len(out); i++ {
		if out[i].Version == out[i-1].Version {
			return nil, fmt.Errorf("migrations %s and %s share a version", out[i-1].Name, out[i].Name)
		}
	}
	return out, nil
}

// Applied is one row of MigrationTable.
type Applied struct {
	Version int64  `db:"version"`
	Name    string `db:"name"`
}

// AppliedMigrations returns the migrations db has recorded, by version; none
// when the table does not exist yet. It never changes the schema.
func AppliedMigrations(ctx context.Context, db *sqlx.DB, d Dialect) ([]Applied, error) {
	ok, err := d.HasTable(ctx, db, MigrationTable)
	if err != nil || !ok {
		return nil, err
	}
	var out []Applied
	if err := sqlx.SelectContext(ctx, db, &out,
		`SELECT version, name FROM `+MigrationTable+` ORDER BY version`); err != nil {
		return nil, err
	}
	return out, nil
}

// Migrate applies the migrations not yet recorded in MigrationTable, each
// in its own transaction holding the dialect's migration lock, so two
// processes starting at once apply each migration exactly once. db is the
// pool as the adapter or the host opened it.
func Migrate(ctx context.Context, db *sql.DB, d Dialect) error {
	ms, err := LoadMigrations(d.Migrations())
	if err != nil {
		return err
	}
	x := sqlx.NewDb(db, d.DriverName())
	for _, m := range ms {
		if err := migrateOne(ctx, x, d, m); err != nil {
			return fmt.Errorf("migration %s: %w", m.Name, d.MapError(err))
		}
	}
	return nil
}

func migrateOne(ctx context.Context, db *sqlx.DB, d Dialect, m Migration) error {
	tx, err := d.BeginWrite(ctx, db)
	if err != nil {
		return err
	}
	defer func() { _ = tx.Rollback() }()
	if err := d.LockMigrations(ctx, tx); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS `+MigrationTable+` (
		version BIGINT PRIMARY KEY,
		name TEXT NOT NULL,
		applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)`); err != nil {
		return err
	}
	var n int
	if err := sqlx.GetContext(ctx, tx, &n, sqlx.Rebind(d.BindType(),
		`SELECT COUNT(*) FROM `+MigrationTable+` WHERE version = ?`), m.Version); err != nil {
		return err
	}
	if n > 0 {
		return tx.Rollback()
	}
	if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, sqlx.Rebind(d.BindType(),
		`INSERT INTO `+MigrationTable+` (version, name) VALUES (?, ?)`), m.Version, m.Name); err != nil {
		return err
	}
	return tx.Commit()
}
