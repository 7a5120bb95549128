package kb

import (
	"strconv"
	"strings"
	"time"

	"github.com/dealtrail/dealtrail/salesrec"
)

// Kind is what an index document holds.
type Kind string

// Document kinds: the two lesson kinds of the template, the reason an
// engagement was terminated, and an objection with its handling and result.
const (
	KindSuccess           Kind = "success"
	KindImprovement       Kind = "improvement"
	KindTerminationReason Kind = "termination_reason"
	KindObjection         Kind = "objection"
)

// Valid reports whether k is one of the document kinds.
func (k Kind) Valid() bool {
	switch k {
	case KindSuccess, KindImprovement, KindTerminationReason, KindObjection:
		return true
	}
	return false
}

// document is what the index holds for one lesson, reason or objection
// (see fields for the names it is indexed under).
// It is built from an engagement and its customer by documents; no name,
// short name or contact any customer of the team holds or held appears in
// it (see masker).
type document struct {
	Text           string
	Kind           string
	Outcome        string
	ReasonCategory string
	Industry       string
	CustomerKind   string
	Stage          string
	Team           string
	Owner          string
	Date           time.Time
	// Amount is the won amount in minor units: exact, as validation keeps it
	// at most salesrec.MaxMinor (10^14), below 2^53.
	Amount       *float64
	Currency     string
	EngagementID string
	// CustomerID is stored, never indexed: a search names its hits'
	// customers with it (CustomerNamer) and never shows it.
	CustomerID string
}

// entry is a document and its id. Ids are deterministic, so the same
// engagement always yields the same ids (<engagement> is the engagement id
// as escapeID writes it, see namespace.go):
//
//	<engagement>/lesson/<i>
//	<engagement>/reason
//	<engagement>/objection/<interaction>/<point>
type entry struct {
	id  string
	doc document
}

// documents maps an engagement (as the store holds it) to its index
// documents, masking confidential text with m, the masker of its team.
func documents(e salesrec.Engagement, c salesrec.Customer, m *masker) []entry {
	base := document{
		Outcome:      string(e.Status),
		Industry:     strings.TrimSpace(c.Industry),
		CustomerKind: string(c.Kind),
		Stage:        string(e.Stage),
		Team:         e.TeamID,
		Owner:        e.OwnerID,
		EngagementID: e.ID,
		CustomerID:   e.CustomerID,
	}
	closedOn := dayOf(e.UpdatedAt)
	if o := e.Outcome; o != nil {
		if e.Status == salesrec.StatusTerminated {
			// Every document of a lost engagement carries the reason, so
			// "lessons from deals lost to competitors" is a filter.
			base.ReasonCategory = string(o.ReasonCategory)
		}
		if !o.SignedOn.IsZero() {
			closedOn = o.SignedOn.In(time.UTC)
		}
		if e.Status == salesrec.StatusWon && !o.Amount.IsZero() {
			v := float64(o.Amount.Minor)
			base.Amount = &v
			base.Currency = o.Amount.Cur()
		}
	}

	prefix := docPrefix(e.ID)
	var out []entry
	for i, l := range e.Lessons {
		text := m.mask(l.Text)
		if text == "" {
			continue
		}
		d := base
		d.Kind = string(lessonKind(l.Kind))
		d.Text = text
		d.Date = closedOn
		out = append(out, entry{prefix + "lesson/" + strconv.Itoa(i), d})
	}
	if o := e.Outcome; o != nil && e.Status == salesrec.StatusTerminated {
		if text := m.mask(o.Reason); text != "" {
			d := base
			d.Kind = string(KindTerminationReason)
			d.Text = text
			d.Date = closedOn
			out = append(out, entry{prefix + "reason", d})
		}
	}
	for i, in := range e.Interactions {
		for j, p := range in.Points {
			if p.Kind != salesrec.PointObjection {
				continue
			}
			text := m.mask(joinNonEmpty(p.Text, p.Handling, p.Result))
			if text == "" {
				continue
			}
			d := base
			d.Kind = string(KindObjection)
			d.Text = text
			d.Date = dayOf(in.OccurredAt)
			out = append(out, entry{prefix + "objection/" + strconv.Itoa(i) + "/" + strconv.Itoa(j), d})
		}
	}
	return out
}

// fields returns the document as Bleve indexes it, leaving out empty
// values so they are neither indexed as an empty term nor counted in a
// facet.
func (d document) fields() map[string]any {
	f := make(map[string]any, 14)
	set := func(name, v string) {
		if v != "" {
			f[name] = v
		}
	}
	set(fieldText, d.Text)
	set(fieldKind, d.Kind)
	set(fieldOutcome, d.Outcome)
	set(fieldReasonCategory, d.ReasonCategory)
	set(fieldIndustry, d.Industry)
	set(fieldCustomerKind, d.CustomerKind)
	set(fieldStage, d.Stage)
	set(fieldTeam, d.Team)
	set(fieldOwner, d.Owner)
	set(fieldCurrency, d.Currency)
	set(fieldEngagement, d.EngagementID)
	set(fieldCustomer, d.CustomerID)
	if !d.Date.IsZero() {
		f[fieldDate] = d.Date
	}
	if d.Amount != nil {
		f[fieldAmount] = *d.Amount
	}
	return f
}

func lessonKind(k salesrec.LessonKind) Kind {
	if k == salesrec.LessonImprovement {
		return KindImprovement
	}
	return KindSuccess
}

// dayOf is the calendar day of t in its own zone, as midnight UTC, the form
// every document date takes so date filters compare whole days.
func dayOf(t time.Time) time.Time {
	if t.IsZero() {
		return time.Time{}
	}
	return salesrec.DateOf(t).In(time.UTC)
}

// joinNonEmpty joins the non-empty parts, one per line: an objection's
// text, how it was handled and what came of it.
func joinNonEmpty(parts ...string) string {
	var b strings.Builder
	for _, p := range parts {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(p)
	}
	return b.String()
}
