package salesrec

import (
	"errors"
	"math/rand"
	"os"
	"reflect"
	"strings"
	"testing"
	"testing/quick"
)

// noteFragments are pieces of point text a rep writes, including the
// awkward ones: colons inside the content, times, numbers, English,
// brackets, separators, and words that are also labels but not after a
// space.
var noteFragments = []string{
	"需支持多数据源实时对接", "预算控制在50万以内", "会议定在10:00", "接口格式:JSON",
	"报价¥80,000偏高", "希望3月5日前给方案", "SSO + LDAP", "needs real-time sync",
	"price: too high", "测试结果:通过", "处理器型号要求i7", "(二期再说)", "【加急】",
	"对比了竞品A、B", "交付周期6周", "by 2024-04-10", "ROI < 1年", "付款方式30%/70%",
	"worried about uptime", "50% off?", "销售结果汇总表", "合同条款第3.2条",
}

// genText joins 1–3 fragments with the joiners a rep uses.
func genText(r *rand.Rand) string {
	joins := []string{",", ",", "; ", " ", "、", " and "}
	n := 1 + r.Intn(3)
	parts := make([]string, n)
	for i := range parts {
		parts[i] = noteFragments[r.Intn(len(noteFragments))]
	}
	var b strings.Builder
	for i, p := range parts {
		if i > 0 {
			b.WriteString(joins[r.Intn(len(joins))])
		}
		b.WriteString(p)
	}
	return b.String()
}

// genPoint makes a point of any speaker and kind, with a subject now and
// then and a handling and result on every objection (and sometimes on
// other kinds).
func genPoint(r *rand.Rand) Point {
	kinds, speakers, subjects := Values[PointKind](), Values[Speaker](), Values[Subject]()
	p := Point{
		Speaker: speakers[r.Intn(len(speakers))],
		Kind:    kinds[r.Intn(len(kinds))],
		Text:    genText(r),
	}
	if p.Kind == PointFeedback || r.Intn(5) == 0 {
		p.Subject = subjects[r.Intn(len(subjects))]
	}
	if p.Kind == PointObjection || r.Intn(6) == 0 {
		p.Handling = genText(r)
		p.Result = genText(r)
	}
	return p
}

// TestNotesRoundTrip: for generated points, FormatNotes (zh and en) then
// the structure reader gives back the same points, and ParseNotes with no
// vague lists (rules off) does too.
func TestNotesRoundTrip(t *testing.T) {
	r := rand.New(rand.NewSource(12))
	noVague := Rules{}
	for i := 0; i < 500; i++ {
		pts := make([]Point, 1+r.Intn(6))
		for j := range pts {
			pts[j] = genPoint(r)
		}
		for _, lang := range []Lang{ZH, EN} {
			s, err := FormatNotes(pts, lang)
			if err != nil {
				t.Fatalf("FormatNotes(%+v, %s): %v", pts, lang, err)
			}
			got, err := noVague.ParseNotes(s)
			if err != nil {
				t.Fatalf("ParseNotes of\n%s\nfailed: %v", s, err)
			}
			if !reflect.DeepEqual(got, pts) {
				t.Fatalf("round trip (%s) changed the points\nnotes:\n%s\nwant %+v\ngot  %+v", lang, s, pts, got)
			}
		}
	}
}

// TestNotesFormatKeepsItsPromise: for any text at all (testing/quick),
// FormatNotes either refuses the point or writes notes that read back
// equal; it never writes something that reads back different.
func TestNotesFormatKeepsItsPromise(t *testing.T) {
	refused := 0
	f := func(text, handling, result string, k, s uint8) bool {
		kinds, speakers := Values[PointKind](), Values[Speaker]()
		p := trimPoint(Point{
			Speaker: speakers[int(s)%len(speakers)], Kind: kinds[int(k)%len(kinds)],
			Text: text, Handling: handling, Result: result,
		})
		out, err := FormatNotes([]Point{p}, ZH)
		if err != nil {
			refused++
			return errors.Is(err, ErrInvalid)
		}
		got, problems := readNotes(out)
		return len(problems) == 0 && len(got) == 1 && got[0].p == p
	}
	// Strings made of the characters that matter here: labels, colons,
	// separators, spaces, line breaks.
	alphabet := []rune("处理结果異议客户提出:：；;,， \n\tabc1(（")
	cfg := &quick.Config{MaxCount: 3000, Rand: rand.New(rand.NewSource(7)), Values: func(args []reflect.Value, r *rand.Rand) {
		for i := 0; i < 3; i++ {
			n := r.Intn(12)
			rs := make([]rune, n)
			for j := range rs {
				rs[j] = alphabet[r.Intn(len(alphabet))]
			}
			args[i] = reflect.ValueOf(string(rs))
		}
		args[3] = reflect.ValueOf(uint8(r.Intn(256)))
		args[4] = reflect.ValueOf(uint8(r.Intn(256)))
	}}
	if err := quick.Check(f, cfg); err != nil {
		t.Fatal(err)
	}
	if refused == 0 || refused == 3000 {
		t.Fatalf("refused %d of 3000: the alphabet should make some points unwritable and most writable", refused)
	}
}

// TestFormatNotesRefuses: what no notes line can say is an error on the
// point's field.
func TestFormatNotesRefuses(t *testing.T) {
	tests := []struct {
		name  string
		p     Point
		field string
	}{
		{"no speaker", Point{Kind: PointNeed, Text: "要SSO"}, "points[0].speaker"},
		{"unknown kind", Point{Speaker: SpeakerSales, Kind: "gossip", Text: "要SSO"}, "points[0].kind"},
		{"unknown subject", Point{Speaker: SpeakerCustomer, Kind: PointFeedback, Subject: "price", Text: "贵"}, "points[0].subject"},
		{"line break in the text", Point{Speaker: SpeakerCustomer, Kind: PointNeed, Text: "要SSO\n还要LDAP"}, "points[0].text"},
		{"a result label inside the text", Point{Speaker: SpeakerCustomer, Kind: PointObjection, Text: "太贵 结果:未定", Handling: "申请折扣", Result: "接受"}, "points[0].text"},
		{"a result label inside the handling", Point{Speaker: SpeakerCustomer, Kind: PointObjection, Text: "太贵", Handling: "申请折扣 结果:未定", Result: "接受"}, "points[0].handling"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := FormatNotes([]Point{tt.p}, ZH)
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("err = %v, want a *ValidationError", err)
			}
			if _, ok := ve.Fields[tt.field]; !ok || len(ve.Fields) != 1 {
				t.Fatalf("fields = %v, want only %s", ve.Fields, tt.field)
			}
		})
	}
}

// TestFormatNotesLayout pins the written form: numbered lines, zh markers
// with full-width colons by default, handling and result on the point's
// line, and on the next lines when the text ends with a separator.
func TestFormatNotesLayout(t *testing.T) {
	pts := []Point{
		{Speaker: SpeakerCustomer, Kind: PointNeed, Text: " 需支持多数据源实时对接 "},
		{Speaker: SpeakerCustomer, Kind: PointFeedback, Subject: SubjectQuote, Text: "报价偏高"},
		{Speaker: SpeakerCustomer, Kind: PointObjection, Text: "担心稳定性", Handling: "安排技术演示", Result: "客户认可"},
		{Speaker: SpeakerSales, Kind: PointCommitment, Text: "3月5日前提供方案；", Handling: "已排期"},
	}
	want := map[Lang]string{
		"": "1. 客户提出：需支持多数据源实时对接\n" +
			"2. 客户反馈（报价）：报价偏高\n" +
			"3. 异议：担心稳定性 处理：安排技术演示 结果：客户认可\n" +
			"4. 销售承诺：3月5日前提供方案；\n   处理：已排期\n",
		EN: "1. Customer raised: 需支持多数据源实时对接\n" +
			"2. Customer feedback (quote): 报价偏高\n" +
			"3. Objection: 担心稳定性 Handling: 安排技术演示 Result: 客户认可\n" +
			"4. Sales promised: 3月5日前提供方案；\n   Handling: 已排期\n",
	}
	for lang, w := range want {
		got, err := FormatNotes(pts, lang)
		if err != nil {
			t.Fatal(err)
		}
		if got != w {
			t.Errorf("FormatNotes(%q) =\n%s\nwant\n%s", lang, got, w)
		}
	}
}

// TestNotesSyntaxDocParses keeps docs/template.md's "Notes syntax" true:
// every notes block in that section reads without an error (the block of
// error messages aside), and the zh and en examples give the same speakers
// and kinds.
func TestNotesSyntaxDocParses(t *testing.T) {
	b, err := os.ReadFile("../docs/template.md")
	if err != nil {
		t.Skipf("docs/template.md not found: %v", err)
	}
	_, section, ok := strings.Cut(string(b), "\n## Notes syntax")
	if !ok {
		t.Fatal("docs/template.md has no \"## Notes syntax\" section")
	}
	var parsed [][]Point
	blocks := strings.Split(section, "```")
	for i := 1; i < len(blocks); i += 2 {
		block := blocks[i]
		if strings.HasPrefix(strings.TrimSpace(block), "notes") && strings.Contains(block, "notes.line[") {
			continue // the error messages
		}
		pts, err := ParseNotes(block)
		if err != nil {
			t.Errorf("the block\n%s\ndoes not parse: %v", block, err)
			continue
		}
		parsed = append(parsed, pts)
	}
	if len(parsed) < 3 {
		t.Fatalf("found %d notes blocks, want the zh, en and handling examples", len(parsed))
	}
	zh, en := parsed[0], parsed[1]
	if len(zh) != len(en) {
		t.Fatalf("zh example has %d points, en %d", len(zh), len(en))
	}
	for i := range zh {
		if zh[i].Speaker != en[i].Speaker || zh[i].Kind != en[i].Kind || zh[i].Subject != en[i].Subject {
			t.Errorf("point %d: zh %+v, en %+v", i+1, zh[i], en[i])
		}
	}
}

// FuzzParseNotes: ParseNotes never panics; it fails with ErrInvalid or
// returns points that FormatNotes writes, in either language, as notes that
// read back to the same points. The seeds run under plain go test.
func FuzzParseNotes(f *testing.F) {
	for _, s := range []string{
		"", "客户提出：要SSO", "异议:贵 处理:折扣 结果:接受", "異議：貴\n處理：折扣\n結果：接受",
		"1. Customer raised: a: b", "客户反馈（报价）：高；", "- 销售承诺:3月5日前；处理:已排期",
		"客户提出：A 销售承诺：B", "处理：x", "① 客户认可：方案\r\n② Sales did: demo",
		"客户反馈(", "客户反馈(报价", "Objection: x Handling: y Result: z Result: w",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		pts, err := ParseNotes(s)
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("ParseNotes(%q): %v does not wrap ErrInvalid", s, err)
			}
			return
		}
		for _, lang := range []Lang{ZH, EN} {
			out, err := FormatNotes(pts, lang)
			if err != nil {
				t.Fatalf("ParseNotes(%q) = %+v, which FormatNotes(%s) refuses: %v", s, pts, lang, err)
			}
			back, err := ParseNotes(out)
			if err != nil || !reflect.DeepEqual(back, pts) {
				t.Fatalf("ParseNotes(%q) = %+v; formatted (%s)\n%s\nreads back %+v, %v", s, pts, lang, out, back, err)
			}
		}
	})
}
