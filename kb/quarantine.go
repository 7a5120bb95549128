package kb

import (
	"context"
	"errors"
	"fmt"
	"sort"

	"github.com/blevesearch/bleve/v2"
)

// ErrQuarantined is returned by SyncUntil when the engagement it waits
// for could not be indexed at that version (see Quarantine).
var ErrQuarantined = errors.New("kb: engagement is quarantined: it could not be indexed")

// Quarantine records an engagement the index could not index: its state
// in the index is corrupt, its snapshot failed while the source still
// answered, or its documents were refused. One such engagement never
// stops the index: Sync withdraws its documents (nothing stale or
// half-written stays searchable), records it, moves the feed position past
// it and goes on with the others. The record is kept in the index, in the
// same batch, so it survives restarts. The engagement is tried again on
// its next change and by Rebuild; once it indexes, the record goes.
type Quarantine struct {
	EngagementID string
	// Version is the engagement version the feed asked to index; 0 when
	// Rebuild found it failing, since its listing carries no versions.
	Version int64
	// Pos is the feed position of the page that quarantined it.
	Pos string
	// Err says what went wrong, for an operator.
	Err string
}

// Quarantined lists the engagements the index holds in quarantine, by id.
func (x *Index) Quarantined(ctx context.Context) ([]Quarantine, error) {
	x.mu.RLock()
	defer x.mu.RUnlock()
	if x.cur == nil {
		return nil, ErrClosed
	}
	idx, err := x.cur.stateIndex()
	if err != nil {
		return nil, err
	}
	q := bleve.NewTermQuery("1")
	q.SetField(fieldStateQuarantined)
	var out []Quarantine
	const page = 1000
	for from := 0; ; from += page {
		req := bleve.NewSearchRequestOptions(q, page, from, false)
		req.Fields = stateFields
		req.SortBy([]string{"_id"})
		res, err := idx.SearchInContext(ctx, req)
		if err != nil {
			return nil, fmt.Errorf("kb: list quarantined engagements: %w", err)
		}
		for _, h := range res.Hits {
			id, _ := h.Fields[fieldStateEngagement].(string)
			st, err := parseState(id, h.Fields)
			if err != nil || st.q == nil {
				// The record is itself damaged: still report it.
				out = append(out, Quarantine{EngagementID: id, Err: fmt.Sprintf("unreadable quarantine record %s: %v", h.ID, err)})
				continue
			}
			out = append(out, *st.q)
		}
		if len(res.Hits) < page {
			break
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].EngagementID < out[j].EngagementID })
	return out, nil
}

// quarantine puts the engagement in quarantine in the page's batch: its
// documents are withdrawn — those its state lists (old, when it could be
// read), those added for it in this batch (added), and any other the
// index holds under its id — and its state becomes version 0, so its next
// change indexes it again, carrying the record.
func (x *Index) quarantine(ctx context.Context, p *pageBatch, id string, version int64, old engagementState, added []string, cause error) error {
	if err := p.deleteDocs(old); err != nil {
		return err
	}
	// What was added went to one of the page's shard batches.
	for _, b := range p.docs {
		for _, docID := range added {
			b.Delete(docID)
		}
	}
	held, err := p.g.shards.engagementDocs(ctx, id)
	if err != nil {
		return err
	}
	for n, ids := range held {
		b, err := p.shard(n)
		if err != nil {
			return err
		}
		for _, docID := range ids {
			b.Delete(docID)
		}
	}
	pos := p.pos
	if pos == "" {
		pos = p.at
	}
	q := &Quarantine{EngagementID: id, Version: version, Pos: pos, Err: cause.Error()}
	st := engagementState{q: q}
	f, err := st.fields()
	if err != nil {
		return fmt.Errorf("kb: quarantine %q: %w", id, err)
	}
	sb, err := p.states(id)
	if err != nil {
		return err
	}
	if err := sb.Index(stateID(id), f); err != nil {
		return fmt.Errorf("kb: quarantine %q: %w", id, err)
	}
	p.writes.write(id, st)
	p.quarantined = append(p.quarantined, *q)
	return nil
}

// engagementDocs returns the ids of every derived document the index holds
// for the engagement, found by its engagement id field rather than by a
// state that may be corrupt.
func engagementDocs(ctx context.Context, idx bleve.Index, engagementID string) ([]string, error) {
	q := bleve.NewTermQuery(engagementID)
	q.SetField(fieldEngagement)
	var out []string
	const page = 1000
	for from := 0; ; from += page {
		req := bleve.NewSearchRequestOptions(q, page, from, false)
		req.SortBy([]string{"_id"})
		res, err := idx.SearchInContext(ctx, req)
		if err != nil {
			return nil, fmt.Errorf("kb: find documents of %q: %w", engagementID, err)
		}
		for _, h := range res.Hits {
			out = append(out, h.ID)
		}
		if len(res.Hits) < page {
			return out, nil
		}
	}
}

// snapshotOrQuarantine reads the current state of every engagement in ids
// like snapshotAll, but a read that fails for some engagements only
// names those in failed instead of failing the page. A failed read is
// narrowed down by halves, so one bad engagement among n costs about
// 2·log2(n) reads. A failure is the engagement's only while the source
// still answers: alive is asked after any failure, and when it fails too
// (or ctx ends) the whole page fails, to be retried, and nothing is
// quarantined.
func (x *Index) snapshotOrQuarantine(ctx context.Context, ids []string, alive func() error) (map[string]snapshot, map[string]error, error) {
	snaps, err := x.snapshotAll(ctx, ids)
	if err == nil {
		return snaps, nil, nil
	}
	if cerr := ctx.Err(); cerr != nil {
		return nil, nil, cerr
	}
	if aerr := alive(); aerr != nil {
		return nil, nil, errors.Join(err, aerr)
	}
	snaps = make(map[string]snapshot, len(ids))
	failed := map[string]error{}
	var split func(ids []string, err error) error
	split = func(ids []string, err error) error {
		if len(ids) == 1 {
			failed[ids[0]] = err
			return nil
		}
		for _, half := range [][]string{ids[:len(ids)/2], ids[len(ids)/2:]} {
			got, err := x.snapshotAll(ctx, half)
			if cerr := ctx.Err(); cerr != nil {
				return cerr
			}
			if err != nil {
				if err := split(half, err); err != nil {
					return err
				}
				continue
			}
			for id, s := range got {
				snaps[id] = s
			}
		}
		return nil
	}
	if err := split(ids, err); err != nil {
		return nil, nil, err
	}
	if aerr := alive(); aerr != nil {
		return nil, nil, fmt.Errorf("kb: source failed while reading snapshots: %w", aerr)
	}
	return snaps, failed, nil
}
