package kb

import (
	"slices"
	"strconv"
	"testing"

	"github.com/dealtrail/dealtrail/salesrec"
)

func TestKindWordsAreNormalised(t *testing.T) {
	for _, kw := range kindWords {
		for _, w := range kw.words {
			if n := normaliseQuery(w); n != w {
				t.Errorf("kind word %q is written %q once normalised: write it so", w, n)
			}
		}
	}
}

func TestCutKindWords(t *testing.T) {
	tests := []struct {
		query string
		rest  string
		kinds []Kind
	}{
		{"价格异议", "价格", []Kind{KindObjection}},
		{"price objection", "price", []Kind{KindObjection}},
		{"Price Objections", "price", []Kind{KindObjection}},
		{"客户异议 交付周期", "交付周期", []Kind{KindObjection}},
		{"失败原因", "", []Kind{KindTerminationReason}},
		{"失敗原因", "", []Kind{KindTerminationReason}},
		{"丢单原因 竞品", "竞品", []Kind{KindTerminationReason}},
		{"termination reasons", "", []Kind{KindTerminationReason}},
		{"why we lost to a competitor", "to a competitor", []Kind{KindTerminationReason}},
		{"成功经验", "", []Kind{KindSuccess}},
		{"技术演示的成功经验", "技术演示的", []Kind{KindSuccess}},
		{"教训", "", []Kind{KindImprovement}},
		{"lessons", "", []Kind{KindImprovement, KindSuccess}},
		{"经验总结 试点", "试点", []Kind{KindImprovement, KindSuccess}},
		{"lesson and objection", "and", []Kind{KindImprovement, KindObjection, KindSuccess}},
		// Not kind words: part of a longer word, or a topic.
		{"successful rollout", "successful rollout", nil},
		{"行业经验", "行业经验", nil},
		{"objectionable clause", "objectionable clause", nil},
		{"价格偏高", "价格偏高", nil},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			rest, kinds := cutKindWords(normaliseQuery(tt.query))
			if rest != tt.rest || !slices.Equal(kinds, tt.kinds) {
				t.Fatalf("cutKindWords(%q) = %q, %v; want %q, %v", tt.query, rest, kinds, tt.rest, tt.kinds)
			}
		})
	}
}

// TestKindWordsInSearch: a query naming a kind favours documents of that
// kind and finds them by topic, with synonyms (价格 ↔ 报价), rather than
// by the kind word itself; a query of kind words alone lists that kind.
func TestKindWordsInSearch(t *testing.T) {
	f := newFixture(t, Options{})
	c := f.customer("t1", "华东精工制造股份有限公司", "制造业")
	docs := map[string]string{} // name → document id
	objection := func(name, text, handling, result string) {
		f.n++
		id := "e" + strconv.Itoa(f.n)
		f.src.Put(salesrec.Engagement{
			ID: id, TeamID: "t1", OwnerID: "r1", CustomerID: c, Stage: salesrec.StageNewCustomer, Status: salesrec.StatusOpen,
			Interactions: []salesrec.Interaction{{ID: "i1", OccurredAt: testNow, Points: []salesrec.Point{{
				Speaker: salesrec.SpeakerCustomer, Kind: salesrec.PointObjection, Text: text, Handling: handling, Result: result,
			}}}},
		})
		docs[name] = id + "/objection/0/0"
	}
	objection("quote objection", "报价比竞品高两成", "拆分模块重新报价", "客户接受新报价")
	objection("security objection", "担心数据放在云端不安全", "提供私有化部署方案", "客户同意试点")
	docs["price success"] = f.won("t1", "r1", c, "价格透明、分项列明赢得了信任").ID + "/lesson/0"
	docs["price reason"] = f.lost("t1", "r1", c, salesrec.ReasonBudget, "预算冻结，项目暂缓").ID + "/reason"
	docs["demo success"] = f.won("t1", "r1", c, "技术演示打消了稳定性顾虑").ID + "/lesson/0"
	lost := f.lost("t1", "r1", c, salesrec.ReasonCompetitor, "客户选择了竞品", "报价前没有确认预算范围")
	docs["competitor reason"] = lost.ID + "/reason"
	docs["quote improvement"] = lost.ID + "/lesson/0"
	f.sync()

	kindOf := map[string]Kind{}
	for _, h := range f.search("m1", Query{PageSize: 50}).Hits {
		kindOf[h.ID] = h.Kind
	}
	for name, id := range docs {
		if _, ok := kindOf[id]; !ok {
			t.Fatalf("document %s (%s) is not in the index: %v", name, id, kindOf)
		}
	}

	first := []struct {
		query string
		want  string
	}{
		{"价格异议", "quote objection"},
		{"price objection", "quote objection"},
		{"报价 异议", "quote objection"},
		{"数据安全异议", "security objection"},
		{"价格 成功经验", "price success"},
		{"报价的教训", "quote improvement"},
		{"竞品 失败原因", "competitor reason"},
		{"termination reason budget", "price reason"},
	}
	for _, tc := range first {
		res := f.search("m1", Query{Text: tc.query})
		if len(res.Hits) == 0 || res.Hits[0].ID != docs[tc.want] {
			t.Errorf("search %q: hits %v, want %s (%s) first", tc.query, ids(res), docs[tc.want], tc.want)
		}
	}

	only := []struct {
		query string
		kinds []Kind
	}{
		{"失败原因", []Kind{KindTerminationReason}},
		{"termination reasons", []Kind{KindTerminationReason}},
		{"成功经验", []Kind{KindSuccess}},
		{"异议", []Kind{KindObjection}},
		{"lessons", []Kind{KindImprovement, KindSuccess}},
	}
	for _, tc := range only {
		res := f.search("m1", Query{Text: tc.query, PageSize: 50})
		var want []string
		for id, k := range kindOf {
			if slices.Contains(tc.kinds, k) {
				want = append(want, id)
			}
		}
		got := ids(res)
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("search %q: hits %v, want every document of kinds %v: %v", tc.query, got, tc.kinds, want)
		}
	}
}
