package kb

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/dealtrail/dealtrail/salesrec"
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

// catchUp applies the feed to idx from the position idx has stored until
// the feed is exhausted. progress, when set, receives the running count
// of changes applied.
func (x *Index) catchUp(ctx context.Context, idx bleve.Index, progress func(done int)) error {
	raw, err := idx.GetInternal([]byte(keyPos))
	if err != nil {
		return fmt.Errorf("kb: read feed position: %w", err)
	}
	pos := string(raw)
	page := x.opts.feedPage()
	done := 0
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		changes, err := x.src.ReadFeed(ctx, pos, page)
		if err != nil {
			return fmt.Errorf("kb: read feed after %q: %w", pos, err)
		}
		if len(changes) == 0 {
			return nil
		}
		if err := x.applyBatch(ctx, idx, changes); err != nil {
			return err
		}
		pos = changes[len(changes)-1].Pos
		done += len(changes)
		if x.opts.Committed != nil {
			x.opts.Committed(pos, len(changes))
		}
		if progress != nil {
			progress(done)
		}
		// A short page does not prove the feed is exhausted: a store may
		// cap the page size below what was asked. Only an empty read does.
	}
}

// applyBatch indexes the current state of every engagement the changes
// name, in one batch that also stores the position of the last change.
func (x *Index) applyBatch(ctx context.Context, idx bleve.Index, changes []salesrec.Change) error {
	// The latest version each engagement reached in this page.
	latest := make(map[string]int64, len(changes))
	// redo lists engagements whose customer changed: same version, but the
	// masking derived from the customer must be applied again.
	redo := map[string]bool{}
	var order []string
	for _, c := range changes {
		if _, seen := latest[c.EngagementID]; !seen {
			order = append(order, c.EngagementID)
		}
		latest[c.EngagementID] = max(latest[c.EngagementID], c.Version)
		if c.Op == salesrec.OpCustomerUpdate {
			redo[c.EngagementID] = true
		}
	}

	states, err := readStates(ctx, idx, order)
	if err != nil {
		return err
	}
	var need []string
	for _, id := range order {
		old := states[id]
		if old.version >= latest[id] && old.version > 0 && !redo[id] {
			// Already indexed at this version or later (a Rebuild that
			// snapshotted ahead of the feed, or a replayed page).
			continue
		}
		need = append(need, id)
	}
	snaps, err := x.snapshotAll(ctx, need)
	if err != nil {
		return err
	}
	b := idx.NewBatch()
	for _, id := range need {
		if err := ctx.Err(); err != nil {
			return err
		}
		old, snap := states[id], snaps[id]
		if !snap.found {
			for _, docID := range old.docs {
				b.Delete(docID)
			}
			b.Delete(stateID(id))
			continue
		}
		e, c := snap.e, snap.c
		entries := x.entries(e, c)
		next := engagementState{version: e.Version, docs: make([]string, len(entries))}
		for i, en := range entries {
			next.docs[i] = en.id
		}
		// Delete first, index second: within a batch the last operation
		// on an id wins, so ids that survive are simply replaced.
		for _, docID := range old.docs {
			b.Delete(docID)
		}
		for _, en := range entries {
			if err := b.Index(en.id, en.doc.fields()); err != nil {
				return fmt.Errorf("kb: index %s: %w", en.id, err)
			}
		}
		if err := b.Index(stateID(id), next.fields()); err != nil {
			return fmt.Errorf("kb: index state of %s: %w", id, err)
		}
	}
	b.SetInternal([]byte(keyPos), []byte(changes[len(changes)-1].Pos))
	if err := ctx.Err(); err != nil {
		return err
	}
	if x.beforeCommit != nil {
		x.beforeCommit()
	}
	if err := idx.Batch(b); err != nil {
		return fmt.Errorf("kb: commit batch: %w", err)
	}
	return nil
}
