package kb

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Follow keeps the index caught up until ctx ends, then returns ctx's
// error. It waits for new writes on the source's Changes channel when the
// source implements ChangeNotifier, and polls every Options.PollInterval
// otherwise (and as a safety net). The channel is taken before each
// catch-up, so a write committed during or after the catch-up wakes the
// next one; and after each catch-up Follow asks the feed whether anything
// is left, so a write that committed before the channel was taken but
// after the catch-up's last read is not left for the poll. A failed
// catch-up is reported to Options.SyncError and retried after the next
// wait.
func (x *Index) Follow(ctx context.Context) error {
	notifier, _ := x.src.(ChangeNotifier)
	interval := x.opts.pollInterval()
	for {
		var changed <-chan struct{} // nil: only the poll wakes
		if notifier != nil {
			changed = notifier.Committed()
		}
		more, err := x.syncOnce(ctx)
		switch {
		case err != nil && ctx.Err() != nil:
			return ctx.Err()
		case errors.Is(err, ErrClosed):
			return err
		case err != nil:
			if x.opts.SyncError != nil {
				x.opts.SyncError(err)
			}
		case more:
			continue
		}
		if err := wait(ctx, changed, interval); err != nil {
			return err
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

// wait returns nil when changed is closed or interval has passed, and
// ctx's error when ctx ends first.
func wait(ctx context.Context, changed <-chan struct{}, interval time.Duration) error {
	t := time.NewTimer(interval)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-changed:
		return nil
	case <-t.C:
		return nil
	}
}
