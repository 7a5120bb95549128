package kb

import (
	"fmt"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/dealtrail/dealtrail/salesrec"
)

// Sort orders search results.
type Sort string

// Result orders. Relevance is the default; a query without text is
// ordered by date.
const (
	SortRelevance Sort = "relevance"
	SortDate      Sort = "date" // newest first
)

// Page sizes.
const (
	DefaultPageSize = 10
	MaxPageSize     = 100
)

// Query is one search of the knowledge base. Every filter is optional and
// the values within one filter are alternatives (kind is success OR
// improvement); different filters all apply. The actor's team is always
// applied and cannot be set here.
type Query struct {
	// Text is free text in Chinese, English or both. It is analyzed like
	// the indexed text and never parsed as query syntax: "team:x" is just
	// the words team and x.
	Text string

	Kinds            []Kind
	Outcomes         []salesrec.Status
	ReasonCategories []salesrec.ReasonCategory
	Industries       []string
	CustomerKinds    []salesrec.CustomerKind
	Stages           []salesrec.Stage
	Owners           []string
	// From and To bound the document date, both days inclusive; zero is
	// open-ended.
	From, To salesrec.Date
	// MinAmount and MaxAmount bound the won amount, both inclusive; zero
	// is open-ended. When set they must share a currency, and only
	// documents in that currency match.
	MinAmount, MaxAmount salesrec.Money

	// Facets asks for counts by outcome, reason category, industry and
	// kind over every match (not just this page).
	Facets bool
	Sort   Sort
	// Page is 1-based (0 means 1); PageSize 0 means DefaultPageSize, at
	// most MaxPageSize.
	Page, PageSize int
}

// Facet names in Result.Facets.
const (
	FacetOutcome        = "outcome"
	FacetReasonCategory = "reason_category"
	FacetIndustry       = "industry"
	FacetKind           = "kind"
)

var facetFields = []string{FacetOutcome, FacetReasonCategory, FacetIndustry, FacetKind}

// checkValues reports every value of a filter that is not a known code,
// keyed by its path ("outcomes[1]").
func checkValues[T interface {
	~string
	Valid() bool
}](fields map[string]salesrec.Message, name string, what salesrec.Message, values []T) {
	for i, v := range values {
		if !v.Valid() {
			fields[fmt.Sprintf("%s[%d]", name, i)] = msgNotA(string(v), what)
		}
	}
}

// validate checks q and fills in defaults.
func (q Query) validate() (Query, error) {
	fields := map[string]salesrec.Message{}
	checkValues(fields, "kinds", msgUnknownKind, q.Kinds)
	checkValues(fields, "outcomes", msgUnknownOutcome, q.Outcomes)
	checkValues(fields, "reason_categories", msgUnknownCategory, q.ReasonCategories)
	checkValues(fields, "customer_kinds", msgUnknownCustKind, q.CustomerKinds)
	checkValues(fields, "stages", msgUnknownStage, q.Stages)
	if !q.From.IsZero() && !q.To.IsZero() && q.To.Before(q.From) {
		fields["to"] = msgToBeforeFrom
	}
	if !q.MinAmount.IsZero() && !q.MaxAmount.IsZero() {
		if q.MinAmount.Cur() != q.MaxAmount.Cur() {
			fields["max_amount"] = msgOtherCurrency
		} else if q.MaxAmount.Minor < q.MinAmount.Minor {
			fields["max_amount"] = msgBelowMin
		}
	}
	switch q.Sort {
	case "":
		q.Sort = SortRelevance
	case SortRelevance, SortDate:
	default:
		fields["sort"] = msgNotA(string(q.Sort), msgUnknownSort)
	}
	if q.Page < 0 {
		fields["page"] = msgNegativePage
	}
	if q.PageSize < 0 || q.PageSize > MaxPageSize {
		fields["page_size"] = msgPageSize(MaxPageSize)
	}
	if len(fields) > 0 {
		return q, &salesrec.ValidationError{Fields: fields}
	}
	if q.Page == 0 {
		q.Page = 1
	}
	if q.PageSize == 0 {
		q.PageSize = DefaultPageSize
	}
	return q, nil
}

// build turns q into a Bleve query for team. The team is a conjunct of the
// query itself, so other teams' documents are neither scored nor counted.
// Words of the text that name a document kind (see cutKindWords) favour
// documents of that kind; when nothing else is written they select them.
func (q Query) build(team string, syn synonyms) query.Query {
	must := []query.Query{term(fieldTeam, team)}
	var should []query.Query
	rest, named := cutKindWords(syn.normalise(q.Text))
	if tq := normalisedTextQuery(rest, syn, 1); tq != nil {
		must = append(must, tq)
		for _, k := range named {
			should = append(should, flatTerm{field: fieldKind, term: string(k), weight: kindWeight})
		}
	} else {
		must = appendAnyOf(must, fieldKind, named)
	}
	must = appendAnyOf(must, fieldKind, q.Kinds)
	must = appendAnyOf(must, fieldOutcome, q.Outcomes)
	must = appendAnyOf(must, fieldReasonCategory, q.ReasonCategories)
	must = appendAnyOf(must, fieldIndustry, q.Industries)
	must = appendAnyOf(must, fieldCustomerKind, q.CustomerKinds)
	must = appendAnyOf(must, fieldStage, q.Stages)
	must = appendAnyOf(must, fieldOwner, q.Owners)
	if !q.From.IsZero() || !q.To.IsZero() {
		var from, to time.Time
		if !q.From.IsZero() {
			from = q.From.In(time.UTC)
		}
		if !q.To.IsZero() {
			to = q.To.In(time.UTC)
		}
		yes := true
		dr := bleve.NewDateRangeInclusiveQuery(from, to, &yes, &yes)
		dr.SetField(fieldDate)
		must = append(must, dr)
	}
	if !q.MinAmount.IsZero() || !q.MaxAmount.IsZero() {
		var lo, hi *float64
		cur := q.MinAmount.Cur()
		if !q.MinAmount.IsZero() {
			v := float64(q.MinAmount.Minor)
			lo = &v
		}
		if !q.MaxAmount.IsZero() {
			v := float64(q.MaxAmount.Minor)
			hi = &v
			cur = q.MaxAmount.Cur()
		}
		yes := true
		nr := bleve.NewNumericRangeInclusiveQuery(lo, hi, &yes, &yes)
		nr.SetField(fieldAmount)
		must = append(must, nr, term(fieldCurrency, cur))
	}
	if len(should) == 0 {
		return bleve.NewConjunctionQuery(must...)
	}
	return query.NewBooleanQuery(must, should, nil)
}

// kindWeight weighs the preference for a kind a query names (价格异议):
// enough to lift the documents of that kind above others matching the same
// words, not so much that a document of that kind matching little outranks
// one matching much. It is on the scale of the text's weights (see rank.go).
const kindWeight = 0.5

// textQuery builds the free-text part of a Similar query from a whole
// record's text (see textPlan): the words as written, widened by synonyms.
// Every leaf carries boost. It returns nil for blank text.
func textQuery(text string, syn synonyms, boost float64) query.Query {
	return textPlan(syn.normalise(text), syn, boost, false)
}

// normalisedTextQuery is the free-text part of a search, for text already
// normalised: concepts, and every one of them ranked first (see textPlan).
func normalisedTextQuery(norm string, syn synonyms, boost float64) query.Query {
	return textPlan(norm, syn, boost, true)
}

// loneCharacter reports whether the bigram filter left tok as a single
// CJK character (a one-character query, or one between punctuation).
func loneCharacter(tok *analysis.Token) bool {
	return tok.Type == analysis.Single || tok.Type == analysis.Ideographic
}

// term is a filter: field holds value. It scores nothing (boost 0), so
// it narrows the matches without ranking them: scored, a filter of
// several values (two industries) would rank a document of the rarer
// value first, above one the text matches better.
func term(field, value string) query.Query {
	t := bleve.NewTermQuery(value)
	t.SetField(field)
	t.SetBoost(0)
	return t
}

// appendAnyOf appends "field is one of values" when values is not empty.
func appendAnyOf[T ~string](must []query.Query, field string, values []T) []query.Query {
	if len(values) == 0 {
		return must
	}
	alts := make([]query.Query, 0, len(values))
	for _, v := range values {
		alts = append(alts, term(field, strings.TrimSpace(string(v))))
	}
	if len(alts) == 1 {
		return append(must, alts[0])
	}
	return append(must, bleve.NewDisjunctionQuery(alts...))
}
