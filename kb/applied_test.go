package kb

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/dealtrail/dealtrail/storage/postgres"
)

func TestSyncUntilSQLite(t *testing.T) {
	s := openSQLite(t, filepath.Join(t.TempDir(), "kb.db"))
	w := newWorld(t, s, "华东")
	e := w.addEngagement(t, 1)
	x, err := Open(t.TempDir(), s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if v, err := x.Applied(w.ctx, e.ID); err != nil || v != 0 {
		t.Fatalf("Applied before any sync = %d, %v; want 0", v, err)
	}
	ctx, cancel := context.WithTimeout(w.ctx, 30*time.Second)
	defer cancel()
	if err := x.SyncUntil(ctx, e.ID, e.Version); err != nil {
		t.Fatalf("SyncUntil: %v", err)
	}
	if v, err := x.Applied(w.ctx, e.ID); err != nil || v != e.Version {
		t.Fatalf("Applied = %d, %v; want %d", v, err, e.Version)
	}
	// A version no write reached: SyncUntil gives up when ctx ends.
	short, cancelShort := context.WithTimeout(w.ctx, 200*time.Millisecond)
	defer cancelShort()
	if err := x.SyncUntil(short, e.ID, e.Version+1); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("SyncUntil for a version never written = %v, want the deadline", err)
	}
}

// On PostgreSQL a committed write stays out of the feed while an older
// dealtrail writer — a transaction holding the feed lock with an id — is
// open; SyncUntil waits it out.
func TestSyncUntilWaitsOutTheHorizon(t *testing.T) {
	dsn := postgresSchema(t)
	s := openPostgres(t, dsn)
	w := newWorld(t, s, "华北")

	blocker, err := sql.Open(postgres.DriverName, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer blocker.Close()
	tx, err := blocker.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = tx.Rollback() }()
	if err := postgres.LockFeed(w.ctx, tx); err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(`SELECT pg_current_xact_id()`); err != nil {
		t.Fatal(err)
	}
	e := w.addEngagement(t, 2) // committed after the blocker took its id

	x, err := Open(t.TempDir(), s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if err := x.Sync(w.ctx); err != nil {
		t.Fatal(err)
	}
	if v, _ := x.Applied(w.ctx, e.ID); v >= e.Version {
		t.Fatalf("the feed showed a write above an open transaction (applied %d)", v)
	}
	done := make(chan error, 1)
	ctx, cancel := context.WithTimeout(w.ctx, 60*time.Second)
	defer cancel()
	go func() { done <- x.SyncUntil(ctx, e.ID, e.Version) }()
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatalf("SyncUntil after the blocker ended: %v", err)
	}
}
