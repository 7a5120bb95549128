package kb

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/dealtrail/dealtrail/storage/sqlite"
)

// lateWaiter is a real SQLite store whose first WaitChange registers only
// once gate is closed: the waiting goroutine of Follow starting late.
type lateWaiter struct {
	*sqlite.Store
	gate chan struct{}
}

func (s lateWaiter) WaitChange(ctx context.Context) error {
	select {
	case <-s.gate:
	case <-ctx.Done():
		return ctx.Err()
	}
	return s.Store.WaitChange(ctx)
}

// TestFollowSeesAWriteBeforeItsWaitBegins commits a write in the middle
// of Follow's catch-up, before its wait for the next write has registered
// (so the wait never fires for it), with an hour's poll interval: Follow
// must still index it, well before the test's deadline.
func TestFollowSeesAWriteBeforeItsWaitBegins(t *testing.T) {
	s := openSQLite(t, filepath.Join(t.TempDir(), "dealtrail.db"))
	w := newWorld(t, s, "华东")
	w.addEngagement(t, 0)
	src := lateWaiter{Store: s, gate: make(chan struct{})}

	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	commits := make(chan string, 1024)
	written := make(chan error, 1)
	first := true
	x, err := Open(t.TempDir(), src, Options{
		PollInterval: time.Hour,
		Committed: func(pos string, _ int) {
			if first {
				// Still inside the first catch-up: write, then let
				// the wait register.
				first = false
				written <- writeSome(w, 0, 1)
				close(src.gate)
			}
			commits <- pos
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	fctx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- x.Follow(fctx) }()

	select {
	case err := <-written:
		if err != nil {
			t.Fatal(err)
		}
	case <-ctx.Done():
		t.Fatal("Follow never committed its first batch")
	}
	changes, err := s.ReadFeed(ctx, "", 1000)
	if err != nil {
		t.Fatal(err)
	}
	last := changes[len(changes)-1].Pos
	if err := waitPosition(ctx, x, last, commits); err != nil {
		got, _ := x.Position()
		t.Fatalf("Follow stayed at %q, want %q: %v", got, last, err)
	}
	stop()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("Follow = %v, want context.Canceled", err)
	}
}
