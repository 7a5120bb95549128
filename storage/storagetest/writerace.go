package storagetest

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/dealtrail/dealtrail/salesrec"
)

// racingEngagements creates the engagements writers A and B of
// pauseAThenCommitB change, and returns the feed position after both.
func (w *world) racingEngagements(t *testing.T) (ea, eb salesrec.Engagement, pos string) {
	t.Helper()
	ea = w.create(t, w.rep1, w.engagement(w.rep1, w.custA1, w.today(3)))
	eb = w.create(t, w.rep1, w.engagement(w.rep1, w.custA2, w.today(3)))
	_, pos = waitFeed(t, w.s, "", 2)
	return ea, eb, pos
}

// pauseAThenCommitB is the race the feed tests stage between two writers:
// writer A sets ea's first action done in the background until the caller's
// hook holds it inside its transaction (a.hold); writer B then sets
// eb's first action done and commits. It returns where A's result arrives
// once the test lets A go on (a.let). where says at which point the hook pauses A,
// for the failure messages. Both writers have 30 seconds.
func pauseAThenCommitB(t *testing.T, w *world, ea, eb salesrec.Engagement, a *pause, where string) <-chan error {
	t.Helper()
	ctx, cancel := context.WithTimeout(w.ctx, 30*time.Second)
	t.Cleanup(cancel) // A runs on after the race is staged
	aDone := make(chan error, 1)
	go func() {
		_, err := w.s.SetActionStatus(ctx, w.rep1.ID, ea.ID, ea.Version, ea.Actions[0].ID, salesrec.ActionDone)
		aDone <- err
	}()
	select {
	case <-a.paused:
	case err := <-aDone:
		t.Fatalf("writer A finished without pausing %s: %v", where, err)
	case <-ctx.Done():
		t.Fatalf("writer A never paused %s", where)
	}
	_, err := w.s.SetActionStatus(ctx, w.rep1.ID, eb.ID, eb.Version, eb.Actions[0].ID, salesrec.ActionDone)
	noErr(t, err, "writer B")
	return aDone
}

// pause holds writer A inside its transaction, from a store hook, until
// the test lets it go on.
type pause struct {
	paused, release chan struct{}
	pausedOnce      sync.Once
	firstOnce       sync.Once
}

func newPause() *pause {
	return &pause{paused: make(chan struct{}), release: make(chan struct{})}
}

// first reports whether this is its first call: the hook call of the
// writer to hold, when every writer passes the hook.
func (p *pause) first() bool {
	first := false
	p.firstOnce.Do(func() { first = true })
	return first
}

// hold is the hook's pause: it says A is paused, then returns nil once the
// test lets A go on (let), or the context's error if that ends first.
func (p *pause) hold(ctx context.Context) error {
	p.pausedOnce.Do(func() { close(p.paused) })
	select {
	case <-p.release:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// let lets the held writer go on.
func (p *pause) let() { close(p.release) }
