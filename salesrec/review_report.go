package salesrec

import (
	"fmt"
	"strings"
	"time"
)

// Review is the team review (周复盘) at an instant: per owner, what to look
// at; and the pipeline of the engagements the review covers. A store builds
// it (storage.Store.Review); the rules of each list are ReviewEngagement's.
type Review struct {
	TeamID string `json:"team_id"`
	// OwnerID is the owner reviewed; empty for a whole team.
	OwnerID  string         `json:"owner_id,omitempty"`
	At       time.Time      `json:"at"`
	TimeZone string         `json:"time_zone"`
	Settings ReviewSettings `json:"settings"`
	// Today, DueBy and PeriodFrom are the window's days (ReviewWindow).
	Today      Date `json:"today"`
	DueBy      Date `json:"due_by"`
	PeriodFrom Date `json:"period_from"`
	// Owners has one entry per owner with something in a list, and one for
	// OwnerID when given, in SortReview's order.
	Owners   []OwnerReview `json:"owners"`
	Pipeline Pipeline      `json:"pipeline"`
}

// OwnerReview is one owner's lists. Actions are listed under their own
// owner; contacts and engagements under the engagement's owner.
type OwnerReview struct {
	OwnerID               string             `json:"owner_id"`
	OwnerName             string             `json:"owner_name"`
	Overdue               []ReviewAction     `json:"overdue"`
	DueSoon               []ReviewAction     `json:"due_soon"`
	LateContacts          []ReviewContact    `json:"late_contacts"`
	Silent                []ReviewEngagement `json:"silent"`
	UnfollowedCommitments []ReviewContact    `json:"unfollowed_commitments"`
	NoLessons             []ReviewEngagement `json:"no_lessons"`
}

// ReviewAction is an action in a review list.
type ReviewAction struct {
	EngagementID string `json:"engagement_id"`
	CustomerID   string `json:"customer_id"`
	CustomerName string `json:"customer_name"`
	Action       Action `json:"action"`
}

func (a ReviewAction) key() string {
	return a.Action.Deadline.String() + "\x00" + a.EngagementID + "\x00" + a.Action.ID
}

// ReviewContact is a contact in a review list. Commitments counts its
// commitment points.
type ReviewContact struct {
	EngagementID  string    `json:"engagement_id"`
	CustomerID    string    `json:"customer_id"`
	CustomerName  string    `json:"customer_name"`
	InteractionID string    `json:"interaction_id"`
	OccurredAt    time.Time `json:"occurred_at"`
	Commitments   int       `json:"commitments,omitempty"`
}

func (c ReviewContact) key() string {
	return fmt.Sprintf("%020d\x00%s\x00%s", c.OccurredAt.UnixMicro(), c.EngagementID, c.InteractionID)
}

// ReviewEngagement is an engagement in a review list. LastContact is its
// last contact (or creation) for a silent one.
type ReviewEngagement struct {
	EngagementID string    `json:"engagement_id"`
	CustomerID   string    `json:"customer_id"`
	CustomerName string    `json:"customer_name"`
	Status       Status    `json:"status"`
	LastContact  time.Time `json:"last_contact,omitzero"`
}

func (e ReviewEngagement) key() string {
	return fmt.Sprintf("%020d\x00%s", e.LastContact.UnixMicro(), e.EngagementID)
}

// Pipeline counts the engagements a review covers by status, sums the won
// amounts by signing month (and currency) and counts terminations by
// reason category.
type Pipeline struct {
	Open       int           `json:"open"`
	Won        int           `json:"won"`
	Terminated int           `json:"terminated"`
	WonByMonth []MonthAmount `json:"won_by_month"`
	Reasons    []ReasonCount `json:"terminated_by_reason"`
}

// MonthAmount is the won amount of one month ("2026-03") in one currency.
type MonthAmount struct {
	Month  string `json:"month"`
	Amount Money  `json:"amount"`
	Count  int    `json:"count"`
}

// ReasonCount is how many engagements were terminated for one category.
type ReasonCount struct {
	Category ReasonCategory `json:"category"`
	Count    int            `json:"count"`
}

// Lines writes the review for people in lang: a heading, then per owner
// each list that is not empty, then the pipeline. Times are shown in the
// team's zone (loc; nil means Asia/Shanghai).
func (rv Review) Lines(lang Lang, loc *time.Location) []string {
	if loc == nil {
		loc = shanghai
	}
	var out []string
	add := func(m Message) { out = append(out, m.Text(lang)) }
	add(msgReviewHeading(rv.Today, rv.PeriodFrom))
	if len(rv.Owners) == 0 {
		add(msgReviewNothing)
	}
	day := func(t time.Time) string { return t.In(loc).Format("2006-01-02 15:04") }
	for _, o := range rv.Owners {
		add(msgReviewOwner(o.OwnerName))
		list := func(title Message, n int) {
			if n > 0 {
				out = append(out, "  "+title.Text(lang)+fmt.Sprintf(" (%d)", n))
			}
		}
		item := func(m Message) { out = append(out, "    - "+m.Text(lang)) }
		list(msgReviewOverdue, len(o.Overdue))
		for _, a := range o.Overdue {
			item(msgReviewAction(a.CustomerName, clip(a.Action.What), a.Action.Deadline))
		}
		list(msgReviewDueSoon, len(o.DueSoon))
		for _, a := range o.DueSoon {
			item(msgReviewAction(a.CustomerName, clip(a.Action.What), a.Action.Deadline))
		}
		list(msgReviewLate, len(o.LateContacts))
		for _, c := range o.LateContacts {
			item(msgReviewContact(c.CustomerName, day(c.OccurredAt)))
		}
		list(msgReviewSilent, len(o.Silent))
		for _, e := range o.Silent {
			item(msgReviewSilentItem(e.CustomerName, int(rv.At.Sub(e.LastContact)/(24*time.Hour))))
		}
		list(msgReviewUnfollowed, len(o.UnfollowedCommitments))
		for _, c := range o.UnfollowedCommitments {
			item(msgReviewCommitments(c.CustomerName, day(c.OccurredAt), c.Commitments))
		}
		list(msgReviewNoLessons, len(o.NoLessons))
		for _, e := range o.NoLessons {
			item(msgReviewClosed(e.CustomerName, e.Status))
		}
	}
	p := rv.Pipeline
	add(msgReviewPipeline(p.Open, p.Won, p.Terminated))
	for _, m := range p.WonByMonth {
		out = append(out, "  "+msgReviewWonMonth(m.Month, m.Count, m.Amount.String()).Text(lang))
	}
	for _, r := range p.Reasons {
		out = append(out, "  "+msgReviewReason(r.Category, r.Count).Text(lang))
	}
	return out
}

// Text is Lines joined by newlines.
func (rv Review) Text(lang Lang, loc *time.Location) string {
	return strings.Join(rv.Lines(lang, loc), "\n")
}
