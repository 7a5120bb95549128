package kb

import (
	"fmt"
	"slices"
	"testing"
)

// TestSynonymsAreNotFoundAsStems: a synonym member is found as a word and
// inside a longer word of words (预算 of 预算冻结), never as the stem of a
// word of three (试用 of 试用期, probation), which the word the user wrote
// still finds, below the texts holding it as a word or inside a longer
// word of words.
func TestSynonymsAreNotFoundAsStems(t *testing.T) {
	f, id := lessonsFixture(t, [][]string{{"试用", "免费试用", "trial"}, {"预算", "budget"}, {"安全", "safety"}}, map[string]string{
		"probation": "新店长試用期的三个月里我们每周去门店辅导",
		"word":      "先试用了一个月再谈价格",
		"ended":     "免费试用结束后客户主动签约",
		"trial":     "The trial ended before the chef logged in",
		"frozen":    "预算冻结，项目暂缓到下季度",
		"helmet":    "工地要求戴安全帽",
		"safety":    "Site safety was the customer's first question",
	})
	checkHits(t, f, []hitsWant{
		{"trial", []string{id["trial"], id["ended"], id["word"]}, []string{id["probation"]}},
		{"ＴＲＩＡＬ", []string{id["trial"], id["ended"], id["word"]}, []string{id["probation"]}},
		// Part of the word written (试用 of 免费试用) is searched as a
		// member is.
		{"免費試用", []string{id["trial"], id["ended"], id["word"]}, []string{id["probation"]}},
		{"budget", []string{id["frozen"]}, nil},
		{"safety", []string{id["safety"]}, []string{id["helmet"]}},
	})
	// Written, the word is found as a stem too, weaker.
	res := f.search("m1", Query{Text: "試用"})
	if w, e, p := rankOf(res, id["word"]), rankOf(res, id["ended"]), rankOf(res, id["probation"]); w < 0 || e < 0 || p < 0 || w > e || e > p {
		t.Errorf("hits of 試用 = %v, want %s (a word), %s (inside 试用结束), %s (试用期) in that order", hitEngagements(res), id["word"], id["ended"], id["probation"])
	}
}

// TestPartOfAMemberIsAWordOfTheVocabulary: a member of several words the
// user wrote matches a text holding only some of its words through the
// words the vocabulary holds (交付 of 交付 周期), not through a word that
// alone is any subject (周期, 数据 of 数据 同步, company).
func TestPartOfAMemberIsAWordOfTheVocabulary(t *testing.T) {
	groups := [][]string{{"数据 同步", "data sync", "real-time sync"}, {"交付 周期", "delivery timeline"}, {"交付", "delivery"}, {"离职", "left the company"}}
	f, id := lessonsFixture(t, groups, map[string]string{
		"sync":      "担心门店數據同步不及时",
		"migration": "历史数据的迁移很顺利",
		"realtime":  "Real-time sync between the stores fixed the stock errors",
		"late":      "交付延迟两个月，客户不满",
		"timeline":  "客户质疑交付周期太长",
		"payment":   "付款周期太长，财务卡着不批",
		"left":      "对接人离职后项目停了",
		"company":   "The company grew fast and wanted more seats",
	})
	checkHits(t, f, []hitsWant{
		{"数据同步", []string{id["sync"]}, []string{id["migration"]}},
		// real-time sync shares sync with data sync, yet adds texts: data
		// sync matches only whole.
		{"data sync", []string{id["sync"], id["realtime"]}, []string{id["migration"]}},
		{"交付周期", []string{id["timeline"], id["late"]}, []string{id["payment"]}},
		{"交付　周期", []string{id["timeline"], id["late"]}, []string{id["payment"]}},
		{"left the company", []string{id["left"]}, []string{id["company"]}},
	})
	if res := f.search("m1", Query{Text: "交付周期"}); rankOf(res, id["timeline"]) != 0 {
		t.Errorf("hits of 交付周期 = %v, want %s (the whole member) first", hitEngagements(res), id["timeline"])
	}
}

// lessonsFixture indexes each text as the lesson of a won engagement of
// its own in team t1, searched with the synonym groups, and returns the
// engagement ids by the texts' names.
func lessonsFixture(t *testing.T, groups [][]string, texts map[string]string) (*fixture, map[string]string) {
	t.Helper()
	f := newFixture(t, Options{Synonyms: groups})
	c := f.customer("t1", "客户甲", "零售")
	id := make(map[string]string, len(texts))
	for name, text := range texts {
		id[name] = f.won("t1", "r1", c, text).ID
	}
	f.sync()
	return f, id
}

// hitsWant is a search and the engagements its hits must and must not
// hold.
type hitsWant struct {
	query    string
	want     []string
	wantNone []string
}

// checkHits runs each search as m1 and checks its hits.
func checkHits(t *testing.T, f *fixture, cases []hitsWant) {
	t.Helper()
	for _, c := range cases {
		checkHolds(t, fmt.Sprintf("hits of %q", c.query), engagements(f.search("m1", Query{Text: c.query})), c.want, c.wantNone)
	}
}

// rankOf returns the place of engagement id among the hits of res, or -1.
func rankOf(res Result, id string) int {
	return slices.Index(hitEngagements(res), id)
}

// hitEngagements returns the engagements of the hits of res, in order.
func hitEngagements(res Result) []string {
	out := make([]string, len(res.Hits))
	for k, h := range res.Hits {
		out[k] = h.EngagementID
	}
	return out
}
