package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/dealtrail/dealtrail/storage"
	"github.com/dealtrail/dealtrail/storage/internal/sqlstore"
	"github.com/dealtrail/dealtrail/storage/sqlite"
	"github.com/dealtrail/dealtrail/storage/storagetest"
)

func open(t testing.TB, opts ...storage.Option) storagetest.Harness {
	t.Helper()
	s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "dealtrail.db"), opts...)
	if err != nil {
		t.Fatalf("sqlite.Open: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return storagetest.Harness{
		Store:        s,
		DB:           s.DB().DB,
		Dialect:      "sqlite",
		BeforeCommit: func(f func(context.Context, string) error) { sqlstore.SetBeforeCommit(s.Store, f) },
	}
}

func TestConformance(t *testing.T) { storagetest.Run(t, open) }
