package kb

import (
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

// Chinese is written without spaces and kb has no dictionary: the bigram
// 安全 is indexed alike in 数据安全很重要 and in 戴好安全帽, and 满意 alike in
// 客户很满意 and 客户不满意. What tells them apart is the character next to
// the bigram, and a closed class of characters is enough to read it:
//
//   - A bigram followed by the end of its run of CJK characters (a
//     punctuation mark, a digit, a Latin word) or by a grammatical
//     character (了, 的, 很, 和, 不 …: particles, adverbs, conjunctions,
//     prepositions, numerals) ends a word: 安全 in 数据安全很重要 or 上线慢。
//     Followed by any other character it may go on into a longer word
//     (安全帽, 成本中心, 交付周期) and is marked inside: 安全+.
//   - A bigram going on by one character only, into a word of three that
//     ends its run or is followed by what follows a noun (的, 和, 与, 及,
//     或: 安全帽。, 试用期的), is the stem of that word, which names
//     another thing (a helmet, probation): it is marked inside and stem,
//     安全+>. Going on into another word of two (数据安全, 预算冻结,
//     车企信息部, 迁移提前) it stays a word of its own that qualifies the
//     next one, marked inside only; so does a bigram before a third
//     character followed by anything else (友商抢了单: 抢 is a verb).
//   - A bigram right after a negation (不, 没, 未, 无, 非, 别, 勿), or after a
//     negation and a degree adverb (不太满意), is marked negated: 满意!.
//
// The marks are part of the term, so the index holds as many terms as
// before. A search looks a word up in every form and weighs each (see
// textPlan): the word itself first, inside a longer word below it, negated
// below that; a synonym member of the word is not looked up as a stem
// (trial does not find 试用期). Chinese compounds put their head last (数据安全 is a kind of
// 安全, 安全帽 a kind of hat), so a word ending a run counts as the word
// itself and one that goes on does not.

// Marks a bigram term can carry, written after it.
const (
	markInside  uint8 = 1 << iota // '+': the word may go on into a longer one
	markNegated                   // '!': right after a negation
	markStem                      // '>': with '+', the stem of a word of three
)

// afterNoun are the grammatical characters that end a word of three as a
// noun (试用期的, 安全帽和手套), unlike 了 after a verb (抢了).
const afterNoun = "的和与及或"

// wordMarksFilterName is the token filter that marks bigrams.
const wordMarksFilterName = "dealtrail_kb_word_marks"

// grammaticalChars end the word before them: particles, degree adverbs
// and other adverbs, conjunctions, prepositions, postpositions of time
// (报价前, 上线后, 交付时), the copula, pronouns (认可我们), numerals and
// the one-character adjectives said of a noun (成本高, 周期长, 进度慢).
// None of them is often the first character of a content word a search
// would name.
const grammaticalChars = "的了着吗呢吧啊呀嘛很太更最较偏挺都也就还又再才只并和与及或跟同把被让给在从向是没不未无而但却所该要会能将已得地于为以由若即便前后时里" +
	"我你他她它您咱" + "一二三四五六七八九十两几" + "高低大小多少好差长短快慢贵"

// particles are the grammatical characters that can follow a word of one
// character without making a longer word with it (慢了, 贵的), unlike 得 of
// 难得.
const particles = "了的着过吗呢吧啊呀嘛么"

// negations turn the word after them around; degreeAdverbs may stand
// between (不太满意).
const (
	negations     = "不没未无非别勿"
	degreeAdverbs = "太很够大怎"
)

func grammatical(r rune) bool { return strings.ContainsRune(grammaticalChars, r) }

type wordMarksFilter struct{}

func newWordMarksFilter(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
	return wordMarksFilter{}, nil
}

// Filter implements analysis.TokenFilter: it marks the bigrams of input
// (made by the CJK bigram filter just before it) as inside or negated.
func (wordMarksFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	for k, tok := range input {
		if tok.Type != analysis.Double {
			continue
		}
		var marks uint8
		if goesOn(input, k) {
			marks |= markInside
			if !runNeighbour(input, k+1, k+2) || strings.ContainsRune(afterNoun, lastRune(string(input[k+2].Term))) {
				marks |= markStem
			}
		}
		if negatedAt(input, k) {
			marks |= markNegated
		}
		if marks != 0 {
			tok.Term = appendMarks(tok.Term, marks)
		}
	}
	return input
}

// goesOn reports whether the bigram input[k] goes on into a longer word:
// the next bigram of its run ends with a character that is not
// grammatical, or doubles the character input[k] ends with (评价慢慢:
// 慢慢, gradually, is a word of its own, so 价慢 does not say 慢). It
// reads input[k+1], which Filter has not marked yet.
func goesOn(input analysis.TokenStream, k int) bool {
	if !runNeighbour(input, k, k+1) {
		return false
	}
	next := string(input[k+1].Term)
	return !grammatical(lastRune(next)) || firstRune(next) == lastRune(next)
}

// runNeighbour reports whether input[j] is a bigram of the same run as
// input[k], overlapping it by one character.
func runNeighbour(input analysis.TokenStream, k, j int) bool {
	if j < 0 || j >= len(input) || input[j].Type != analysis.Double {
		return false
	}
	a, b := input[min(k, j)], input[max(k, j)]
	_, first := utf8.DecodeRune(a.Term)
	return b.Start == a.Start+first
}

// negatedAt reports whether the bigram input[k] follows a negation, or a
// negation and a degree adverb, in its run.
func negatedAt(input analysis.TokenStream, k int) bool {
	for back := 1; back <= 2; back++ {
		if !runNeighbour(input, k-back+1, k-back) {
			return false
		}
		r, _ := utf8.DecodeRune(input[k-back].Term)
		switch {
		case strings.ContainsRune(negations, r):
			return true
		case back == 1 && strings.ContainsRune(degreeAdverbs, r):
			continue
		}
		return false
	}
	return false
}

// appendMarks writes marks after a bigram term: 安全+, 满意!, 安全+>.
func appendMarks(term []byte, marks uint8) []byte {
	out := make([]byte, 0, len(term)+3)
	out = append(out, term...)
	if marks&markNegated != 0 {
		out = append(out, '!')
	}
	if marks&markInside != 0 {
		out = append(out, '+')
	}
	if marks&markStem != 0 {
		out = append(out, '>')
	}
	return out
}

// splitMarks returns a term without its marks, and the marks.
func splitMarks(term string) (string, uint8) {
	var marks uint8
	for len(term) > 0 {
		switch term[len(term)-1] {
		case '+':
			marks |= markInside
		case '!':
			marks |= markNegated
		case '>':
			marks |= markStem
		default:
			return term, marks
		}
		term = term[:len(term)-1]
	}
	return term, marks
}
