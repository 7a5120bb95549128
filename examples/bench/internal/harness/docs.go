package harness

import (
	"strconv"
	"strings"
	"time"

	"github.com/dealtrail/dealtrail/salesrec"
)

// bareDoc is the bare side's knowledge-base document, field for field what
// kb indexes (one per lesson, termination reason and objection), so both
// sides store and index the same data. Bleve maps it through its json tags.
type bareDoc struct {
	Text           string    `json:"text"`
	Kind           string    `json:"kind"`
	Outcome        string    `json:"outcome"`
	ReasonCategory string    `json:"reason_category,omitempty"`
	Industry       string    `json:"industry,omitempty"`
	CustomerKind   string    `json:"customer_kind,omitempty"`
	Stage          string    `json:"stage,omitempty"`
	Team           string    `json:"team"`
	Owner          string    `json:"owner"`
	Date           time.Time `json:"date"`
	Amount         *float64  `json:"amount,omitempty"`
	Currency       string    `json:"currency,omitempty"`
	EngagementID   string    `json:"engagement_id"`
}

// bareDocs returns the documents of one engagement with their ids. The bare
// side indexes the text as written: masking the customer's names, width and
// script folding, plurals and synonyms are dealtrail's own work and part of
// what the ratio measures.
func bareDocs(e salesrec.Engagement, c salesrec.Customer) (ids []string, docs []bareDoc) {
	base := bareDoc{
		Outcome:      string(e.Status),
		Industry:     c.Industry,
		CustomerKind: string(c.Kind),
		Stage:        string(e.Stage),
		Team:         e.TeamID,
		Owner:        e.OwnerID,
		EngagementID: e.ID,
	}
	closedOn := day(e.UpdatedAt)
	if o := e.Outcome; o != nil {
		if !o.SignedOn.IsZero() {
			closedOn = o.SignedOn.In(time.UTC)
		}
		if e.Status == salesrec.StatusWon && !o.Amount.IsZero() {
			v := float64(o.Amount.Minor)
			base.Amount, base.Currency = &v, o.Amount.Cur()
		}
	}
	add := func(id string, d bareDoc) {
		ids = append(ids, id)
		docs = append(docs, d)
	}
	for i, l := range e.Lessons {
		d := base
		d.Kind, d.Text, d.Date = string(l.Kind), l.Text, closedOn
		add(e.ID+"/lesson/"+strconv.Itoa(i), d)
	}
	if o := e.Outcome; o != nil && e.Status == salesrec.StatusTerminated {
		d := base
		d.Kind, d.ReasonCategory, d.Text, d.Date = "termination_reason", string(o.ReasonCategory), o.Reason, closedOn
		add(e.ID+"/reason", d)
	}
	for i, in := range e.Interactions {
		for j, p := range in.Points {
			if p.Kind != salesrec.PointObjection {
				continue
			}
			d := base
			d.Kind, d.Text, d.Date = "objection", strings.Join([]string{p.Text, p.Handling, p.Result}, "\n"), day(in.OccurredAt)
			add(e.ID+"/objection/"+strconv.Itoa(i)+"/"+strconv.Itoa(j), d)
		}
	}
	return ids, docs
}

// day is the calendar day of t as midnight UTC.
func day(t time.Time) time.Time { return salesrec.DateOf(t).In(time.UTC) }
