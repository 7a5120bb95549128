package kb

import (
	"context"
	"errors"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage"
)

// writeAfterCheck is a real SQLite store that, the first time Follow asks
// whether the feed holds more after a catch-up and hears no, commits a
// write before answering: the write lands after the last read of the feed
// and before Follow waits.
type writeAfterCheck struct {
	*storage.Store
	write func() error
	once  sync.Once
	err   chan error
}

func (s *writeAfterCheck) ReadFeed(ctx context.Context, after string, limit int) ([]salesrec.Change, error) {
	changes, err := s.Store.ReadFeed(ctx, after, limit)
	if err == nil && limit == 1 && len(changes) == 0 {
		s.once.Do(func() { s.err <- s.write() })
	}
	return changes, err
}

// TestFollowSeesAWriteBetweenItsLastReadAndItsWait commits a write after
// Follow's last read of the feed and before it waits, with an hour's poll
// interval: the change signal Follow took before the catch-up must wake
// it, well before the test's deadline.
func TestFollowSeesAWriteBetweenItsLastReadAndItsWait(t *testing.T) {
	s := openSQLite(t, filepath.Join(t.TempDir(), "dealtrail.db"))
	w := newWorld(t, s, "华东")
	w.addEngagement(t, 0)
	src := &writeAfterCheck{Store: s, write: func() error { return writeSome(w, 0, 1) }, err: make(chan error, 1)}

	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	commits := make(chan string, 1024)
	x, err := Open(t.TempDir(), src, Options{
		PollInterval: time.Hour,
		Committed:    func(pos string, _ int) { commits <- pos },
	})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	fctx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- x.Follow(fctx) }()

	select {
	case err := <-src.err:
		if err != nil {
			t.Fatal(err)
		}
	case <-ctx.Done():
		t.Fatal("Follow never finished its first catch-up")
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
