package harness

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/highlight/highlighter/html"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/dealtrail/dealtrail/kb"
	"github.com/dealtrail/dealtrail/salesrec/salesrectest"
)

// bareMapping is a lean Bleve mapping of bareDoc with the stock cjk
// analyzer on the text (stored, with term vectors for highlighting). It
// stores, indexes and keeps doc values for the same fields as kb's mapping,
// so the two sides write the same index data; only the analysis differs.
// No dynamic fields, no _all.
func bareMapping() *mapping.IndexMappingImpl {
	m := bleve.NewIndexMapping()
	m.ScoringModel = index.BM25Scoring
	m.StoreDynamic, m.IndexDynamic, m.DocValuesDynamic = false, false, false

	doc := bleve.NewDocumentStaticMapping()
	text := bleve.NewTextFieldMapping()
	text.Analyzer = cjk.AnalyzerName
	text.Store = true
	text.IncludeTermVectors = true
	text.IncludeInAll = false
	doc.AddFieldMappingsAt("text", text)

	for _, k := range []struct {
		name         string
		store, facet bool
	}{
		{"kind", true, true}, {"outcome", true, true}, {"reason_category", true, true}, {"industry", true, true},
		{"customer_kind", false, false}, {"stage", true, false}, {"team", false, false}, {"owner", true, false},
		{"currency", true, false}, {"engagement_id", true, false},
	} {
		f := bleve.NewKeywordFieldMapping()
		f.Analyzer = keyword.Name
		f.Store, f.DocValues = k.store, k.facet
		f.IncludeTermVectors, f.IncludeInAll = false, false
		doc.AddFieldMappingsAt(k.name, f)
	}
	date := bleve.NewDateTimeFieldMapping()
	date.Store, date.DocValues, date.IncludeInAll = true, true, false
	doc.AddFieldMappingsAt("date", date)
	amount := bleve.NewNumericFieldMapping()
	amount.Store, amount.DocValues, amount.IncludeInAll = true, false, false
	doc.AddFieldMappingsAt("amount", amount)

	m.DefaultMapping = doc
	return m
}

// bareIndex builds a Bleve index at path from the same generated data the
// store was loaded with, in batches of BatchSize documents, and returns how
// many documents it indexed and the time it took (generation included, a
// small share: see the generator row).
func bareIndex(ctx context.Context, cfg Config, path string) (bleve.Index, Measure, error) {
	idx, err := bleve.New(path, bareMapping())
	if err != nil {
		return nil, Measure{}, fmt.Errorf("bare bleve: %w", err)
	}
	start := time.Now()
	batch := idx.NewBatch()
	docs := 0
	flush := func() error {
		if batch.Size() == 0 {
			return nil
		}
		if err := idx.Batch(batch); err != nil {
			return err
		}
		batch.Reset()
		return ctx.Err()
	}
	err = salesrectest.New(cfg.Seed).Stream(cfg.Size, func(it salesrectest.Item) error {
		e := it.Engagement
		e.UpdatedAt = start // the store stamps its clock; the bare side does the same
		ids, ds := bareDocs(e, it.Customer)
		for i := range ds {
			if err := batch.Index(ids[i], ds[i]); err != nil {
				return err
			}
			docs++
			if batch.Size() >= BatchSize {
				if err := flush(); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if err != nil {
		return nil, Measure{}, joinErr(fmt.Errorf("bare bleve indexing: %w", err), idx.Close())
	}
	return idx, Measure{N: docs, Total: time.Since(start)}, nil
}

// bareQuery is the bare side of a kb search: the text matched against the
// text field, restricted to the team, and the filters as term queries.
func bareQuery(text, teamID string, filters map[string]string) query.Query {
	team := bleve.NewTermQuery(teamID)
	team.SetField("team")
	qs := []query.Query{matchText(text), team}
	for f, v := range filters {
		t := bleve.NewTermQuery(v)
		t.SetField(f)
		qs = append(qs, t)
	}
	return bleve.NewConjunctionQuery(qs...)
}

// bareWidened is bareQuery with the text widened by kb's default synonym
// groups, the way a bare Bleve user gets the same matches: the text OR each
// member of every group it names, each a match query on the text field.
// (A group is named when the lower-cased text contains one of its members;
// the search texts are plain words, so no folding is needed.)
func bareWidened(text, teamID string) query.Query {
	alts := []query.Query{matchText(text)}
	lower := strings.ToLower(text)
	for _, g := range kb.DefaultSynonyms() {
		if !slices.ContainsFunc(g, func(m string) bool { return strings.Contains(lower, strings.ToLower(m)) }) {
			continue
		}
		for _, m := range g {
			alts = append(alts, matchText(m))
		}
	}
	team := bleve.NewTermQuery(teamID)
	team.SetField("team")
	return bleve.NewConjunctionQuery(bleve.NewDisjunctionQuery(alts...), team)
}

func matchText(text string) query.Query {
	m := bleve.NewMatchQuery(text)
	m.SetField("text")
	return m
}

// bareFields are the stored fields a search returns, as kb asks for them.
var bareFields = []string{"text", "kind", "outcome", "reason_category", "industry", "stage", "owner", "date", "amount", "currency", "engagement_id"}

// bareSearch runs one search as kb shapes it: top 10 by score then id, the
// stored fields, html highlighting of the text, and the given facets (20
// values each).
func bareSearch(idx bleve.Index, q query.Query, facets ...string) (*bleve.SearchResult, error) {
	req := bleve.NewSearchRequestOptions(q, 10, 0, false)
	req.Fields = bareFields
	req.Highlight = bleve.NewHighlightWithStyle(html.Name)
	req.Highlight.AddField("text")
	req.SortBy([]string{"-_score", "_id"})
	for _, f := range facets {
		req.AddFacet(f, bleve.NewFacetRequest(f, 20))
	}
	return idx.Search(req)
}
