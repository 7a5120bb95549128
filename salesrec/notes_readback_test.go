package salesrec

import (
	"math/rand"
	"strings"
	"testing"
)

// TestReadsBackOnOneLine: whenever the cheap proof says a point's line
// reads back, reading it back for real agrees, for points built from the
// pieces that can break a line (labels and their halves, separators,
// spaces, colons, brackets, line breaks, invalid UTF-8), in both
// languages; and the proof does say yes for most points.
func TestReadsBackOnOneLine(t *testing.T) {
	pieces := []string{
		"处理", "结果", "处理结果", "处", "理", "结", "果", "应对", "回应", "结论", "方式",
		"异议", "異議", "客户", "提出", "反馈", "销售", "承诺", "處理",
		"Handling", "handled", "Result", "result", "outcome", "response", "Objection", "customer", "raised",
		" ", "  ", "\u3000", "；", ";", ",", "，", "、", "|", "(", ")", "（", "）", "【",
		"报价", "价格偏高", "x", "a", "10", ":", "：", "∶", "\n", "\r", "\xff",
	}
	r := rand.New(rand.NewSource(14))
	text := func() string {
		if r.Intn(4) == 0 {
			return ""
		}
		var b strings.Builder
		for n := 1 + r.Intn(4); n > 0; n-- {
			b.WriteString(pieces[r.Intn(len(pieces))])
		}
		return b.String()
	}
	kinds, speakers := Values[PointKind](), Values[Speaker]()
	subjects := append([]Subject{""}, Values[Subject]()...)
	fast, slowAgrees := 0, 0
	const cases = 40000
	for i := range cases {
		p := trimPoint(Point{
			Speaker: speakers[r.Intn(len(speakers))], Kind: kinds[r.Intn(len(kinds))],
			Subject: subjects[r.Intn(len(subjects))], Text: text(), Handling: text(), Result: text(),
		})
		lang := []Lang{ZH, EN}[i%2]
		n := 1 + r.Intn(12)
		got, problems := readNotes(formatPoint(n, p, lang, true))
		readsBack := len(problems) == 0 && len(got) == 1 && got[0].p == p
		if readsBack {
			slowAgrees++
		}
		if !readsBackOnOneLine(n, p, lang) {
			continue
		}
		fast++
		if !readsBack {
			t.Fatalf("readsBackOnOneLine(%d, %+v, %s) = true, but the line %q reads back as %+v (problems %v)",
				n, p, lang, formatPoint(n, p, lang, true), got, problems)
		}
	}
	// The pieces are chosen to break lines; still, the proof should cover
	// a good share of the lines that do read back.
	if fast < slowAgrees/3 {
		t.Fatalf("the proof covered %d of the %d lines that read back: too few to be worth it", fast, slowAgrees)
	}
}

// TestReadsBackOnOneLineCases pins which points take the cheap proof and
// which are read back for real.
func TestReadsBackOnOneLineCases(t *testing.T) {
	obj := func(text, handling, result string) Point {
		return Point{Speaker: SpeakerCustomer, Kind: PointObjection, Text: text, Handling: handling, Result: result}
	}
	tests := []struct {
		name string
		n    int
		p    Point
		lang Lang
		want bool
	}{
		{"the template's need", 1, Point{Speaker: SpeakerCustomer, Kind: PointNeed, Text: "需支持多数据源实时对接，预算控制在50万以内"}, ZH, true},
		{"the template's objection", 4, obj("担心系统稳定性", "安排技术演示", "客户认可稳定性"), ZH, true},
		{"feedback on the quote, in English", 2, Point{Speaker: SpeakerCustomer, Kind: PointFeedback, Subject: SubjectQuote, Text: "too high"}, EN, true},
		{"a colon in the text", 1, Point{Speaker: SpeakerSales, Kind: PointCommitment, Text: "会议定在10:00"}, ZH, false},
		{"a text ending with a separator before the handling", 1, obj("价格偏高；", "申请折扣", ""), ZH, false},
		{"a handling ending with half of 处理结果", 1, obj("价格偏高", "已处理", "接受"), ZH, false},
		{"a text ending with half of 处理结果", 1, obj("价格偏高 处理", "", "接受"), ZH, false},
		{"a line break", 1, obj("价格\n偏高", "", ""), ZH, false},
		{"invalid UTF-8", 1, obj("价格\xff", "", ""), ZH, false},
		{"point 1000", 1000, obj("价格偏高", "", ""), ZH, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := readsBackOnOneLine(tt.n, tt.p, tt.lang); got != tt.want {
				t.Fatalf("readsBackOnOneLine = %v, want %v", got, tt.want)
			}
		})
	}
}
