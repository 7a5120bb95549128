package kb

import (
	"context"
	"errors"
	"fmt"

	"github.com/dealtrail/dealtrail/salesrec"
)

// BatchSource is implemented by sources that read many snapshots in one
// go (both storage adapters do). Sync uses it when present, one call per
// feed page, instead of a Snapshot per changed engagement.
type BatchSource interface {
	// Snapshots returns the engagements as stored now, keyed by id, and
	// their customers, unmasked, keyed by customer id. An engagement that
	// no longer exists is absent; that is not an error.
	Snapshots(ctx context.Context, engagementIDs []string) (map[string]salesrec.Engagement, map[string]salesrec.Customer, error)
}

// snapshotsPerCall is how many engagements one Snapshots call asks for,
// however large a feed page is.
const snapshotsPerCall = 500

// snapshot is one engagement as the source has it now; found is false for
// one the source no longer has.
type snapshot struct {
	e     salesrec.Engagement
	c     salesrec.Customer
	found bool
}

// snapshotAll reads the current state of every engagement in ids.
func (x *Index) snapshotAll(ctx context.Context, ids []string) (map[string]snapshot, error) {
	out := make(map[string]snapshot, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	if bs, ok := x.src.(BatchSource); ok {
		for len(ids) > 0 {
			n := min(len(ids), snapshotsPerCall)
			es, cs, err := bs.Snapshots(ctx, ids[:n])
			if err != nil {
				return nil, fmt.Errorf("kb: snapshot %d engagements: %w", n, err)
			}
			for id, e := range es {
				out[id] = snapshot{e: e, c: cs[e.CustomerID], found: true}
			}
			ids = ids[n:]
		}
		return out, nil
	}
	for _, id := range ids {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		e, c, err := x.src.Snapshot(ctx, id)
		switch {
		case errors.Is(err, salesrec.ErrNotFound):
			out[id] = snapshot{}
		case err != nil:
			return nil, fmt.Errorf("kb: snapshot engagement %s: %w", id, err)
		default:
			out[id] = snapshot{e: e, c: c, found: true}
		}
	}
	return out, nil
}
