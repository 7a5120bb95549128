package kb

import (
	"slices"
	"testing"

	"github.com/dealtrail/dealtrail/salesrec"
)

// Amounts are indexed as float64 minor units. salesrec.MaxMinor keeps every
// valid amount below 2^53, so the largest one and its neighbour one fen
// below stay distinct and exact through indexing, hits, range filters and
// the facet counts of a filtered search.
func TestAmountsAtTheLimitAreExact(t *testing.T) {
	f := newFixture(t, Options{})
	c := f.customer("t1", "星河精密制造有限公司", "制造业")
	top := f.won("t1", "r1", c, "高层拜访推动了预算审批")
	below := f.won("t1", "r1", c, "分阶段交付降低了客户的决策风险")
	amounts := map[string]salesrec.Money{
		top.ID:   {Minor: salesrec.MaxMinor, Currency: "CNY"},
		below.ID: {Minor: salesrec.MaxMinor - 1, Currency: "CNY"},
	}
	for _, e := range []salesrec.Engagement{top, below} {
		o := *e.Outcome
		o.Amount = amounts[e.ID]
		if err := o.ValidateFor(salesrec.StatusWon); err != nil {
			t.Fatalf("an outcome of %s is refused: %v", o.Amount, err)
		}
		e.Outcome = &o
		f.src.Put(e)
	}
	f.sync()

	res := f.search("m1", Query{})
	if len(res.Hits) != 2 {
		t.Fatalf("%d hits, want 2", len(res.Hits))
	}
	for _, h := range res.Hits {
		if want := amounts[h.EngagementID]; h.Amount != want {
			t.Errorf("hit of %s has amount %+v, want %+v", h.EngagementID, h.Amount, want)
		}
	}

	tests := []struct {
		name string
		q    Query
		want []string
	}{
		{"from the largest amount", Query{MinAmount: amounts[top.ID]}, []string{top.ID}},
		{"up to one fen below it", Query{MaxAmount: amounts[below.ID]}, []string{below.ID}},
		{"exactly the largest amount", Query{MinAmount: amounts[top.ID], MaxAmount: amounts[top.ID]}, []string{top.ID}},
		{"both", Query{MinAmount: amounts[below.ID], MaxAmount: amounts[top.ID]}, []string{below.ID, top.ID}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.q.Facets = true
			res := f.search("m1", tc.q)
			want := slices.Sorted(slices.Values(tc.want))
			if got := engagements(res); !slices.Equal(got, want) {
				t.Errorf("engagements = %v, want %v", got, want)
			}
			wantFacet := []FacetCount{{FacetOutcome, "won", len(want)}}
			if got := res.Facets[FacetOutcome]; !slices.Equal(got, wantFacet) {
				t.Errorf("outcome facet = %v, want %v", got, wantFacet)
			}
		})
	}
}
