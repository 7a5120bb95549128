package dealtrailhttp

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/dealtrail/dealtrail/kb"
	"github.com/dealtrail/dealtrail/salesrec"
)

// searchAnswer is one page of knowledge-base hits, paged like every list
// (see paging.go), with the facet counts when asked for.
type searchAnswer struct {
	list[searchHit]
	Facets map[string][]facetCount `json:"facets,omitempty"`
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

// searchParamNames are the query parameters of GET /kb/search.
var searchParamNames = append([]string{"q", "kind", "outcome", "reason_category", "industry", "customer_kind",
	"stage", "owner", "from", "to", "min_amount", "max_amount", "facets", "sort"}, pageParamNames...)

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
//	from, to         a day (YYYY-MM-DD, 2024/3/6, 2024年3月6日), inclusive
//	min_amount, max_amount  money as people write it: 80000, ¥8万, USD 12,000
//	facets           true to count by outcome, reason category, industry, kind
//	sort             relevance (default) or date
//	limit, after     page size 1–100 (default 10) and the previous page's next
func (h *handler) search(c *call) error {
	if h.index == nil {
		return &requestError{status: http.StatusNotImplemented, msg: msgNoSearch}
	}
	q, err := searchQuery(c.query)
	if err != nil {
		return err
	}
	p, err := c.pageParams(kb.DefaultPageSize, kb.MaxPageSize)
	if err != nil {
		return err
	}
	offset := 0
	if p.after != "" {
		offset, err = strconv.Atoi(p.after)
		if err != nil || offset <= 0 || offset%p.limit != 0 {
			return badParam("after", msgCursor)
		}
	}
	q.Page, q.PageSize = offset/p.limit+1, p.limit
	// An id that is no member is refused like everywhere else (403), not
	// reported as a missing member.
	if _, err := c.location(); err != nil {
		return err
	}
	res, err := h.index.Search(c.ctx, c.actor, q)
	if err != nil {
		return err
	}
	total := res.Total
	out := searchAnswer{list: list[searchHit]{Items: hits(res.Hits), Total: &total}}
	if end := offset + len(res.Hits); len(res.Hits) == p.limit && end < res.Total {
		out.Next = strconv.Itoa(end)
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
	return c.answer(http.StatusOK, out, "")
}

// similar answers GET /engagements/{id}/similar: the lessons, termination
// reasons and handled objections of the team's closed engagements most
// relevant to one the actor may read, whole; ?limit= (1–100, default 10).
func (h *handler) similar(c *call) error {
	if h.index == nil {
		return &requestError{status: http.StatusNotImplemented, msg: msgNoSearch}
	}
	p, err := c.pageParams(kb.DefaultPageSize, kb.MaxPageSize)
	if err != nil {
		return err
	}
	found, err := h.index.Similar(c.ctx, c.actor, c.r.PathValue("id"), p.limit)
	if err != nil {
		return err
	}
	return c.answer(http.StatusOK, whole(hits(found)), "")
}

// hits gives kb's hits their JSON names.
func hits(in []kb.Hit) []searchHit {
	out := make([]searchHit, 0, len(in))
	for _, x := range in {
		out = append(out, searchHit{
			ID: x.ID, EngagementID: x.EngagementID, Kind: x.Kind, Outcome: x.Outcome,
			ReasonCategory: x.ReasonCategory, Industry: x.Industry, Stage: x.Stage, OwnerID: x.OwnerID,
			Date: x.Date, Amount: x.Amount, Text: x.Text, Fragments: x.Fragments, Score: x.Score,
			CustomerName: x.CustomerName,
		})
	}
	return out
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
	if err := parseParams(v, salesrec.ParseDate, msgDateParam,
		into[salesrec.Date]{"from", &q.From}, into[salesrec.Date]{"to", &q.To}); err != nil {
		return q, err
	}
	if err := parseParams(v, salesrec.ParseMoney, msgAmountParam,
		into[salesrec.Money]{"min_amount", &q.MinAmount}, into[salesrec.Money]{"max_amount", &q.MaxAmount}); err != nil {
		return q, err
	}
	if s := v.Get("facets"); s != "" {
		if q.Facets, err = strconv.ParseBool(s); err != nil {
			return q, badParam("facets", msgBoolParam)
		}
	}
	return q, nil
}

// into is a query parameter and where its value goes.
type into[T any] struct {
	name string
	dst  *T
}

// parseParams reads each parameter that is present with parse (a salesrec
// parser) into its destination; fallback is said when the parser gives no
// message of its own.
func parseParams[T any](v url.Values, parse func(string) (T, error), fallback salesrec.Message, params ...into[T]) error {
	for _, p := range params {
		if s := v.Get(p.name); s != "" {
			var err error
			if *p.dst, err = parse(s); err != nil {
				return paramError(p.name, err, fallback)
			}
		}
	}
	return nil
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
