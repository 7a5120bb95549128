package storage

import (
	"time"

	"github.com/dealtrail/dealtrail/salesrec"
)

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
