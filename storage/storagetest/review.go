package storagetest

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/salesrec/salesrectest"
	"github.com/dealtrail/dealtrail/storage"
)

// reviewKeys is a review's lists as sorted "owner list item" keys, which
// the store's review and the rule's must agree on.
func reviewKeys(rv salesrec.Review) []string {
	var out []string
	for _, o := range rv.Owners {
		add := func(list, item string) { out = append(out, o.OwnerID+" "+list+" "+item) }
		for _, a := range o.Overdue {
			add("overdue", a.EngagementID+"/"+a.Action.ID)
		}
		for _, a := range o.DueSoon {
			add("due_soon", a.EngagementID+"/"+a.Action.ID)
		}
		for _, c := range o.LateContacts {
			add("late", c.EngagementID+"/"+c.InteractionID)
		}
		for _, c := range o.UnfollowedCommitments {
			add("unfollowed", c.EngagementID+"/"+c.InteractionID)
		}
		for _, e := range o.Silent {
			add("silent", e.EngagementID)
		}
		for _, e := range o.NoLessons {
			add("no_lessons", e.EngagementID)
		}
	}
	slices.Sort(out)
	return out
}

// ruleKeys is reviewKeys of what salesrec.Rules.ReviewEngagement says of
// es for owner (empty: everyone): actions filed under their own owner, the
// rest under the engagement's.
func ruleKeys(es []salesrec.Engagement, w salesrec.ReviewWindow, owner string) (keys []string, p salesrec.Pipeline) {
	rules := salesrec.DefaultRules()
	for _, e := range es {
		r := rules.ReviewEngagement(e, w)
		add := func(who, list, item string) {
			if owner == "" || who == owner {
				keys = append(keys, who+" "+list+" "+item)
			}
		}
		for _, i := range r.Overdue {
			add(e.Actions[i].OwnerID, "overdue", e.ID+"/"+e.Actions[i].ID)
		}
		for _, i := range r.DueSoon {
			add(e.Actions[i].OwnerID, "due_soon", e.ID+"/"+e.Actions[i].ID)
		}
		for _, i := range r.LateContacts {
			add(e.OwnerID, "late", e.ID+"/"+e.Interactions[i].ID)
		}
		for _, i := range r.UnfollowedContacts {
			add(e.OwnerID, "unfollowed", e.ID+"/"+e.Interactions[i].ID)
		}
		if r.Silent {
			add(e.OwnerID, "silent", e.ID)
		}
		if r.NoLessons {
			add(e.OwnerID, "no_lessons", e.ID)
		}
		if owner != "" && e.OwnerID != owner {
			continue
		}
		switch e.Status {
		case salesrec.StatusOpen:
			p.Open++
		case salesrec.StatusWon:
			p.Won++
		case salesrec.StatusTerminated:
			p.Terminated++
		}
	}
	slices.Sort(keys)
	return keys, p
}

// testReviewMatchesRule: on generated engagements of one team (some of
// their lessons dropped, some actions done), the store's review holds
// exactly what salesrec's rule puts in each list, for the whole team and
// for one owner, and its pipeline counts every engagement once; every list
// is non-empty, so the comparison has something to compare.
func testReviewMatchesRule(t *testing.T, open Opener) {
	opts := salesrectest.DefaultOptions()
	clock := salesrec.NewManualClock(opts.Now)
	s := open(t, storage.Options{Clock: clock}).Store
	ctx := t.Context()
	team, members, stored := seedGenerated(t, s, 13, 300, func(i int, e *salesrec.Engagement) {
		if e.Status == salesrec.StatusOpen && i%4 == 1 {
			// A commitment in the last contact, every action planned
			// before the first: nothing follows the commitment up.
			last := &e.Interactions[len(e.Interactions)-1]
			last.Points = append(last.Points, salesrec.Point{Speaker: salesrec.SpeakerSales,
				Kind: salesrec.PointCommitment, Text: "周五前把报价单发给采购部"})
			for j := range e.Actions {
				e.Actions[j].Deadline = salesrec.DateOf(e.Interactions[0].OccurredAt).AddDays(-1)
			}
		}
	})
	manager := members[0]

	loc, err := team.Location()
	noErr(t, err, "team zone")
	for n, at := range []time.Time{opts.Now.Add(time.Hour), opts.Now.Add(10 * 24 * time.Hour)} {
		w := salesrec.NewReviewWindow(at, loc, salesrec.ReviewSettings{})
		rv, err := s.Review(ctx, manager.ID, storage.ReviewQuery{At: at})
		noErr(t, err, "Review")
		want, wantP := ruleKeys(stored, w, "")
		got := reviewKeys(rv)
		if !slices.Equal(got, want) {
			t.Errorf("review at %s: the store and the rule disagree\nstore only: %v\nrule only:  %v", at, minus(got, want), minus(want, got))
		}
		if rv.Pipeline.Open != wantP.Open || rv.Pipeline.Won != wantP.Won || rv.Pipeline.Terminated != wantP.Terminated {
			t.Errorf("pipeline %+v, want open %d won %d terminated %d", rv.Pipeline, wantP.Open, wantP.Won, wantP.Terminated)
		}
		for _, list := range []string{"overdue", "due_soon", "late", "unfollowed", "silent", "no_lessons"} {
			if n == 1 && list == "late" {
				continue // ten days on, the period holds no contact
			}
			if !slices.ContainsFunc(want, func(k string) bool { return strings.Contains(k, " "+list+" ") }) {
				t.Errorf("review at %s: the generated data puts nothing in %s; the test compares nothing there", at, list)
			}
		}
		rep := members[1]
		mine, err := s.Review(ctx, rep.ID, storage.ReviewQuery{At: at})
		noErr(t, err, "a rep's own review")
		wantMine, _ := ruleKeys(stored, w, rep.ID)
		if got := reviewKeys(mine); !slices.Equal(got, wantMine) {
			t.Errorf("rep's review: store only %v, rule only %v", minus(got, wantMine), minus(wantMine, got))
		}
		if mine.OwnerID != rep.ID || len(mine.Owners) != 1 || mine.Owners[0].OwnerName != rep.Name {
			t.Errorf("rep's review is of %q with %d owners, want theirs alone", mine.OwnerID, len(mine.Owners))
		}
	}
	checkPipelineSums(t, s, manager, stored)
}

// seedGenerated stores n generated engagements of one team (its members
// and customers first) through BulkInsert as the team's manager, edited by
// edit; every third closed one loses its lessons. It returns the team, its
// members (the manager first) and the engagements as stored.
func seedGenerated(t *testing.T, s *storage.Store, seed uint64, n int, edit func(i int, e *salesrec.Engagement)) (salesrec.Team, []salesrec.Member, []salesrec.Engagement) {
	t.Helper()
	ctx := t.Context()
	g := salesrectest.NewWithOptions(seed, salesrectest.DefaultOptions())
	var (
		team    salesrec.Team
		members []salesrec.Member
		batch   []salesrec.Engagement
	)
	err := g.Stream(n, func(it salesrectest.Item) error {
		if it.NewTeam {
			team, members = it.Team, it.Members
			if _, err := s.CreateTeam(ctx, team); err != nil {
				return err
			}
			for _, m := range members {
				if _, err := s.AddMember(ctx, m); err != nil {
					return err
				}
			}
		}
		if it.NewCustomer {
			if _, err := s.CreateCustomer(ctx, members[0].ID, it.Customer); err != nil {
				return err
			}
		}
		e := it.Engagement
		if e.Status != salesrec.StatusOpen && it.Index%3 == 0 {
			e.Lessons = nil
		}
		if edit != nil {
			edit(it.Index, &e)
		}
		batch = append(batch, e)
		return nil
	})
	noErr(t, err, "seeding")
	stored, err := s.BulkInsert(ctx, members[0].ID, batch)
	noErr(t, err, "BulkInsert")
	return team, members, stored
}

// checkPipelineSums: won amounts by month and terminations by reason add
// up to the stored outcomes.
func checkPipelineSums(t *testing.T, s *storage.Store, manager salesrec.Member, es []salesrec.Engagement) {
	t.Helper()
	wantWon := map[string]int64{}
	wantReasons := map[salesrec.ReasonCategory]int{}
	for _, e := range es {
		switch e.Status {
		case salesrec.StatusWon:
			wantWon[e.Outcome.SignedOn.String()[:7]+" "+e.Outcome.Amount.Cur()] += e.Outcome.Amount.Minor
		case salesrec.StatusTerminated:
			wantReasons[e.Outcome.ReasonCategory]++
		}
	}
	rv, err := s.Review(t.Context(), manager.ID, storage.ReviewQuery{})
	noErr(t, err, "Review")
	gotWon := map[string]int64{}
	for _, m := range rv.Pipeline.WonByMonth {
		gotWon[m.Month+" "+m.Amount.Cur()] += m.Amount.Minor
	}
	gotReasons := map[salesrec.ReasonCategory]int{}
	for _, r := range rv.Pipeline.Reasons {
		gotReasons[r.Category] += r.Count
	}
	sameJSON(t, gotWon, wantWon, "won amounts by month")
	sameJSON(t, gotReasons, wantReasons, "terminations by reason")
}

// minus returns the keys of a not in b.
func minus(a, b []string) []string {
	var out []string
	for _, k := range a {
		if !slices.Contains(b, k) {
			out = append(out, k)
		}
	}
	return out
}

// testReviewAccess: a rep reviews only themselves, a manager only their own
// team; an unknown owner and bad spans name the field; an unknown actor is
// forbidden.
func testReviewAccess(t *testing.T, w *world) {
	w.create(t, w.rep1, w.engagement(w.rep1, w.custA1, w.today(-1)))
	cases := []struct {
		name   string
		actor  string
		q      storage.ReviewQuery
		target error
		field  string
	}{
		{"a rep asking for the whole team gets their own review", w.rep1.ID, storage.ReviewQuery{}, nil, ""},
		{"a rep asking for another rep is forbidden", w.rep1.ID, storage.ReviewQuery{OwnerID: w.rep2.ID}, salesrec.ErrForbidden, ""},
		{"a manager of another team is forbidden", w.managerB.ID, storage.ReviewQuery{TeamID: w.teamA.ID}, salesrec.ErrForbidden, ""},
		{"a manager asking for another team's member is refused", w.managerA.ID, storage.ReviewQuery{OwnerID: w.repB.ID}, salesrec.ErrInvalid, "owner_id"},
		{"an unknown actor is forbidden", "nobody", storage.ReviewQuery{}, salesrec.ErrForbidden, ""},
		{"no actor is forbidden", "", storage.ReviewQuery{}, salesrec.ErrForbidden, ""},
		{"negative days are refused", w.managerA.ID, storage.ReviewQuery{Settings: salesrec.ReviewSettings{DueWithinDays: -1}}, salesrec.ErrInvalid, "due_within_days"},
		{"a span over a year is refused", w.managerA.ID, storage.ReviewQuery{Settings: salesrec.ReviewSettings{PeriodDays: 100000}}, salesrec.ErrInvalid, "period_days"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rv, err := w.s.Review(w.ctx, c.actor, c.q)
			if c.target == nil {
				noErr(t, err, "Review")
				if len(rv.Owners) != 1 || rv.Owners[0].OwnerID != w.rep1.ID || len(rv.Owners[0].Overdue) != 1 {
					t.Fatalf("rep's review: %+v", rv.Owners)
				}
				return
			}
			wantErr(t, err, c.target, c.name)
			var ve *salesrec.ValidationError
			if c.field != "" && (!errors.As(err, &ve) || ve.Fields[c.field].Zh == "" || ve.Fields[c.field].En == "") {
				t.Fatalf("want a message in zh and en on %q, got %v", c.field, err)
			}
		})
	}
	// The manager's team review leaves team B out.
	rv, err := w.s.Review(w.ctx, w.managerA.ID, storage.ReviewQuery{})
	noErr(t, err, "manager's review")
	for _, o := range rv.Owners {
		if o.OwnerID == w.repB.ID || o.OwnerID == w.managerB.ID {
			t.Fatalf("team A's review lists team B's %s", o.OwnerName)
		}
	}
	if rv.Pipeline.Open != 1 {
		t.Fatalf("team A's pipeline: %+v, want its one open engagement", rv.Pipeline)
	}
}
