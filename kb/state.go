package kb

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/blevesearch/bleve/v2"
)

// engagementState is what the index remembers about an engagement: the
// version it indexed and the ids of its documents, so the next change
// replaces them as a whole and a change already applied is skipped.
//
// It is kept as a hidden document (id "_state/<engagement>") in the same
// batch as the documents it lists, not as a Bleve internal value: Scorch
// copies and persists every internal value with every snapshot, which
// would make each batch cost as much as the whole index. A state document
// has no team, so no search can match it.
type engagementState struct {
	version int64
	docs    []string
}

// Fields of a state document: stored, not indexed.
const (
	fieldStateVersion = "state_version"
	fieldStateDocs    = "state_docs"
	statePrefix       = "_state/"
)

func stateID(engagementID string) string { return statePrefix + engagementID }

func (s engagementState) fields() map[string]any {
	return map[string]any{
		fieldStateVersion: strconv.FormatInt(s.version, 10),
		fieldStateDocs:    strings.Join(s.docs, "\n"),
	}
}

// readStates returns the stored state of each engagement (the zero state
// for one never indexed), in one search.
func readStates(ctx context.Context, idx bleve.Index, engagementIDs []string) (map[string]engagementState, error) {
	out := make(map[string]engagementState, len(engagementIDs))
	if len(engagementIDs) == 0 {
		return out, nil
	}
	ids := make([]string, len(engagementIDs))
	for i, id := range engagementIDs {
		ids[i] = stateID(id)
	}
	req := bleve.NewSearchRequestOptions(bleve.NewDocIDQuery(ids), len(ids), 0, false)
	req.Fields = []string{fieldStateVersion, fieldStateDocs}
	req.SortBy([]string{"_id"}) // no scoring needed
	res, err := idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("kb: read engagement states: %w", err)
	}
	for _, h := range res.Hits {
		raw, _ := h.Fields[fieldStateVersion].(string)
		v, err := strconv.ParseInt(raw, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("kb: state %s is corrupt: %w", h.ID, err)
		}
		st := engagementState{version: v}
		if docs, _ := h.Fields[fieldStateDocs].(string); docs != "" {
			st.docs = strings.Split(docs, "\n")
		}
		out[strings.TrimPrefix(h.ID, statePrefix)] = st
	}
	return out, nil
}

// stateOverlay holds the states a batch writes, keyed by engagement id:
// the new state of each engagement it indexes, the zero state for each it
// removes. Sync builds the batch of the next feed page while Bleve still
// commits the current one, so the index cannot yet answer for the current
// batch's engagements; the overlay does, and the next page skips and
// replaces exactly what it would have after the commit.
type stateOverlay map[string]engagementState

func (o stateOverlay) write(engagementID string, s engagementState) { o[engagementID] = s }

// remove records that the batch removes the engagement: afterwards it has
// no documents and no state, as if it had never been indexed.
func (o stateOverlay) remove(engagementID string) { o[engagementID] = engagementState{} }

// readStates returns the state of each engagement as the index will hold
// it once the batch o describes is committed: o's state where o has one,
// the index's otherwise, whether or not that batch has been committed yet.
// A nil overlay reads the index alone.
func (o stateOverlay) readStates(ctx context.Context, idx bleve.Index, engagementIDs []string) (map[string]engagementState, error) {
	states, err := readStates(ctx, idx, engagementIDs)
	if err != nil {
		return nil, err
	}
	for _, id := range engagementIDs {
		if s, ok := o[id]; ok {
			states[id] = s
		}
	}
	return states, nil
}
