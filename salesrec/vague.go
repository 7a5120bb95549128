package salesrec

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// DefaultVagueActions returns the shipped zh and en phrases that, alone, do
// not make a follow-up action: the template asks for "发送报价单", not "跟进".
// Each call returns a new slice the caller may change.
func DefaultVagueActions() []string {
	return []string{
		"跟进", "跟进一下", "持续跟进", "继续跟进", "保持跟进",
		"联系", "联系一下", "保持联系", "再联系",
		"沟通", "沟通一下", "再沟通", "进一步沟通",
		"再说", "待定", "看情况", "等通知", "了解一下", "推进", "处理",
		"follow up", "follow-up", "followup", "touch base", "check in",
		"keep in touch", "stay in touch", "reach out", "contact", "get in touch",
		"discuss", "tbd", "wait", "push",
	}
}

// DefaultVagueContent returns the shipped zh and en phrases that, alone, do
// not describe a need or a point: the template asks for "客户提出需支持多数据源
// 实时对接,预算控制在50万以内", not "客户有需求". Each call returns a new slice.
func DefaultVagueContent() []string {
	return []string{
		"客户有需求", "有需求", "有意向", "有兴趣", "感兴趣", "有想法",
		"需求", "意向", "还行", "不错", "可以", "考虑一下", "再考虑",
		"有购买意向", "有采购意向", "有合作意向", "需求待定", "需求不明确", "有一定需求",
		"has needs", "has a need", "has requirements", "needs", "interested",
		"is interested", "some interest", "positive", "ok", "fine", "maybe",
		"will think about it", "thinking about it",
	}
}

// vagueFillers are words that add nothing to a vague phrase: "跟进一下客户"
// is as vague as "跟进". They are stripped from both ends of a text before it
// is compared with the phrase lists. Longer fillers come first, so that 一下
// is cut before 下.
var vagueFillers = []string{
	"with the customer", "the customer", "with them", "customer", "please",
	"again", "later", "them", "soon", "next week", "regularly", "closely",
	"continue to", "keep", "by phone", "by email", "very", "really",
	// who: 与客户 / 和客户方 add no content
	"与客户方", "和客户方", "跟客户方", "与客户", "和客户", "跟客户", "客户方",
	// when and how often: 后续跟进, 下周联系, 尽快沟通
	"后续", "继续", "持续", "保持", "进一步", "及时", "尽快", "抓紧", "密切",
	"定期", "积极", "随时", "近期", "择期", "下周", "明天", "稍后", "之后",
	// the channel alone: 电话联系, 微信沟通
	"打电话", "电话", "微信", "邮件", "上门",
	// degree: 很感兴趣, 比较有意向
	"非常", "比较", "特别", "很", "挺",
	"一下", "客户", "需要", "下", "了", "吧", "的", "呢", "请", "再", "要",
}

// IsVague reports whether text says nothing more than one of phrases. Text
// is vague when, after case-folding, trimming space and punctuation at both
// ends and stripping filler words such as 一下 or 客户 ("跟进一下客户"), it
// equals a listed phrase (itself normalised the same way); text made only of
// such phrases separated by punctuation ("跟进、联系") is vague too. Text that
// says something concrete is not vague even if it contains a listed phrase:
// "跟进合同初稿的法务审核意见并在4月10日前回复" is fine. Blank text is not
// vague (it is missing, which the required rules report).
func IsVague(text string, phrases []string) bool {
	return newPhraseSet(phrases).vague(text)
}

// phraseSet is a phrase list normalised once, so that validating many
// texts against the same list does not normalise the list again each time.
type phraseSet struct {
	keys map[string]bool
	// list holds the keys again for the substring pre-check.
	list []string
}

func newPhraseSet(phrases []string) *phraseSet {
	s := &phraseSet{keys: make(map[string]bool, len(phrases))}
	for _, p := range phrases {
		if k := vagueKey(p); k != "" && !s.keys[k] {
			s.keys[k] = true
			s.list = append(s.list, k)
		}
	}
	return s
}

func (s *phraseSet) vague(text string) bool {
	if len(s.keys) == 0 || blank(text) {
		return false
	}
	// A vague part equals a key once fillers are stripped, so the key is a
	// substring of the lower-cased text: text containing no key is
	// concrete, whatever its length, and needs no further work.
	lower := strings.ToLower(text)
	found := false
	for _, k := range s.list {
		if strings.Contains(lower, k) {
			found = true
			break
		}
	}
	if !found {
		return false
	}
	parts := strings.FieldsFunc(text, isSeparator)
	if len(parts) == 0 {
		return false
	}
	for _, part := range parts {
		k := vagueKey(part)
		if k == "" {
			continue
		}
		if !s.keys[k] {
			return false
		}
	}
	return true
}

// isSeparator splits a text into parts: punctuation other than the hyphen
// and apostrophe that live inside words ("follow-up").
func isSeparator(r rune) bool {
	if r == '-' || r == '\'' {
		return false
	}
	return unicode.IsPunct(r) || unicode.IsSymbol(r)
}

// vagueKey normalises a phrase for comparison: lower case, single spaces,
// no surrounding space or punctuation, fillers stripped from both ends.
func vagueKey(s string) string {
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	s = strings.TrimFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r)
	})
	for changed := true; changed; {
		changed = false
		for _, f := range vagueFillers { // longest first, restart after each cut
			word := f[0] < utf8.RuneSelf // an English filler must be a whole word
			if t, ok := strings.CutSuffix(s, f); ok && strings.TrimSpace(t) != "" && (!word || strings.HasSuffix(t, " ")) {
				s, changed = strings.TrimSpace(t), true
				break
			}
			if t, ok := strings.CutPrefix(s, f); ok && strings.TrimSpace(t) != "" && (!word || strings.HasPrefix(t, " ")) {
				s, changed = strings.TrimSpace(t), true
				break
			}
		}
	}
	return s
}
