package kb

import (
	"context"
	"fmt"

	"github.com/blevesearch/bleve/v2"
	"github.com/dealtrail/dealtrail/salesrec"
)

// pageBatch is one feed page made ready to commit: a Bleve batch with the
// documents and states of the engagements the page changed and the
// position of its last change, the states that batch writes, and the
// engagements it puts in quarantine.
type pageBatch struct {
	b   *bleve.Batch
	pos string // position of the page's last change
	// at is the position a quarantine record names when pos is "": a
	// Rebuild listing has no feed position of its own and names the head it
	// started from.
	at          string
	changes     int // feed changes the page covers
	writes      stateOverlay
	quarantined []Quarantine
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
	return x.buildBatch(ctx, idx, changes, pending, "")
}

// buildBatch prepares the current state of every engagement the changes
// name, in one batch that also stores the position of the last change.
// at is the position quarantine records name when the changes carry none
// (see pageBatch.at).
func (x *Index) buildBatch(ctx context.Context, idx bleve.Index, changes []salesrec.Change, pending stateOverlay, at string) (*pageBatch, error) {
	// The latest version each engagement reached in this page.
	latest := make(map[string]int64, len(changes))
	// redo lists engagements whose customer changed: same version, but the
	// masking derived from the customer must be applied again.
	redo := map[string]bool{}
	var order []string
	for _, c := range changes {
		if c.EngagementID == "" {
			continue // a change of the team itself: nothing indexed changed
		}
		if _, seen := latest[c.EngagementID]; !seen {
			order = append(order, c.EngagementID)
		}
		latest[c.EngagementID] = max(latest[c.EngagementID], c.Version)
		if c.Op == salesrec.OpCustomerUpdate {
			redo[c.EngagementID] = true
		}
	}

	states, corrupt, err := pending.readStates(ctx, idx, order)
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
		if corrupt[id] == nil {
			need = append(need, id)
		}
	}
	pos := changes[len(changes)-1].Pos
	// The source answers if it can read the feed; a snapshot that fails
	// meanwhile is the engagement's own problem.
	alive := func() error {
		_, err := x.src.ReadFeed(ctx, pos, 1)
		return err
	}
	snaps, failed, err := x.snapshotOrQuarantine(ctx, need, alive)
	if err != nil {
		return nil, err
	}
	masks, err := x.maskers(ctx, snaps)
	if err != nil {
		return nil, err
	}
	p := &pageBatch{
		at:      at,
		b:       idx.NewBatch(),
		pos:     pos,
		changes: len(changes),
		writes:  make(stateOverlay, len(need)),
	}
	for _, id := range order {
		if err := corrupt[id]; err != nil {
			if err := x.quarantine(ctx, idx, p, id, latest[id], engagementState{}, nil, err); err != nil {
				return nil, err
			}
		}
	}
	for _, id := range need {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		old := states[id]
		if err := failed[id]; err != nil {
			if err := x.quarantine(ctx, idx, p, id, latest[id], old, nil, err); err != nil {
				return nil, err
			}
			continue
		}
		snap := snaps[id]
		if !snap.found {
			for _, docID := range old.docs {
				p.b.Delete(docID)
			}
			p.b.Delete(stateID(id))
			p.writes.remove(id)
			continue
		}
		if added, err := x.addEngagement(p, id, old, snap, masks[snap.e.TeamID]); err != nil {
			if err := x.quarantine(ctx, idx, p, id, latest[id], old, added, err); err != nil {
				return nil, err
			}
		}
	}
	p.b.SetInternal([]byte(keyPos), []byte(p.pos))
	return p, nil
}

// addEngagement adds to the batch what replaces the engagement's documents:
// the deletion of its old documents, its current documents and its new
// state. On error it returns the ids it had already added, which the
// caller withdraws.
func (x *Index) addEngagement(p *pageBatch, id string, old engagementState, snap snapshot, m *masker) ([]string, error) {
	e, c := snap.e, snap.c
	if e.ID != id {
		return nil, fmt.Errorf("kb: the source returned engagement %q for %q", e.ID, id)
	}
	entries := documents(e, c, m)
	next := engagementState{version: e.Version, docs: make([]string, len(entries))}
	for i, en := range entries {
		next.docs[i] = en.id
	}
	state, err := next.fields()
	if err != nil {
		return nil, fmt.Errorf("kb: state of %q: %w", id, err)
	}
	// Delete first, index second: within a batch the last operation on an
	// id wins, so ids that survive are simply replaced.
	for _, docID := range old.docs {
		p.b.Delete(docID)
	}
	for i, en := range entries {
		if err := p.b.Index(en.id, en.doc.fields()); err != nil {
			return next.docs[:i], fmt.Errorf("kb: index %s: %w", en.id, err)
		}
	}
	if err := p.b.Index(stateID(id), state); err != nil {
		return next.docs, fmt.Errorf("kb: index state of %q: %w", id, err)
	}
	p.writes.write(id, next)
	return nil, nil
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
