package open_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage"
	"github.com/dealtrail/dealtrail/storage/open"
	"github.com/dealtrail/dealtrail/storage/postgres"
	"github.com/dealtrail/dealtrail/storage/sqlite"
)

func TestOpenPicksTheAdapter(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	for _, dsn := range []string{filepath.Join(dir, "a.db"), "file:" + filepath.Join(dir, "b.db")} {
		s, err := open.Open(ctx, dsn)
		if err != nil {
			t.Fatalf("Open(%q): %v", dsn, err)
		}
		if _, ok := s.(*sqlite.Store); !ok {
			t.Errorf("Open(%q) is a %T, want *sqlite.Store", dsn, s)
		}
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	}
	for _, dsn := range []string{"", "mysql://localhost/db"} {
		if _, err := open.Open(ctx, dsn); !errors.Is(err, salesrec.ErrInvalid) {
			t.Errorf("Open(%q): %v, want ErrInvalid", dsn, err)
		}
	}
	dsn := os.Getenv("DEALTRAIL_TEST_POSTGRES_DSN")
	if dsn == "" {
		return // the PostgreSQL side is covered when the DSN is set
	}
	s, err := open.Open(ctx, dsn, storage.WithMigrate(false)) // leave the shared test database alone
	if err != nil {
		t.Fatalf("Open(postgres): %v", err)
	}
	defer s.Close()
	if _, ok := s.(*postgres.Store); !ok {
		t.Errorf("Open(postgres DSN) is a %T, want *postgres.Store", s)
	}
}
