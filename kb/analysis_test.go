package kb

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/dealtrail/dealtrail/salesrec"
)

func analyzer(t *testing.T, name string) analysis.Analyzer {
	t.Helper()
	m, err := newMapping()
	if err != nil {
		t.Fatal(err)
	}
	a := m.AnalyzerNamed(name)
	if a == nil {
		t.Fatalf("analyzer %s is not defined", name)
	}
	return a
}

func analyzed(a analysis.Analyzer, text string) []string {
	var out []string
	for _, tok := range a.Analyze([]byte(text)) {
		out = append(out, string(tok.Term))
	}
	return out
}

func TestTextAnalyzer(t *testing.T) {
	a := analyzer(t, textAnalyzer)
	tests := []struct {
		name, text string
		want       []string // each must be among the terms
		not        []string // none may be
	}{
		{"full-width digits are kept as digits", "订单１２３件", []string{"123", "订单", "件"}, nil},
		{"full-width letters fold and lower", "ＥＲＰ对接", []string{"erp", "对接"}, []string{"ＥＲＰ"}},
		{"traditional folds to simplified", "預算不足，選擇了競品", []string{"预算", "竞品", "选择"}, []string{"預算"}},
		{"bigrams, not unigrams", "价格太贵", []string{"价格", "格太", "太贵"}, []string{"价", "贵"}},
		{"a word going on into a longer one is marked", "戴好安全帽，数据安全很重要", []string{"安全+>", "全帽", "安全", "数据+"}, []string{"安全帽", "安全+"}},
		{"the stem of a word of three is marked, a word before another is not", "试用期的三个月，预算冻结，迁移提前，友商抢了单",
			[]string{"试用+>", "预算+", "迁移+", "友商+"}, []string{"试用+", "预算+>", "迁移+>", "友商+>"}},
		{"a bigram before a doubled character goes on", "客户评价慢慢好转", []string{"价慢+", "慢慢"}, []string{"价慢"}},
		{"a negated word is marked", "客户不满意，也不太满意", []string{"不满+>", "满意!", "太满!+>"}, nil},
		{"an amount is one term however written", "三十万、30万元、300,000和¥300k", []string{"300000"}, []string{"30", "万", "三十", "300", "万元"}},
		{"a larger amount is another term", "130万元级", []string{"1300000", "级"}, []string{"300000", "万元"}},
		{"durations are terms of their unit", "两周 2周 12周 三个月 3 months", []string{"2week", "12week", "3month"}, []string{"周", "2", "个月"}},
		{"numbers as people say them", "一万五 三千五 一百零五 两百五十 1.5万", []string{"15000", "3500", "105", "250"}, []string{"10005", "3005"}},
		{"words holding numerals stay words", "一致认可，十分满意，万一延期，千万别拖", []string{"一致+", "十分+", "万一+", "千万+"}, []string{"1", "10", "10000000"}},
		{"a lone character stays", "贵，太贵", []string{"贵", "太贵"}, nil},
		{"mixed Latin and Chinese split", "ERP对接和Q3预算", []string{"erp", "对接", "q3", "预算"}, nil},
		{"simple plurals", "prices competitors companies fees KPIs", []string{"price", "competitor", "company", "fee", "kpi"}, []string{"prices", "competitors"}},
		{"no over-stemming", "process status pricing business", []string{"process", "status", "pricing", "business"}, []string{"proces", "statu", "price"}},
		{"possessive", "customer's budget", []string{"customer", "budget"}, []string{"customer's"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkHolds(t, fmt.Sprintf("terms of %q", tc.text), analyzed(a, tc.text), tc.want, tc.not)
		})
	}
}

func TestQueryTerms(t *testing.T) {
	a := analyzer(t, textAnalyzer)
	if got, want := analyzed(a, "价格偏高"), []string{"价格", "格偏", "偏高"}; !slices.Equal(got, want) {
		t.Errorf("query terms = %q, want %q", got, want)
	}
	// A one-character query is a lone character (charTerms); bigrams and
	// words are terms.
	for text, want := range map[string][]string{
		"贵":       {"char:贵"},
		"贵 ERP价格": {"char:贵", "term:erp", "term:价格"},
	} {
		var got []string
		for _, k := range termKeys(a.Analyze([]byte(text))) {
			got = append(got, strings.Replace(k, "\x00", ":", 1))
		}
		if !slices.Equal(got, want) {
			t.Errorf("%q searches %q, want %q", text, got, want)
		}
	}
}

func TestOffsetsPointIntoTheOriginalText(t *testing.T) {
	a := analyzer(t, textAnalyzer)
	text := "订单１２３件，預算OK"
	for _, tok := range a.Analyze([]byte(text)) {
		orig := text[tok.Start:tok.End]
		if got := strings.ToLower(foldString(orig)); got != string(tok.Term) {
			t.Errorf("token %q has offsets [%d:%d] = %q in the original", tok.Term, tok.Start, tok.End, orig)
		}
	}
}

func TestSingular(t *testing.T) {
	tests := map[string]string{
		"prices": "price", "competitors": "competitor", "companies": "company",
		"demos": "demo", "fees": "fee", "process": "process", "status": "status",
		"this": "this", "news": "news", "series": "series", "its": "its",
		"goes": "goes", "customers'": "customer", "bus": "bus", "erp": "erp",
		"q3": "q3", "boxes": "box", "matches": "match", "processes": "process",
		"taxes": "tax", "approaches": "approach", "branches": "branch",
		"searches": "search", "addresses": "address", "wishes": "wish",
		"caches": "cache", "niches": "niche", "headaches": "headache",
		"avalanches": "avalanche", "moustaches": "moustache", "aches": "ache",
		"sizes": "size", "cases": "case", "purchases": "purchase", "axes": "axe",
	}
	for in, want := range tests {
		if got := string(singular([]byte(in))); got != want {
			t.Errorf("singular(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestPluralsFindSingulars indexes each word once in the singular and
// once in the plural, and requires a search for either form to find both.
func TestPluralsFindSingulars(t *testing.T) {
	pairs := [][2]string{
		{"box", "boxes"}, {"match", "matches"}, {"process", "processes"},
		{"tax", "taxes"}, {"approach", "approaches"}, {"branch", "branches"},
		{"search", "searches"}, {"address", "addresses"}, {"wish", "wishes"},
		{"cache", "caches"}, {"niche", "niches"}, {"headache", "headaches"},
		{"avalanche", "avalanches"}, {"moustache", "moustaches"}, {"size", "sizes"},
		{"price", "prices"},
	}
	f := newFixture(t, Options{})
	c := f.customer("t1", "华东精工制造股份有限公司", "制造业")
	docs := map[string]string{} // word → engagement id
	for _, p := range pairs {
		for _, w := range p {
			docs[w] = f.won("t1", "r1", c, "Noted: "+w+" came up").ID
		}
	}
	f.sync()
	for _, p := range pairs {
		for _, q := range p {
			got := engagements(f.search("m1", Query{Text: q, PageSize: 50}))
			for _, w := range p {
				if !slices.Contains(got, docs[w]) {
					t.Errorf("search %q does not find the text with %q (engagements %v)", q, w, got)
				}
			}
		}
	}
}

// TestSearchAnalysisHoles checks each hole of stock CJK analysis through a
// real index and search.
func TestSearchAnalysisHoles(t *testing.T) {
	f := newFixture(t, Options{})
	c := f.customer("t1", "华东精工制造股份有限公司", "制造业", "华东精工")
	docs := map[string]salesrec.Engagement{
		"fullwidth":   f.won("t1", "r1", c, "首单订单１２３件，按期交付"),
		"traditional": f.lost("t1", "r1", c, salesrec.ReasonCompetitor, "客戶選擇了競品，預算也被削減"),
		"price":       f.won("t1", "r1", c, "客户觉得价格贵，我们用分期付款化解"),
		"erp":         f.won("t1", "r1", c, "ERP对接方案提前演示，打消技术顾虑"),
		"q3":          f.lost("t1", "r1", c, salesrec.ReasonBudget, "Q3预算冻结，采购暂缓"),
		"plural":      f.won("t1", "r1", c, "We matched competitor prices with a bundle"),
		"other":       f.won("t1", "r1", c, "定期回访维护关系"),
	}
	f.sync()
	tests := []struct {
		query string
		want  string
		first bool // want must rank first
	}{
		{"123", "fullwidth", true},
		{"１２３", "fullwidth", true},
		{"预算", "traditional", false},
		{"竞品", "traditional", true},
		{"競品", "traditional", true},
		{"价", "price", true},
		{"贵", "price", true},
		{"ERP", "erp", true},
		{"erp对接", "erp", true},
		{"Q3预算", "q3", true},
		{"q3", "q3", true},
		{"price", "plural", true},
		{"competitors", "plural", true},
	}
	for _, tc := range tests {
		res := f.search("m1", Query{Text: tc.query})
		if !slices.Contains(engagements(res), docs[tc.want].ID) {
			t.Errorf("search %q: engagements %v, want %s (%s)", tc.query, engagements(res), docs[tc.want].ID, tc.want)
		}
		if tc.first && res.Total > 0 && res.Hits[0].EngagementID != docs[tc.want].ID {
			t.Errorf("search %q: first hit %s (%s), want %s", tc.query, res.Hits[0].EngagementID, res.Hits[0].Text, tc.want)
		}
	}
}

func TestFoldOffsets(t *testing.T) {
	in := "ＥＲＰ，預算　１２３件¥￥ok"
	out, offsets := fold([]byte(in))
	if got, want := string(out), "ERP,预算 123件¥¥ok"; got != want {
		t.Fatalf("fold = %q, want %q", got, want)
	}
	// Rune by rune, each folded rune starts where its original did.
	o, i := 0, 0
	for o < len(out) {
		if got := offsets.orig(o); got != i {
			t.Errorf("orig(%d) = %d, want %d", o, got, i)
		}
		_, os := utf8.DecodeRune(out[o:])
		_, is := utf8.DecodeRuneInString(in[i:])
		o, i = o+os, i+is
	}
	if got := offsets.orig(len(out)); got != len(in) {
		t.Errorf("orig(end) = %d, want %d", got, len(in))
	}
	if same, m := fold([]byte("plain 预算")); string(same) != "plain 预算" || m != nil {
		t.Errorf("unchanged text: %q %v", same, m)
	}
}

// TestOneCharacterFindsEveryPosition: a one-character query finds the
// texts where the character begins a bigram, ends one, sits inside a run,
// stands alone between punctuation or next to Latin letters, or is written
// in its traditional form, and no text without it.
func TestOneCharacterFindsEveryPosition(t *testing.T) {
	f := newFixture(t, Options{})
	c := f.customer("t1", "客户丙", "零售")
	with := map[string]string{}
	for name, text := range map[string]string{
		"begins":      "价格谈妥",
		"ends":        "对方报价",
		"inside":      "最终定价方案",
		"alone":       "贵，但值得",
		"next to ERP": "ERP价",
		"traditional": "對方報價",
	} {
		with[f.won("t1", "r1", c, text).ID] = name
	}
	none := f.won("t1", "r1", c, "交付周期太长").ID
	f.sync()
	for _, q := range []string{"价", "價", "贵"} {
		got := engagements(f.search("m1", Query{Text: q}))
		if slices.Contains(got, none) {
			t.Errorf("%q finds a text without it: %v", q, got)
		}
		if q == "贵" {
			if len(got) != 1 {
				t.Errorf("贵 finds %d texts, want 1: %v", len(got), got)
			}
			continue
		}
		for id, name := range with {
			if name != "alone" && !slices.Contains(got, id) {
				t.Errorf("%q does not find the text where it %s", q, name)
			}
		}
	}
}

// TestPossessiveApostrophes: a possessive is indexed as its noun whichever
// apostrophe the writer's keyboard produced, so "customer" finds it.
func TestPossessiveApostrophes(t *testing.T) {
	a := analyzer(t, textAnalyzer)
	forms := map[string]string{
		"ASCII":             "customer's budget",
		"typographic":       "customer\u2019s budget",
		"left quote":        "customer\u2018s budget",
		"modifier letter":   "customer\u02bcs budget",
		"full-width":        "customer\uff07s budget",
		"plural possessive": "customers\u2019 budget",
	}
	for name, text := range forms {
		t.Run(name, func(t *testing.T) {
			got := analyzed(a, text)
			if !slices.Contains(got, "customer") || !slices.Contains(got, "budget") {
				t.Fatalf("terms of %q = %q, want customer and budget", text, got)
			}
		})
	}

	f := newFixture(t, Options{})
	c := f.customer("t1", "华东精工制造股份有限公司", "制造业")
	docs := map[string]string{}
	for name, text := range forms {
		docs[name] = f.won("t1", "r1", c, "Confirmed the "+text+" early").ID
	}
	f.sync()
	got := engagements(f.search("m1", Query{Text: "customer", PageSize: 50}))
	for name, id := range docs {
		if !slices.Contains(got, id) {
			t.Errorf("search customer misses the %s possessive (engagements %v)", name, got)
		}
	}
	// The highlight still points into the text as written.
	res := f.search("m1", Query{Text: "customer", PageSize: 50})
	for _, h := range res.Hits {
		if h.EngagementID == docs["typographic"] && !strings.Contains(h.Text, "customer\u2019s") {
			t.Errorf("hit text %q lost the typographic apostrophe", h.Text)
		}
	}
}
