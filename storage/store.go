package storage

import (
	"context"
	"time"

	"github.com/dealtrail/dealtrail/salesrec"
)

// Store is the persistence contract every adapter satisfies. Every method
// takes a context first and runs in one transaction. Reads and writes on
// behalf of a person take the acting member's id (actor); what the actor may
// see follows the access rules in docs/storage.md.
type Store interface {
	// Teams and members. These are administrative calls made by the host.
	CreateTeam(ctx context.Context, t salesrec.Team) (salesrec.Team, error)
	AddMember(ctx context.Context, m salesrec.Member) (salesrec.Member, error)
	Member(ctx context.Context, id string) (salesrec.Member, error)

	// Customers.
	CreateCustomer(ctx context.Context, actor string, c salesrec.Customer) (salesrec.Customer, error)
	UpdateCustomer(ctx context.Context, actor string, c salesrec.Customer) (salesrec.Customer, error)
	Customer(ctx context.Context, actor, id string) (salesrec.Customer, error)

	// Engagements. Update and the targeted writes below carry the version the
	// caller read; a stale version fails with salesrec.ErrConflict. A
	// *salesrec.ValidationError names each field by its JSON path in the
	// engagement, whichever call made it: LogInteraction's topic is
	// "interactions[N].topic" (N the index the interaction would take),
	// AddRemark's text "remarks[N].text", SetActionStatus's
	// "actions[i].status", CloseEngagement's "outcome.amount",
	// ReopenEngagement's "reopen_reason".
	CreateEngagement(ctx context.Context, actor string, e salesrec.Engagement) (salesrec.Engagement, error)
	UpdateEngagement(ctx context.Context, actor string, e salesrec.Engagement) (salesrec.Engagement, error)
	Engagement(ctx context.Context, actor, id string) (salesrec.Engagement, error)
	LogInteraction(ctx context.Context, actor, engagementID string, version int64, in salesrec.Interaction) (salesrec.Engagement, error)
	SetActionStatus(ctx context.Context, actor, engagementID string, version int64, actionID string, status salesrec.ActionStatus) (salesrec.Engagement, error)
	AddRemark(ctx context.Context, actor, engagementID string, version int64, r salesrec.Remark) (salesrec.Engagement, error)
	CloseEngagement(ctx context.Context, actor, engagementID string, version int64, to salesrec.Status, o salesrec.Outcome) (salesrec.Engagement, error)
	ReopenEngagement(ctx context.Context, actor, engagementID string, version int64, reason string) (salesrec.Engagement, error)

	// Lists and counts, restricted to what the actor may see.
	ListEngagements(ctx context.Context, actor string, f Filter, p PageRequest) (Page, error)
	CountEngagements(ctx context.Context, actor string, f Filter) (int, error)
	Actions(ctx context.Context, actor string, q ActionQuery) ([]ActionItem, error)
	History(ctx context.Context, actor, engagementID string) ([]salesrec.HistoryEntry, error)

	// Feed: the ordered, gap-free change feed, read by the knowledge base.
	// These are system reads, not on behalf of an actor, and check no
	// access: a host must never expose them to users. UpdateCustomer adds a
	// change (OpCustomerUpdate) for every engagement of the customer.
	// A position PruneFeed has cut away fails with ErrFeedPruned.
	ReadFeed(ctx context.Context, after string, limit int) ([]salesrec.Change, error)
	// FeedHead returns the position of the last change ReadFeed would
	// return now ("" for an empty feed): a follower that starts there
	// misses nothing committed later.
	FeedHead(ctx context.Context) (string, error)
	// EngagementIDs returns up to limit engagement ids after the id after
	// ("" = from the first), in byte order, of every team: with FeedHead,
	// what a follower builds itself from without trusting the feed's past.
	EngagementIDs(ctx context.Context, after string, limit int) ([]string, error)
	// Snapshot returns an engagement and its customer whole, contact phone
	// and email unmasked: the index needs the real values to scrub them.
	Snapshot(ctx context.Context, engagementID string) (salesrec.Engagement, salesrec.Customer, error)

	Close() error
}

// Filter narrows a list of engagements. Zero fields do not filter.
type Filter struct {
	TeamID     string
	OwnerID    string
	Status     salesrec.Status
	CustomerID string
	Industry   string
	Stage      salesrec.Stage
	// OccurredFrom and OccurredTo bound the time of any interaction
	// (inclusive from, exclusive to).
	OccurredFrom time.Time
	OccurredTo   time.Time
	// CustomerPrefix matches the start of the customer's name literally
	// (%, _ and \ have no special meaning).
	CustomerPrefix string
}

// PageRequest asks for one page of a keyset-paginated list.
type PageRequest struct {
	// After is the cursor returned as Page.Next; empty starts at the beginning.
	After string
	// Limit is the page size; 0 means 50, at most 500.
	Limit int
}

// Page is one page of engagements, newest update first.
type Page struct {
	Items []salesrec.Engagement
	// Next is the cursor of the following page; empty when this is the last.
	Next string
}

// ActionQuery selects follow-up actions of an owner or a whole team.
type ActionQuery struct {
	TeamID  string
	OwnerID string
	// At is the instant "now" is judged at.
	At time.Time
	// Overdue selects actions whose deadline has passed in the team's zone.
	Overdue bool
	// DueWithin selects not-done actions due from today up to this many days
	// ahead (due soon). Zero with Overdue false selects neither.
	DueWithin int
}

// ActionItem is an action with what a list needs to show it.
type ActionItem struct {
	EngagementID string
	CustomerID   string
	Action       salesrec.Action
	Overdue      bool
}
