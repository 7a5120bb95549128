package kb

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/dealtrail/dealtrail/storage"
)

// TestPrunedFeed prunes a real store's feed up to where an index has
// applied it: that index keeps following, a new index is refused by Sync
// (storage.ErrFeedPruned) rather than built short, and Rebuild builds it
// whole from the engagements.
func TestPrunedFeed(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) {
		testPrunedFeed(t, openSQLite(t, filepath.Join(t.TempDir(), "dealtrail.db")))
	})
	t.Run("postgres", func(t *testing.T) {
		testPrunedFeed(t, openPostgres(t, postgresSchema(t)))
	})
}

func testPrunedFeed(t *testing.T, s *storage.Store) {
	ctx := context.Background()
	w := newWorld(t, s, "华东")
	for i := range 5 {
		w.addEngagement(t, i)
	}
	waitFeed(t, s, "", 5)
	x, err := Open(t.TempDir(), s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if err := x.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	pos, err := x.Position()
	if err != nil {
		t.Fatal(err)
	}
	if n, err := s.PruneFeed(ctx, pos); err != nil || n == 0 {
		t.Fatalf("PruneFeed(%q) = %d, %v", pos, n, err)
	}
	w.addEngagement(t, 5)
	waitFeed(t, s, pos, 1)
	if err := x.Sync(ctx); err != nil {
		t.Fatalf("Sync of an index at the pruned position: %v", err)
	}
	want := dump(t, x)

	y, err := Open(t.TempDir(), s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer y.Close()
	if err := y.Sync(ctx); !errors.Is(err, storage.ErrFeedPruned) {
		t.Fatalf("Sync of a new index over a pruned feed = %v, want storage.ErrFeedPruned", err)
	}
	if err := y.Rebuild(ctx, nil); err != nil {
		t.Fatalf("Rebuild over a pruned feed: %v", err)
	}
	got := dump(t, y)
	if len(got) != len(want) {
		t.Errorf("rebuilt index holds %d entries, the following one %d", len(got), len(want))
	}
	for id, doc := range want {
		if got[id] != doc {
			t.Errorf("%s after Rebuild:\n got %s\nwant %s", id, got[id], doc)
		}
	}
	// The rebuilt index follows on from the head it started at.
	head, err := y.Position()
	if err != nil {
		t.Fatal(err)
	}
	w.addEngagement(t, 6)
	waitFeed(t, s, head, 1)
	if err := y.Sync(ctx); err != nil {
		t.Fatalf("Sync after Rebuild: %v", err)
	}
	if got, want := len(dump(t, y)), len(want); got <= want {
		t.Errorf("after one more write the rebuilt index holds %d entries, had %d", got, want)
	}
}

// waitFeed returns once the feed holds n changes after pos: on PostgreSQL
// a commit reaches the feed only when every older transaction of the
// cluster has ended, and other packages' tests share the cluster.
func waitFeed(t *testing.T, s *storage.Store, pos string, n int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	got := 0
	for {
		changed := s.Committed() // armed before the read: no commit after it is missed
		changes, err := s.ReadFeed(ctx, pos, 1000)
		if err != nil {
			t.Fatalf("ReadFeed after %q: %v", pos, err)
		}
		if got += len(changes); got >= n {
			return
		}
		if len(changes) > 0 {
			pos = changes[len(changes)-1].Pos
			continue
		}
		select {
		case <-changed:
		case <-time.After(20 * time.Millisecond): // PostgreSQL's horizon moves without a commit
		case <-ctx.Done():
			t.Fatalf("%d of %d changes reached the feed", got, n)
		}
	}
}
