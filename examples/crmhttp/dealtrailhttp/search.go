package dealtrailhttp

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/dealtrail/dealtrail/kb"
	"github.com/dealtrail/dealtrail/salesrec"
)

// Searcher is what the handler needs from the knowledge base; *kb.Index
// satisfies it. Search keeps results and facet counts to the actor's team.
type Searcher interface {
	Search(ctx context.Context, actor string, q kb.Query) (kb.Result, error)
}

// searchAnswer is one page of knowledge-base hits.
type searchAnswer struct {
	Total    int                     `json:"total"`
	Page     int                     `json:"page"`
	PageSize int                     `json:"page_size"`
	Hits     []searchHit             `json:"hits"`
	Facets   map[string][]facetCount `json:"facets,omitempty"`
}

// searchHit is kb.Hit with JSON names. Fragments hold HTML-escaped text
// with the matched words in <mark>…</mark>. CustomerName is present only
// when the actor may read the engagement.
type searchHit struct {
	ID             string                  `json:"id"`
	EngagementID   string                  `json:"engagement_id"`
	Kind           kb.Kind                 `json:"kind"`
	Outcome        salesrec.Status         `json:"outcome"`
	ReasonCategory salesrec.ReasonCategory `json:"reason_category,omitempty"`
	Industry       string                  `json:"industry,omitempty"`
	Stage          salesrec.Stage          `json:"stage,omitempty"`
	OwnerID        string                  `json:"owner_id,omitempty"`
	Date           salesrec.Date           `json:"date,omitzero"`
	Amount         salesrec.Money          `json:"amount,omitzero"`
	Text           string                  `json:"text"`
	Fragments      []string                `json:"fragments,omitempty"`
	Score          float64                 `json:"score"`
	CustomerName   string                  `json:"customer_name,omitempty"`
}

type facetCount struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// search answers GET /kb/search. Query parameters, all optional:
//
//	q                free text, zh / en / mixed (never parsed as query syntax)
//	kind             success, improvement, termination_reason, objection (repeatable)
//	outcome          open, won, terminated or their labels (repeatable)
//	reason_category  budget, competitor, … or their labels (repeatable)
//	industry         (repeatable)
//	customer_kind    new, existing or their labels (repeatable)
//	stage            (repeatable)
//	owner            member id (repeatable)
//	from, to         YYYY-MM-DD, inclusive
//	min_amount, max_amount  money as people write it: 80000, ¥8万, USD 12,000
//	facets           true to count by outcome, reason category, industry, kind
//	sort             relevance (default) or date
//	page, page_size  1-based page; size up to 100 (default 10)
func (h *handler) search(w http.ResponseWriter, r *http.Request, actor string) error {
	if h.index == nil {
		return &requestError{status: http.StatusNotImplemented, msg: msgNoSearch}
	}
	q, err := searchQuery(r.URL.Query())
	if err != nil {
		return err
	}
	// An id that is no member is refused like everywhere else (403), not
	// reported as a missing member.
	if _, err := h.store.Member(r.Context(), actor); err != nil {
		if errors.Is(err, salesrec.ErrNotFound) {
			return fmt.Errorf("%w: the acting member is no member", salesrec.ErrForbidden)
		}
		return err
	}
	res, err := h.index.Search(r.Context(), actor, q)
	if err != nil {
		return err
	}
	out := searchAnswer{Total: res.Total, Page: max(q.Page, 1), PageSize: q.PageSize, Hits: make([]searchHit, 0, len(res.Hits))}
	if out.PageSize == 0 {
		out.PageSize = kb.DefaultPageSize
	}
	for _, x := range res.Hits {
		out.Hits = append(out.Hits, searchHit{
			ID: x.ID, EngagementID: x.EngagementID, Kind: x.Kind, Outcome: x.Outcome,
			ReasonCategory: x.ReasonCategory, Industry: x.Industry, Stage: x.Stage, OwnerID: x.OwnerID,
			Date: x.Date, Amount: x.Amount, Text: x.Text, Fragments: x.Fragments, Score: x.Score,
			CustomerName: x.CustomerName,
		})
	}
	if res.Facets != nil {
		out.Facets = make(map[string][]facetCount, len(res.Facets))
		for name, counts := range res.Facets {
			fc := make([]facetCount, 0, len(counts))
			for _, c := range counts {
				fc = append(fc, facetCount{Value: c.Value, Count: c.Count})
			}
			out.Facets[name] = fc
		}
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// searchQuery reads a kb.Query from query parameters. A malformed value is
// a 400 naming the parameter; kb checks the rest (ranges, sizes) and
// answers 422.
func searchQuery(v url.Values) (kb.Query, error) {
	q := kb.Query{Text: v.Get("q"), Industries: v["industry"], Owners: v["owner"], Sort: kb.Sort(v.Get("sort"))}
	for _, s := range v["kind"] {
		k := kb.Kind(s)
		if !k.Valid() {
			return q, badParam("kind", msgKindParam)
		}
		q.Kinds = append(q.Kinds, k)
	}
	var err error
	if q.Outcomes, err = enumParams(v, "outcome", salesrec.Parse[salesrec.Status]); err != nil {
		return q, err
	}
	if q.ReasonCategories, err = enumParams(v, "reason_category", salesrec.Parse[salesrec.ReasonCategory]); err != nil {
		return q, err
	}
	if q.CustomerKinds, err = enumParams(v, "customer_kind", salesrec.Parse[salesrec.CustomerKind]); err != nil {
		return q, err
	}
	if q.Stages, err = enumParams(v, "stage", salesrec.Parse[salesrec.Stage]); err != nil {
		return q, err
	}
	for _, p := range []struct {
		name string
		dst  *salesrec.Date
	}{{"from", &q.From}, {"to", &q.To}} {
		if s := v.Get(p.name); s != "" {
			if *p.dst, err = salesrec.ParseDate(s); err != nil {
				return q, paramError(p.name, err, msgDateParam)
			}
		}
	}
	for _, p := range []struct {
		name string
		dst  *salesrec.Money
	}{{"min_amount", &q.MinAmount}, {"max_amount", &q.MaxAmount}} {
		if s := v.Get(p.name); s != "" {
			if *p.dst, err = salesrec.ParseMoney(s); err != nil {
				return q, paramError(p.name, err, msgAmountParam)
			}
		}
	}
	if s := v.Get("facets"); s != "" {
		if q.Facets, err = strconv.ParseBool(s); err != nil {
			return q, badParam("facets", msgBoolParam)
		}
	}
	for _, p := range []struct {
		name string
		dst  *int
	}{{"page", &q.Page}, {"page_size", &q.PageSize}} {
		if s := v.Get(p.name); s != "" {
			if *p.dst, err = strconv.Atoi(s); err != nil {
				return q, badParam(p.name, msgIntParam)
			}
		}
	}
	return q, nil
}

// enumParams parses every value of a repeatable enum parameter with parse
// (salesrec.Parse, which accepts a code or a zh/en label).
func enumParams[E ~string](v url.Values, name string, parse func(string) (E, error)) ([]E, error) {
	var out []E
	for _, s := range v[name] {
		e, err := parse(s)
		if err != nil {
			return nil, paramError(name, err, msgUnknownValue)
		}
		out = append(out, e)
	}
	return out, nil
}
