package sqlstore

import (
	"context"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/jmoiron/sqlx"
)

// Migration is one embedded schema change: migrations/NNNN_name.sql.
type Migration struct {
	Version int64
	Name    string
	SQL     string
}

// LoadMigrations reads dir/*.sql from fsys, ordered by the version number
// each file name starts with.
func LoadMigrations(fsys fs.FS, dir string) ([]Migration, error) {
	names, err := fs.Glob(fsys, path.Join(dir, "*.sql"))
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

// Migrate applies the migrations not yet recorded in
// dealtrail_schema_migrations, each in its own transaction holding the
// dialect's migration lock, so two processes starting at once apply each
// migration exactly once.
func Migrate(ctx context.Context, db *sqlx.DB, d interface {
	Dialect
	Migrations
}, ms []Migration) error {
	for _, m := range ms {
		if err := migrateOne(ctx, db, d, m); err != nil {
			return fmt.Errorf("migration %s: %w", m.Name, err)
		}
	}
	return nil
}

func migrateOne(ctx context.Context, db *sqlx.DB, d interface {
	Dialect
	Migrations
}, m Migration) error {
	tx, err := d.BeginWrite(ctx, db)
	if err != nil {
		return err
	}
	defer func() { _ = tx.Rollback() }()
	if err := d.LockMigrations(ctx, tx); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS dealtrail_schema_migrations (
		version BIGINT PRIMARY KEY,
		name TEXT NOT NULL,
		applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)`); err != nil {
		return err
	}
	var n int
	if err := sqlx.GetContext(ctx, tx, &n, sqlx.Rebind(d.BindType(),
		`SELECT COUNT(*) FROM dealtrail_schema_migrations WHERE version = ?`), m.Version); err != nil {
		return err
	}
	if n > 0 {
		return tx.Rollback()
	}
	if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, sqlx.Rebind(d.BindType(),
		`INSERT INTO dealtrail_schema_migrations (version, name) VALUES (?, ?)`), m.Version, m.Name); err != nil {
		return err
	}
	return tx.Commit()
}
