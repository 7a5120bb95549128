package storagetest

import (
	"errors"
	"slices"
	"testing"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage"
)

// testAccess is the role × operation × record table: for every actor and
// every record, get, list, count, history, overdue list and a write agree
// on whether the actor may see it, and a record the actor may not see is
// not found (never a different error that would reveal it exists).
func testAccess(t *testing.T, w *world) {
	overdue := w.today(-1)
	own := w.create(t, w.rep1, w.engagement(w.rep1, w.custA1, overdue))
	part := w.create(t, w.rep2, w.engagement(w.rep2, w.custA1, overdue, w.rep1))
	withAction := w.engagement(w.rep2, w.custA2, overdue)
	withAction.Actions = append(withAction.Actions, salesrec.Action{What: "安排技术团队支持测试", OwnerID: w.rep1.ID, Deadline: overdue, Status: salesrec.ActionPending})
	act := w.create(t, w.rep2, withAction)
	other := w.create(t, w.rep2, w.engagement(w.rep2, w.custA2, overdue))
	teamB := w.create(t, w.repB, w.engagement(w.repB, w.custB, overdue))

	records := []struct {
		name string
		e    salesrec.Engagement
	}{
		{"owned by rep1", own},
		{"rep1 a sales participant", part},
		{"rep1 owns an action", act},
		{"rep2's alone", other},
		{"team B's", teamB},
	}
	nobody := salesrec.Member{ID: "nobody"}
	actors := []struct {
		name string
		m    salesrec.Member
		sees []salesrec.Engagement
	}{
		{"manager A", w.managerA, []salesrec.Engagement{own, part, act, other}},
		{"admin A", w.adminA, []salesrec.Engagement{own, part, act, other}},
		{"rep1", w.rep1, []salesrec.Engagement{own, part, act}},
		{"rep3", w.rep3, nil},
		{"manager B", w.managerB, []salesrec.Engagement{teamB}},
		{"rep B", w.repB, []salesrec.Engagement{teamB}},
	}
	at := w.clock.Now()
	for _, a := range actors {
		t.Run(a.name, func(t *testing.T) {
			page, err := w.s.ListEngagements(w.ctx, a.m.ID, storage.Filter{}, storage.PageRequest{Limit: 500})
			noErr(t, err, "list")
			listed := ids(page.Items)
			n, err := w.s.CountEngagements(w.ctx, a.m.ID, storage.Filter{})
			noErr(t, err, "count")
			if n != len(a.sees) {
				t.Errorf("count %d, want %d", n, len(a.sees))
			}
			items, err := w.s.Actions(w.ctx, a.m.ID, storage.ActionQuery{At: at, Overdue: true})
			noErr(t, err, "overdue actions")
			var overdueIDs []string
			for _, it := range items {
				overdueIDs = append(overdueIDs, it.EngagementID)
			}
			all := map[string]string{"no-such-engagement": "no-such-customer"}
			for _, r := range records {
				all[r.e.ID] = r.e.CustomerID
			}
			names, err := w.s.CustomerNames(w.ctx, a.m.ID, all)
			noErr(t, err, "customer names")
			if len(names) != len(a.sees) {
				t.Errorf("customer names for %d engagements, want %d: %v", len(names), len(a.sees), names)
			}
			for _, r := range records {
				want := slices.ContainsFunc(a.sees, func(e salesrec.Engagement) bool { return e.ID == r.e.ID })
				_, getErr := w.s.Engagement(w.ctx, a.m.ID, r.e.ID)
				_, histErr := w.s.History(w.ctx, a.m.ID, r.e.ID)
				checks := []struct {
					op  string
					err error
				}{{"get", getErr}, {"history", histErr}}
				for _, c := range checks {
					switch {
					case want && c.err != nil:
						t.Errorf("%s %s: %v, want it visible", c.op, r.name, c.err)
					case !want && !errors.Is(c.err, salesrec.ErrNotFound):
						t.Errorf("%s %s: %v, want ErrNotFound", c.op, r.name, c.err)
					}
				}
				if got := slices.Contains(listed, r.e.ID); got != want {
					t.Errorf("list has %s: %v, want %v", r.name, got, want)
				}
				if got := slices.Contains(overdueIDs, r.e.ID); got != want {
					t.Errorf("overdue list has %s: %v, want %v", r.name, got, want)
				}
				if name, got := names[r.e.ID]; got != want {
					t.Errorf("customer names has %s: %v, want %v", r.name, got, want)
				} else if got {
					c, err := w.s.Customer(w.ctx, a.m.ID, r.e.CustomerID)
					noErr(t, err, "reading the customer")
					if name != c.Name {
						t.Errorf("customer name of %s = %q, want %q", r.name, name, c.Name)
					}
				}
			}
		})
	}
	// Someone who is no member gets ErrForbidden from every call, which
	// says nothing about any record.
	for name, err := range map[string]error{
		"get":     second(w.s.Engagement(w.ctx, nobody.ID, own.ID)),
		"history": second(w.s.History(w.ctx, nobody.ID, own.ID)),
		"list":    second(w.s.ListEngagements(w.ctx, nobody.ID, storage.Filter{}, storage.PageRequest{})),
		"count":   second(w.s.CountEngagements(w.ctx, nobody.ID, storage.Filter{})),
		"actions": second(w.s.Actions(w.ctx, nobody.ID, storage.ActionQuery{At: at, Overdue: true})),
		"write":   second(w.s.AddRemark(w.ctx, nobody.ID, own.ID, own.Version, salesrec.Remark{Text: "无权写入"})),
	} {
		wantErr(t, err, salesrec.ErrForbidden, "non-member "+name)
	}
	if names, err := w.s.CustomerNames(w.ctx, nobody.ID, map[string]string{own.ID: own.CustomerID}); err != nil || len(names) != 0 {
		t.Errorf("customer names for a non-member = %v, %v; want none and no error", names, err)
	}

	// Writes: a rep writes what they can see; anything else is not found.
	writes := []struct {
		actor salesrec.Member
		e     salesrec.Engagement
		ok    bool
	}{
		{w.rep1, own, true}, {w.rep1, part, true}, {w.rep1, act, true},
		{w.rep1, other, false}, {w.rep1, teamB, false}, {w.rep3, own, false},
		{w.managerB, own, false}, {w.managerA, other, true}, {w.managerA, teamB, false},
	}
	for _, wr := range writes {
		cur, err := w.s.Engagement(w.ctx, w.adminA.ID, wr.e.ID)
		if wr.e.TeamID == w.teamB.ID {
			cur, err = w.s.Engagement(w.ctx, w.managerB.ID, wr.e.ID)
		}
		noErr(t, err, "reading the current version")
		_, err = w.s.AddRemark(w.ctx, wr.actor.ID, cur.ID, cur.Version, salesrec.Remark{Text: "测试写权限"})
		switch {
		case wr.ok && err != nil:
			t.Errorf("%s writing %s: %v", wr.actor.Name, cur.ID, err)
		case !wr.ok && !errors.Is(err, salesrec.ErrNotFound):
			t.Errorf("%s writing %s: %v, want ErrNotFound", wr.actor.Name, cur.ID, err)
		}
	}
	_, err := w.s.CreateEngagement(w.ctx, w.rep3.ID, w.engagement(w.rep1, w.custA1, overdue))
	wantErr(t, err, salesrec.ErrForbidden, "a rep creating an engagement they take no part in")
}

func second[T any](_ T, err error) error { return err }

func testMasking(t *testing.T, w *world) {
	w.create(t, w.rep1, w.engagement(w.rep1, w.custA1, w.today(3)))
	// rep2 takes part in an engagement of custA1 but does not own one.
	w.create(t, w.rep1, w.engagement(w.rep1, w.custA1, w.today(3), w.rep2))

	const phone, email = "13812345678", "zhaomin@example.com"
	const maskedPhone, maskedEmail = "138****5678", "z***@example.com"
	cases := []struct {
		name   string
		actor  salesrec.Member
		masked bool
	}{
		{"manager", w.managerA, false},
		{"admin", w.adminA, false},
		{"rep who owns an engagement with the customer", w.rep1, false},
		{"rep who only takes part", w.rep2, true},
		{"rep with nothing to do with it", w.rep3, true},
	}
	for _, tc := range cases {
		c, err := w.s.Customer(w.ctx, tc.actor.ID, w.custA1.ID)
		noErr(t, err, tc.name)
		k := c.Contacts[0]
		wantPhone, wantEmail := phone, email
		if tc.masked {
			wantPhone, wantEmail = maskedPhone, maskedEmail
		}
		if k.Phone != wantPhone || k.Email != wantEmail || k.Name != "赵敏" {
			t.Errorf("%s sees %q %q %q, want %q %q", tc.name, k.Name, k.Phone, k.Email, wantPhone, wantEmail)
		}
	}
	// An update by someone who may see the contacts keeps them whole.
	c, err := w.s.Customer(w.ctx, w.rep1.ID, w.custA1.ID)
	noErr(t, err, "Customer")
	c.Size = "500-1000人"
	_, err = w.s.UpdateCustomer(w.ctx, w.rep1.ID, c)
	noErr(t, err, "UpdateCustomer by the owning rep")
	c, err = w.s.Customer(w.ctx, w.managerA.ID, w.custA1.ID)
	noErr(t, err, "Customer")
	if c.Contacts[0].Phone != phone || c.Size != "500-1000人" {
		t.Errorf("after the update: %+v", c)
	}
}

func mustFirst(t testing.TB, w *world) salesrec.Engagement {
	t.Helper()
	page, err := w.s.ListEngagements(w.ctx, w.managerA.ID, storage.Filter{}, storage.PageRequest{Limit: 1})
	noErr(t, err, "list")
	if len(page.Items) == 0 {
		t.Fatal("no engagement")
	}
	return page.Items[0]
}
