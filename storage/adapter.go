package storage

import (
	"context"

	"github.com/dealtrail/dealtrail/salesrec"
)

// Adapter is what both adapters offer beyond the Store contract: a batch
// insert, a change signal and the batched system reads the knowledge base
// uses when a store has them. storage/open returns one; the conformance
// suite exercises one.
type Adapter interface {
	Store
	// BulkInsert creates many engagements in one transaction, all or none.
	BulkInsert(ctx context.Context, actor string, es []salesrec.Engagement) ([]salesrec.Engagement, error)
	// WaitChange returns when a change may have committed, or ctx ends.
	WaitChange(ctx context.Context) error
	// Changes returns a channel closed when a change commits after the
	// call: armed before a read of the feed, it misses no commit that the
	// read did not see (the knowledge base's ChangeNotifier).
	Changes() <-chan struct{}
	// CustomerNames names, in one query, the customers of the engagements
	// an actor may read (the knowledge base's CustomerNamer).
	CustomerNames(ctx context.Context, actor string, engagementIDs []string) (map[string]string, error)
	// Snapshots is Snapshot for many engagements at once (the knowledge
	// base's BatchSource): a system read, never for users.
	Snapshots(ctx context.Context, engagementIDs []string) (map[string]salesrec.Engagement, map[string]salesrec.Customer, error)
	// PruneFeed removes the feed's changes at or before the position upTo,
	// which the caller states every follower of the feed has applied (for
	// kb, the lowest Position() of its indexes), and returns how many rows
	// went. It is the only way feed rows are ever deleted; see
	// docs/storage.md, "Feed retention".
	PruneFeed(ctx context.Context, upTo string) (int64, error)
	// CustomerIdentities returns every name, short name and contact name,
	// phone and email the team's customers hold or ever held, and
	// IdentitiesAfter those of every team recorded after a position, in
	// commit order (the knowledge base's masking). System reads, never for
	// users.
	CustomerIdentities(ctx context.Context, teamID string) ([]salesrec.Identity, error)
	IdentitiesAfter(ctx context.Context, after int64, limit int) ([]salesrec.Identity, error)
}
