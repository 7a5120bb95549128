package salesrec

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// FormatNotes promises that what it writes reads back (notes_format.go).
// Reading each written point back with readNotes keeps that promise, but
// costs a third of a workbook export. This file proves the same thing
// more cheaply where it can. How a point's line reads back depends on the
// point's own texts in a few ways only, checked here on the texts alone;
// the rest depends on the point's shape (speaker, kind, subject, language,
// which parts it has), proved once per shape by reading back a line of
// that shape. A point that passes reads back as written
// (TestReadsBackOnOneLine holds the two ways to the same answers); one that
// does not is read back for real, as before.

// readsBackOnOneLine reports that formatPoint(n, p, lang, true) reads back
// (readNotes) as the one point p, which formatCheck passed and trimPoint
// trimmed. It may answer false for a point that would read back, never
// true for one that would not.
func readsBackOnOneLine(n int, p Point, lang Lang) bool {
	// listPrefix strips at most three digits of numbering.
	if n < 1 || n > 999 {
		return false
	}
	// A part of a line ends only where a label is followed by a colon
	// (matchLabel). Without colons and line breaks in the texts, the only
	// colons on the line are those formatPoint writes. Invalid UTF-8 would
	// come back as U+FFFD.
	for _, s := range []string{p.Text, p.Handling, p.Result} {
		if !utf8.ValidString(s) || strings.IndexFunc(s, splitsLine) >= 0 {
			return false
		}
	}
	// Then a text loses content only if it ends with a separator (trimmed
	// off before a label), or with the start of a longer label that ends
	// with the written one (处理 + " 结果:" reads as 处理结果).
	h, r := writtenPartLabels(langOrZH(lang))
	if p.Handling != "" && !endsCleanBefore(p.Text, h) {
		return false
	}
	if p.Result != "" {
		before := p.Text
		if p.Handling != "" {
			before = p.Handling
		}
		if !endsCleanBefore(before, r) {
			return false
		}
	}
	return shapesReadBack()[noteShape{
		speaker: p.Speaker, kind: p.Kind, subject: p.Subject, lang: langOrZH(lang),
		text: p.Text != "", handling: p.Handling != "", result: p.Result != "",
	}]
}

// splitsLine is a rune that can end a part of a notes line: a line break,
// or a colon as the parser folds it.
func splitsLine(r rune) bool { return r == '\n' || r == '\r' || fold(r) == ':' }

// endsCleanBefore reports that s, followed on its line by a space and the
// written label l, keeps its whole content: it does not end with a
// separator, nor with the start of a longer label that ends with l.
func endsCleanBefore(s string, l writtenLabel) bool {
	last, _ := utf8.DecodeLastRuneInString(s)
	if s != "" && strings.ContainsRune(partSeparators, last) {
		return false
	}
	// Labels match folded and across spaces: compare the end of s the
	// same way, as far back as the longest prefix reaches.
	tail := foldedTail(s, l.longest)
	for _, pre := range l.prefixes {
		if strings.HasSuffix(tail, pre) {
			return false
		}
	}
	return true
}

// foldedTail is the last n runes of s that are not spaces, folded.
func foldedTail(s string, n int) string {
	rs := make([]rune, n)
	i := n
	for s != "" && i > 0 {
		r, size := utf8.DecodeLastRuneInString(s)
		s = s[:len(s)-size]
		if !unicode.IsSpace(r) {
			i--
			rs[i] = fold(r)
		}
	}
	return string(rs[i:])
}

// writtenLabel is a part label as formatPoint writes it, with what could
// stand before it on a line and make a longer label: for each label key
// that is longer than the written one and ends with it, the rest of it.
type writtenLabel struct {
	prefixes []string
	longest  int // runes of the longest prefix
}

// writtenPartLabels returns the handling and result labels formatPoint
// writes in lang (ZH or EN).
func writtenPartLabels(lang Lang) (handling, result writtenLabel) {
	if lang == EN {
		return partLabels[2], partLabels[3]
	}
	return partLabels[0], partLabels[1]
}

// partLabels are the zh handling, zh result, en handling and en result
// labels, worked out from the parser's table.
var partLabels = func() [4]writtenLabel {
	var out [4]writtenLabel
	for i, w := range []string{handlingZH[0], resultZH[0], "Handling", "Result"} {
		key := string(foldKey(w))
		for _, l := range notesLabels() {
			if k := string(l.key); len(k) > len(key) && strings.HasSuffix(k, key) {
				pre := strings.TrimSuffix(k, key)
				out[i].prefixes = append(out[i].prefixes, pre)
				out[i].longest = max(out[i].longest, utf8.RuneCountInString(pre))
			}
		}
	}
	return out
}()

// noteShape is what the reading of a notes line depends on besides its
// texts.
type noteShape struct {
	speaker                Speaker
	kind                   PointKind
	subject                Subject
	lang                   Lang
	text, handling, result bool // which parts the point has
}

// shapesReadBack says, for every shape of a point formatCheck passes,
// whether a line of that shape reads back, tried on a line whose texts are
// a plain letter: that its marker and subject are read as written, and
// that nothing around them is taken for numbering, a heading or another
// label. It is worked out on first use (about a thousand lines).
var shapesReadBack = sync.OnceValue(func() map[noteShape]bool {
	out := map[noteShape]bool{}
	subjects := append([]Subject{""}, Values[Subject]()...)
	for _, sp := range Values[Speaker]() {
		for _, k := range Values[PointKind]() {
			for _, sub := range subjects {
				for _, lang := range []Lang{ZH, EN} {
					for parts := range 8 {
						s := noteShape{speaker: sp, kind: k, subject: sub, lang: lang,
							text: parts&1 != 0, handling: parts&2 != 0, result: parts&4 != 0}
						out[s] = sampleReadsBack(s)
					}
				}
			}
		}
	}
	return out
})

func sampleReadsBack(s noteShape) bool {
	p := Point{Speaker: s.speaker, Kind: s.kind, Subject: s.subject}
	if s.text {
		p.Text = "x"
	}
	if s.handling {
		p.Handling = "x"
	}
	if s.result {
		p.Result = "x"
	}
	got, problems := readNotes(formatPoint(1, p, s.lang, true))
	return len(problems) == 0 && len(got) == 1 && got[0].p == p
}
