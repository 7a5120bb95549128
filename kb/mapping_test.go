package kb

import (
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"
)

func TestMappingIsLean(t *testing.T) {
	m, err := newMapping()
	if err != nil {
		t.Fatal(err)
	}
	if m.DefaultMapping.Dynamic || m.IndexDynamic || m.StoreDynamic || m.DocValuesDynamic {
		t.Error("the mapping indexes, stores or keeps doc values of fields it does not name")
	}
	faceted := []string{fieldKind, fieldOutcome, fieldReasonCategory, fieldIndustry, fieldDate}
	// Every field the checks below speak of must be mapped, or the loop
	// over the mapped fields checks nothing.
	for _, name := range slices.Concat(faceted, storedFields, []string{fieldText, fieldStateVersion, fieldStateDocs}) {
		if _, ok := m.DefaultMapping.Properties[name]; !ok {
			t.Errorf("field %s is not mapped", name)
		}
	}
	for name, sub := range m.DefaultMapping.Properties {
		if len(sub.Fields) != 1 {
			t.Errorf("%s has %d field mappings, want 1", name, len(sub.Fields))
			continue
		}
		f := sub.Fields[0]
		if f.IncludeInAll {
			t.Errorf("%s goes into the _all field", name)
		}
		if f.IncludeTermVectors != (name == fieldText) {
			t.Errorf("%s: term vectors %v", name, f.IncludeTermVectors)
		}
		if f.DocValues != slices.Contains(faceted, name) {
			t.Errorf("%s: doc values %v", name, f.DocValues)
		}
		// State documents store their fields and index only the
		// quarantine flag Index.Quarantined searches; a document's
		// customer is stored only, for naming a hit's customer.
		state := slices.Contains(stateFields, name)
		if f.Store != (slices.Contains(storedFields, name) || state) {
			t.Errorf("%s: stored %v", name, f.Store)
		}
		if f.Index == (state || name == fieldCustomer) {
			t.Errorf("%s: indexed %v", name, f.Index)
		}
	}
}

func TestIndexScoresWithBM25(t *testing.T) {
	f := newFixture(t, Options{})
	if err := f.idx.Close(); err != nil {
		t.Fatal(err)
	}
	x := f.open(Options{}) // the stored mapping, read back
	im, ok := x.cur.idx.Mapping().(*mapping.IndexMappingImpl)
	if !ok || im.ScoringModel != index.BM25Scoring {
		t.Fatalf("scoring model = %q, want %q", im.ScoringModel, index.BM25Scoring)
	}
	if a := im.AnalyzerNamed(textAnalyzer); a == nil {
		t.Error("the reopened index lost kb's analyzer")
	}
}
