package kb

import (
	"context"
	"fmt"

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
		entries := documents(e, c)
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
