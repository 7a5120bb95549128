package storagetest

import (
	"fmt"
	"testing"

	"github.com/dealtrail/dealtrail/salesrec"
)

// testCustomerNamesBatches asks CustomerNames for lists of every length
// around the statement sizes the store prepares (10, 25, 100, 500): a list
// is padded by repeating its last hit, which must neither add a name nor
// lose one, whether that hit is one the actor may name, one they take no
// part in, one of another team or one that names nothing. A list past 500
// hits is refused.
func testCustomerNamesBatches(t *testing.T, w *world) {
	mine := w.create(t, w.rep1, w.engagement(w.rep1, w.custA1, w.today(3)))
	theirs := w.create(t, w.rep2, w.engagement(w.rep2, w.custA2, w.today(3)))
	teamB := w.create(t, w.repB, w.engagement(w.repB, w.custB, w.today(3)))
	for _, n := range []int{1, 2, 9, 10, 11, 24, 25, 26, 99, 100, 101, 499, 500} {
		// Fillers name nothing; they sort before every stored id ("0000-")
		// or after it ("zzzz-"), so the padded last hit is a stored
		// engagement in one case and a filler in the other.
		for _, prefix := range []string{"0000-", "zzzz-"} {
			pairs := map[string]string{}
			want := map[string]string{}
			for _, e := range []salesrec.Engagement{mine, theirs, teamB} {
				if len(pairs) < n {
					pairs[e.ID] = e.CustomerID
				}
			}
			if _, ok := pairs[mine.ID]; ok {
				want[mine.ID] = w.custA1.Name
			}
			for i := 0; len(pairs) < n; i++ {
				pairs[fmt.Sprintf("%smissing-%03d", prefix, i)] = w.custA1.ID
			}
			got, err := w.s.CustomerNames(w.ctx, w.rep1.ID, pairs)
			if err != nil {
				t.Fatalf("%d hits (%s fillers): %v", n, prefix, err)
			}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("%d hits (%s fillers): names %v, want %v", n, prefix, got, want)
			}
		}
	}
	tooMany := make(map[string]string, 501)
	for i := range 501 {
		tooMany[fmt.Sprintf("e-%03d", i)] = w.custA1.ID
	}
	_, err := w.s.CustomerNames(w.ctx, w.rep1.ID, tooMany)
	wantErr(t, err, salesrec.ErrInvalid, "501 hits")
}

// testCustomerNamesTrustsNoPair holds what CustomerNames promises about
// pairs it does not check against the engagements: whatever engagement a
// caller pairs with whatever customer, the names that come back are of
// customers the actor may read with Customer, and a rep still names only
// engagements they take part in.
func testCustomerNamesTrustsNoPair(t *testing.T, w *world) {
	mine := w.create(t, w.rep1, w.engagement(w.rep1, w.custA1, w.today(3)))
	theirs := w.create(t, w.rep2, w.engagement(w.rep2, w.custA2, w.today(3)))
	teamB := w.create(t, w.repB, w.engagement(w.repB, w.custB, w.today(3)))
	cases := []struct {
		name       string
		actor      salesrec.Member
		engagement string
		customer   salesrec.Customer
		named      bool
	}{
		{"a rep, their engagement with its customer", w.rep1, mine.ID, w.custA1, true},
		{"a rep, their engagement with another customer of the team", w.rep1, mine.ID, w.custA2, true},
		{"a rep, their engagement with another team's customer", w.rep1, mine.ID, w.custB, false},
		{"a rep, an engagement they take no part in", w.rep1, theirs.ID, w.custA2, false},
		{"a rep, no engagement", w.rep1, "no-such-engagement", w.custA1, false},
		{"a rep, another team's engagement", w.rep1, teamB.ID, w.custB, false},
		{"a manager, any engagement of the team", w.managerA, theirs.ID, w.custA2, true},
		{"a manager, another team's engagement and customer", w.managerA, teamB.ID, w.custB, false},
		{"a manager, another team's customer paired with their own engagement", w.managerA, mine.ID, w.custB, false},
		{"a manager, no engagement but a customer of the team", w.managerA, "no-such-engagement", w.custA1, true},
	}
	for _, c := range cases {
		got, err := w.s.CustomerNames(w.ctx, c.actor.ID, map[string]string{c.engagement: c.customer.ID})
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		name, named := got[c.engagement]
		if named != c.named || len(got) > 1 {
			t.Errorf("%s: names %v, want named %v", c.name, got, c.named)
			continue
		}
		if !named {
			continue
		}
		if name != c.customer.Name {
			t.Errorf("%s: name %q, want %q", c.name, name, c.customer.Name)
		}
		if _, err := w.s.Customer(w.ctx, c.actor.ID, c.customer.ID); err != nil {
			t.Errorf("%s: named a customer the actor may not read: %v", c.name, err)
		}
	}
}
