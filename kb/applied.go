package kb

import (
	"context"
	"time"
)

// Applied returns the version of an engagement whose documents the index
// holds, 0 when it holds none. A host that has just written an engagement
// compares it with the version the store returned to know whether a search
// already sees that write.
func (x *Index) Applied(ctx context.Context, engagementID string) (int64, error) {
	x.mu.RLock()
	defer x.mu.RUnlock()
	if x.cur == nil {
		return 0, ErrClosed
	}
	states, err := readStates(ctx, x.cur.idx, []string{engagementID})
	if err != nil {
		return 0, err
	}
	return states[engagementID].version, nil
}

// syncRetry is how often SyncUntil looks again when the source cannot
// signal writes; with a ChangeNotifier it wakes on the next commit instead.
const syncRetry = 50 * time.Millisecond

// SyncUntil syncs until the index has applied the engagement at version or
// later ("read your writes"), or ctx ends. A change can be committed and
// still not be readable from the feed yet — on PostgreSQL the feed shows a
// change only once every older dealtrail writer in flight has ended, so a
// writer that stalls holds it back — so a single Sync is not enough right
// after a write. Bound the wait with ctx.
func (x *Index) SyncUntil(ctx context.Context, engagementID string, version int64) error {
	notifier, _ := x.src.(ChangeNotifier)
	for {
		var changed <-chan struct{} // taken before the Sync it follows
		if notifier != nil {
			changed = notifier.Changes()
		}
		if err := x.Sync(ctx); err != nil {
			return err
		}
		got, err := x.Applied(ctx, engagementID)
		if err != nil {
			return err
		}
		if got >= version {
			return nil
		}
		if err := wait(ctx, changed, syncRetry); err != nil {
			return err
		}
	}
}
