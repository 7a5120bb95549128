package kb

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Sync catches the index up with the source's feed once and returns. Each
// feed page becomes one Bleve batch that carries the documents of the
// changed engagements and the new feed position together, so a crash at
// any point leaves the index at a batch boundary: the next Sync resumes
// after the last committed change and neither skips nor repeats one.
func (x *Index) Sync(ctx context.Context) error {
	x.syncMu.Lock()
	defer x.syncMu.Unlock()
	if x.cur == nil {
		return ErrClosed
	}
	return x.catchUp(ctx, x.cur.idx, nil)
}

// Follow keeps the index caught up until ctx ends, then returns ctx's
// error. It waits for new writes with the source's WaitChange when the
// source implements ChangeNotifier, and polls every Options.PollInterval
// otherwise (and as a safety net). The wait for the next write begins
// before each catch-up, so a write committed during a catch-up wakes the
// next one; and after each catch-up Follow asks the feed whether anything
// is left, so a write that committed before the wait had registered is
// not left for the poll. A failed catch-up is reported to
// Options.SyncError and retried after the next wait.
func (x *Index) Follow(ctx context.Context) error {
	notifier, _ := x.src.(ChangeNotifier)
	interval := x.opts.pollInterval()
	for {
		wctx, stopWait := context.WithCancel(ctx)
		woke := make(chan error, 1)
		go func() { woke <- wait(wctx, notifier, interval) }()
		more, err := x.syncOnce(ctx)
		switch {
		case err != nil && ctx.Err() != nil:
			stopWait()
			return ctx.Err()
		case errors.Is(err, ErrClosed):
			stopWait()
			return err
		case err != nil:
			if x.opts.SyncError != nil {
				x.opts.SyncError(err)
			}
		case more:
			stopWait()
			<-woke
			continue
		}
		err = <-woke
		stopWait()
		if err != nil {
			return ctx.Err()
		}
	}
}

// syncOnce catches up and then reports whether the feed already holds
// more: changes committed after the catch-up's last read.
func (x *Index) syncOnce(ctx context.Context) (more bool, err error) {
	if err := x.Sync(ctx); err != nil {
		return false, err
	}
	pos, err := x.Position()
	if err != nil {
		return false, err
	}
	next, err := x.src.ReadFeed(ctx, pos, 1)
	if err != nil {
		return false, fmt.Errorf("kb: read feed after %q: %w", pos, err)
	}
	return len(next) > 0, nil
}

// wait returns when the notifier signals a change, when interval has
// passed, or with ctx's error when ctx ends.
func wait(ctx context.Context, notifier ChangeNotifier, interval time.Duration) error {
	if notifier != nil {
		wctx, cancel := context.WithTimeout(ctx, interval)
		err := notifier.WaitChange(wctx)
		cancel()
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err == nil || errors.Is(err, context.DeadlineExceeded) {
			return nil
		}
		// The notifier failed outright: fall back to one poll interval
		// so a broken listener cannot turn Follow into a busy loop.
	}
	t := time.NewTimer(interval)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
