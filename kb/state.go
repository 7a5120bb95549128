package kb

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/mapping"
)

// engagementState is what the index remembers about an engagement: the
// version it indexed and the ids of its documents, so the next change
// replaces them as a whole and a change already applied is skipped. An
// engagement that could not be indexed has a state too: version 0, no
// documents, and the quarantine record (see quarantine.go).
//
// It is kept as an internal document (stateID, see namespace.go) in the
// same batch as the documents it lists, not as a Bleve internal value:
// Scorch copies and persists every internal value with every snapshot,
// which would make each batch cost as much as the whole index. A state
// document has no team, so no search can match it.
type engagementState struct {
	version int64
	docs    []string
	team    string      // the team whose shard holds docs
	q       *Quarantine // set while the engagement is quarantined
}

// Fields of a state document. All are stored, not indexed, except
// fieldStateQuarantined, which Index.Quarantined searches.
const (
	fieldStateVersion     = "state_version"
	fieldStateTeam        = "state_team"
	fieldStateDocs        = "state_docs" // a JSON array of document ids
	fieldStateEngagement  = "state_engagement"
	fieldStateError       = "state_error"
	fieldStateFailed      = "state_failed_version"
	fieldStatePos         = "state_pos"
	fieldStateQuarantined = "state_quarantined"
)

// stateFields are the stored fields of a state document, as readStates
// asks for them.
var stateFields = []string{
	fieldStateVersion, fieldStateDocs, fieldStateTeam, fieldStateEngagement,
	fieldStateError, fieldStateFailed, fieldStatePos,
}

// addStateMappings adds the fields of a state document to doc.
func addStateMappings(doc *mapping.DocumentMapping) {
	for _, name := range append(stateFields, fieldStateQuarantined) {
		f := bleve.NewKeywordFieldMapping()
		f.Analyzer = keyword.Name
		f.Index = name == fieldStateQuarantined
		f.Store = name != fieldStateQuarantined
		f.DocValues = false
		f.IncludeTermVectors = false
		f.IncludeInAll = false
		doc.AddFieldMappingsAt(name, f)
	}
}

func (s engagementState) fields() (map[string]any, error) {
	docs, err := json.Marshal(s.docs)
	if err != nil {
		return nil, err
	}
	f := map[string]any{
		fieldStateVersion: strconv.FormatInt(s.version, 10),
		fieldStateDocs:    string(docs),
	}
	if s.team != "" {
		f[fieldStateTeam] = s.team
	}
	if q := s.q; q != nil {
		f[fieldStateQuarantined] = "1"
		f[fieldStateEngagement] = q.EngagementID
		f[fieldStateError] = q.Err
		f[fieldStateFailed] = strconv.FormatInt(q.Version, 10)
		f[fieldStatePos] = q.Pos
	}
	return f, nil
}

// parseState reads the stored fields of engagementID's state document. A
// state that does not parse, or that lists a document of another
// engagement, is corrupt: trusting it could replace or delete documents
// that are not the engagement's.
func parseState(engagementID string, fields map[string]any) (engagementState, error) {
	raw, _ := fields[fieldStateVersion].(string)
	v, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || v < 0 {
		return engagementState{}, fmt.Errorf("kb: state of engagement %q is corrupt: version %q", engagementID, raw)
	}
	st := engagementState{version: v}
	st.team, _ = fields[fieldStateTeam].(string)
	list, _ := fields[fieldStateDocs].(string)
	if err := json.Unmarshal([]byte(list), &st.docs); err != nil {
		return engagementState{}, fmt.Errorf("kb: state of engagement %q is corrupt: document list: %v", engagementID, err)
	}
	prefix := docPrefix(engagementID)
	for _, id := range st.docs {
		if !strings.HasPrefix(id, prefix) {
			return engagementState{}, fmt.Errorf("kb: state of engagement %q is corrupt: it lists %q, not one of its documents", engagementID, id)
		}
	}
	if msg, ok := fields[fieldStateError].(string); ok {
		q := &Quarantine{EngagementID: engagementID, Err: msg}
		q.Pos, _ = fields[fieldStatePos].(string)
		failed, _ := fields[fieldStateFailed].(string)
		q.Version, _ = strconv.ParseInt(failed, 10, 64)
		st.q = q
	}
	return st, nil
}

// readStates returns the stored state of each engagement (the zero state
// for one never indexed), in one search. An engagement whose state is
// corrupt is in bad instead, with the reason: it cannot be indexed (see
// quarantine.go), but the others can.
func readStates(ctx context.Context, idx bleve.Index, engagementIDs []string) (states map[string]engagementState, bad map[string]error, err error) {
	states = make(map[string]engagementState, len(engagementIDs))
	if len(engagementIDs) == 0 {
		return states, nil, nil
	}
	ids := make([]string, len(engagementIDs))
	byState := make(map[string]string, len(engagementIDs))
	for i, id := range engagementIDs {
		ids[i] = stateID(id)
		byState[ids[i]] = id
	}
	req := bleve.NewSearchRequestOptions(bleve.NewDocIDQuery(ids), len(ids), 0, false)
	req.Fields = stateFields
	req.SortBy([]string{"_id"}) // no scoring needed
	res, err := idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, nil, fmt.Errorf("kb: read engagement states: %w", err)
	}
	for _, h := range res.Hits {
		id := byState[h.ID]
		st, err := parseState(id, h.Fields)
		if err != nil {
			if bad == nil {
				bad = map[string]error{}
			}
			bad[id] = err
			continue
		}
		states[id] = st
	}
	return states, bad, nil
}

// stateOverlay holds the states a batch writes, keyed by engagement id:
// the new state of each engagement it indexes, the zero state for each it
// removes, the quarantine state of each it could not index. Sync builds
// the batch of the next feed page while Bleve still commits the current
// one, so the index cannot yet answer for the current batch's engagements;
// the overlay does, and the next page skips and replaces exactly what it
// would have after the commit.
type stateOverlay map[string]engagementState

func (o stateOverlay) write(engagementID string, s engagementState) { o[engagementID] = s }

// remove records that the batch removes the engagement: afterwards it has
// no documents and no state, as if it had never been indexed.
func (o stateOverlay) remove(engagementID string) { o[engagementID] = engagementState{} }

// readStates returns the state of each engagement as the index will hold
// it once the batch o describes is committed: o's state where o has one,
// the index's otherwise, whether or not that batch has been committed yet.
// A state the overlay holds is never corrupt. A nil overlay reads the
// index alone.
func (o stateOverlay) readStates(ctx context.Context, g *generation, engagementIDs []string, teams map[string]string) (map[string]engagementState, map[string]error, map[string]bool, error) {
	states, bad, inMeta, err := g.readStates(ctx, engagementIDs, teams)
	if err != nil {
		return nil, nil, nil, err
	}
	for _, id := range engagementIDs {
		if s, ok := o[id]; ok {
			states[id] = s
			delete(bad, id)
		}
	}
	return states, bad, inMeta, nil
}
