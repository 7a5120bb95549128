package kb

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"github.com/dealtrail/dealtrail/salesrec"
)

// Rebuild builds a fresh index from the source in a new directory and
// swaps it in. It does not trust the feed's past: it takes the feed's head,
// lists every engagement the source holds (EngagementKeys, team by team,
// when the source is a TeamLister; EngagementIDs otherwise) and indexes each
// at its current state, one page per batch, then applies the feed from
// that head. So an engagement is in the rebuilt index even when the feed
// lost its rows (or they were pruned), and memory stays flat however many
// engagements there are. Searches keep using the old index until the swap,
// and Follow keeps it current meanwhile; the swap itself waits for a final
// catch-up so no change is lost. progress, when set, receives the running
// count of engagements indexed and then of feed changes applied after
// them. A failed or cancelled Rebuild leaves the old index in place and
// removes the new directory.
func (x *Index) Rebuild(ctx context.Context, progress func(done int)) error {
	x.rebuildMu.Lock()
	defer x.rebuildMu.Unlock()

	x.syncMu.Lock()
	if x.cur == nil {
		x.syncMu.Unlock()
		return ErrClosed
	}
	name := nextGeneration(x.cur.name)
	x.syncMu.Unlock()

	path := filepath.Join(x.root, name)
	if err := os.RemoveAll(path); err != nil {
		return fmt.Errorf("kb: rebuild: clear %s: %w", path, err)
	}
	g, err := x.createGeneration(name)
	if err != nil {
		return fmt.Errorf("kb: rebuild: %w", err)
	}
	discard := func(err error) error {
		_ = g.close()
		_ = os.RemoveAll(path)
		return err
	}

	// Progress counts across both catch-ups: the second adds to the first.
	base, last := 0, 0
	report := func(done int) {
		if progress != nil {
			progress(base + done)
		}
	}
	bulk := func(done int) {
		report(done)
		last = done
	}
	if err := x.build(ctx, g, bulk); err != nil {
		return discard(fmt.Errorf("kb: rebuild: %w", err))
	}

	x.syncMu.Lock()
	defer x.syncMu.Unlock()
	if x.cur == nil {
		return discard(ErrClosed)
	}
	// Changes committed while the bulk of the work ran.
	base = last
	if err := x.catchUp(ctx, g, report); err != nil {
		return discard(fmt.Errorf("kb: rebuild: %w", err))
	}
	if err := x.writeCurrent(g.name); err != nil {
		return discard(err)
	}
	x.mu.Lock() // waits for searches running on the old index
	old := x.cur
	x.cur = g
	x.mu.Unlock()

	if err := old.close(); err != nil {
		return fmt.Errorf("kb: rebuild: close old index: %w", err)
	}
	if err := os.RemoveAll(filepath.Join(x.root, old.name)); err != nil {
		return fmt.Errorf("kb: rebuild: remove old index: %w", err)
	}
	return nil
}

// build fills the empty index idx from the engagements themselves, then
// from the feed. It takes the feed's head first, indexes every engagement
// the source lists at its current state (one page of ids per batch, each
// page read and built while Bleve commits the one before), stores the head
// as idx's position and catches up from there. The head is taken before
// the listing, so a change committed while it runs is in the feed after
// the head: the catch-up applies it, or skips it when the listing already
// indexed that version. Until the listing is complete idx's position stays
// "", so an index left half-built is completed by a Sync from the start.
//
// The same holds for customer identities: their head is read first and
// every cached masker dropped, so each masker the listing uses knows every
// identity up to that head; the head is stored with the position, and the
// catch-up re-masks only for identities recorded after it (instead of
// searching the new index for every identity the store ever recorded).
func (x *Index) build(ctx context.Context, g *generation, progress func(done int)) error {
	head, err := x.src.FeedHead(ctx)
	if err != nil {
		return fmt.Errorf("kb: read feed head: %w", err)
	}
	idHead, err := x.identityHead(ctx, 0)
	if err != nil {
		return err
	}
	x.masks.clear()
	report := func(done int) {
		if progress != nil {
			progress(done)
		}
	}
	done, limit := 0, x.opts.listPage()
	first, after, err := x.listPage(ctx, g, head, salesrec.EngagementKey{}, limit)
	// Listed by team, a shard the listing has moved on from is closed
	// (see shardSet.release): only the shards of the page being built and
	// of the pages gathered stay open.
	var settle func(*pageBatch, *gather) error
	if _, ok := x.src.(TeamLister); ok {
		settle = func(next *pageBatch, ga *gather) error {
			keep := map[int]bool{}
			for _, n := range ga.order {
				keep[n] = true
			}
			if next != nil {
				for _, n := range next.order {
					keep[n] = true
				}
			}
			return g.shards.release(keep)
		}
	}
	err = x.pipeline(ctx, g, first, err, func(*pageBatch, stateOverlay) (*pageBatch, error) {
		var b *pageBatch
		var err error
		b, after, err = x.listPage(ctx, g, head, after, limit)
		return b, err
	}, settle, func(cur *pageBatch) {
		done += cur.changes
		report(done)
	})
	if err != nil {
		return err
	}
	b := g.idx.NewBatch()
	b.SetInternal([]byte(keyPos), []byte(head))
	b.SetInternal([]byte(keySeq), []byte(strconv.FormatInt(g.seq.Add(1), 10)))
	b.SetInternal([]byte(keyIdentities), []byte(strconv.FormatInt(idHead, 10)))
	if err := g.idx.Batch(b); err != nil {
		return fmt.Errorf("kb: store feed position: %w", err)
	}
	listed := done
	return x.catchUp(ctx, g, func(done int) { report(listed + done) })
}

// listPage lists up to limit engagements after the key after and builds
// the batch that indexes each as stored now. It returns nil when the
// source lists nothing more, and the key of the last engagement listed.
// A TeamLister lists team by team, so that consecutive pages fill one
// shard; any other source lists by id (the key's team stays "").
func (x *Index) listPage(ctx context.Context, g *generation, head string, after salesrec.EngagementKey, limit int) (*pageBatch, salesrec.EngagementKey, error) {
	keys, err := x.listKeys(ctx, after, limit)
	if err != nil || len(keys) == 0 {
		return nil, after, err
	}
	// A change of version 0 at no position: "index what is stored now".
	// Positions stay "" until the listing is done (see build).
	changes := make([]salesrec.Change, len(keys))
	for i, k := range keys {
		changes[i] = salesrec.Change{EngagementID: k.EngagementID, TeamID: k.TeamID, Op: salesrec.OpUpdate}
	}
	p, err := x.buildBatch(ctx, g, changes, nil, head, true)
	if err != nil {
		return nil, after, err
	}
	return p, keys[len(keys)-1], nil
}

// listKeys returns the next page of the listing after the key after: from
// the source's EngagementKeys when it is a TeamLister, else from its
// EngagementIDs with no team.
func (x *Index) listKeys(ctx context.Context, after salesrec.EngagementKey, limit int) ([]salesrec.EngagementKey, error) {
	var keys []salesrec.EngagementKey
	if tl, ok := x.src.(TeamLister); ok {
		var err error
		if keys, err = tl.EngagementKeys(ctx, after, limit); err != nil {
			return nil, fmt.Errorf("kb: list engagements after %s/%s: %w", after.TeamID, after.EngagementID, err)
		}
	} else {
		ids, err := x.src.EngagementIDs(ctx, after.EngagementID, limit)
		if err != nil {
			return nil, fmt.Errorf("kb: list engagements after %q: %w", after.EngagementID, err)
		}
		keys = make([]salesrec.EngagementKey, len(ids))
		for i, id := range ids {
			keys[i] = salesrec.EngagementKey{EngagementID: id}
		}
	}
	// The listing must move forward, or a faulty source would loop forever.
	for i, k := range keys {
		prev := after
		if i > 0 {
			prev = keys[i-1]
		}
		if k.Compare(prev) <= 0 || k.EngagementID == "" {
			return nil, fmt.Errorf("kb: list engagements after %s/%s: the source listed %s/%s, not after it", prev.TeamID, prev.EngagementID, k.TeamID, k.EngagementID)
		}
	}
	return keys, nil
}
