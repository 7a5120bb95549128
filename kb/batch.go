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
	// b holds the states and the position, for the meta index; docs the
	// documents, by shard (see shard.go).
	b    *bleve.Batch
	g    *generation
	docs map[int]*bleve.Batch
	// order names the shards of docs in the order the page first wrote
	// to them: the order of its engagements.
	order []int
	pos   string // position of the page's last change
	// at is the position a quarantine record names when pos is "": a
	// Rebuild listing has no feed position of its own and names the head it
	// started from.
	at      string
	changes int // feed changes the page covers
	// teams holds the team of each engagement of the page, where known:
	// its documents and its state live in that team's shard.
	teams       map[string]string
	writes      stateOverlay
	quarantined []Quarantine
}

// readPage reads the feed page after pos and builds its batch. pending
// holds the states of the batch before it, which may not be committed yet
// (see stateOverlay). It returns nil when the feed holds nothing after pos.
func (x *Index) readPage(ctx context.Context, g *generation, pos string, pending stateOverlay) (*pageBatch, error) {
	changes, err := x.src.ReadFeed(ctx, pos, x.opts.feedPage())
	if err != nil {
		return nil, fmt.Errorf("kb: read feed after %q: %w", pos, err)
	}
	if len(changes) == 0 {
		return nil, nil
	}
	return x.buildBatch(ctx, g, changes, pending, "", false)
}

// buildBatch prepares the current state of every engagement the changes
// name, in one batch that also stores the position of the last change.
// at is the position quarantine records name when the changes carry none
// (see pageBatch.at). listed says the changes list a generation being
// built from empty, each engagement once: none has a state yet.
func (x *Index) buildBatch(ctx context.Context, g *generation, changes []salesrec.Change, pending stateOverlay, at string, listed bool) (*pageBatch, error) {
	idx := g.idx
	// The latest version each engagement reached in this page, and its
	// team when the change names it.
	latest := make(map[string]int64, len(changes))
	teams := make(map[string]string, len(changes))
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
		if c.TeamID != "" {
			teams[c.EngagementID] = c.TeamID
		}
		if c.Op == salesrec.OpCustomerUpdate {
			redo[c.EngagementID] = true
		}
	}

	states, corrupt, inMeta := map[string]engagementState{}, map[string]error(nil), map[string]bool(nil)
	if !listed {
		var err error
		if states, corrupt, inMeta, err = pending.readStates(ctx, g, order, teams); err != nil {
			return nil, err
		}
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
		g:       g,
		docs:    map[int]*bleve.Batch{},
		pos:     pos,
		changes: len(changes),
		writes:  make(stateOverlay, len(need)),
		teams:   teams,
	}
	for id := range inMeta {
		p.b.Delete(stateID(id)) // the state moves to the team's shard
	}
	for _, id := range order {
		if err := corrupt[id]; err != nil {
			if err := x.quarantine(ctx, p, id, latest[id], engagementState{}, nil, err); err != nil {
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
			if err := x.quarantine(ctx, p, id, latest[id], old, nil, err); err != nil {
				return nil, err
			}
			continue
		}
		snap := snaps[id]
		if !snap.found {
			if err := p.deleteDocs(old); err != nil {
				return nil, err
			}
			sb, err := p.states(id)
			if err != nil {
				return nil, err
			}
			sb.Delete(stateID(id))
			p.writes.remove(id)
			continue
		}
		if p.teams[id] == "" {
			p.teams[id] = snap.e.TeamID
		}
		if added, err := x.addEngagement(p, id, old, snap, masks[snap.e.TeamID]); err != nil {
			if err := x.quarantine(ctx, p, id, latest[id], old, added, err); err != nil {
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
	next := engagementState{version: e.Version, docs: make([]string, len(entries)), team: e.TeamID}
	for i, en := range entries {
		next.docs[i] = en.id
	}
	state, err := next.fields()
	if err != nil {
		return nil, fmt.Errorf("kb: state of %q: %w", id, err)
	}
	// Delete first, index second: within a batch the last operation on an
	// id wins, so ids that survive are simply replaced.
	if err := p.deleteDocs(old); err != nil {
		return nil, err
	}
	docs, err := p.shard(shardOf(e.TeamID))
	if err != nil {
		return nil, err
	}
	for i, en := range entries {
		if err := docs.Index(en.id, en.doc.fields()); err != nil {
			return next.docs[:i], fmt.Errorf("kb: index %s: %w", en.id, err)
		}
	}
	if err := docs.Index(stateID(id), state); err != nil {
		return next.docs, fmt.Errorf("kb: index state of %q: %w", id, err)
	}
	p.writes.write(id, next)
	return nil, nil
}

// shard returns the page's batch of shard n, creating the shard when it
// does not exist yet.
func (p *pageBatch) shard(n int) (*bleve.Batch, error) {
	if b, ok := p.docs[n]; ok {
		return b, nil
	}
	idx, err := p.g.shards.get(n, true)
	if err != nil {
		return nil, err
	}
	b := idx.NewBatch()
	p.docs[n] = b
	p.order = append(p.order, n)
	return b, nil
}

// states returns the batch that holds the engagement's state: its team's
// shard, or the meta index while its team is not known.
func (p *pageBatch) states(engagementID string) (*bleve.Batch, error) {
	if t := p.teams[engagementID]; t != "" {
		return p.shard(shardOf(t))
	}
	return p.b, nil
}

// deleteDocs adds the deletion of the documents a state lists, in its
// team's shard. A state that names no team lists no documents (a
// quarantine record).
func (p *pageBatch) deleteDocs(st engagementState) error {
	if len(st.docs) == 0 {
		return nil
	}
	b, err := p.shard(shardOf(st.team))
	if err != nil {
		return err
	}
	for _, id := range st.docs {
		b.Delete(id)
	}
	return nil
}

// commitBatch hands a prepared batch to Bleve, unless ctx has ended: the
// documents and states to their shards first, in the order the page wrote
// them, then the
// position to the meta index (see shard.go).
func (x *Index) commitBatch(ctx context.Context, g *generation, p *pageBatch) error {
	ga := newGather(g, 1)
	_, err := x.gatherBatch(ctx, ga, p)
	return err
}

// gatherBatch adds a prepared page to ga, unless ctx has ended, and
// commits ga when it is full; it reports whether it committed.
func (x *Index) gatherBatch(ctx context.Context, ga *gather, p *pageBatch) (bool, error) {
	if err := ctx.Err(); err != nil {
		return false, err
	}
	if x.beforeCommit != nil {
		x.beforeCommit()
	}
	committed := false
	do := func() error {
		if !ga.add(p) {
			return nil
		}
		committed = true
		return ga.commit()
	}
	if x.commitPage != nil {
		return committed, x.commitPage(do)
	}
	return committed, do()
}
