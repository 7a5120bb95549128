package kb

import (
	"context"

	"github.com/dealtrail/dealtrail/salesrec"
)

// Source is what kb needs from storage. Every storage adapter satisfies it
// (see storage.Store); kb defines it here so it depends on salesrec alone.
type Source interface {
	// ReadFeed returns up to limit changes committed after the position
	// after ("" = from the start), in commit order, without gaps.
	ReadFeed(ctx context.Context, after string, limit int) ([]salesrec.Change, error)
	// Snapshot returns the engagement as stored now and its customer,
	// unmasked: a system read for indexing. A removed engagement returns
	// an error wrapping salesrec.ErrNotFound.
	Snapshot(ctx context.Context, engagementID string) (salesrec.Engagement, salesrec.Customer, error)
	// FeedHead returns the position of the last change ReadFeed would
	// return now ("" for an empty feed), and EngagementIDs up to limit
	// engagement ids after the id after ("" = from the first), of every
	// team, in byte order. Rebuild builds from them: every engagement as
	// stored now, then the feed from the head taken before the listing, so
	// a feed that lost rows cannot make the index smaller than the store.
	FeedHead(ctx context.Context) (string, error)
	EngagementIDs(ctx context.Context, after string, limit int) ([]string, error)
	// CustomerIdentities returns every name, short name and contact name,
	// phone and email the customers of a team hold or ever held: a system
	// read for masking. IdentitiesAfter returns up to limit identities of
	// every team recorded after the one numbered after (0 = from the
	// start), in the order they were recorded, which is commit order; kb
	// follows it to mask text already indexed when a team's set grows.
	CustomerIdentities(ctx context.Context, teamID string) ([]salesrec.Identity, error)
	IdentitiesAfter(ctx context.Context, after int64, limit int) ([]salesrec.Identity, error)

	// Member, Engagement and Customer are the actor-checked reads that
	// decide who searches which team and who may see a customer's name.
	Member(ctx context.Context, id string) (salesrec.Member, error)
	Engagement(ctx context.Context, actor, id string) (salesrec.Engagement, error)
	Customer(ctx context.Context, actor, id string) (salesrec.Customer, error)
}

// TeamLister is implemented by sources that can list their engagements
// team by team (*storage.Store is one). Rebuild and Recreate list with it
// when the source offers it: a team's engagements then come in whole pages
// of that team, so the new index fills one team's shard at a time, in
// batches as large as a page, instead of a few documents in every shard
// per page (less memory and less work per document). The index built is
// the same either way.
type TeamLister interface {
	// EngagementKeys returns up to limit engagements of every team after
	// the key after (the zero key = from the first), ordered by team id
	// and then engagement id, in byte order (salesrec.EngagementKey's
	// Compare).
	EngagementKeys(ctx context.Context, after salesrec.EngagementKey, limit int) ([]salesrec.EngagementKey, error)
}

// ChangeNotifier is implemented by sources that can signal new writes
// (PostgreSQL LISTEN/NOTIFY, an in-process broadcast). Follow uses it when
// present and polls otherwise.
type ChangeNotifier interface {
	// Committed returns a channel that is closed when a change commits
	// after the call. Follow takes it before each catch-up, so a commit
	// during or just after the catch-up wakes the next one.
	// (*storage.Store).Committed is one.
	Committed() <-chan struct{}
}

// CustomerNamer is implemented by sources that can name the customers of
// many engagements in one read. Search uses it, when present, once per
// page of hits instead of an Engagement and a Customer read per hit.
type CustomerNamer interface {
	// CustomerNames returns, keyed by engagement id, the name of customer
	// customerOf[id] (the customer the index recorded for engagement id)
	// when actor may read that customer and, unless actor's role sees the
	// whole team, may read engagement id. Anything else is simply absent
	// from the map, as is every entry for an unknown or deactivated
	// actor: neither is an error. Errors are for failed reads only. The
	// pairs need not be checked against the engagements: a stale pair
	// names a customer actor may read all the same.
	CustomerNames(ctx context.Context, actor string, customerOf map[string]string) (map[string]string, error)
}
