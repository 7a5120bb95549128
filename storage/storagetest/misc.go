package storagetest

import (
	"strings"
	"testing"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage"
)

// testSnapshot: the system read for the index returns the customer whole —
// the index needs the real phone and email to scrub them from indexed text,
// whatever form they were written in — while every read on behalf of an
// actor who may not see contacts still masks them.
func testSnapshot(t *testing.T, w *world) {
	const phone, email = "021-5555 0101", "qian.li@xingchen.example.cn"
	cust := newCustomer("苏州星河精密机械有限公司", "制造业")
	cust.Contacts[0].Phone, cust.Contacts[0].Email = phone, email
	cust, err := w.s.CreateCustomer(w.ctx, w.managerA.ID, cust)
	noErr(t, err, "CreateCustomer")
	e := w.create(t, w.rep1, w.engagement(w.rep1, cust, w.today(3), w.rep2))

	got, c, err := w.s.Snapshot(w.ctx, e.ID)
	noErr(t, err, "Snapshot")
	sameJSON(t, got, e, "snapshot engagement")
	sameJSON(t, c, cust, "snapshot customer (unmasked)")
	if k := c.Contacts[0]; k.Phone != phone || k.Email != email {
		t.Fatalf("the snapshot masks the contact (%q, %q): the index cannot scrub the real values", k.Phone, k.Email)
	}

	// Reads on behalf of a member still mask for those who may not see
	// contacts, after and despite the snapshot.
	for _, m := range []salesrec.Member{w.rep2, w.rep3} {
		c, err := w.s.Customer(w.ctx, m.ID, cust.ID)
		noErr(t, err, "Customer as "+m.Name)
		if k := c.Contacts[0]; k.Phone == phone || k.Email == email || !strings.Contains(k.Phone, "****") || !strings.Contains(k.Email, "***@") {
			t.Errorf("%s reads the contact as (%q, %q), want it masked", m.Name, k.Phone, k.Email)
		}
	}
	c, err = w.s.Customer(w.ctx, w.rep1.ID, cust.ID)
	noErr(t, err, "Customer as the owning rep")
	if k := c.Contacts[0]; k.Phone != phone || k.Email != email {
		t.Errorf("the owning rep reads (%q, %q), want the real values", k.Phone, k.Email)
	}

	_, _, err = w.s.Snapshot(w.ctx, "no-such-engagement")
	wantErr(t, err, salesrec.ErrNotFound, "snapshot of an unknown engagement")

	// Snapshots reads many at once and agrees with Snapshot on each; an
	// unknown id is simply absent.
	other := w.create(t, w.rep2, w.engagement(w.rep2, w.custA2, w.today(5)))
	es, cs, err := w.s.Snapshots(w.ctx, []string{e.ID, other.ID, "no-such-engagement"})
	noErr(t, err, "Snapshots")
	if len(es) != 2 {
		t.Fatalf("Snapshots returned %d engagements, want 2", len(es))
	}
	for _, id := range []string{e.ID, other.ID} {
		one, oneCust, err := w.s.Snapshot(w.ctx, id)
		noErr(t, err, "Snapshot")
		sameJSON(t, es[id], one, "Snapshots engagement")
		sameJSON(t, cs[one.CustomerID], oneCust, "Snapshots customer (unmasked)")
	}
}

func testBulkInsert(t *testing.T, open Opener) {
	const n = 300
	w := newWorld(t, open)
	batch := make([]salesrec.Engagement, n)
	for i := range batch {
		batch[i] = w.engagement(w.rep1, w.custA1, w.today(i%7-3), w.rep2)
	}
	// One bad engagement refuses the whole batch.
	bad := append([]salesrec.Engagement(nil), batch...)
	bad[n-1].Goal = ""
	_, err := w.s.BulkInsert(w.ctx, w.rep1.ID, bad)
	wantErr(t, err, salesrec.ErrInvalid, "a batch with an invalid engagement")
	if cnt, _ := w.s.CountEngagements(w.ctx, w.managerA.ID, storage.Filter{}); cnt != 0 {
		t.Fatalf("a refused batch stored %d engagements", cnt)
	}

	stored, err := w.s.BulkInsert(w.ctx, w.rep1.ID, batch)
	noErr(t, err, "BulkInsert")
	if len(stored) != n {
		t.Fatalf("BulkInsert returned %d, want %d", len(stored), n)
	}
	cnt, err := w.s.CountEngagements(w.ctx, w.rep2.ID, storage.Filter{})
	noErr(t, err, "count")
	if cnt != n {
		t.Fatalf("%d stored engagements visible to a participant, want %d", cnt, n)
	}
	feed, _ := waitFeed(t, w.s, "", n)
	if len(feed) != n {
		t.Fatalf("%d feed entries, want %d", len(feed), n)
	}
	for _, i := range []int{0, n / 2, n - 1} {
		got, err := w.s.Engagement(w.ctx, w.rep1.ID, stored[i].ID)
		noErr(t, err, "Engagement")
		sameJSON(t, got, stored[i], "bulk-inserted engagement")
		hist, err := w.s.History(w.ctx, w.rep1.ID, stored[i].ID)
		noErr(t, err, "History")
		if len(hist) != 1 || hist[0].Op != salesrec.OpCreate {
			t.Fatalf("history of a bulk-inserted engagement: %+v", hist)
		}
	}
	// Ids already stored: the whole batch is refused (on PostgreSQL this
	// many rows go through COPY) and nothing more is written.
	_, err = w.s.BulkInsert(w.ctx, w.rep1.ID, stored)
	wantErr(t, err, salesrec.ErrConflict, "a batch of engagements already stored")
	if cnt, _ := w.s.CountEngagements(w.ctx, w.managerA.ID, storage.Filter{}); cnt != n {
		t.Fatalf("a refused batch changed the count to %d, want %d", cnt, n)
	}
	_, err = w.s.BulkInsert(w.ctx, w.rep3.ID, batch[:1])
	wantErr(t, err, salesrec.ErrForbidden, "a rep bulk-inserting others' engagements")
}

// testErrorsHideValues: a unique violation must not echo the value that
// collided (PostgreSQL's error detail does).
func testErrorsHideValues(t *testing.T, w *world) {
	_, err := w.s.CreateCustomer(w.ctx, w.managerA.ID, newCustomer(w.custA1.Name, "制造业"))
	wantErr(t, err, salesrec.ErrConflict, "duplicate customer")
	if strings.Contains(err.Error(), w.custA1.Name) || strings.Contains(err.Error(), "星辰") {
		t.Fatalf("the error echoes the confidential name: %v", err)
	}
}
