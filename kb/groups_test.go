package kb

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/dealtrail/dealtrail/salesrec"
)

func TestGroupsIn(t *testing.T) {
	syn, err := newSynonyms([][]string{
		{"价格偏高", "太贵", "price too high"},
		{"演示", "demo", "proof of concept"},
		{"竞品", "友商"},
	})
	if err != nil {
		t.Fatal(err)
	}
	price, demo, rival := syn.ids[0], syn.ids[1], syn.ids[2]
	for _, c := range []struct {
		text string
		want []string
	}{
		{"客户嫌太貴", []string{price}},                         // traditional form
		{"The PRICES  too high for them", []string{price}}, // case, plural, spaces
		{"ＤＥＭＯ之后，友商降价", []string{demo, rival}},             // full width, two groups
		{"we sent a demonstration video", nil},             // demo is a whole word only
		{"价格偏 高", []string{price}},                         // spaces are not units
		{"价格，偏高", nil},                                     // punctuation is
		{"proof-of-concept", nil},                          // hyphens are units too
		{"a proof of concepts phase", []string{demo}},      // plural of the last word
		{"", nil},
	} {
		got := syn.groupsIn(c.text)
		want := slices.Clone(c.want)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("groupsIn(%q) = %v, want %v", c.text, got, want)
		}
	}
	if a, b := groupID([]string{"x", "y"}), groupID([]string{"y", "x"}); a != b {
		t.Errorf("the id depends on the order of the members: %s, %s", a, b)
	}
	if a, b := groupID([]string{"x", "y"}), groupID([]string{"x", "z"}); a == b {
		t.Errorf("two groups share the id %s", a)
	}
}

func TestExpandTakesLongestSynonymsFirst(t *testing.T) {
	syn, err := newSynonyms([][]string{{"价格偏高", "太贵"}, {"对手", "友商"}, {"竞争对手", "竞品"}})
	if err != nil {
		t.Fatal(err)
	}
	exp := syn.expand("竞争对手 价格偏高, and ERP")
	var written []string
	for _, g := range exp.groups {
		written = append(written, g.written)
	}
	slices.Sort(written)
	if want := []string{"价格偏高", "竞争对手"}; !slices.Equal(written, want) {
		t.Errorf("synonyms found %v, want %v (对手 is inside 竞争对手)", written, want)
	}
	if want := ", and erp"; strings.ToLower(exp.rest) != want {
		t.Errorf("rest %q, want %q", exp.rest, want)
	}
}

// leaves returns the field:term of every term query in q.
func leaves(q query.Query) []string {
	var out []string
	var walk func(q query.Query)
	walk = func(q query.Query) {
		switch q := q.(type) {
		case *query.TermQuery:
			out = append(out, q.FieldVal+":"+q.Term)
		case *query.DisjunctionQuery:
			for _, d := range q.Disjuncts {
				walk(d)
			}
		case *query.ConjunctionQuery:
			for _, c := range q.Conjuncts {
				walk(c)
			}
		case *query.BooleanQuery:
			for _, sub := range []query.Query{q.Must, q.Should, q.MustNot} {
				if sub != nil {
					walk(sub)
				}
			}
		}
	}
	walk(q)
	return out
}

// TestIndexedGroupIsOneTerm: a group the index holds is searched through
// its id, not through the terms of every member; one it does not hold
// falls back to the members.
func TestIndexedGroupIsOneTerm(t *testing.T) {
	syn, err := newSynonyms(nil)
	if err != nil {
		t.Fatal(err)
	}
	fast, byID := textQuery("竞品", syn, newGroupSet(syn), 1)
	slow, none := textQuery("竞品", syn, groupSet{}, 1)
	if len(byID) != 1 || len(none) != 0 {
		t.Fatalf("groups searched by id: %v with the group indexed, %v without", byID, none)
	}
	fl, sl := leaves(fast), leaves(slow)
	if !slices.ContainsFunc(fl, func(s string) bool { return strings.HasPrefix(s, fieldSynonyms+":") }) {
		t.Errorf("indexed group not searched by id: %v", fl)
	}
	if slices.Contains(fl, fieldText+":友商") {
		t.Errorf("indexed group still searches its members: %v", fl)
	}
	if !slices.Contains(sl, fieldText+":友商") {
		t.Errorf("group not indexed and its members not searched: %v", sl)
	}
}

// TestChangedSynonymsFallBackUntilRebuild changes the synonym list of an
// index: a group is dropped, texts are indexed without it, and it comes
// back. Those texts carry no id for it, so it must be searched through its
// members (the set stored at the first change says so) until Rebuild tags
// every text again.
func TestChangedSynonymsFallBackUntilRebuild(t *testing.T) {
	both := Options{Synonyms: [][]string{{"竞品", "友商"}, {"同行", "对手"}}}
	f := newFixture(t, both)
	c := f.customer("t1", "客户丁", "制造业")
	f.lost("t1", "r1", c, salesrec.ReasonCompetitor, "客户最终选择了同行的方案")
	f.sync()
	reopen := func(opts Options) {
		t.Helper()
		if err := f.idx.Close(); err != nil {
			t.Fatal(err)
		}
		f.idx = f.open(opts)
	}

	reopen(Options{Synonyms: [][]string{{"竞品", "友商"}}})
	if got := f.idx.cur.groups; len(got) != 1 || !got[f.idx.syn.ids[0]] {
		t.Fatalf("groups trusted with one group left: %v", got)
	}
	f.lost("t1", "r1", c, salesrec.ReasonCompetitor, "同行报价更低")
	f.sync()

	reopen(both)
	if got := f.idx.cur.groups; len(got) != 1 || got[f.idx.syn.ids[1]] {
		t.Fatalf("the group some texts lack is trusted again: %v", got)
	}
	if res := f.search("m1", Query{Text: "对手"}); res.Total != 2 {
		t.Errorf("before Rebuild 对手 finds %d texts, want 2: %v", res.Total, ids(res))
	}
	if err := f.idx.Rebuild(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if got := f.idx.cur.groups; len(got) != 2 {
		t.Errorf("after Rebuild %d groups are trusted, want 2", len(got))
	}
	res := f.search("m1", Query{Text: "对手"})
	if res.Total != 2 {
		t.Errorf("after Rebuild 对手 finds %d texts, want 2: %v", res.Total, ids(res))
	}
	for _, h := range res.Hits {
		if len(h.Fragments) == 0 || !strings.Contains(h.Fragments[0], "<mark>同行</mark>") {
			t.Errorf("hit %s: fragments %q, want 同行 marked", h.ID, h.Fragments)
		}
	}
}
