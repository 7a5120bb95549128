package storagetest

import (
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/dealtrail/dealtrail/salesrec"
)

// dueActions stores engagements of team A holding n actions due: half due
// tomorrow, half overdue, owned by rep1 and rep2 in turn. It returns the
// engagements.
func (w *world) dueActions(t *testing.T, n int) []salesrec.Engagement {
	t.Helper()
	const perEngagement = 4
	var es []salesrec.Engagement
	for i := 0; i < n; i += perEngagement {
		owner := []salesrec.Member{w.rep1, w.rep2}[len(es)%2]
		e := w.engagement(owner, w.custA1, w.today(1))
		e.Actions = nil
		for j := range min(perEngagement, n-i) {
			deadline := w.today(1)
			if (i+j)%2 == 1 {
				deadline = w.today(-2)
			}
			e.Actions = append(e.Actions, salesrec.Action{What: fmt.Sprintf("发送第%d版报价单", i+j+1), OwnerID: owner.ID,
				Deadline: deadline, Status: salesrec.ActionPending})
		}
		es = append(es, e)
	}
	stored, err := w.s.BulkInsert(w.ctx, w.managerA.ID, es)
	noErr(t, err, "BulkInsert")
	return stored
}

// testRemindersExactlyOnce: two producers and three consumers run at once
// over 1,000 due actions; every reminder is produced once and delivered
// (claimed and acknowledged) exactly once, and producing again adds none.
func testRemindersExactlyOnce(t *testing.T, w *world) {
	const n = 1000
	w.dueActions(t, n)

	var produced atomic.Int64
	producersDone := make(chan struct{})
	var producers, consumers sync.WaitGroup
	errs := make(chan error, 8)
	for range 2 {
		producers.Add(1)
		go func() {
			defer producers.Done()
			for range 3 {
				k, err := w.s.ProduceReminders(w.ctx, w.teamA.ID, time.Time{})
				if err != nil {
					errs <- err
					return
				}
				produced.Add(int64(k))
			}
		}()
	}
	var mu sync.Mutex
	delivered := map[string]int{}
	subjects := map[string]bool{}
	for c := range 3 {
		consumers.Add(1)
		go func() {
			defer consumers.Done()
			name := fmt.Sprintf("consumer-%d", c)
			for {
				finished := false
				select {
				case <-producersDone:
					finished = true
				default:
				}
				rs, err := w.s.ClaimReminders(w.ctx, name, 37, time.Minute)
				if err != nil {
					errs <- err
					return
				}
				if len(rs) == 0 {
					if finished {
						return
					}
					runtime.Gosched()
					continue
				}
				for _, r := range rs {
					mu.Lock()
					delivered[r.ID]++
					subjects[r.Subject+" "+string(r.Kind)+" "+r.Day.String()] = true
					mu.Unlock()
					if err := w.s.AckReminder(w.ctx, name, r.ID); err != nil {
						errs <- err
						return
					}
				}
			}
		}()
	}
	producers.Wait()
	close(producersDone)
	consumers.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if produced.Load() != n {
		t.Fatalf("two producers added %d reminders for %d due actions", produced.Load(), n)
	}
	if len(delivered) != n || len(subjects) != n {
		t.Fatalf("delivered %d reminders of %d subjects, want %d", len(delivered), len(subjects), n)
	}
	for id, k := range delivered {
		if k != 1 {
			t.Fatalf("reminder %s delivered %d times", id, k)
		}
	}
	again, err := w.s.ProduceReminders(w.ctx, w.teamA.ID, time.Time{})
	noErr(t, err, "producing again")
	if again != 0 {
		t.Fatalf("producing again added %d reminders", again)
	}
}

// testReminderRedelivery: a consumer that claims and dies before acking
// loses nothing: its reminders go to nobody else during the lease and come
// back after it; its late ack is refused; acks are checked.
func testReminderRedelivery(t *testing.T, w *world) {
	w.dueActions(t, 20)
	_, err := w.s.ProduceReminders(w.ctx, w.teamA.ID, time.Time{})
	noErr(t, err, "ProduceReminders")

	killed, err := w.s.ClaimReminders(w.ctx, "killed", 10, time.Minute)
	noErr(t, err, "claim by the consumer that dies")
	if len(killed) != 10 {
		t.Fatalf("claimed %d, want 10", len(killed))
	}
	ids := func(rs []salesrec.Reminder) map[string]bool {
		out := map[string]bool{}
		for _, r := range rs {
			out[r.ID] = true
		}
		return out
	}
	lost := ids(killed)
	others, err := w.s.ClaimReminders(w.ctx, "survivor", 100, time.Minute)
	noErr(t, err, "claim by the survivor")
	if len(others) != 10 {
		t.Fatalf("the survivor claimed %d during the lease, want the other 10", len(others))
	}
	for _, r := range others {
		if lost[r.ID] {
			t.Fatalf("reminder %s handed out twice within its lease", r.ID)
		}
		noErr(t, w.s.AckReminder(w.ctx, "survivor", r.ID), "ack")
	}
	noErr(t, w.s.AckReminder(w.ctx, "survivor", others[0].ID), "acking twice")
	none, err := w.s.ClaimReminders(w.ctx, "survivor", 100, time.Minute)
	noErr(t, err, "claim within the lease")
	if len(none) != 0 {
		t.Fatalf("claimed %d within the lease, want none", len(none))
	}

	w.clock.Advance(time.Minute)
	back, err := w.s.ClaimReminders(w.ctx, "survivor", 100, time.Minute)
	noErr(t, err, "claim after the lease")
	if len(back) != len(lost) {
		t.Fatalf("after the lease %d came back, want the %d the dead consumer held", len(back), len(lost))
	}
	for _, r := range back {
		if !lost[r.ID] || r.Attempts != 2 {
			t.Fatalf("reminder %s (attempt %d) came back; want the dead consumer's, second attempt", r.ID, r.Attempts)
		}
		noErr(t, w.s.AckReminder(w.ctx, "survivor", r.ID), "ack after redelivery")
	}
	wantErr(t, w.s.AckReminder(w.ctx, "killed", back[0].ID), salesrec.ErrConflict, "the dead consumer's late ack")
	wantErr(t, w.s.AckReminder(w.ctx, "survivor", "no-such-reminder"), salesrec.ErrNotFound, "ack of an unknown id")
	w.clock.Advance(time.Hour)
	rest, err := w.s.ClaimReminders(w.ctx, "survivor", 100, time.Minute)
	noErr(t, err, "claim after everything was acked")
	if len(rest) != 0 {
		t.Fatalf("%d acknowledged reminders came back", len(rest))
	}
}

// testReminderWithdrawn: a done action's reminder, a silent engagement's
// after a new contact and a meeting's once its contact is recorded are
// withdrawn before delivery; so is an action's whose row changed behind
// the store's back (the claim checks again).
func testReminderWithdrawn(t *testing.T, w *world) {
	done := w.create(t, w.rep1, w.engagement(w.rep1, w.custA1, w.today(1)))
	behind := w.create(t, w.rep1, w.engagement(w.rep1, w.custA1, w.today(1)))
	kept := w.create(t, w.rep2, w.engagement(w.rep2, w.custA2, w.today(1)))
	k, err := w.s.ProduceReminders(w.ctx, w.teamA.ID, time.Time{})
	noErr(t, err, "ProduceReminders")
	if k != 3 {
		t.Fatalf("produced %d, want one per action due tomorrow", k)
	}
	_, err = w.s.SetActionStatus(w.ctx, w.rep1.ID, done.ID, done.Version, done.Actions[0].ID, salesrec.ActionDone)
	noErr(t, err, "SetActionStatus done")
	bind := sqlx.QUESTION
	if w.h.Dialect == "postgres" {
		bind = sqlx.DOLLAR
	}
	_, err = w.h.DB.ExecContext(w.ctx, sqlx.Rebind(bind, `UPDATE dealtrail_actions SET status = 'done' WHERE engagement_id = ?`), behind.ID)
	noErr(t, err, "marking an action done behind the store's back")
	rs, err := w.s.ClaimReminders(w.ctx, "host", 100, time.Minute)
	noErr(t, err, "ClaimReminders")
	if len(rs) != 1 || rs[0].EngagementID != kept.ID || rs[0].MemberID != w.rep2.ID || rs[0].Kind != salesrec.ReminderDueTomorrow {
		t.Fatalf("claimed %+v, want only the reminder of the action still due, to rep2", rs)
	}
	if rs[0].Message.Zh == "" || rs[0].Message.En == "" {
		t.Fatalf("reminder text %+v, want Chinese and English", rs[0].Message)
	}
	noErr(t, w.s.AckReminder(w.ctx, "host", rs[0].ID), "ack")

	// Fifteen days on: the open engagements are silent, and a meeting
	// logged then is still unrecorded a day later.
	w.clock.Advance(15 * 24 * time.Hour)
	meetingAt := w.clock.Now().Add(-26 * time.Hour)
	_, err = w.s.LogMeeting(w.ctx, w.rep2.ID, kept.ID, meetingAt)
	noErr(t, err, "LogMeeting")
	_, err = w.s.ProduceReminders(w.ctx, w.teamA.ID, time.Time{})
	noErr(t, err, "ProduceReminders after fifteen days")
	cur, err := w.s.Engagement(w.ctx, w.rep2.ID, kept.ID)
	noErr(t, err, "Engagement")
	_, err = w.s.LogInteraction(w.ctx, w.rep2.ID, kept.ID, cur.Version, interaction(meetingAt.Add(time.Hour), w.rep2, "客户确认了下季度的采购计划"))
	noErr(t, err, "LogInteraction")
	rs, err = w.s.ClaimReminders(w.ctx, "host", 100, time.Minute)
	noErr(t, err, "ClaimReminders")
	kinds := map[string]bool{}
	for _, r := range rs {
		kinds[r.EngagementID+" "+string(r.Kind)] = true
	}
	for _, want := range []string{done.ID + " engagement_silent", behind.ID + " engagement_silent"} {
		if !kinds[want] {
			t.Errorf("missing reminder %s among %v", want, kinds)
		}
	}
	for _, gone := range []string{kept.ID + " engagement_silent", kept.ID + " contact_not_recorded"} {
		if kinds[gone] {
			t.Errorf("reminder %s was delivered after the contact was recorded", gone)
		}
	}
}

// testReminderInput: bad claims name their fields; a member's own claim
// returns only theirs; meetings and producers check their ids.
func testReminderInput(t *testing.T, w *world) {
	es := w.dueActions(t, 8)
	_, err := w.s.ClaimReminders(w.ctx, "", 0, 0)
	var ve *salesrec.ValidationError
	if !errors.As(err, &ve) || len(ve.Fields) != 3 || ve.Fields["consumer"].En == "" || ve.Fields["n"].Zh == "" || ve.Fields["lease"].Zh == "" {
		t.Fatalf("bad claim: %v, want consumer, n and lease named", err)
	}
	_, err = w.s.ClaimReminders(w.ctx, "host\x00", 1, time.Minute)
	wantErr(t, err, salesrec.ErrInvalid, "a consumer name with NUL")
	_, err = w.s.ClaimRemindersFor(w.ctx, "nobody", "app", 10, time.Minute)
	wantErr(t, err, salesrec.ErrForbidden, "an unknown member's claim")
	_, err = w.s.ProduceReminders(w.ctx, "no-such-team", time.Time{})
	wantErr(t, err, salesrec.ErrNotFound, "producing for an unknown team")
	_, err = w.s.LogMeeting(w.ctx, w.repB.ID, es[0].ID, w.clock.Now())
	wantErr(t, err, salesrec.ErrNotFound, "a meeting on another team's engagement")
	_, err = w.s.LogMeeting(w.ctx, w.rep1.ID, es[0].ID, time.Time{})
	wantErr(t, err, salesrec.ErrInvalid, "a meeting without a time")

	_, err = w.s.ProduceReminders(w.ctx, w.teamA.ID, time.Time{})
	noErr(t, err, "ProduceReminders")
	mine, err := w.s.ClaimRemindersFor(w.ctx, w.rep1.ID, "app:"+w.rep1.ID, 100, time.Minute)
	noErr(t, err, "ClaimRemindersFor")
	if len(mine) != 4 {
		t.Fatalf("rep1 claimed %d, want their 4", len(mine))
	}
	for _, r := range mine {
		if r.MemberID != w.rep1.ID {
			t.Fatalf("rep1 claimed %s's reminder", r.MemberID)
		}
	}
	wantErr(t, w.s.AckReminder(w.ctx, "app:"+w.rep2.ID, mine[0].ID), salesrec.ErrConflict, "another consumer's ack")
}
