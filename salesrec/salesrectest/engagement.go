package salesrectest

import (
	"slices"
	"time"

	"github.com/dealtrail/dealtrail/salesrec"
)

// Shape fixes the size and status of a generated engagement. Zero fields are
// drawn at random.
type Shape struct {
	Interactions int
	Actions      int
	Status       salesrec.Status
}

// Engagement returns a new engagement of customer, owned by one of members
// (all of team), with a random shape: one to four interactions, needs, often
// a proposal, follow-up actions, remarks, and for closed engagements their
// outcome and lessons. About half are open, a quarter won, a quarter
// terminated.
func (g *Generator) Engagement(team salesrec.Team, members []salesrec.Member, customer salesrec.Customer) salesrec.Engagement {
	return g.EngagementWith(team, members, customer, Shape{})
}

// EngagementWith returns a new engagement with the given shape, e.g.
// Shape{Interactions: 1, Actions: 2, Status: salesrec.StatusOpen} for the
// storage benchmarks' single save. members must not be empty.
func (g *Generator) EngagementWith(team salesrec.Team, members []salesrec.Member, customer salesrec.Customer, s Shape) salesrec.Engagement {
	if s.Interactions < 1 {
		s.Interactions = 1 + g.zipf(4)
	}
	if s.Actions < 1 {
		s.Actions = 1 + g.zipf(3)
	}
	if s.Status == "" {
		s.Status = [...]salesrec.Status{salesrec.StatusOpen, salesrec.StatusWon, salesrec.StatusTerminated}[g.weighted(50, 25, 25)]
	}
	lang, ind := g.customerLang(customer)
	owner := members[g.rng.IntN(len(members))]
	now := g.opts.Now
	// Open engagements are recent; closed ones reach back a year.
	maxAge := 365 * 24
	if s.Status == salesrec.StatusOpen {
		maxAge = 60 * 24
	}
	created := now.Add(-time.Duration(g.between(2*24, maxAge)) * time.Hour).Truncate(time.Minute)

	e := salesrec.Engagement{
		ID:         g.id(),
		TeamID:     team.ID,
		OwnerID:    owner.ID,
		CustomerID: customer.ID,
		Stage:      salesrec.StageNewCustomer,
		Status:     salesrec.StatusOpen,
		CreatedAt:  created,
	}
	if customer.Kind == salesrec.CustomerExisting {
		e.Stage = salesrec.StageExistingCustomer
	}
	e.Goal = g.fill(g.ctx(lang, ind, created), pick(g, zhOrEn(g, lang).goals))

	// Interactions happen between creation and an hour before now, in order.
	times := make([]time.Time, s.Interactions)
	span := now.Add(-time.Hour).Sub(created)
	for i := range times {
		times[i] = g.workingHours(created.Add(time.Duration(g.rng.Int64N(int64(span)))), created)
	}
	slices.SortFunc(times, func(a, b time.Time) int { return a.Compare(b) })
	for _, at := range times {
		e.Interactions = append(e.Interactions, g.interaction(lang, ind, at, owner, members, customer))
	}
	last := times[len(times)-1]

	e.Needs = g.needs(lang, ind, times[0])
	if s.Status != salesrec.StatusOpen || g.chance(0.7) {
		e.Proposal = g.proposal(lang, ind, last)
	}
	for range s.Actions {
		e.Actions = append(e.Actions, g.action(lang, ind, last, owner, members, s.Status))
	}
	for range g.zipf(3) {
		e.Remarks = append(e.Remarks, g.remark(lang, ind, times, members))
	}
	if s.Status != salesrec.StatusOpen {
		e.Status = s.Status
		e.Outcome = g.outcome(lang, ind, customer, last, s.Status)
		e.Lessons = g.lessons(lang, s.Status)
	}
	e.UpdatedAt = last
	for _, r := range e.Remarks {
		if r.At.After(e.UpdatedAt) {
			e.UpdatedAt = r.At
		}
	}
	return e
}

// zhOrEn returns the vocabulary of a field written in lang.
func zhOrEn(g *Generator, l Lang) *vocab {
	return g.ctx(l, 0, time.Time{}).v
}

// needs returns one or two core needs, then expected and potential ones.
func (g *Generator) needs(lang Lang, ind int, at time.Time) []salesrec.Need {
	var out []salesrec.Need
	add := func(class salesrec.NeedClass, p salesrec.Priority, list func(*vocab) []string) {
		c := g.ctx(lang, ind, at)
		out = append(out, salesrec.Need{Class: class, Priority: p, Content: g.fill(c, pick(g, list(c.v)))})
	}
	prio := func(w ...int) salesrec.Priority {
		return [...]salesrec.Priority{salesrec.PriorityHigh, salesrec.PriorityMedium, salesrec.PriorityLow}[g.weighted(w...)]
	}
	for range 1 + g.zipf(2) {
		add(salesrec.NeedCore, prio(80, 20, 0), func(v *vocab) []string { return v.coreNeeds })
	}
	if g.chance(0.6) {
		add(salesrec.NeedExpected, prio(15, 65, 20), func(v *vocab) []string { return v.expectedNeeds })
	}
	if g.chance(0.4) {
		add(salesrec.NeedPotential, prio(5, 40, 55), func(v *vocab) []string { return v.potentialNeeds })
	}
	return out
}

// proposal returns a solution summary with the collaboration it needs.
func (g *Generator) proposal(lang Lang, ind int, at time.Time) *salesrec.Proposal {
	c := g.ctx(lang, ind, at)
	p := &salesrec.Proposal{Summary: g.fill(c, pick(g, c.v.proposals))}
	for range g.zipf(3) {
		col := pick(g, collabOrder)
		if !slices.Contains(p.Collaboration, col) {
			p.Collaboration = append(p.Collaboration, col)
		}
	}
	if g.chance(0.6) {
		p.Resources = g.fill(c, pick(g, c.v.resources))
	}
	return p
}

// action returns a concrete follow-up action due a few days after the last
// contact. Closed engagements have their actions done; open ones have a mix
// of statuses, so some are overdue at Options.Now.
func (g *Generator) action(lang Lang, ind int, last time.Time, owner salesrec.Member, members []salesrec.Member, st salesrec.Status) salesrec.Action {
	c := g.ctx(lang, ind, last)
	c.due = salesrec.DateOf(last).AddDays(g.between(1, 21))
	a := salesrec.Action{
		ID:       g.id(),
		What:     g.fill(c, pick(g, c.v.actions)),
		OwnerID:  owner.ID,
		Deadline: c.due,
		Status:   salesrec.ActionDone,
	}
	if g.chance(0.3) {
		a.OwnerID = members[g.rng.IntN(len(members))].ID
	}
	if st == salesrec.StatusOpen {
		statuses := [...]salesrec.ActionStatus{salesrec.ActionPending, salesrec.ActionInProgress, salesrec.ActionDone}
		if a.Deadline.Before(salesrec.DateOf(g.opts.Now)) {
			a.Status = statuses[g.weighted(40, 20, 40)]
		} else {
			a.Status = statuses[g.weighted(60, 30, 10)]
		}
	}
	return a
}

// remark returns a note on an internal collaboration, written a few hours
// after one of the contacts.
func (g *Generator) remark(lang Lang, ind int, times []time.Time, members []salesrec.Member) salesrec.Remark {
	at := times[g.rng.IntN(len(times))].Add(time.Duration(g.between(30, 600)) * time.Minute)
	if at.After(g.opts.Now) {
		at = g.opts.Now
	}
	c := g.ctx(lang, ind, at)
	col := pick(g, collabOrder)
	return salesrec.Remark{
		ID:            g.id(),
		AuthorID:      members[g.rng.IntN(len(members))].ID,
		At:            at,
		Text:          g.fill(c, pick(g, c.v.remarks[col])),
		Collaboration: col,
	}
}

// workingHours moves t to a random minute between 09:00 and 18:59 of its day
// (UTC+8), no earlier than notBefore and at least an hour before
// Options.Now.
func (g *Generator) workingHours(t, notBefore time.Time) time.Time {
	t = t.In(chinaZone)
	w := time.Date(t.Year(), t.Month(), t.Day(), g.between(9, 18), g.between(0, 59), 0, 0, chinaZone)
	if w.After(g.opts.Now.Add(-time.Hour)) {
		w = w.AddDate(0, 0, -1)
	}
	if w.Before(notBefore) {
		w = notBefore
	}
	return w
}
