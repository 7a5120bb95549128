package kb

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/dealtrail/dealtrail/salesrec"
)

// teamsFixture has the same words in two teams' records.
func teamsFixture(t *testing.T) (*fixture, map[string]salesrec.Engagement) {
	f := newFixture(t, Options{})
	c1 := f.customer("t1", "华东精工制造股份有限公司", "制造业", "华东精工", "HDJG")
	c2 := f.customer("t1", "Acme Retail Group", "零售")
	c3 := f.customer("t2", "西部能源集团", "能源")
	e := map[string]salesrec.Engagement{}
	e["won-demo"] = f.won("t1", "r1", c1, "技术演示打消了客户对稳定性的顾虑")
	e["lost-price"] = f.lost("t1", "r1", c1, salesrec.ReasonBudget, "华东精工预算调整，暂缓采购", "报价太高，没有及早确认预算")
	e["lost-comp"] = f.lost("t1", "r2", c2, salesrec.ReasonCompetitor, "Acme Retail Group chose a competitor with lower prices")
	e["won-retail"] = f.won("t1", "r2", c2, "Pilot in two stores convinced the customer; call 13812345678 or wang@example.com")
	e["other-team"] = f.lost("t2", "m2", c3, salesrec.ReasonBudget, "预算不足，报价太高", "技术演示不充分")
	f.sync()
	return f, e
}

func TestSearchIsRestrictedToTheActorsTeam(t *testing.T) {
	f, e := teamsFixture(t)
	for _, text := range []string{"预算", "技术演示", "报价太高", ""} {
		res := f.search("m1", Query{Text: text, Facets: true})
		if res.Total == 0 {
			t.Errorf("%q: found nothing, though team t1 wrote it too", text)
		}
		if slices.Contains(engagements(res), e["other-team"].ID) {
			t.Errorf("%q: team t1 sees team t2's %s", text, e["other-team"].ID)
		}
		total := 0
		for _, c := range res.Facets[FacetOutcome] {
			total += c.Count
		}
		if total != res.Total {
			t.Errorf("%q: outcome facet counts %d, total %d", text, total, res.Total)
		}
	}
	res := f.search("m1", Query{Facets: true})
	if res.Total != 5 {
		t.Errorf("team t1 total = %d, want 5", res.Total)
	}
	if got := res.Facets[FacetIndustry]; slices.ContainsFunc(got, func(c FacetCount) bool { return c.Value == "能源" }) {
		t.Errorf("industry facet reveals team t2's industry: %v", got)
	}
	res = f.search("m2", Query{})
	if got := engagements(res); !slices.Equal(got, []string{e["other-team"].ID}) {
		t.Errorf("team t2 sees %v", got)
	}
}

func TestQuerySyntaxIsJustText(t *testing.T) {
	f, e := teamsFixture(t)
	for _, text := range []string{"team:t2", "+team:t2 预算", "outcome:won", "engagement_id:" + e["other-team"].ID, `team:"t2"`, "*"} {
		res := f.search("m1", Query{Text: text})
		if slices.Contains(engagements(res), e["other-team"].ID) {
			t.Errorf("%q reached team t2", text)
		}
		if text == "outcome:won" {
			// Neither won engagement's text holds "outcome" or "won": read
			// as a field filter, the query would find both.
			for _, k := range []string{"won-demo", "won-retail"} {
				if slices.Contains(engagements(res), e[k].ID) {
					t.Errorf("%q acted as a filter: it found %s", text, k)
				}
			}
		}
	}
}

func TestFilters(t *testing.T) {
	f, e := teamsFixture(t)
	tests := []struct {
		name string
		q    Query
		want []string
	}{
		{"kind", Query{Kinds: []Kind{KindTerminationReason}}, []string{"lost-price", "lost-comp"}},
		{"outcome", Query{Outcomes: []salesrec.Status{salesrec.StatusWon}}, []string{"won-demo", "won-retail"}},
		{"reason category", Query{ReasonCategories: []salesrec.ReasonCategory{salesrec.ReasonCompetitor}}, []string{"lost-comp"}},
		{"industry", Query{Industries: []string{"零售"}}, []string{"lost-comp", "won-retail"}},
		{"owner", Query{Owners: []string{"r1"}}, []string{"won-demo", "lost-price"}},
		{"customer kind", Query{CustomerKinds: []salesrec.CustomerKind{salesrec.CustomerExisting}}, nil},
		{"stage", Query{Stages: []salesrec.Stage{salesrec.StageNewCustomer}}, []string{"won-demo", "lost-price", "lost-comp", "won-retail"}},
		{"amount range", Query{MinAmount: salesrec.CNY(50000, 0), MaxAmount: salesrec.CNY(90000, 0)}, []string{"won-demo", "won-retail"}},
		{"amount above", Query{MinAmount: salesrec.CNY(90000, 0)}, nil},
		{"date range", Query{From: salesrec.Date{Year: 2024, Month: 3, Day: 1}, To: salesrec.Date{Year: 2024, Month: 3, Day: 1}}, []string{"won-demo", "won-retail"}},
		{"text and filter", Query{Text: "预算", Kinds: []Kind{KindImprovement}}, []string{"lost-price"}},
		{"two values of a filter", Query{Kinds: []Kind{KindSuccess, KindImprovement}, Owners: []string{"r1"}}, []string{"won-demo", "lost-price"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var want []string
			for _, k := range tc.want {
				want = append(want, e[k].ID)
			}
			slices.Sort(want)
			if got := engagements(f.search("m1", tc.q)); !slices.Equal(got, want) {
				t.Errorf("engagements = %v, want %v", got, want)
			}
		})
	}
}

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

// A search of filters alone has no text to rank by: its hits come by date,
// score 0, and the result encodes as JSON (Bleve's norm of a query whose
// every part weighs nothing is NaN, which encoding/json refuses).
func TestFiltersAloneScoreNothing(t *testing.T) {
	f, _ := teamsFixture(t)
	for _, q := range []Query{
		{Kinds: []Kind{KindTerminationReason}},
		{Outcomes: []salesrec.Status{salesrec.StatusWon}, Industries: []string{"制造业"}},
	} {
		res := f.search("m1", q)
		if len(res.Hits) == 0 {
			t.Fatalf("%+v: no hits", q)
		}
		for _, h := range res.Hits {
			if h.Score != 0 {
				t.Errorf("%+v: %s scores %v, want 0", q, h.ID, h.Score)
			}
		}
		if _, err := json.Marshal(res); err != nil {
			t.Errorf("%+v: the result does not encode: %v", q, err)
		}
	}
}

func TestFacetsCountEveryMatch(t *testing.T) {
	f, _ := teamsFixture(t)
	res := f.search("m1", Query{PageSize: 1, Facets: true})
	want := map[string][]FacetCount{
		FacetOutcome:        {{FacetOutcome, "terminated", 3}, {FacetOutcome, "won", 2}},
		FacetKind:           {{FacetKind, "success", 2}, {FacetKind, "termination_reason", 2}, {FacetKind, "improvement", 1}},
		FacetReasonCategory: {{FacetReasonCategory, "budget", 2}, {FacetReasonCategory, "competitor", 1}},
		FacetIndustry:       {{FacetIndustry, "制造业", 3}, {FacetIndustry, "零售", 2}},
	}
	for name, w := range want {
		if got := res.Facets[name]; !slices.Equal(got, w) {
			t.Errorf("facet %s = %v, want %v", name, got, w)
		}
	}
	if len(res.Hits) != 1 {
		t.Errorf("page holds %d hits, want 1", len(res.Hits))
	}
}

// Facet values are shown by their labels, never by their codes; an
// industry is shown as it was written.
func TestFacetValuesHaveLabels(t *testing.T) {
	f, _ := teamsFixture(t)
	res := f.search("m1", Query{Facets: true})
	want := map[string][]string{
		FacetOutcome:        {"已终止 terminated", "已成交 won"},
		FacetKind:           {"成功点 success point", "终止原因 termination reason", "改进点 improvement point"},
		FacetReasonCategory: {"预算 budget", "竞品 competitor"},
		FacetIndustry:       {"制造业 制造业", "零售 零售"},
	}
	for name, w := range want {
		var got []string
		for _, c := range res.Facets[name] {
			got = append(got, c.Label(salesrec.ZH)+" "+c.Label(salesrec.EN))
		}
		if !slices.Equal(got, w) {
			t.Errorf("facet %s labels = %q, want %q", name, got, w)
		}
	}
	if got := FacetLabel(FacetReasonCategory, salesrec.ZH); got != "终止原因类别" {
		t.Errorf("FacetLabel(reason_category, zh) = %q", got)
	}
}

// Every document kind has a Chinese and an English label.
func TestKindLabels(t *testing.T) {
	seen := map[string]bool{}
	for _, k := range Kinds() {
		zh, en := k.Label(salesrec.ZH), k.Label(salesrec.EN)
		if !k.Valid() || zh == string(k) || en == string(k) || zh == en || seen[zh] {
			t.Errorf("kind %q: labels %q / %q", k, zh, en)
		}
		seen[zh] = true
	}
	if len(Kinds()) != 4 {
		t.Errorf("Kinds() = %v, want the 4 document kinds", Kinds())
	}
}

func TestPaginationAndSort(t *testing.T) {
	f, _ := teamsFixture(t)
	all := f.search("m1", Query{PageSize: 100, Sort: SortDate})
	if len(all.Hits) < 3 {
		t.Fatalf("%d hits, want at least 3 to check the order of", len(all.Hits))
	}
	var pages []string
	for p := 1; p <= 3; p++ {
		res := f.search("m1", Query{Page: p, PageSize: 2, Sort: SortDate})
		if res.Total != all.Total {
			t.Errorf("page %d: total %d, want %d", p, res.Total, all.Total)
		}
		pages = append(pages, ids(res)...)
	}
	if !slices.Equal(pages, ids(all)) {
		t.Errorf("pages %v, want %v", pages, ids(all))
	}
	for i := 1; i < len(all.Hits); i++ {
		if all.Hits[i].Date.After(all.Hits[i-1].Date) {
			t.Errorf("sort by date: %s (%s) after %s (%s)", all.Hits[i].ID, all.Hits[i].Date, all.Hits[i-1].ID, all.Hits[i-1].Date)
		}
	}
	rel := f.search("m1", Query{Text: "预算 报价", PageSize: 100})
	if len(rel.Hits) < 2 {
		t.Fatalf("预算 报价: %d hits, want at least 2 to check the order of", len(rel.Hits))
	}
	for i := 1; i < len(rel.Hits); i++ {
		if rel.Hits[i].Score > rel.Hits[i-1].Score {
			t.Errorf("relevance order broken at %d", i)
		}
	}
}

func TestHighlights(t *testing.T) {
	f, _ := teamsFixture(t)
	res := f.search("m1", Query{Text: "稳定性"})
	if res.Total == 0 || len(res.Hits[0].Fragments) == 0 {
		t.Fatalf("no fragments: %+v", res)
	}
	if frag := res.Hits[0].Fragments[0]; !strings.Contains(frag, "<mark>稳定性</mark>") {
		t.Errorf("fragment %q has no mark around the match", frag)
	}
	res = f.search("m1", Query{Text: "报"}) // one character: the terms it is part of
	if res.Total == 0 || len(res.Hits[0].Fragments) == 0 || !strings.Contains(res.Hits[0].Fragments[0], "<mark>报</mark>") {
		t.Errorf("one-character query: %+v", res.Hits)
	}
	res = f.search("m1", Query{Text: "１２３"}) // nothing to find: no panic, no hits
	if res.Total != 0 {
		t.Errorf("found %d for a number nobody wrote", res.Total)
	}
}

func TestConfidentialDataNeverEntersTheIndex(t *testing.T) {
	f, _ := teamsFixture(t)
	docs := dump(t, f.idx)
	if len(docs) == 0 {
		t.Fatal("the index holds no documents to check")
	}
	for id, doc := range docs {
		for _, secret := range []string{"华东精工", "HDJG", "Acme", "13812345678", "wang@example.com", "王建国"} {
			if strings.Contains(doc, secret) {
				t.Errorf("%s holds %q: %s", id, secret, doc)
			}
		}
	}
	res := f.search("m1", Query{Text: "华东精工 预算"})
	if len(res.Hits) == 0 {
		t.Fatal("华东精工 预算 found nothing: the masked texts are not checked")
	}
	for _, h := range res.Hits {
		if !strings.Contains(h.Text, "某客户") && strings.Contains(h.Text, "暂缓采购") {
			t.Errorf("customer name not replaced by the placeholder: %q", h.Text)
		}
	}
	res = f.search("m1", Query{Text: "competitor"})
	for _, h := range res.Hits {
		if strings.HasPrefix(h.Text, "The customer chose") || strings.Contains(h.Text, "the customer chose") {
			return
		}
	}
	t.Errorf("English text should read 'the customer': %v", res.Hits)
}

func TestMask(t *testing.T) {
	c := salesrec.Customer{
		Name: "华东精工制造股份有限公司", ShortNames: []string{"华东精工", "HDJG", "华"},
		Contacts: []salesrec.Contact{{Name: "陈静", Phone: "021-5555 0101", Email: "chen@hdjg.example.com"}},
	}
	m := newMasker(c.Identities())
	tests := map[string]string{
		"華東精工同意试点":                           "某客户同意试点",
		"华东精工制造股份有限公司签约":                     "某客户签约",
		"hdjg asked for a discount":          "the customer asked for a discount",
		"陈静说下周回复，电话021-5555 0101":            "客户联系人说下周回复，电话[电话]",
		"联系 138 1234 5678 或 +86 13912345678": "联系 [电话] 或 [电话]",
		"mail chen@hdjg.example.com":         "mail [email]",
		"邮件ｃｈｅｎ＠ｈｄｊｇ．ｃｏｍ":                    "邮件[邮箱]",
		"华南区预算50万，2024-04-10前签约":             "华南区预算50万，2024-04-10前签约",
		"订单123456件":                          "订单123456件",
	}
	for in, want := range tests {
		if got := m.mask(in); got != want {
			t.Errorf("mask(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCustomerNameOnlyForReaders(t *testing.T) {
	f, e := teamsFixture(t)
	name := func(actor, key string) string {
		res := f.search(actor, Query{PageSize: 100})
		for _, h := range res.Hits {
			if h.EngagementID == e[key].ID {
				return h.CustomerName
			}
		}
		t.Fatalf("%s does not see %s", actor, key)
		return ""
	}
	if got := name("m1", "lost-price"); got != "华东精工制造股份有限公司" {
		t.Errorf("manager sees customer name %q", got)
	}
	if got := name("r1", "lost-price"); got != "华东精工制造股份有限公司" {
		t.Errorf("owner sees customer name %q", got)
	}
	if got := name("r2", "lost-price"); got != "" {
		t.Errorf("another rep sees customer name %q", got)
	}
}

func TestUnknownActorIsRefused(t *testing.T) {
	f, _ := teamsFixture(t)
	_, err := f.idx.Search(context.Background(), "nobody", Query{Text: "预算"})
	if !errors.Is(err, salesrec.ErrNotFound) {
		t.Errorf("Search by an unknown actor = %v, want ErrNotFound", err)
	}
}

// A member who was deactivated searches nothing, though their team's
// documents are still there for the others.
func TestDeactivatedActorIsRefused(t *testing.T) {
	f, _ := teamsFixture(t)
	f.src.AddMember(salesrec.Member{ID: "r1", TeamID: "t1", Name: "Rep One", Role: salesrec.RoleRep, DeactivatedAt: testNow})
	_, err := f.idx.Search(context.Background(), "r1", Query{Text: "预算"})
	if !errors.Is(err, salesrec.ErrDeactivated) || !errors.Is(err, salesrec.ErrForbidden) {
		t.Errorf("Search by a deactivated member = %v, want ErrDeactivated", err)
	}
	if res := f.search("r2", Query{Text: "预算"}); res.Total == 0 {
		t.Error("an active rep of the same team found nothing")
	}
}

func TestInvalidQueries(t *testing.T) {
	f, _ := teamsFixture(t)
	for name, q := range map[string]Query{
		"kind":        {Kinds: []Kind{"lesson"}},
		"outcome":     {Outcomes: []salesrec.Status{"lost"}},
		"sort":        {Sort: "score"},
		"page size":   {PageSize: MaxPageSize + 1},
		"date order":  {From: salesrec.Date{Year: 2024, Month: 5, Day: 1}, To: salesrec.Date{Year: 2024, Month: 4, Day: 1}},
		"currency":    {MinAmount: salesrec.CNY(1, 0), MaxAmount: salesrec.Money{Minor: 100, Currency: "USD"}},
		"reason":      {ReasonCategories: []salesrec.ReasonCategory{"price"}},
		"negative pg": {Page: -1},
	} {
		if _, err := f.idx.Search(context.Background(), "m1", q); !errors.Is(err, salesrec.ErrInvalid) {
			t.Errorf("%s: err = %v, want ErrInvalid", name, err)
		}
	}
}

func TestSynonyms(t *testing.T) {
	build := func(t *testing.T, opts Options) *fixture {
		f := newFixture(t, opts)
		c := f.customer("t1", "客户丁", "制造业")
		f.lost("t1", "r1", c, salesrec.ReasonCompetitor, "客户最终选择了友商的方案")
		f.lost("t1", "r1", c, salesrec.ReasonBudget, "客户认为价格偏高，没有进入决策")
		f.sync()
		return f
	}
	t.Run("defaults widen queries", func(t *testing.T) {
		f := build(t, Options{})
		for query, want := range map[string]string{"竞品": "友商", "竞争对手": "友商", "太贵": "价格偏高", "報價太高": "价格偏高", "competitors": "友商"} {
			res := f.search("m1", Query{Text: query})
			if res.Total == 0 || !strings.Contains(res.Hits[0].Text, want) {
				t.Errorf("%q: first hit %v, want the text with %q", query, res.Hits, want)
			}
		}
	})
	t.Run("host list replaces defaults", func(t *testing.T) {
		f := build(t, Options{Synonyms: [][]string{{"友商", "同行"}}})
		if res := f.search("m1", Query{Text: "同行"}); res.Total != 1 {
			t.Errorf("host synonym 同行: %d hits, want 1", res.Total)
		}
		if res := f.search("m1", Query{Text: "竞品"}); res.Total != 0 {
			t.Errorf("default synonym 竞品 still applies: %v", ids(res))
		}
	})
	t.Run("empty list turns them off", func(t *testing.T) {
		f := build(t, Options{Synonyms: [][]string{}})
		if res := f.search("m1", Query{Text: "太贵"}); res.Total != 0 {
			t.Errorf("太贵 found %v with synonyms off", ids(res))
		}
	})
	t.Run("a term in two groups is refused", func(t *testing.T) {
		_, err := Open(t.TempDir(), newFixture(t, Options{}).src, Options{Synonyms: [][]string{{"a1", "b1"}, {"b1", "c1"}}})
		if !errors.Is(err, salesrec.ErrInvalid) {
			t.Errorf("Open = %v, want ErrInvalid", err)
		}
	})
}

func TestSimilar(t *testing.T) {
	f := newFixture(t, Options{})
	mfg := f.customer("t1", "精密机械有限公司", "制造业")
	retail := f.customer("t1", "连锁超市", "零售")
	good := f.won("t1", "r1", mfg, "针对设备数据实时采集的需求，先做产线试点再推广")
	f.won("t1", "r1", retail, "会员营销活动带动复购")
	f.lost("t1", "r1", mfg, salesrec.ReasonCompetitor, "友商报价更低，价格偏高未能化解")
	other := f.customer("t2", "别队客户", "制造业")
	f.won("t2", "m2", other, "设备数据实时采集试点成功")

	open := salesrec.Engagement{
		ID: "open1", TeamID: "t1", OwnerID: "r1", CustomerID: mfg, Status: salesrec.StatusOpen,
		Goal:  "推动精密机械有限公司确认设备数据采集方案",
		Needs: []salesrec.Need{{Class: salesrec.NeedCore, Priority: salesrec.PriorityHigh, Content: "设备数据实时采集，预算50万以内"}},
		Interactions: []salesrec.Interaction{{ID: "i1", OccurredAt: testNow, Points: []salesrec.Point{
			{Speaker: salesrec.SpeakerCustomer, Kind: salesrec.PointObjection, Text: "担心价格太贵", Handling: "待处理", Result: "未定"},
		}}},
	}
	open = f.src.Put(open)
	f.sync()

	hits, err := f.idx.Similar(context.Background(), "r1", open.ID, 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) == 0 || hits[0].EngagementID != good.ID {
		t.Fatalf("Similar: %+v, want %s first", hits, good.ID)
	}
	for _, h := range hits {
		if h.EngagementID == open.ID || h.Outcome == salesrec.StatusOpen {
			t.Errorf("Similar returned an open engagement's document %s", h.ID)
		}
		// The index masks customer names, so the hit's text cannot show
		// whose it is: its engagement's team does.
		e, _, err := f.src.Snapshot(context.Background(), h.EngagementID)
		if err != nil || e.TeamID != "t1" {
			t.Errorf("Similar for a rep of t1 returned %s of team %q (%v)", h.ID, e.TeamID, err)
		}
	}
	if _, err := f.idx.Similar(context.Background(), "r2", open.ID, 5); !errors.Is(err, salesrec.ErrNotFound) {
		t.Errorf("Similar by a rep who may not read the engagement = %v, want ErrNotFound", err)
	}
}
