package storagetest

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage"
)

// readAll reads the whole feed after pos in pages of size.
func readAll(t testing.TB, s *storage.Store, pos string, size int) ([]salesrec.Change, string) {
	t.Helper()
	var out []salesrec.Change
	for {
		page, err := s.ReadFeed(context.Background(), pos, size)
		noErr(t, err, "ReadFeed")
		if len(page) > size {
			t.Fatalf("ReadFeed returned %d changes, asked for %d", len(page), size)
		}
		if len(page) == 0 {
			return out, pos
		}
		out = append(out, page...)
		pos = page[len(page)-1].Pos
	}
}

// waitFeed reads the feed after pos until it has at least n changes. On
// PostgreSQL a committed change is returned only once every older
// transaction holding the feed lock has ended, so a reader may briefly lag
// behind commits; it waits for the next commit signal or a short tick
// between polls.
func waitFeed(t testing.TB, s *storage.Store, pos string, n int) ([]salesrec.Change, string) {
	t.Helper()
	return waitFeedUntil(t, s, pos, n, time.Now().Add(30*time.Second))
}

// waitFeedUntil is waitFeed with a deadline of the caller's.
func waitFeedUntil(t testing.TB, s *storage.Store, pos string, n int, deadline time.Time) ([]salesrec.Change, string) {
	t.Helper()
	ctx, cancel := context.WithDeadline(context.Background(), deadline)
	defer cancel()
	var out []salesrec.Change
	for {
		changed := s.Committed() // armed before the read: no commit after it is missed
		page, err := s.ReadFeed(ctx, pos, 1000)
		noErr(t, err, "ReadFeed")
		out = append(out, page...)
		if len(page) > 0 {
			pos = page[len(page)-1].Pos
		}
		if len(out) >= n {
			return out, pos
		}
		if len(page) == 0 {
			select {
			case <-changed:
			case <-time.After(20 * time.Millisecond): // PostgreSQL's horizon moves without a commit
			case <-ctx.Done():
				t.Fatalf("the feed has %d changes after %q, want %d", len(out), pos, n)
			}
		}
	}
}

func testFeed(t *testing.T, w *world) {
	type want struct {
		id      string
		version int64
		op      salesrec.Op
		team    string
	}
	var wants []want
	a := w.create(t, w.rep1, w.engagement(w.rep1, w.custA1, w.today(3)))
	wants = append(wants, want{a.ID, 1, salesrec.OpCreate, w.teamA.ID})
	b := w.create(t, w.repB, w.engagement(w.repB, w.custB, w.today(3)))
	wants = append(wants, want{b.ID, 1, salesrec.OpCreate, w.teamB.ID})
	a2, err := w.s.SetActionStatus(w.ctx, w.rep1.ID, a.ID, a.Version, a.Actions[0].ID, salesrec.ActionDone)
	noErr(t, err, "SetActionStatus")
	wants = append(wants, want{a.ID, 2, salesrec.OpActionStatus, w.teamA.ID})
	_, err = w.s.AddRemark(w.ctx, w.rep1.ID, a.ID, a2.Version, salesrec.Remark{Text: "技术支持已确认测试环境"})
	noErr(t, err, "AddRemark")
	wants = append(wants, want{a.ID, 3, salesrec.OpRemark, w.teamA.ID})
	// A failed write leaves no trace in the feed.
	_, err = w.s.AddRemark(w.ctx, w.rep1.ID, a.ID, a2.Version, salesrec.Remark{Text: "过期版本的备注"})
	wantErr(t, err, salesrec.ErrConflict, "stale remark")

	waitFeed(t, w.s, "", len(wants))
	for _, size := range []int{1, 2, 100} {
		got, last := readAll(t, w.s, "", size)
		if len(got) != len(wants) {
			t.Fatalf("page size %d: %d changes, want %d: %+v", size, len(got), len(wants), got)
		}
		for i, c := range got {
			wt := wants[i]
			if c.EngagementID != wt.id || c.Version != wt.version || c.Op != wt.op || c.TeamID != wt.team || c.Pos == "" || c.At.IsZero() {
				t.Fatalf("change %d: %+v, want %+v", i, c, wt)
			}
		}
		if last != got[len(got)-1].Pos {
			t.Fatalf("reader ended at %q, not the last position %q", last, got[len(got)-1].Pos)
		}
	}
	// Resuming from a position returns only what follows it.
	all, _ := readAll(t, w.s, "", 100)
	rest, _ := readAll(t, w.s, all[1].Pos, 100)
	if len(rest) != len(all)-2 || rest[0].Pos != all[2].Pos {
		t.Fatalf("resuming after %q: %+v", all[1].Pos, rest)
	}
	_, err = w.s.ReadFeed(w.ctx, "not-a-position", 10)
	wantErr(t, err, salesrec.ErrInvalid, "a position the store did not make")
}

// testFeedCustomerUpdate: changing a customer changes what an index
// derives from each of its engagements (the name to mask), so the update
// appends one change per engagement, at the engagement's current version,
// in the same transaction — and nothing for other customers' engagements.
func testFeedCustomerUpdate(t *testing.T, w *world) {
	a := w.create(t, w.rep1, w.engagement(w.rep1, w.custA1, w.today(3)))
	a, err := w.s.AddRemark(w.ctx, w.rep1.ID, a.ID, a.Version, salesrec.Remark{Text: "客户要求下周再联系"})
	noErr(t, err, "AddRemark")
	b := w.create(t, w.rep2, w.engagement(w.rep2, w.custA1, w.today(5)))
	w.create(t, w.rep1, w.engagement(w.rep1, w.custA2, w.today(3)))
	_, pos := waitFeed(t, w.s, "", 4)

	c, err := w.s.Customer(w.ctx, w.managerA.ID, w.custA1.ID)
	noErr(t, err, "Customer")
	c.Name, c.ShortNames = "上海星辰智能制造股份有限公司", []string{"星辰智造"}
	c, err = w.s.UpdateCustomer(w.ctx, w.managerA.ID, c)
	noErr(t, err, "UpdateCustomer")

	got, _ := waitFeed(t, w.s, pos, 2)
	if len(got) != 2 {
		t.Fatalf("after the customer update the feed has %d changes, want 2: %+v", len(got), got)
	}
	want := map[string]int64{a.ID: a.Version, b.ID: b.Version}
	for _, ch := range got {
		v, ok := want[ch.EngagementID]
		if !ok || ch.Version != v || ch.Op != salesrec.OpCustomerUpdate || ch.TeamID != w.teamA.ID || ch.At.IsZero() {
			t.Fatalf("change %+v, want one of %v at its current version with op %q", ch, want, salesrec.OpCustomerUpdate)
		}
		delete(want, ch.EngagementID)
	}
	_, snap, err := w.s.Snapshot(w.ctx, a.ID)
	noErr(t, err, "Snapshot")
	sameJSON(t, snap, c, "the snapshot's customer after the update")

	// A refused update writes nothing to the feed.
	_, err = w.s.UpdateCustomer(w.ctx, w.rep3.ID, c)
	wantErr(t, err, salesrec.ErrForbidden, "customer update without contact rights")
	marker := w.create(t, w.rep1, w.engagement(w.rep1, w.custA2, w.today(4)))
	after, _ := waitFeed(t, w.s, got[len(got)-1].Pos, 1)
	if len(after) != 1 || after[0].EngagementID != marker.ID {
		t.Fatalf("after a refused customer update the feed has %+v, want only the marker", after)
	}
}

func testFeedRollback(t *testing.T, w *world) {
	e := w.create(t, w.rep1, w.engagement(w.rep1, w.custA1, w.today(3)))
	_, pos := waitFeed(t, w.s, "", 1)

	boom := errors.New("abort before commit")
	w.h.BeforeCommit(func(ctx context.Context, id string) error { return boom })
	upd := e
	upd.Goal = "推动客户确认方案"
	_, err := w.s.UpdateEngagement(w.ctx, w.rep1.ID, upd)
	if !errors.Is(err, boom) {
		t.Fatalf("update with an aborting hook: %v", err)
	}
	w.h.BeforeCommit(nil)

	// A later committed change marks how far the reader must get.
	marker := w.create(t, w.rep1, w.engagement(w.rep1, w.custA2, w.today(3)))
	after, _ := waitFeed(t, w.s, pos, 1)
	if len(after) != 1 || after[0].EngagementID != marker.ID {
		t.Fatalf("after a rolled-back change the feed has %+v, want only the marker", after)
	}
	got, err := w.s.Engagement(w.ctx, w.rep1.ID, e.ID)
	noErr(t, err, "Engagement")
	sameJSON(t, got, e, "engagement after a rolled-back update")
	hist, err := w.s.History(w.ctx, w.rep1.ID, e.ID)
	noErr(t, err, "History")
	if len(hist) != 1 {
		t.Fatalf("history has %d entries: a rolled-back change left a trace", len(hist))
	}
}

// testFeedOutOfOrderCommits: writer A takes its position first and commits
// last; a reader polling in between must not move past A's position, so
// that once A commits it is read, and B after it.
func testFeedOutOfOrderCommits(t *testing.T, w *world) {
	if !w.h.ConcurrentWriters {
		t.Skip("writers are serialised on this database: a later writer cannot commit first")
	}
	ea, eb, pos := w.racingEngagements(t)

	a := newPause()
	w.h.BeforeCommit(func(ctx context.Context, id string) error {
		if id != ea.ID {
			return nil
		}
		return a.hold(ctx)
	})
	defer w.h.BeforeCommit(nil)

	// A has written its feed row and holds its transaction open.
	aDone := pauseAThenCommitB(t, w, ea, eb, a, "at its commit")

	// B has committed, A has not: the reader must not get B yet (it would
	// then resume after B and skip A).
	early, _ := readAll(t, w.s, pos, 100)
	for _, c := range early {
		if c.EngagementID == eb.ID {
			t.Fatal("the reader got B's change while A, which took its position first, was still in flight")
		}
	}

	a.let()
	noErr(t, <-aDone, "writer A")
	got, _ := waitFeed(t, w.s, pos, 2)
	if len(got) != 2 || got[0].EngagementID != ea.ID || got[1].EngagementID != eb.ID {
		t.Fatalf("after both commits the reader got %+v, want A then B", got)
	}
}

// testCommitted: the channel Committed returns is armed at once, so a
// commit made right after the call closes it with no waiter running yet.
func testCommitted(t *testing.T, w *world) {
	e := w.create(t, w.rep1, w.engagement(w.rep1, w.custA1, w.today(3)))
	changed := w.s.Committed()
	select {
	case <-changed:
		t.Fatal("Committed is closed before any commit after the call")
	default:
	}
	_, err := w.s.AddRemark(w.ctx, w.rep1.ID, e.ID, e.Version, salesrec.Remark{Text: "关闭信号的备注"})
	noErr(t, err, "AddRemark")
	select {
	case <-changed:
	case <-time.After(20 * time.Second):
		t.Fatal("a commit after Committed did not close its channel")
	}
}
