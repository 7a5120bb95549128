package storagetest

import (
	"context"
	"database/sql"
	"sync"
	"testing"
	"time"

	"github.com/dealtrail/dealtrail/salesrec"
)

// readableWithin is how soon after its commit a change must be readable
// while no writer of the store is in flight.
const readableWithin = 2 * time.Second

// testFeedWriterPausedAfterBegin: writer A begins — on PostgreSQL it then
// holds the feed lock — and pauses before its first write, once before it
// has a transaction id and once with one; writer B commits and a reader
// reads meanwhile. Without an id A will take one above B's, so B is
// readable at once and A follows it; with an id A precedes B, so the
// reader must not get B until A has ended. Either way A's change is read.
func testFeedWriterPausedAfterBegin(t *testing.T, open Opener) {
	for _, c := range []struct {
		name   string
		withID bool
	}{
		{"before it has a transaction id", false},
		{"with a transaction id", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			w := newWorld(t, open)
			if !w.h.ConcurrentWriters || w.h.AfterBegin == nil {
				t.Skip("writers are serialised on this database: a paused writer holds every other one")
			}
			ea, eb, pos := w.racingEngagements(t)

			a := newPause()
			w.h.AfterBegin(func(ctx context.Context, tx Execer) error {
				if !a.first() { // B and later writers pass
					return nil
				}
				if c.withID {
					if _, err := tx.ExecContext(ctx, `SELECT pg_current_xact_id()`); err != nil {
						return err
					}
				}
				return a.hold(ctx)
			})
			defer w.h.AfterBegin(nil)

			aDone := pauseAThenCommitB(t, w, ea, eb, a, "after its begin")

			want := []string{ea.ID, eb.ID}
			if c.withID {
				early, _ := readAll(t, w.s, pos, 100)
				for _, ch := range early {
					if ch.EngagementID == eb.ID {
						t.Fatal("the reader got B's change while A, which took its transaction id first, was in flight")
					}
				}
			} else {
				got, next := waitFeed(t, w.s, pos, 1)
				if len(got) != 1 || got[0].EngagementID != eb.ID {
					t.Fatalf("while A had no transaction id the reader got %+v, want B's change", got)
				}
				pos, want = next, []string{ea.ID} // the reader has moved past B
			}

			a.let()
			noErr(t, <-aDone, "writer A")
			got, _ := waitFeed(t, w.s, pos, len(want))
			if len(got) != len(want) {
				t.Fatalf("after both commits the reader got %+v, want %v", got, want)
			}
			for i, ch := range got {
				if ch.EngagementID != want[i] {
					t.Fatalf("after both commits the reader got %+v, want %v: A's change was skipped", got, want)
				}
			}
		})
	}
}

// testFeedUnrelatedTransaction: a transaction that holds a transaction id
// but never takes the feed lock — a report, a host's batch, a session left
// idle in transaction — does not hold the feed back: each change is
// readable within readableWithin of its commit. A writer that took the
// feed lock and has an id does hold it, until it ends: that is the price
// of never skipping a change.
func testFeedUnrelatedTransaction(t *testing.T, w *world) {
	if !w.h.ConcurrentWriters || w.h.Dialect != "postgres" {
		t.Skip("writers are serialised on this database: an open write transaction holds every writer, any other holds nothing")
	}
	unrelated := beginWithID(t, w, nil)
	defer func() { _ = unrelated.Rollback() }()

	e := w.create(t, w.rep1, w.engagement(w.rep1, w.custA1, w.today(3)))
	_, pos := waitFeedUntil(t, w.s, "", 1, time.Now().Add(readableWithin))
	for i := range 10 {
		var err error
		e, err = w.s.AddRemark(w.ctx, w.rep1.ID, e.ID, e.Version, salesrec.Remark{Text: "客户确认了测试环境的接口清单"})
		noErr(t, err, "AddRemark")
		var got []salesrec.Change
		got, pos = waitFeedUntil(t, w.s, pos, 1, time.Now().Add(readableWithin))
		if len(got) != 1 || got[0].Version != e.Version {
			t.Fatalf("write %d: the reader got %+v, want version %d", i, got, e.Version)
		}
	}
	// FeedHead and PruneFeed read the same horizon as ReadFeed: the
	// unrelated transaction holds neither of them back either.
	head, err := w.s.FeedHead(w.ctx)
	noErr(t, err, "FeedHead")
	if head != pos {
		t.Fatalf("FeedHead = %q while an unrelated transaction is open, want the last change read, %q", head, pos)
	}
	if _, err := w.s.PruneFeed(w.ctx, pos); err != nil {
		t.Fatalf("PruneFeed up to the last change read, while an unrelated transaction is open: %v", err)
	}

	if w.h.LockFeed == nil {
		return
	}
	stalled := beginWithID(t, w, w.h.LockFeed)
	defer func() { _ = stalled.Rollback() }()
	e, err = w.s.AddRemark(w.ctx, w.rep1.ID, e.ID, e.Version, salesrec.Remark{Text: "客户要求补充性能测试报告"})
	noErr(t, err, "AddRemark")
	if early, _ := readAll(t, w.s, pos, 100); len(early) != 0 {
		t.Fatalf("the reader got %+v while a writer holding the feed lock with an older id was open", early)
	}
	noErr(t, stalled.Rollback(), "ending the stalled writer")
	got, _ := waitFeed(t, w.s, pos, 1)
	if len(got) != 1 || got[0].Version != e.Version {
		t.Fatalf("after the stalled writer ended the reader got %+v, want version %d", got, e.Version)
	}
}

// beginWithID begins a transaction on the harness's database, runs lock
// in it first when given, and gives it a transaction id.
func beginWithID(t *testing.T, w *world, lock func(context.Context, *sql.Tx) error) *sql.Tx {
	t.Helper()
	tx, err := w.h.DB.BeginTx(w.ctx, nil)
	noErr(t, err, "begin")
	if lock != nil {
		noErr(t, lock(w.ctx, tx), "taking the feed lock")
	}
	_, err = tx.ExecContext(w.ctx, `SELECT pg_current_xact_id()`)
	noErr(t, err, "taking a transaction id")
	return tx
}

// testFeedConcurrentReader: a reader tails the feed while writers commit
// concurrently (in whatever order their transactions end); it must end
// with exactly the feed — every change once, in feed order, none skipped.
func testFeedConcurrentReader(t *testing.T, w *world) {
	const writers, each = 6, 25
	var es []salesrec.Engagement
	for range writers {
		es = append(es, w.create(t, w.rep1, w.engagement(w.rep1, w.custA1, w.today(3))))
	}

	ctx, cancel := context.WithTimeout(w.ctx, time.Minute)
	defer cancel()
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	for i := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			e := es[i]
			for range each {
				var err error
				if e, err = w.s.AddRemark(ctx, w.rep1.ID, e.ID, e.Version, salesrec.Remark{Text: "客户确认了测试环境的接口清单"}); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()

	var tailed []salesrec.Change
	pos := ""
	for writing := true; writing; {
		select {
		case <-done:
			writing = false
		default:
		}
		changed := w.s.Committed() // armed before the read: no commit after it is missed
		page, err := w.s.ReadFeed(ctx, pos, 7)
		noErr(t, err, "ReadFeed while writers commit")
		if len(page) == 0 {
			select {
			case <-changed:
			case <-time.After(5 * time.Millisecond):
			case <-ctx.Done():
			}
			continue
		}
		tailed = append(tailed, page...)
		pos = page[len(page)-1].Pos
	}
	close(errs)
	for err := range errs {
		t.Fatalf("writer: %v", err)
	}
	total := writers * (each + 1)
	all, _ := waitFeed(t, w.s, "", total) // once every change is readable
	rest, _ := readAll(t, w.s, pos, 100)
	tailed = append(tailed, rest...)
	if len(all) != total || len(tailed) != total {
		t.Fatalf("the feed holds %d changes and the tailing reader got %d, want %d each: the reader skipped changes committed behind its position",
			len(all), len(tailed), total)
	}
	for i := range all {
		if tailed[i].Pos != all[i].Pos {
			t.Fatalf("change %d: the tailing reader got %s, the feed holds %s there", i, tailed[i].Pos, all[i].Pos)
		}
	}
}
