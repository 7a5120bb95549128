package open_test

import (
	"context"
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage"
	"github.com/dealtrail/dealtrail/storage/open"
	"github.com/dealtrail/dealtrail/storage/storagetest"
)

func TestOpenPicksTheAdapter(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	t.Chdir(dir)
	for _, file := range []string{"a.db", "b.db"} {
		dsn := filepath.Join(dir, file)
		if file == "b.db" {
			dsn = "file:" + dsn
		}
		s, err := open.Open(ctx, dsn, storage.Options{})
		if err != nil {
			t.Fatalf("Open(%q): %v", dsn, err)
		}
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
		if _, err := os.Stat(filepath.Join(dir, file)); err != nil {
			t.Errorf("Open(%q) made no SQLite file: %v", dsn, err)
		}
	}
	for _, dsn := range []string{"", "mysql://localhost/db"} {
		if _, err := open.Open(ctx, dsn, storage.Options{}); !errors.Is(err, salesrec.ErrInvalid) {
			t.Errorf("Open(%q): %v, want ErrInvalid", dsn, err)
		}
	}
	dsn := storagetest.PostgresDSN(t)
	if dsn == "" {
		return // the PostgreSQL side runs when the DSN is set (and must, with DEALTRAIL_REQUIRE_POSTGRES=1)
	}
	kv, err := keyValue(dsn)
	if err != nil {
		t.Fatal(err)
	}
	for _, dsn := range []string{dsn, kv} {
		// SkipMigrate leaves the shared test database alone: Open then
		// succeeds on a migrated database and fails with ErrSchema on one
		// that is not, having reached PostgreSQL either way.
		s, err := open.Open(ctx, dsn, storage.Options{SkipMigrate: true})
		switch {
		case err == nil:
			if err := s.Close(); err != nil {
				t.Errorf("Close: %v", err)
			}
		case !errors.Is(err, storage.ErrSchema):
			t.Fatalf("Open(%q): %v", dsn, err)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("the PostgreSQL DSNs left files in the working directory: %v", entries)
	}
}

// TestOpenKeyValueIsNoFile: a libpq key=value DSN goes to PostgreSQL even
// when nothing listens there; it never creates a SQLite file of that name.
func TestOpenKeyValueIsNoFile(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	dsn := "host=127.0.0.1 port=1 dbname=x user=postgres sslmode=disable connect_timeout=2"
	s, err := open.Open(context.Background(), dsn, storage.Options{})
	if err == nil {
		s.Close()
		t.Fatalf("Open(%q) succeeded against a closed port", dsn)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		t.Errorf("Open(%q) created %q: it was taken for a SQLite path", dsn, e.Name())
	}
}

// keyValue turns a postgres:// URL into libpq's key=value form.
func keyValue(dsn string) (string, error) {
	u, err := url.Parse(dsn)
	if err != nil {
		return "", err
	}
	parts := []string{"host=" + u.Hostname(), "dbname=" + strings.TrimPrefix(u.Path, "/")}
	if p := u.Port(); p != "" {
		parts = append(parts, "port="+p)
	}
	if name := u.User.Username(); name != "" {
		parts = append(parts, "user="+name)
	}
	if pw, ok := u.User.Password(); ok {
		parts = append(parts, "password="+pw)
	}
	for k, vs := range u.Query() {
		for _, v := range vs {
			parts = append(parts, k+"="+v)
		}
	}
	return strings.Join(parts, " "), nil
}
