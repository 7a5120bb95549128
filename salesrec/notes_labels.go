package salesrec

import (
	"strings"
	"unicode"
)

// This file holds the words of the notes syntax (see notes.go): the markers
// that start a point, the labels of an objection's handling and result, and
// the folding that lets a marker match through small typos.

// markerSpeakers are the words that say which side speaks, in the order the
// formatter uses the first one.
var markerSpeakers = []struct {
	speaker Speaker
	zh, en  []string
}{
	{SpeakerCustomer, []string{"客户", "客户方", "客方"}, []string{"customer", "client", "the customer"}},
	{SpeakerSales, []string{"销售", "销售方", "我方"}, []string{"sales", "we", "our side"}},
}

// markerKinds are the words that say what a point is. The first zh and en
// word of each kind is the one the formatter writes after the speaker;
// alone lists the words that also make a marker without a speaker, the
// speaker then being def ("异议:" is the customer's objection).
var markerKinds = []struct {
	kind   PointKind
	def    Speaker
	zh, en []string
	alone  []string
}{
	{PointNeed, SpeakerCustomer,
		[]string{"提出", "需求", "要求", "提需求"},
		[]string{"raised", "raises", "need", "needs", "requested", "requirement"},
		[]string{"需求", "need", "needs", "requirement"}},
	{PointQuestion, SpeakerCustomer,
		[]string{"疑问", "提问", "询问", "问"},
		[]string{"asked", "asks", "question", "questions"},
		[]string{"疑问", "question"}},
	{PointFeedback, SpeakerCustomer,
		[]string{"反馈"},
		[]string{"feedback"},
		[]string{"反馈", "feedback"}},
	{PointObjection, SpeakerCustomer,
		[]string{"异议"},
		[]string{"objection", "objected", "objections"},
		[]string{"异议", "objection"}},
	{PointApproval, SpeakerCustomer,
		[]string{"认可", "认同"},
		[]string{"approved", "approval", "agreed", "accepted"},
		[]string{"认可", "approval"}},
	{PointActionTaken, SpeakerSales,
		[]string{"动作", "行动"},
		[]string{"did", "action", "actions", "action taken", "acted"},
		[]string{"行动", "action", "action taken"}},
	{PointCommitment, SpeakerSales,
		[]string{"承诺"},
		[]string{"promised", "committed", "commitment", "promises", "commits"},
		[]string{"承诺", "commitment"}},
}

// Part labels on an objection (or any point): how it was handled, what came
// of it. The first word of each list is the one the formatter writes.
var (
	handlingZH = []string{"处理", "处理方式", "处理办法", "应对", "回应"}
	handlingEN = []string{"handling", "handled", "response"}
	resultZH   = []string{"结果", "处理结果", "结论"}
	resultEN   = []string{"result", "outcome"}
)

// headings are lines a rep copies from the template above the points; a
// line that is only a heading (with or without a colon) is skipped.
var notesHeadings = []string{"沟通核心内容", "核心内容", "沟通内容", "沟通要点", "要点",
	"core content", "notes", "key points", "points"}

// partKind says what a label starts.
type partKind int

const (
	partPoint partKind = iota
	partHandling
	partResult
)

// notesLabel is one spelling of a marker or part label, folded (see fold)
// and without spaces, so that "客户 提出" and "Customer  raised" match.
type notesLabel struct {
	key     []rune
	part    partKind
	speaker Speaker
	kind    PointKind
}

// notesLabels returns every spelling the parser accepts, longest first so
// that 处理结果 wins over 处理 and "customer raised" over "customer".
func notesLabels() []notesLabel {
	var out []notesLabel
	add := func(s string, l notesLabel) {
		l.key = foldKey(s)
		out = append(out, l)
	}
	for _, k := range markerKinds {
		for _, sp := range markerSpeakers {
			for _, s := range sp.zh {
				for _, w := range k.zh {
					add(s+w, notesLabel{part: partPoint, speaker: sp.speaker, kind: k.kind})
				}
			}
			for _, s := range sp.en {
				for _, w := range k.en {
					add(s+" "+w, notesLabel{part: partPoint, speaker: sp.speaker, kind: k.kind})
				}
			}
		}
		for _, w := range k.alone {
			add(w, notesLabel{part: partPoint, speaker: k.def, kind: k.kind})
		}
	}
	for _, w := range append(append([]string{}, handlingZH...), handlingEN...) {
		add(w, notesLabel{part: partHandling})
	}
	for _, w := range append(append([]string{}, resultZH...), resultEN...) {
		add(w, notesLabel{part: partResult})
	}
	// Longest first; ties keep the table's order.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && len(out[j].key) > len(out[j-1].key); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// simplified maps the traditional characters that occur in the labels to
// their simplified form, so that 處理 and 客戶反饋 match; other runes map to
// themselves. (A switch: fold runs on every rune a line is matched on.)
func simplified(r rune) rune {
	switch r {
	case '處':
		return '处'
	case '結':
		return '结'
	case '戶':
		return '户'
	case '議':
		return '议'
	case '異':
		return '异'
	case '饋':
		return '馈'
	case '動':
		return '动'
	case '諾':
		return '诺'
	case '銷':
		return '销'
	case '認':
		return '认'
	case '問':
		return '问'
	case '詢':
		return '询'
	case '應':
		return '应'
	case '對':
		return '对'
	case '論':
		return '论'
	case '報':
		return '报'
	case '價':
		return '价'
	case '單':
		return '单'
	case '條':
		return '条'
	case '約':
		return '约'
	case '經':
		return '经'
	case '辦':
		return '办'
	}
	return r
}

// fold maps one rune to the form labels are compared in: full-width ASCII
// (：（）ａ) to half-width, traditional label characters to simplified,
// letters to lower case, and the other colons people type (︰ ∶) to ':'.
func fold(r rune) rune {
	if r >= 0xFF01 && r <= 0xFF5E {
		r -= 0xFEE0
	}
	switch r {
	case '︰', '∶', '﹕':
		return ':'
	case '﹙', '【', '[':
		return '('
	case '﹚', '】', ']':
		return ')'
	}
	if r < 0x80 {
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return r
	}
	if s := simplified(r); s != r {
		return s
	}
	return unicode.ToLower(r)
}

// foldKey folds s and drops its spaces.
func foldKey(s string) []rune {
	var out []rune
	for _, r := range s {
		if !unicode.IsSpace(r) {
			out = append(out, fold(r))
		}
	}
	return out
}

// foldString folds every rune of s and trims it, for comparing whole words
// such as a subject in brackets.
func foldString(s string) string {
	return strings.TrimSpace(strings.Map(fold, s))
}
