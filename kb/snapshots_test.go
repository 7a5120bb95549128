package kb

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/dealtrail/dealtrail/salesrec"
)

// A host may ask for feed pages larger than a store serves (the stores cap
// a page at 1,000 changes) and larger than one Snapshots call takes: Sync
// must still apply every change, treating only an empty read as the end of
// the feed, and ask for snapshots in chunks.
func TestSyncPageLargerThanTheStoreServes(t *testing.T) {
	s := openSQLite(t, filepath.Join(t.TempDir(), "kb.db"))
	w := newWorld(t, s, "华东")
	tmpl := w.addEngagement(t, 0)
	const n = 2*snapshotsPerCall + 100
	batch := make([]salesrec.Engagement, n)
	for i := range batch {
		e := tmpl
		e.ID, e.Version, e.CreatedAt, e.UpdatedAt = "", 0, time.Time{}, time.Time{}
		e.Interactions = append([]salesrec.Interaction(nil), tmpl.Interactions...)
		e.Interactions[0].ID = ""
		e.Actions = append([]salesrec.Action(nil), tmpl.Actions...)
		e.Actions[0].ID = ""
		batch[i] = e
	}
	stored, err := s.BulkInsert(w.ctx, w.rep.ID, batch)
	if err != nil {
		t.Fatalf("BulkInsert: %v", err)
	}
	x, err := Open(t.TempDir(), s, Options{FeedPage: 4 * snapshotsPerCall})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	ctx, cancel := context.WithTimeout(w.ctx, time.Minute)
	defer cancel()
	if err := x.Sync(ctx); err != nil {
		t.Fatalf("Sync with a page of %d changes: %v", n+1, err)
	}
	for _, e := range []salesrec.Engagement{stored[0], stored[snapshotsPerCall], stored[n-1]} {
		if v, err := x.Applied(ctx, e.ID); err != nil || v != e.Version {
			t.Fatalf("Applied(%s) = %d, %v; want %d", e.ID, v, err, e.Version)
		}
	}
}
