package kb

import (
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"
)

// Field names of an index document.
const (
	fieldText           = "text"
	fieldKind           = "kind"
	fieldOutcome        = "outcome"
	fieldReasonCategory = "reason_category"
	fieldIndustry       = "industry"
	fieldCustomerKind   = "customer_kind"
	fieldStage          = "stage"
	fieldTeam           = "team"
	fieldOwner          = "owner"
	fieldDate           = "date"
	fieldAmount         = "amount"
	fieldCurrency       = "currency"
	fieldEngagement     = "engagement_id"
	fieldCustomer       = "customer_id"
)

// storedFields are the fields a search result shows, and the customer's
// id it names the customer by; everything else is indexed for filtering
// only.
var storedFields = []string{
	fieldText, fieldKind, fieldOutcome, fieldReasonCategory, fieldIndustry,
	fieldStage, fieldOwner, fieldDate, fieldAmount, fieldCurrency, fieldEngagement,
	fieldCustomer,
}

// newMapping returns the lean index mapping: one static document type, no
// dynamic fields, no catch-all _all field, BM25 scoring. Only the text is
// analyzed; every filter is a keyword, number or date, and only the fields
// a result shows are stored.
func newMapping() (*mapping.IndexMappingImpl, error) {
	return newMappingWithout(0)
}

// newMappingWithout is newMapping with the analysis steps in without
// switched off (see analysisSteps).
func newMappingWithout(without analysisSteps) (*mapping.IndexMappingImpl, error) {
	m := bleve.NewIndexMapping()
	if err := addAnalysis(m, without); err != nil {
		return nil, err
	}
	m.ScoringModel = index.BM25Scoring
	m.DefaultAnalyzer = textAnalyzer
	m.DefaultField = fieldText
	m.IndexDynamic = false
	m.StoreDynamic = false
	m.DocValuesDynamic = false

	doc := bleve.NewDocumentStaticMapping()
	text := bleve.NewTextFieldMapping()
	text.Analyzer = textAnalyzer
	text.Store = true
	text.IncludeTermVectors = true // highlighting
	text.IncludeInAll = false
	text.DocValues = false // never sorted or faceted on
	doc.AddFieldMappingsAt(fieldText, text)

	// Keyword fields: faceted ones keep doc values, shown ones are stored.
	// The customer's id is stored for naming a hit's customer, and never
	// indexed: no query finds lessons by it.
	keywords := []struct {
		name                string
		index, store, facet bool
	}{
		{fieldKind, true, true, true},
		{fieldOutcome, true, true, true},
		{fieldReasonCategory, true, true, true},
		{fieldIndustry, true, true, true},
		{fieldCustomerKind, true, false, false},
		{fieldStage, true, true, false},
		{fieldTeam, true, false, false},
		{fieldOwner, true, true, false},
		{fieldCurrency, true, true, false},
		{fieldEngagement, true, true, false},
		{fieldCustomer, false, true, false},
	}
	for _, k := range keywords {
		f := bleve.NewKeywordFieldMapping()
		f.Analyzer = keyword.Name
		f.Index = k.index
		f.Store = k.store
		f.DocValues = k.facet
		f.IncludeTermVectors = false
		f.IncludeInAll = false
		doc.AddFieldMappingsAt(k.name, f)
	}

	date := bleve.NewDateTimeFieldMapping()
	date.Store = true
	date.DocValues = true // sort by date
	date.IncludeInAll = false
	doc.AddFieldMappingsAt(fieldDate, date)

	amount := bleve.NewNumericFieldMapping()
	amount.Store = true
	amount.DocValues = false
	amount.IncludeInAll = false
	doc.AddFieldMappingsAt(fieldAmount, amount)

	// Engagement state documents (see engagementState).
	addStateMappings(doc)

	m.DefaultMapping = doc
	return m, nil
}
