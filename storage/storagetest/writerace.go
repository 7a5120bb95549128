package storagetest

import (
	"context"
	"testing"

	"github.com/dealtrail/dealtrail/salesrec"
)

// pauseAThenCommitB is the race the feed tests stage between two writers:
// writer A sets ea's first action done in the background until the caller's
// hook pauses it inside its transaction and closes paused; writer B then sets
// eb's first action done and commits. It returns where A's result arrives
// once the hook lets A go on. where says at which point the hook pauses A,
// for the failure messages.
func pauseAThenCommitB(ctx context.Context, t *testing.T, w *world, ea, eb salesrec.Engagement, paused <-chan struct{}, where string) <-chan error {
	t.Helper()
	aDone := make(chan error, 1)
	go func() {
		_, err := w.s.SetActionStatus(ctx, w.rep1.ID, ea.ID, ea.Version, ea.Actions[0].ID, salesrec.ActionDone)
		aDone <- err
	}()
	select {
	case <-paused:
	case err := <-aDone:
		t.Fatalf("writer A finished without pausing %s: %v", where, err)
	case <-ctx.Done():
		t.Fatalf("writer A never paused %s", where)
	}
	_, err := w.s.SetActionStatus(ctx, w.rep1.ID, eb.ID, eb.Version, eb.Actions[0].ID, salesrec.ActionDone)
	noErr(t, err, "writer B")
	return aDone
}

// holdUntil is a hook's pause: it returns nil once release is closed, or
// the context's error if that ends first.
func holdUntil(ctx context.Context, release <-chan struct{}) error {
	select {
	case <-release:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
