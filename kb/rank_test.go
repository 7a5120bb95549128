package kb

import (
	"testing"

	"github.com/dealtrail/dealtrail/salesrec"
)

// TestFiltersDoNotRank: a filter narrows the matches and nothing else.
// Records saying the same thing score the same whichever value of a
// filter they hold, however rare: scored, a filter of two industries
// ranked the record of the rarer one first, above better matches.
func TestFiltersDoNotRank(t *testing.T) {
	f := newFixture(t, Options{})
	common := f.customer("t1", "甲公司", "制造业")
	rare := f.customer("t1", "乙公司", "汽车")
	const text = "客户担心上线周期太长，我们给了分阶段计划"
	f.lost("t1", "r1", rare, salesrec.ReasonTiming, text)
	f.won("t1", "r1", common, text)
	for range 12 {
		f.won("t1", "r1", common, "报价之前先确认预算")
	}
	f.sync()
	for _, q := range []Query{
		{Text: "上线周期", Industries: []string{"制造业", "汽车"}},
		{Text: "上线周期", Outcomes: []salesrec.Status{salesrec.StatusWon, salesrec.StatusTerminated}},
		{Text: "上线周期", Industries: []string{"汽车", "制造业"}, Kinds: []Kind{KindSuccess, KindTerminationReason}},
	} {
		res := f.search("m1", q)
		if len(res.Hits) != 2 {
			t.Fatalf("%+v: %d hits, want the two records saying it", q, len(res.Hits))
		}
		if a, b := res.Hits[0].Score, res.Hits[1].Score; a != b {
			t.Errorf("%+v: the same text scores %v in %s and %v in %s: the filter ranks",
				q, a, res.Hits[0].ID, b, res.Hits[1].ID)
		}
	}
}
