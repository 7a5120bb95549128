package storagetest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage"
)

func testStaleVersion(t *testing.T, w *world) {
	e := w.create(t, w.rep1, w.engagement(w.rep1, w.custA1, w.today(3)))
	fresh := e
	fresh.Goal = "推动客户确认方案"
	_, err := w.s.UpdateEngagement(w.ctx, w.rep1.ID, fresh)
	noErr(t, err, "update")

	stale := e
	stale.Goal = "过期的目标"
	_, err = w.s.UpdateEngagement(w.ctx, w.rep1.ID, stale)
	wantErr(t, err, salesrec.ErrConflict, "update from a stale version")
	_, err = w.s.SetActionStatus(w.ctx, w.rep1.ID, e.ID, e.Version, e.Actions[0].ID, salesrec.ActionDone)
	wantErr(t, err, salesrec.ErrConflict, "action status from a stale version")
	_, err = w.s.CloseEngagement(w.ctx, w.rep1.ID, e.ID, e.Version, salesrec.StatusTerminated,
		salesrec.Outcome{Reason: "预算调整,暂缓采购", ReasonCategory: salesrec.ReasonBudget})
	wantErr(t, err, salesrec.ErrConflict, "close from a stale version")
	got, err := w.s.Engagement(w.ctx, w.rep1.ID, e.ID)
	noErr(t, err, "Engagement")
	if got.Goal != fresh.Goal || got.Version != 2 {
		t.Fatalf("stale writes changed the engagement: goal %q version %d", got.Goal, got.Version)
	}
}

func testTwoWritersOneSnapshot(t *testing.T, w *world) {
	for round := 0; round < 5; round++ {
		e := w.create(t, w.rep1, w.engagement(w.rep1, w.custA1, w.today(3)))
		var wg sync.WaitGroup
		errs := make([]error, 2)
		begin := make(chan struct{})
		for i := range errs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				mine := e
				mine.Goal = fmt.Sprintf("写者%d的目标", i)
				<-begin
				_, errs[i] = w.s.UpdateEngagement(w.ctx, w.rep1.ID, mine)
			}()
		}
		close(begin)
		wg.Wait()
		wins, conflicts := 0, 0
		for _, err := range errs {
			switch {
			case err == nil:
				wins++
			case errors.Is(err, salesrec.ErrConflict):
				conflicts++
			default:
				t.Fatalf("writer failed: %v", err)
			}
		}
		if wins != 1 || conflicts != 1 {
			t.Fatalf("round %d: %d wins and %d conflicts, want exactly one of each", round, wins, conflicts)
		}
		hist, err := w.s.History(w.ctx, w.rep1.ID, e.ID)
		noErr(t, err, "History")
		if len(hist) != 2 {
			t.Fatalf("round %d: %d history entries, want 2", round, len(hist))
		}
	}
}

func testNoLostUpdates(t *testing.T, open Opener) {
	const writers, each = 10, 50
	w := newWorld(t, open)
	e := w.create(t, w.rep1, w.engagement(w.rep1, w.custA1, w.today(3)))
	ctx, cancel := context.WithCancel(w.ctx)
	defer cancel()

	var ok, conflicts atomic.Int64
	var wg sync.WaitGroup
	errc := make(chan error, writers)
	for g := 0; g < writers; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < each; {
				cur, err := w.s.Engagement(ctx, w.rep1.ID, e.ID)
				if err != nil {
					errc <- err
					return
				}
				cur.Goal = fmt.Sprintf("写者%d第%d次更新", g, i)
				_, err = w.s.UpdateEngagement(ctx, w.rep1.ID, cur)
				switch {
				case err == nil:
					ok.Add(1)
					i++
				case errors.Is(err, salesrec.ErrConflict):
					conflicts.Add(1)
				default:
					errc <- err
					cancel()
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errc)
	for err := range errc {
		t.Fatalf("writer failed: %v", err)
	}
	got, err := w.s.Engagement(w.ctx, w.rep1.ID, e.ID)
	noErr(t, err, "Engagement")
	if want := ok.Load() + 1; got.Version != want || ok.Load() != writers*each {
		t.Fatalf("final version %d after %d successful updates (+1 create), want %d", got.Version, ok.Load(), want)
	}
	hist, err := w.s.History(w.ctx, w.rep1.ID, e.ID)
	noErr(t, err, "History")
	if int64(len(hist)) != got.Version {
		t.Fatalf("%d history entries for %d writes", len(hist), got.Version)
	}
	for i, h := range hist {
		if h.Version != int64(i+1) {
			t.Fatalf("history entry %d has version %d", i, h.Version)
		}
	}
	t.Logf("%d updates, %d conflicts retried", ok.Load(), conflicts.Load())
}

// testConcurrentWriters: 8 goroutines writing at once, each to its own
// engagements, see no error at all (on SQLite: no SQLITE_BUSY).
func testConcurrentWriters(t *testing.T, open Opener) {
	const writers, each = 8, 15
	w := newWorld(t, open)
	var wg sync.WaitGroup
	errc := make(chan error, writers*each)
	begin := make(chan struct{})
	for g := 0; g < writers; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-begin
			for i := 0; i < each; i++ {
				e, err := w.s.CreateEngagement(w.ctx, w.rep1.ID, w.engagement(w.rep1, w.custA1, w.today(3)))
				if err != nil {
					errc <- fmt.Errorf("create: %w", err)
					continue
				}
				if _, err := w.s.SetActionStatus(w.ctx, w.rep1.ID, e.ID, e.Version, e.Actions[0].ID, salesrec.ActionInProgress); err != nil {
					errc <- fmt.Errorf("action status: %w", err)
				}
				if _, err := w.s.ReadFeed(w.ctx, "", 10); err != nil {
					errc <- fmt.Errorf("read feed: %w", err)
				}
			}
		}()
	}
	close(begin)
	wg.Wait()
	close(errc)
	for err := range errc {
		t.Errorf("concurrent writer: %v", err)
	}
	n, err := w.s.CountEngagements(w.ctx, w.rep1.ID, storage.Filter{})
	noErr(t, err, "count")
	if n != writers*each {
		t.Fatalf("%d engagements stored, want %d", n, writers*each)
	}
}
