package kb

import (
	"slices"
	"strings"
	"sync"
)

// A searcher often names the kind of document wanted along with its topic:
// 价格异议 is "objections about the price", 失败原因 "termination reasons",
// "price objection", "lessons on onboarding". Searched as plain words the
// kind word only matches texts that happen to contain it, which the
// documents of that kind rarely do (an objection's text is the objection
// itself, not the word 异议). So the words that name a kind are taken out of
// the text (cutKindWords) and become a preference for documents of that
// kind, and the words left are searched as usual, with synonyms (价格 finds
// 报价). A query that is nothing but kind words (失败原因, lessons) asks for
// the documents of those kinds.

// kindWords lists, for each set of kinds, the zh and en words that name it.
// Words are written normalised (lower case, simplified, singular: see
// normaliseQuery; TestKindWordsAreNormalised checks it). English words must
// stand as whole words; Chinese ones are matched anywhere, so only phrases
// that cannot be part of a topic are listed (经验总结, not 经验: 行业经验 is a
// topic).
var kindWords = []struct {
	kinds []Kind
	words []string
}{
	{[]Kind{KindObjection}, []string{
		"客户异议", "异议处理", "异议",
		"objection handling", "objection", "pushback",
	}},
	{[]Kind{KindTerminationReason}, []string{
		"失败原因", "丢单原因", "输单原因", "终止原因", "流失原因", "未成交原因", "没成交的原因",
		"termination reason", "reason for termination", "loss reason", "lost reason",
		"reason for losing", "reason we lost", "why we lost",
	}},
	{[]Kind{KindSuccess}, []string{
		"成功经验", "成功点", "成功原因", "成功因素", "赢单原因", "成交原因",
		"success point", "success factor", "success", "what worked", "why we won",
	}},
	{[]Kind{KindImprovement}, []string{
		"改进点", "待改进", "改进经验", "教训", "不足之处",
		"improvement point", "improvement", "what to improve", "what went wrong",
	}},
	{[]Kind{KindSuccess, KindImprovement}, []string{
		"经验总结", "经验教训", "复盘",
		"lesson learned", "lesson", "takeaway",
	}},
}

// kindTerms is kindWords as synonym-style terms, longest first, built once.
var kindTerms = sync.OnceValue(func() []kindTerm {
	var out []kindTerm
	for _, kw := range kindWords {
		for _, w := range kw.words {
			out = append(out, kindTerm{synonymTerm: newSynonymTerm(w, 0), kinds: kw.kinds})
		}
	}
	slices.SortStableFunc(out, func(a, b kindTerm) int { return len(b.term) - len(a.term) })
	return out
})

type kindTerm struct {
	synonymTerm
	kinds []Kind
}

// cutKindWords removes from q (normalised, see normaliseQuery) every word
// that names a document kind, longest first, and returns what is left and
// the kinds named, each once, in kind order.
func cutKindWords(q string) (rest string, kinds []Kind) {
	for _, t := range kindTerms() {
		for {
			start, end := findTerm(q, t.synonymTerm)
			if start < 0 {
				break
			}
			q = q[:start] + " " + q[end:]
			for _, k := range t.kinds {
				if !slices.Contains(kinds, k) {
					kinds = append(kinds, k)
				}
			}
		}
	}
	slices.Sort(kinds)
	return strings.Join(strings.Fields(q), " "), kinds
}
