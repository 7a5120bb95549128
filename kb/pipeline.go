package kb

import (
	"context"
)

// catchUp applies the feed to idx from the position idx has stored until
// the feed is exhausted. progress, when set, receives the running count
// of changes applied.
//
// It runs as a two-stage pipeline. While Bleve commits the batch of one
// page (a mostly single-threaded segment build), the next page is read
// from the feed and the store and its batch built, so the store's reads
// cost little wall time. The order of commits is the feed's: a batch is
// committed only after the one before it has been, and when a commit fails
// or ctx ends, the batch built meanwhile is dropped and the index stays at
// the last committed batch. The next page is built against the states the
// batch in flight writes (see stateOverlay), so it snapshots and replaces
// exactly what it would have after that commit. Pages that span several
// shards are gathered and committed together (see gather); pending holds
// the states of every page gathered and not committed yet.
// Options.Committed, Options.Quarantined and progress are called on the
// caller's goroutine, for each page after the commit that covers it, in
// order. An engagement that cannot be indexed does
// not stop the catch-up: the page quarantines it and goes on (see
// Quarantine).
func (x *Index) catchUp(ctx context.Context, g *generation, progress func(done int)) error {
	raw, _, err := g.position()
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	// Whatever the catch-up wrote, the kernel reads ahead once it ends
	// (readahead.go), failed or not: those shards are searched next.
	defer func() { x.readAhead(g.shards.dir, g.shards.takeWritten()) }()
	if err := x.catchUpIdentities(ctx, g); err != nil {
		return err
	}
	first, err := x.readPage(ctx, g, raw, nil)
	done := 0
	// A short page does not prove the feed is exhausted: a store may cap
	// the page size below what was asked. Only an empty read does.
	return x.pipeline(ctx, g, first, err, func(cur *pageBatch, pending stateOverlay) (*pageBatch, error) {
		return x.readPage(ctx, g, cur.pos, pending)
	}, nil, func(cur *pageBatch) {
		done += cur.changes
		if x.opts.Committed != nil {
			x.opts.Committed(cur.pos, cur.changes)
		}
		if x.opts.Quarantined != nil {
			for _, q := range cur.quarantined {
				x.opts.Quarantined(q)
			}
		}
		if progress != nil {
			progress(done)
		}
	})
}

// pipeline commits first, then each batch next builds, until next builds
// none (nil) or fails. It builds each batch while the one before it
// commits, and drops it when that commit fails or ctx ends (see catchUp).
// committed is called after each commit, in order, on the caller's
// goroutine; err is first's error, returned at once when set. settle, when
// set, is called on the caller's goroutine after each commit, once the
// batch after it is built and before it is handed on, with that batch (nil
// at the end) and the pages still gathered: nothing else runs then.
func (x *Index) pipeline(ctx context.Context, g *generation, first *pageBatch, err error,
	next func(cur *pageBatch, pending stateOverlay) (*pageBatch, error),
	settle func(next *pageBatch, ga *gather) error, committed func(cur *pageBatch)) error {
	ga := newGather(g, x.gatherLimit)
	var held []*pageBatch // gathered, not committed yet
	pending := stateOverlay{}
	release := func() {
		for _, p := range held {
			committed(p)
		}
		held, pending = nil, stateOverlay{}
	}
	type result struct {
		committed bool
		err       error
	}
	for first != nil && err == nil {
		if err := ctx.Err(); err != nil {
			return err
		}
		cur := first
		for id, st := range cur.writes {
			pending[id] = st
		}
		done := make(chan result, 1)
		go func() {
			c, err := x.gatherBatch(ctx, ga, cur)
			done <- result{c, err}
		}()
		first, err = next(cur, pending)
		r := <-done
		if r.err != nil {
			return r.err
		}
		held = append(held, cur)
		if r.committed {
			release()
			if settle != nil && err == nil {
				if err := settle(first, ga); err != nil {
					return err
				}
			}
		}
	}
	if err != nil {
		return err
	}
	if !ga.empty() {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := ga.commit(); err != nil {
			return err
		}
	}
	release()
	return nil
}
