package kb

import (
	"fmt"
	"regexp"
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
			t := bleve.NewTermQuery(string(k))
			t.SetField(fieldKind)
			t.SetBoost(kindBoost)
			should = append(should, t)
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

// kindBoost weighs the preference for a kind a query names (价格异议): enough
// to lift the documents of that kind above others matching the same words,
// not so much that a document of that kind matching little outranks one
// matching much.
const kindBoost = 2.0

// textQuery builds the free-text part: the words as written, widened by
// synonyms. Each synonym found becomes "the word as written, or all the
// terms of any other member of its group"; the remaining words match as
// usual.
// Every leaf carries boost (Bleve ignores a boost set on a disjunction).
// It returns nil for blank text.
func textQuery(text string, syn synonyms, boost float64) query.Query {
	return normalisedTextQuery(syn.normalise(text), syn, boost)
}

// normalisedTextQuery is textQuery for text already normalised.
func normalisedTextQuery(norm string, syn synonyms, boost float64) query.Query {
	if norm == "" {
		return nil
	}
	exp := syn.expand(norm)
	var should []query.Query
	if exp.rest != "" {
		if q := terms(syn, exp.rest, boost, false); q != nil {
			should = append(should, q)
		}
	}
	for _, g := range exp.groups {
		var alts []query.Query
		if q := terms(syn, g.written, boost, false); q != nil {
			alts = append(alts, q)
		}
		for i, o := range g.others {
			if q := terms(syn, o, boost*synonymBoost*g.weight[i], true); q != nil {
				alts = append(alts, q)
			}
		}
		if len(alts) > 0 {
			should = append(should, bleve.NewDisjunctionQuery(alts...))
		}
	}
	switch len(should) {
	case 0:
		return nil
	case 1:
		return should[0]
	}
	return bleve.NewDisjunctionQuery(should...)
}

// synonymBoost weighs a synonym below the word the user wrote, so texts
// using the user's own word rank first.
const synonymBoost = 0.5

// terms analyzes text and returns a query for its terms, any of them
// (like a match query) or, with all set, every one of them (synonym
// alternatives: nearly as precise as a phrase for the short words of a
// synonym list, without the cost of checking positions). Bigrams and words
// are terms of the text field; a lone character is charQuery (a term, when
// the quality test switches one-character handling off). Every leaf
// carries boost. It returns nil when text has no terms.
func terms(syn synonyms, text string, boost float64, all bool) query.Query {
	tokens := syn.analyzer.Analyze([]byte(text))
	if len(tokens) == 0 {
		return nil
	}
	leaves := make([]query.Query, len(tokens))
	for i, tok := range tokens {
		if loneCharacter(tok) && !syn.without.has(stepOneChar) {
			leaves[i] = charQuery(string(tok.Term), boost)
			continue
		}
		t := bleve.NewTermQuery(string(tok.Term))
		t.SetField(fieldText)
		t.SetBoost(boost)
		leaves[i] = t
	}
	if len(leaves) == 1 {
		return leaves[0]
	}
	if all {
		return bleve.NewConjunctionQuery(leaves...)
	}
	d := bleve.NewDisjunctionQuery(leaves...)
	d.SetMin(1)
	return d
}

// charQuery finds the texts containing the character c (already folded
// and lower-cased): the text field holds c itself where it stands alone and
// otherwise only the bigrams it is part of, so the query is every term
// starting with c (c and 价格 for 价) or ending with it (报价). Both are
// answered from the term dictionary; no unigram of every character is
// indexed for the rare one-character search.
func charQuery(c string, boost float64) query.Query {
	starts := bleve.NewPrefixQuery(c)
	starts.SetField(fieldText)
	starts.SetBoost(boost)
	ends := bleve.NewRegexpQuery("." + regexp.QuoteMeta(c))
	ends.SetField(fieldText)
	ends.SetBoost(boost)
	return bleve.NewDisjunctionQuery(starts, ends)
}

// loneCharacter reports whether the bigram filter left tok as a single
// CJK character (a one-character query, or one between punctuation).
func loneCharacter(tok *analysis.Token) bool {
	return tok.Type == analysis.Single || tok.Type == analysis.Ideographic
}

func term(field, value string) query.Query {
	t := bleve.NewTermQuery(value)
	t.SetField(field)
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
