package kb

import (
	"context"
	"fmt"
	"time"
)

// Applied returns the version of an engagement whose documents the index
// holds, 0 when it holds none (or holds it in quarantine). A host that has just written an engagement
// compares it with the version the store returned to know whether a search
// already sees that write.
func (x *Index) Applied(ctx context.Context, engagementID string) (int64, error) {
	x.mu.RLock()
	defer x.mu.RUnlock()
	if x.cur == nil {
		return 0, ErrClosed
	}
	st, err := x.state(ctx, engagementID)
	return st.version, err
}

// state reads the engagement's state from the live index.
func (x *Index) state(ctx context.Context, engagementID string) (engagementState, error) {
	states, bad, _, err := x.cur.readStates(ctx, []string{engagementID}, nil)
	if err != nil {
		return engagementState{}, err
	}
	if err := bad[engagementID]; err != nil {
		return engagementState{}, err
	}
	return states[engagementID], nil
}

// appliedState is state under the read lock, for SyncUntil.
func (x *Index) appliedState(ctx context.Context, engagementID string) (engagementState, error) {
	x.mu.RLock()
	defer x.mu.RUnlock()
	if x.cur == nil {
		return engagementState{}, ErrClosed
	}
	return x.state(ctx, engagementID)
}

// syncRetry is how often SyncUntil looks again when the source cannot
// signal writes; with a ChangeNotifier it wakes on the next commit instead.
const syncRetry = 50 * time.Millisecond

// SyncUntil syncs until the index has applied the engagement at version or
// later ("read your writes"), or ctx ends. A change can be committed and
// still not be readable from the feed yet — on PostgreSQL the feed shows a
// change only once every older dealtrail writer in flight has ended, so a
// writer that stalls holds it back — so a single Sync is not enough right
// after a write. Bound the wait with ctx. An engagement that could not be
// indexed at version or later ends the wait with ErrQuarantined.
func (x *Index) SyncUntil(ctx context.Context, engagementID string, version int64) error {
	notifier, _ := x.src.(ChangeNotifier)
	for {
		var changed <-chan struct{} // taken before the Sync it follows
		if notifier != nil {
			changed = notifier.Committed()
		}
		if err := x.Sync(ctx); err != nil {
			return err
		}
		st, err := x.appliedState(ctx, engagementID)
		if err != nil {
			return err
		}
		if st.version >= version {
			return nil
		}
		if q := st.q; q != nil && q.Version >= version {
			return fmt.Errorf("%w: %s at version %d: %s", ErrQuarantined, engagementID, q.Version, q.Err)
		}
		if err := wait(ctx, changed, syncRetry); err != nil {
			return err
		}
	}
}
