package storagetest

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage"
)

// each lists one field of every item a call returned, in order, for
// comparing a page with what it should hold.
func each[T any](items []T, field func(T) string) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = field(it)
	}
	return out
}

// ids lists the ids of a page's engagements.
func ids(es []salesrec.Engagement) []string {
	return each(es, func(e salesrec.Engagement) string { return e.ID })
}

func sameIDs(t testing.TB, got, want []string, what string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: got %d items %v, want %d %v", what, len(got), got, len(want), want)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("%s: item %d is %s, want %s (got %v, want %v)", what, i, got[i], want[i], got, want)
		}
	}
}

func testListAndCount(t *testing.T, w *world) {
	e1 := w.create(t, w.rep1, w.engagement(w.rep1, w.custA1, w.today(3)))
	w.clock.Advance(time.Minute)
	e2 := w.create(t, w.rep2, w.engagement(w.rep2, w.custA2, w.today(3)))
	w.clock.Advance(time.Minute)
	in3 := w.engagement(w.rep1, w.custA2, w.today(3))
	in3.Stage = salesrec.StageExistingCustomer
	e3 := w.create(t, w.rep1, in3)
	w.clock.Advance(time.Minute)
	eb := w.create(t, w.repB, w.engagement(w.repB, w.custB, w.today(3)))
	w.clock.Advance(time.Minute)
	e2c, err := w.s.CloseEngagement(w.ctx, w.rep2.ID, e2.ID, e2.Version, salesrec.StatusTerminated,
		salesrec.Outcome{Reason: "客户选择了竞争对手", ReasonCategory: salesrec.ReasonCompetitor})
	noErr(t, err, "close")

	cases := []struct {
		name  string
		actor salesrec.Member
		f     storage.Filter
		want  []string
	}{
		{"manager sees the team, newest update first", w.managerA, storage.Filter{}, []string{e2c.ID, e3.ID, e1.ID}},
		{"rep sees what they take part in", w.rep1, storage.Filter{}, []string{e3.ID, e1.ID}},
		{"rep without engagements sees nothing", w.rep3, storage.Filter{}, nil},
		{"other team's manager", w.managerB, storage.Filter{}, []string{eb.ID}},
		{"by owner", w.managerA, storage.Filter{OwnerID: w.rep2.ID}, []string{e2c.ID}},
		{"by status", w.managerA, storage.Filter{Status: salesrec.StatusOpen}, []string{e3.ID, e1.ID}},
		{"by customer", w.managerA, storage.Filter{CustomerID: w.custA2.ID}, []string{e2c.ID, e3.ID}},
		{"by stage", w.managerA, storage.Filter{Stage: salesrec.StageExistingCustomer}, []string{e3.ID}},
		{"by industry", w.managerA, storage.Filter{Industry: "制造业"}, []string{e1.ID}},
		{"by customer prefix", w.managerA, storage.Filter{CustomerPrefix: "杭州"}, []string{e2c.ID, e3.ID}},
		{"prefix is not a substring match", w.managerA, storage.Filter{CustomerPrefix: "云帆"}, nil},
		{"another team id filters to nothing", w.managerA, storage.Filter{TeamID: w.teamB.ID}, nil},
		{"own team id", w.managerA, storage.Filter{TeamID: w.teamA.ID, Status: salesrec.StatusTerminated}, []string{e2c.ID}},
		{"occurred in range", w.managerA, storage.Filter{OccurredFrom: start.Add(-2 * time.Hour), OccurredTo: start.Add(-2*time.Hour + time.Minute + time.Second)}, []string{e2c.ID, e1.ID}},
		{"occurred from, inclusive", w.managerA, storage.Filter{OccurredFrom: start.Add(-2*time.Hour + 2*time.Minute)}, []string{e3.ID}},
		{"occurred to, exclusive", w.managerA, storage.Filter{OccurredTo: start.Add(-2 * time.Hour)}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			page, err := w.s.ListEngagements(w.ctx, tc.actor.ID, tc.f, storage.PageRequest{})
			noErr(t, err, "ListEngagements")
			sameIDs(t, ids(page.Items), tc.want, "list")
			if page.Next != "" {
				t.Fatalf("a short list has a next cursor %q", page.Next)
			}
			n, err := w.s.CountEngagements(w.ctx, tc.actor.ID, tc.f)
			noErr(t, err, "CountEngagements")
			if n != len(tc.want) {
				t.Fatalf("count %d, want %d", n, len(tc.want))
			}
		})
	}
	for name, f := range map[string]storage.Filter{
		"an unknown status": {Status: "closed"},
		"an unknown stage":  {Stage: "prospecting"},
		"an empty range":    {OccurredFrom: start, OccurredTo: start},
	} {
		_, err := w.s.ListEngagements(w.ctx, w.managerA.ID, f, storage.PageRequest{})
		wantErr(t, err, salesrec.ErrInvalid, "a filter with "+name)
		_, err = w.s.CountEngagements(w.ctx, w.managerA.ID, f)
		wantErr(t, err, salesrec.ErrInvalid, "a count with "+name)
	}
	_, err = w.s.ListEngagements(w.ctx, "nobody", storage.Filter{}, storage.PageRequest{})
	wantErr(t, err, salesrec.ErrForbidden, "a list by someone who is no member")
}

func testListPagination(t *testing.T, w *world) {
	var created []salesrec.Engagement
	for i := 0; i < 7; i++ {
		created = append(created, w.create(t, w.rep1, w.engagement(w.rep1, w.custA1, w.today(3))))
		if i%2 == 0 {
			w.clock.Advance(time.Second) // some share an updated_at, some do not
		}
	}
	// Newest update first; ties broken by id, descending.
	slices.SortFunc(created, func(a, b salesrec.Engagement) int {
		if c := b.UpdatedAt.Compare(a.UpdatedAt); c != 0 {
			return c
		}
		return strings.Compare(b.ID, a.ID)
	})
	want := ids(created)
	for _, size := range []int{1, 2, 3, 7, 8} {
		var got []string
		after := ""
		for pages := 0; ; pages++ {
			if pages > 10 {
				t.Fatalf("page size %d: pagination does not end", size)
			}
			page, err := w.s.ListEngagements(w.ctx, w.rep1.ID, storage.Filter{}, storage.PageRequest{After: after, Limit: size})
			noErr(t, err, "ListEngagements")
			if len(page.Items) > size {
				t.Fatalf("page of %d items, asked for %d", len(page.Items), size)
			}
			got = append(got, ids(page.Items)...)
			if page.Next == "" {
				break
			}
			after = page.Next
		}
		sameIDs(t, got, want, "all pages")
	}
	_, err := w.s.ListEngagements(w.ctx, w.rep1.ID, storage.Filter{}, storage.PageRequest{After: "not a cursor!"})
	wantErr(t, err, salesrec.ErrInvalid, "a cursor the store did not make")
}

func testActions(t *testing.T, w *world) {
	overdue := w.create(t, w.rep1, w.engagement(w.rep1, w.custA1, w.today(-1)))
	dueToday := w.create(t, w.rep1, w.engagement(w.rep1, w.custA1, w.today(0)))
	dueSoon := w.create(t, w.rep2, w.engagement(w.rep2, w.custA2, w.today(3)))
	later := w.create(t, w.rep2, w.engagement(w.rep2, w.custA2, w.today(10)))
	done := w.create(t, w.rep1, w.engagement(w.rep1, w.custA1, w.today(-5)))
	_, err := w.s.SetActionStatus(w.ctx, w.rep1.ID, done.ID, done.Version, done.Actions[0].ID, salesrec.ActionDone)
	noErr(t, err, "SetActionStatus")
	closed := w.create(t, w.rep1, w.engagement(w.rep1, w.custA1, w.today(-3)))
	_, err = w.s.CloseEngagement(w.ctx, w.rep1.ID, closed.ID, closed.Version, salesrec.StatusTerminated,
		salesrec.Outcome{Reason: "客户选择了竞争对手", ReasonCategory: salesrec.ReasonCompetitor})
	noErr(t, err, "close")
	eb := w.create(t, w.repB, w.engagement(w.repB, w.custB, w.today(-2)))

	at := w.clock.Now()
	cases := []struct {
		name  string
		actor salesrec.Member
		q     storage.ActionQuery
		want  []string // engagement ids, by deadline
	}{
		{"team overdue", w.managerA, storage.ActionQuery{At: at, Overdue: true}, []string{overdue.ID}},
		{"team due within 3 days", w.managerA, storage.ActionQuery{At: at, DueWithin: 3}, []string{dueToday.ID, dueSoon.ID}},
		{"team overdue or due within 3 days", w.managerA, storage.ActionQuery{At: at, Overdue: true, DueWithin: 3}, []string{overdue.ID, dueToday.ID, dueSoon.ID}},
		{"owner overdue", w.managerA, storage.ActionQuery{At: at, OwnerID: w.rep2.ID, Overdue: true}, nil},
		{"owner due soon", w.managerA, storage.ActionQuery{At: at, OwnerID: w.rep2.ID, DueWithin: 30}, []string{dueSoon.ID, later.ID}},
		{"rep sees only theirs", w.rep1, storage.ActionQuery{At: at, Overdue: true, DueWithin: 30}, []string{overdue.ID, dueToday.ID}},
		{"rep asking for another's", w.rep1, storage.ActionQuery{At: at, OwnerID: w.rep2.ID, DueWithin: 30}, nil},
		{"a day later today's is overdue", w.managerA, storage.ActionQuery{At: at.Add(24 * time.Hour), Overdue: true}, []string{overdue.ID, dueToday.ID}},
		{"the other team sees its own", w.managerB, storage.ActionQuery{At: at, Overdue: true}, []string{eb.ID}},
		{"asking for another team", w.managerB, storage.ActionQuery{TeamID: w.teamA.ID, At: at, Overdue: true}, nil},
		{"neither overdue nor due soon", w.managerA, storage.ActionQuery{At: at}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			items, err := w.s.Actions(w.ctx, tc.actor.ID, tc.q)
			noErr(t, err, "Actions")
			var got []string
			for _, it := range items {
				got = append(got, it.EngagementID)
				wantOverdue := it.Action.Deadline.Before(salesrec.DateOf(tc.q.At.In(shanghai)))
				if it.Overdue != wantOverdue {
					t.Fatalf("item %s: overdue %v, want %v", it.EngagementID, it.Overdue, wantOverdue)
				}
				if it.CustomerID == "" || it.Action.ID == "" || it.Action.What == "" {
					t.Fatalf("item %+v lacks what a list shows", it)
				}
			}
			sameIDs(t, got, tc.want, "actions")
		})
	}
	// London's day: at 2026-03-01 23:30 UTC it is still 1 March in London
	// but already 2 March in Shanghai.
	wb := w.create(t, w.repB, w.engagement(w.repB, w.custB, salesrec.Date{Year: 2026, Month: 3, Day: 1}))
	items, err := w.s.Actions(w.ctx, w.managerB.ID, storage.ActionQuery{At: time.Date(2026, 3, 1, 23, 30, 0, 0, time.UTC), Overdue: true})
	noErr(t, err, "Actions in London")
	for _, it := range items {
		if it.EngagementID == wb.ID {
			t.Fatal("an action due 1 March is overdue in London at 01:00 UTC on 2 March")
		}
	}
}
