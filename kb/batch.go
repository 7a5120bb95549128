package kb

import (
	"context"
	"fmt"

	"github.com/blevesearch/bleve/v2"
	"github.com/dealtrail/dealtrail/salesrec"
)

// pageBatch is one feed page made ready to commit: a Bleve batch with the
// documents and states of the engagements the page changed and the
// position of its last change, and the states that batch writes.
type pageBatch struct {
	b       *bleve.Batch
	pos     string // position of the page's last change
	changes int    // feed changes the page covers
	writes  stateOverlay
}

// readPage reads the feed page after pos and builds its batch. pending
// holds the states of the batch before it, which may not be committed yet
// (see stateOverlay). It returns nil when the feed holds nothing after pos.
func (x *Index) readPage(ctx context.Context, idx bleve.Index, pos string, pending stateOverlay) (*pageBatch, error) {
	changes, err := x.src.ReadFeed(ctx, pos, x.opts.feedPage())
	if err != nil {
		return nil, fmt.Errorf("kb: read feed after %q: %w", pos, err)
	}
	if len(changes) == 0 {
		return nil, nil
	}
	return x.buildBatch(ctx, idx, changes, pending)
}

// buildBatch prepares the current state of every engagement the changes
// name, in one batch that also stores the position of the last change.
func (x *Index) buildBatch(ctx context.Context, idx bleve.Index, changes []salesrec.Change, pending stateOverlay) (*pageBatch, error) {
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

	states, err := pending.readStates(ctx, idx, order)
	if err != nil {
		return nil, err
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
		return nil, err
	}
	masks, err := x.maskers(ctx, snaps)
	if err != nil {
		return nil, err
	}
	p := &pageBatch{
		b:       idx.NewBatch(),
		pos:     changes[len(changes)-1].Pos,
		changes: len(changes),
		writes:  make(stateOverlay, len(need)),
	}
	for _, id := range need {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		old, snap := states[id], snaps[id]
		if !snap.found {
			for _, docID := range old.docs {
				p.b.Delete(docID)
			}
			p.b.Delete(stateID(id))
			p.writes.remove(id)
			continue
		}
		e, c := snap.e, snap.c
		entries := documents(e, c, masks[e.TeamID])
		next := engagementState{version: e.Version, docs: make([]string, len(entries))}
		for i, en := range entries {
			next.docs[i] = en.id
		}
		// Delete first, index second: within a batch the last operation
		// on an id wins, so ids that survive are simply replaced.
		for _, docID := range old.docs {
			p.b.Delete(docID)
		}
		for _, en := range entries {
			if err := p.b.Index(en.id, en.doc.fields()); err != nil {
				return nil, fmt.Errorf("kb: index %s: %w", en.id, err)
			}
		}
		if err := p.b.Index(stateID(id), next.fields()); err != nil {
			return nil, fmt.Errorf("kb: index state of %s: %w", id, err)
		}
		p.writes.write(id, next)
	}
	p.b.SetInternal([]byte(keyPos), []byte(p.pos))
	return p, nil
}

// commitBatch hands a prepared batch to Bleve, unless ctx has ended.
func (x *Index) commitBatch(ctx context.Context, idx bleve.Index, p *pageBatch) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if x.beforeCommit != nil {
		x.beforeCommit()
	}
	if err := idx.Batch(p.b); err != nil {
		return fmt.Errorf("kb: commit batch: %w", err)
	}
	return nil
}
