package kb

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/dealtrail/dealtrail/salesrec"
)

// Result is one page of search results.
type Result struct {
	// Total counts every match in the actor's team, not just this page.
	Total int
	Hits  []Hit
	// Facets maps FacetOutcome, FacetReasonCategory, FacetIndustry and
	// FacetKind to their counts, when the query asked for facets.
	Facets map[string][]FacetCount
}

// FacetCount is how many matches have one value of a facet. Label shows
// the value in words.
type FacetCount struct {
	// Facet names the facet the value belongs to (FacetOutcome, …).
	Facet string
	Value string
	Count int
}

// Hit is one matching lesson, termination reason or objection.
type Hit struct {
	// ID is the document id: <engagement>/lesson/<i>, <engagement>/reason
	// or <engagement>/objection/<interaction>/<point>, where <engagement>
	// is the engagement id with every byte other than ASCII letters,
	// digits, '-', '_' and '.' written as %XX (ids that follow salesrec's
	// id rule read as they are).
	ID             string
	EngagementID   string
	Kind           Kind
	Outcome        salesrec.Status
	ReasonCategory salesrec.ReasonCategory
	Industry       string
	Stage          salesrec.Stage
	OwnerID        string
	Date           salesrec.Date
	// Amount is the won amount of the engagement, zero otherwise.
	Amount salesrec.Money
	// Text is the indexed text, with confidential data already masked.
	Text string
	// Fragments are up to three pieces of Text around what matched, the
	// matched words wrapped in <mark>…</mark>, the rest HTML-escaped; a
	// piece cut out of a longer text starts or ends with "…".
	Fragments []string
	Score     float64
	// CustomerName is set only when the actor may read the engagement; it
	// is loaded from the source, never from the index.
	CustomerName string
}

// Search runs q for actor over the actor's team's documents.
func (x *Index) Search(ctx context.Context, actor string, q Query) (Result, error) {
	q, err := q.validate()
	if err != nil {
		return Result{}, fmt.Errorf("kb: search: %w", err)
	}
	team, err := x.teamOf(ctx, actor)
	if err != nil {
		return Result{}, err
	}
	bq := q.build(team, x.syn)
	return x.run(ctx, actor, team, bq, q, x.syn.loneChars(q.Text))
}

// teamOf returns the team the actor belongs to.
func (x *Index) teamOf(ctx context.Context, actor string) (string, error) {
	m, err := x.src.Member(ctx, actor)
	if err != nil {
		return "", fmt.Errorf("kb: actor %q: %w", actor, err)
	}
	if m.TeamID == "" {
		return "", fmt.Errorf("kb: actor %q has no team: %w", actor, salesrec.ErrForbidden)
	}
	if !m.Active() {
		return "", fmt.Errorf("kb: actor %q: %w", actor, salesrec.ErrDeactivated)
	}
	return m.TeamID, nil
}

// run executes bq, shaped by q's paging, sort and facets, and turns the
// matches into hits.
// Only the team's shard is searched (see shard.go); bq scopes to the
// team all the same, since a shard holds several teams.
func (x *Index) run(ctx context.Context, actor, team string, bq query.Query, q Query, chars []rune) (Result, error) {
	req := bleve.NewSearchRequestOptions(bq, q.PageSize, (q.Page-1)*q.PageSize, false)
	req.Fields = storedFields
	// Term locations feed kb's own highlighter (see fragments).
	req.IncludeLocations = strings.TrimSpace(q.Text) != ""
	if q.Sort == SortDate || strings.TrimSpace(q.Text) == "" {
		req.SortBy([]string{"-" + fieldDate, "_id"})
	} else {
		req.SortBy([]string{"-_score", "_id"})
	}
	if q.Facets {
		for _, f := range facetFields {
			req.AddFacet(f, bleve.NewFacetRequest(f, 20))
		}
	}

	x.mu.RLock()
	if x.cur == nil {
		x.mu.RUnlock()
		return Result{}, ErrClosed
	}
	idx, err := x.cur.shards.forTeam(team)
	var res *bleve.SearchResult
	if err == nil {
		res, err = idx.SearchInContext(ctx, req)
	}
	x.mu.RUnlock()
	if err != nil {
		return Result{}, fmt.Errorf("kb: search: %w", err)
	}

	out := Result{Total: int(res.Total), Hits: make([]Hit, 0, len(res.Hits))}
	customerOf := make(map[string]string, len(res.Hits))
	for _, m := range res.Hits {
		h := hitOf(m, chars)
		if c, _ := m.Fields[fieldCustomer].(string); c != "" {
			customerOf[h.EngagementID] = c
		}
		out.Hits = append(out.Hits, h)
	}
	if q.Facets {
		out.Facets = make(map[string][]FacetCount, len(facetFields))
		for _, f := range facetFields {
			out.Facets[f] = facetCounts(f, res.Facets[f])
		}
	}
	if err := x.addCustomerNames(ctx, actor, out.Hits, customerOf); err != nil {
		return Result{}, err
	}
	return out, nil
}

func hitOf(m *search.DocumentMatch, chars []rune) Hit {
	str := func(f string) string {
		s, _ := m.Fields[f].(string)
		return s
	}
	h := Hit{
		ID:             m.ID,
		EngagementID:   str(fieldEngagement),
		Kind:           Kind(str(fieldKind)),
		Outcome:        salesrec.Status(str(fieldOutcome)),
		ReasonCategory: salesrec.ReasonCategory(str(fieldReasonCategory)),
		Industry:       str(fieldIndustry),
		Stage:          salesrec.Stage(str(fieldStage)),
		OwnerID:        str(fieldOwner),
		Text:           str(fieldText),
		Score:          finite(m.Score),
	}
	if m.Locations != nil || len(chars) > 0 {
		h.Fragments = fragments(h.Text, m.Locations[fieldText], chars)
	}
	if t, err := time.Parse(time.RFC3339, str(fieldDate)); err == nil {
		h.Date = salesrec.DateOf(t.UTC())
	}
	if v, ok := m.Fields[fieldAmount].(float64); ok {
		h.Amount = salesrec.Money{Minor: int64(math.Round(v)), Currency: str(fieldCurrency)}
	}
	return h
}

// finite is a match's score as a hit carries it: a search of filters
// alone scores nothing (filters carry no weight), which Bleve's query
// norm turns into NaN; such a hit scores 0, so that a Result always
// encodes as JSON.
func finite(score float64) float64 {
	if math.IsNaN(score) || math.IsInf(score, 0) {
		return 0
	}
	return score
}

func facetCounts(facet string, fr *search.FacetResult) []FacetCount {
	if fr == nil {
		return nil
	}
	var out []FacetCount
	for _, t := range fr.Terms.Terms() {
		out = append(out, FacetCount{Facet: facet, Value: t.Term, Count: t.Count})
	}
	slices.SortStableFunc(out, func(a, b FacetCount) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		return strings.Compare(a.Value, b.Value)
	})
	return out
}

// addCustomerNames fills in CustomerName for the hits whose engagement the
// actor may read, through the source's actor-checked reads: one
// CustomerNames call, with the customer each hit's document recorded
// (customerOf, by engagement id), when the source implements
// CustomerNamer; an Engagement and a Customer read per engagement
// otherwise. An engagement or customer the actor may not read just leaves
// the name empty.
func (x *Index) addCustomerNames(ctx context.Context, actor string, hits []Hit, customerOf map[string]string) error {
	if len(hits) == 0 {
		return nil
	}
	if namer, ok := x.src.(CustomerNamer); ok {
		names, err := namer.CustomerNames(ctx, actor, customerOf)
		if err != nil {
			return fmt.Errorf("kb: read customer names: %w", err)
		}
		for i := range hits {
			hits[i].CustomerName = names[hits[i].EngagementID]
		}
		return nil
	}
	names := map[string]string{}
	for i := range hits {
		id := hits[i].EngagementID
		name, ok := names[id]
		if !ok {
			var err error
			name, err = x.customerName(ctx, actor, id)
			if err != nil {
				return err
			}
			names[id] = name
		}
		hits[i].CustomerName = name
	}
	return nil
}

func (x *Index) customerName(ctx context.Context, actor, engagementID string) (string, error) {
	denied := func(err error) bool {
		return errors.Is(err, salesrec.ErrNotFound) || errors.Is(err, salesrec.ErrForbidden)
	}
	e, err := x.src.Engagement(ctx, actor, engagementID)
	if denied(err) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("kb: read engagement %s: %w", engagementID, err)
	}
	c, err := x.src.Customer(ctx, actor, e.CustomerID)
	if denied(err) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("kb: read customer of %s: %w", engagementID, err)
	}
	return c.Name, nil
}
