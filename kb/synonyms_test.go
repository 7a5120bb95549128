package kb

import (
	"slices"
	"testing"
)

// TestSynonymAlternativesSkipWhatTheWrittenWordMatches checks that an
// alternative sharing a search term with the written word (which matches
// on any of its terms) is not searched again, and that the rest are.
func TestSynonymAlternativesSkipWhatTheWrittenWordMatches(t *testing.T) {
	syn, err := newSynonyms(nil)
	if err != nil {
		t.Fatal(err)
	}
	exp := syn.expand(normaliseQuery("价格偏高"))
	if len(exp.groups) != 1 {
		t.Fatalf("groups %+v, want one", exp.groups)
	}
	others := exp.groups[0].others
	for _, covered := range []string{"价格太高", "价格高"} {
		if slices.Contains(others, covered) {
			t.Errorf("%q shares 价格 with the written word but is searched again: %v", covered, others)
		}
	}
	for _, kept := range []string{"太贵", "报价太高", "too expensive", "price too high", "overpriced"} {
		if !slices.Contains(others, kept) {
			t.Errorf("%q is missing from the alternatives %v", kept, others)
		}
	}
	if len(exp.groups[0].weight) != len(others) {
		t.Errorf("%d weights for %d alternatives", len(exp.groups[0].weight), len(others))
	}
}

// TestSkippedAlternativesStillMatch: texts that use only a skipped
// alternative are still found, through the written word's own terms.
func TestSkippedAlternativesStillMatch(t *testing.T) {
	f := newFixture(t, Options{})
	c := f.customer("t1", "客户戊", "零售")
	e := f.won("t1", "r1", c, "客户反馈价格太高，我们给了分期方案")
	f.sync()
	if got := engagements(f.search("m1", Query{Text: "价格偏高"})); !slices.Contains(got, e.ID) {
		t.Errorf("价格偏高 does not find the text with 价格太高: %v", got)
	}
}
