package salesrec

import (
	"fmt"
	"strings"
)

// FormatNotes writes points as notes (see ParseNotes), one numbered line per
// point, with Chinese markers and full-width colons when lang is ZH or
// empty, English ones when lang is EN:
//
//	沟通核心内容：
//	1. 客户提出：需支持多数据源实时对接
//	2. 异议：担心系统稳定性 处理：安排技术演示 结果：客户认可稳定性
//
//	Notes:
//	1. Customer raised: needs real-time sync from several data sources
//	2. Objection: worried about stability Handling: arranged a technical demo Result: accepted
//
// (FormatNotes writes the numbered lines only, not the heading.)
//
// Surrounding space of each text is trimmed. A handling and result go on
// the point's line; when that would not read back the same (the text ends
// with a separator such as "；") they go on the lines below it.
//
// FormatNotes promises that ParseNotes reads its output back to the same
// points (trimmed), except for ParseNotes' own rule checks (a vague point
// formats fine and is refused when read). A point that cannot keep that
// promise is an error, a *ValidationError keyed "points[i].<field>": a
// speaker, kind or subject that is not a known value, or text that would
// not survive the trip — a line break, or a label such as " 结果:" inside
// the text.
func FormatNotes(points []Point, lang Lang) (string, error) {
	var b strings.Builder
	for i, p := range points {
		p = trimPoint(p)
		if err := formatCheck(p); err != nil {
			return "", prefixFields(fmt.Sprintf("points[%d]", i), err)
		}
		if readsBackOnOneLine(i+1, p, lang) {
			b.WriteString(formatPoint(i+1, p, lang, true))
			continue
		}
		var written bool
		for _, sameLine := range []bool{true, false} {
			s := formatPoint(i+1, p, lang, sameLine)
			if got, problems := readNotes(s); len(problems) == 0 && len(got) == 1 && got[0].p == p {
				b.WriteString(s)
				written = true
				break
			}
		}
		if !written {
			return "", FieldError(fmt.Sprintf("points[%d].%s", i, unreadableField(p)), notesMsg{
				zh: "写成笔记后无法原样读回:去掉其中的换行,或内容中空格后紧跟的「处理:」「结果:」",
				en: "cannot be written as notes that read back the same: remove line breaks, or a \"Handling:\" or \"Result:\" after a space inside the text",
			}.text())
		}
	}
	return b.String(), nil
}

// formatPoint writes one point as numbered lines ending in a newline.
func formatPoint(n int, p Point, lang Lang, sameLine bool) string {
	colon, open, close := "：", "（", "）"
	hLabel, rLabel := handlingZH[0], resultZH[0]
	if lang == EN {
		colon, open, close = ": ", " (", ")"
		hLabel, rLabel = "Handling", "Result"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d. %s", n, markerFor(p.Speaker, p.Kind, lang))
	if p.Subject != "" {
		b.WriteString(open + p.Subject.Label(langOrZH(lang)) + close)
	}
	b.WriteString(colon + p.Text)
	sep := " "
	if !sameLine {
		sep = "\n   "
	}
	if p.Handling != "" {
		b.WriteString(sep + hLabel + colon + p.Handling)
	}
	if p.Result != "" {
		b.WriteString(sep + rLabel + colon + p.Result)
	}
	b.WriteString("\n")
	return b.String()
}

// markerFor writes who speaks and what it is: 客户提出, Sales promised. An
// objection by the customer is written 异议 / Objection, as the template does.
func markerFor(sp Speaker, kind PointKind, lang Lang) string {
	var k int
	for k = range markerKinds {
		if markerKinds[k].kind == kind {
			break
		}
	}
	mk := markerKinds[k]
	if sp == mk.def && kind == PointObjection {
		if lang == EN {
			return "Objection"
		}
		return mk.zh[0]
	}
	for _, s := range markerSpeakers {
		if s.speaker == sp {
			if lang == EN {
				return strings.ToUpper(s.en[0][:1]) + s.en[0][1:] + " " + mk.en[0]
			}
			return s.zh[0] + mk.zh[0]
		}
	}
	return ""
}

func langOrZH(l Lang) Lang {
	if l == EN {
		return EN
	}
	return ZH
}

func trimPoint(p Point) Point {
	p.Text = strings.TrimSpace(p.Text)
	p.Handling = strings.TrimSpace(p.Handling)
	p.Result = strings.TrimSpace(p.Result)
	return p
}

// formatCheck refuses what no marker can say: an unknown speaker, kind or
// subject.
func formatCheck(p Point) error {
	fields := map[string]Message{}
	if !p.Speaker.Valid() {
		fields["speaker"] = notesMsg{zh: "需为 客户 或 销售", en: "must be customer or sales"}.text()
	}
	if !p.Kind.Valid() {
		fields["kind"] = notesMsg{zh: "不是已知的要点类型", en: "is not a known point type"}.text()
	}
	if p.Subject != "" && !p.Subject.Valid() {
		fields["subject"] = notesMsg{zh: "需为 方案、报价、合同条款 或 其他", en: "must be proposal, quote, contract terms or other"}.text()
	}
	if len(fields) > 0 {
		return &ValidationError{Fields: fields}
	}
	return nil
}

func prefixFields(prefix string, err error) error {
	out := map[string]Message{}
	flattenErrors(prefix, err, out)
	return &ValidationError{Fields: out}
}

// unreadableField names the first text field that would not read back:
// one with a line break, else the text (whose content then holds a label).
func unreadableField(p Point) string {
	for _, f := range []struct{ name, v string }{{"text", p.Text}, {"handling", p.Handling}, {"result", p.Result}} {
		if strings.ContainsAny(f.v, "\r\n") {
			return f.name
		}
	}
	for _, f := range []struct{ name, v string }{{"handling", p.Handling}, {"result", p.Result}} {
		if got, _ := readNotes("异议:x 处理:" + f.v); len(got) == 1 && got[0].p.Handling != f.v {
			return f.name
		}
	}
	return "text"
}
