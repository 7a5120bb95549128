package salesrec

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ParseNotes reads notes with DefaultRules. See Rules.ParseNotes.
func ParseNotes(text string) ([]Point, error) { return DefaultRules().ParseNotes(text) }

// ParseNotes reads pasted notes into the points of an interaction, in
// their order. Notes are the points of a contact written the way the
// template asks (沟通核心内容: 分点记录, 用"客户提出:""销售承诺:"等区分主体,
// 异议需标注处理结果):
//
//	沟通核心内容：
//	1. 客户提出：需支持多数据源实时对接，预算控制在50万以内
//	2. 客户反馈（报价）：报价偏高，希望有折扣
//	3. 销售承诺：3月5日前提供定制化方案
//	4. 异议：担心系统稳定性 处理：安排技术演示 结果：客户认可稳定性
//
// FormatNotes writes Points back in the same form. The syntax, in full
// (docs/template.md, "Notes syntax"):
//
//   - One point per line. A line may start with a number (1. 1、 (1) ①) or a
//     bullet (- * • ·); blank lines and a line that is only a heading
//     (沟通核心内容, Notes) are skipped.
//   - A point starts with a marker and a colon, full-width or half-width:
//     who speaks and what it is. 客户提出 / Customer raised (a need),
//     客户疑问 / Customer asked, 客户反馈 / Customer feedback, 客户认可 /
//     Customer approved, 异议 / Objection (the customer's), 销售动作 /
//     Sales did, 销售承诺 / Sales promised; any speaker (客户, 销售, customer,
//     client, sales, we) goes with any kind word, and a few other spellings
//     are read too (客户需求, 客户要求, 销售行动, Sales committed, …).
//     Spaces inside a marker and traditional characters (處理, 客戶反饋) are
//     tolerated; nothing else is guessed.
//   - What the feedback is about goes in brackets after the marker:
//     客户反馈（报价）：… or Customer feedback (quote): … (方案, 报价, 合同条款,
//     其他; proposal, quote, contract terms, other).
//   - An objection's handling and result follow 处理: / Handling: and
//     结果: / Result: (also 处理方式, 处理结果, 应对, Response, Outcome),
//     either on the same line after a space or a separator (；，,;) or on
//     the lines that follow the point.
//
// A label inside the content is read as a label only when a space or a
// separator comes before it and a colon after it, so "会议定在10:00" and
// "测试结果:通过" stay content, while "价格偏高 结果:接受" splits.
//
// Every point is checked by the same rules as Point.Validate with r's
// vague-phrase lists: a point that only says 跟进 is refused.
//
// Nothing is dropped silently: when a line cannot be placed or a point
// breaks a rule, ParseNotes returns no points and a *ValidationError
// (errors.Is(err, ErrInvalid)) with one entry per problem. Keys name the
// line counted from 1, as an editor shows it: "notes.line[3]" for a line
// that cannot be read, "notes.line[3].handling" for a rule broken by the
// point that starts on line 3, and "notes" when there is no point at all.
// Each message quotes the start of the line and says what to write instead,
// in Chinese and English.
func (r Rules) ParseNotes(text string) ([]Point, error) {
	r = r.compile()
	pts, problems := readNotes(text)
	fields := map[string]Message{}
	for _, p := range problems {
		fields[fmt.Sprintf("notes.line[%d]", p.line)] = p.msg.text()
	}
	if len(pts) == 0 && len(problems) == 0 {
		fields["notes"] = msgNoPoints.text()
	}
	for _, np := range pts {
		err := asValidationError(r.pointErrors(np.p))
		if err == nil {
			continue
		}
		var ve *ValidationError
		if !errors.As(err, &ve) {
			return nil, err
		}
		for field, msg := range ve.Fields {
			fields[fmt.Sprintf("notes.line[%d].%s", np.line, field)] = ruleMessage(np.line, np.excerpt, field, msg)
		}
	}
	if len(fields) > 0 {
		return nil, &ValidationError{Fields: fields}
	}
	out := make([]Point, len(pts))
	for i, np := range pts {
		out[i] = np.p
	}
	return out, nil
}

// notePoint is a point as read, with the line it starts on.
type notePoint struct {
	p       Point
	line    int
	excerpt string
}

// lineProblem is a line that could not be placed.
type lineProblem struct {
	line int
	msg  notesMsg
}

// noteLabels is the parser's table, built once and never changed, indexed
// by the first rune of each label so that trying every position of a long
// line stays cheap.
var noteLabels = func() map[rune][]notesLabel {
	m := map[rune][]notesLabel{}
	for _, l := range notesLabels() {
		m[l.key[0]] = append(m[l.key[0]], l)
	}
	return m
}()

// listPrefix matches the numbering or bullet in front of a point.
var listPrefix = regexp.MustCompile(`^(?:(?:\d{1,3}|[一二三四五六七八九十]{1,3})(?:\s*[.．、)）]|\s)|[(（]\s*(?:\d{1,3}|[一二三四五六七八九十]{1,3})\s*[)）]|[①-⑳]|[-*•·●▪◦‣–—+>])\s*`)

// readNotes reads the structure of notes without judging the points.
func readNotes(text string) ([]notePoint, []lineProblem) {
	text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
	var (
		pts      []notePoint
		problems []lineProblem
		// cur is the point handling and result lines attach to; failed
		// says the last marker line could not be read, so its handling
		// lines are part of that problem rather than new ones.
		cur    = -1
		failed bool
	)
	for i, raw := range strings.Split(text, "\n") {
		n := i + 1
		s := strings.TrimSpace(raw)
		for k := 0; k < 2; k++ {
			s = strings.TrimSpace(strings.TrimPrefix(s, listPrefix.FindString(s)))
		}
		if s == "" || isHeading(s) {
			continue
		}
		ex := excerpt(s)
		fail := func(m notesMsg) { problems = append(problems, lineProblem{n, m}) }
		rs := []rune(s)
		m := matchLabel(rs, 0, true)
		switch {
		case m.status == labelNoColon:
			fail(msgNoColon(n, ex, m.written))
			failed, cur = true, -1
			continue
		case m.status == labelBadSubject:
			fail(msgBadSubject(n, ex, m.written))
			failed, cur = true, -1
			continue
		case m.status == labelNone:
			fail(msgUnknownLine(n, ex))
			failed, cur = true, -1
			continue
		}
		segs := splitParts(rs, m.end, m.label.part)
		if m.label.part == partPoint {
			pts = append(pts, notePoint{
				p:       Point{Speaker: m.label.speaker, Kind: m.label.kind, Subject: m.subject, Text: segs[0].text},
				line:    n,
				excerpt: ex,
			})
			cur, failed = len(pts)-1, false
			segs = segs[1:]
		} else if cur < 0 {
			if !failed {
				fail(msgOrphanPart(n, ex, m.label.part))
			}
			continue
		}
		for _, sg := range segs {
			dst := &pts[cur].p.Handling
			if sg.part == partResult {
				dst = &pts[cur].p.Result
			}
			if *dst != "" {
				fail(msgDuplicatePart(n, ex, sg.part))
				continue
			}
			*dst = sg.text
		}
	}
	return pts, problems
}

// notePart is one part of a line: the point's text, a handling or a result.
type notePart struct {
	part partKind
	text string
}

// splitParts splits the content of a line that starts at from into the
// first part's text and any handling or result labelled after it.
func splitParts(rs []rune, from int, first partKind) []notePart {
	segs := []notePart{{part: first}}
	start := from
	for p := from; p < len(rs); p++ {
		if p > from && !isPartBoundary(rs[p-1]) {
			continue
		}
		m := matchLabel(rs, p, false)
		if m.status != labelOK || m.label.part == partPoint {
			continue
		}
		segs[len(segs)-1].text = trimPart(string(rs[start:p]), true)
		segs = append(segs, notePart{part: m.label.part})
		start, p = m.end, m.end-1
	}
	segs[len(segs)-1].text = trimPart(string(rs[start:]), false)
	return segs
}

// partSeparators may end a part before the next label: "价格偏高；处理:…".
const partSeparators = ";；,，、|｜"

func isPartBoundary(r rune) bool {
	return unicode.IsSpace(r) || strings.ContainsRune(partSeparators, r)
}

// trimPart trims a part's text; before another label it also drops the
// separator that ends it.
func trimPart(s string, beforeLabel bool) string {
	s = strings.TrimSpace(s)
	if beforeLabel {
		s = strings.TrimSpace(strings.TrimRight(s, partSeparators))
	}
	return s
}

// labelStatus is what matchLabel found.
type labelStatus int

const (
	labelNone       labelStatus = iota
	labelOK                     // a label, its subject if any, and a colon
	labelNoColon                // a marker, but no colon after it
	labelBadSubject             // a marker with an unknown subject in brackets
)

type labelMatch struct {
	status  labelStatus
	label   notesLabel
	subject Subject
	end     int    // index of the rune after the colon
	written string // the marker or subject as written, for messages
}

// matchLabel looks for a label at rs[at:], skipping spaces inside it and
// folding (see fold). With atStart it reports a marker without a colon or
// with an unknown subject, so the message can say what to fix; otherwise
// only a complete label counts.
func matchLabel(rs []rune, at int, atStart bool) labelMatch {
	var near labelMatch
	if at >= len(rs) {
		return near
	}
	for _, l := range noteLabels[fold(rs[at])] {
		j, k := at, 0
		for k < len(l.key) && j < len(rs) {
			if unicode.IsSpace(rs[j]) && k > 0 {
				j++
				continue
			}
			if fold(rs[j]) != l.key[k] {
				break
			}
			j, k = j+1, k+1
		}
		if k < len(l.key) || (isASCIILetter(l.key[k-1]) && j < len(rs) && isASCIILetter(fold(rs[j]))) {
			continue // not this label, or only the start of a longer word
		}
		written := strings.TrimSpace(string(rs[at:j]))
		j = skipSpace(rs, j)
		m := labelMatch{label: l, written: written}
		if l.part == partPoint && j < len(rs) && fold(rs[j]) == '(' {
			end := j + 1
			for end < len(rs) && fold(rs[end]) != ')' {
				end++
			}
			if end == len(rs) {
				continue
			}
			inner := string(rs[j+1 : end])
			sub, err := Parse[Subject](foldString(inner))
			if err != nil {
				if near.status == labelNone && atStart {
					near = labelMatch{status: labelBadSubject, written: strings.TrimSpace(inner)}
				}
				continue
			}
			m.subject = sub
			j = skipSpace(rs, end+1)
		}
		if j < len(rs) && fold(rs[j]) == ':' {
			m.status, m.end = labelOK, j+1
			return m
		}
		if near.status == labelNone && atStart && l.part == partPoint {
			m.status = labelNoColon
			near = m
		}
	}
	return near
}

func isASCIILetter(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' }

func skipSpace(rs []rune, j int) int {
	for j < len(rs) && unicode.IsSpace(rs[j]) {
		j++
	}
	return j
}

// isHeading reports whether a line is only a heading copied from the
// template ("沟通核心内容:").
func isHeading(s string) bool {
	k := strings.TrimSpace(strings.TrimRight(foldString(s), ":"))
	for _, h := range notesHeadings {
		if k == h {
			return true
		}
	}
	return false
}

// excerpt is the start of a line, for messages.
func excerpt(s string) string {
	const max = 20
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	return string([]rune(s)[:max]) + "…"
}
