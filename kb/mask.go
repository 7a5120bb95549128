package kb

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dealtrail/dealtrail/salesrec"
)

// Placeholders that stand in for confidential text in the index. Chinese
// text gets the Chinese form, anything else the English one.
const (
	customerZH = "某客户"
	customerEN = "the customer"
	contactZH  = "客户联系人"
	contactEN  = "the contact"
	emailZH    = "[邮箱]"
	emailEN    = "[email]"
	phoneZH    = "[电话]"
	phoneEN    = "[phone]"
)

// placeholder says which placeholder replaces a span; a higher value wins
// when spans of different kinds overlap.
type placeholder uint8

const (
	holdContact placeholder = iota + 1
	holdCustomer
	holdPhone
	holdEmail
)

func (p placeholder) text(zh bool) string {
	forms := [...][2]string{
		holdContact:  {contactZH, contactEN},
		holdCustomer: {customerZH, customerEN},
		holdPhone:    {phoneZH, phoneEN},
		holdEmail:    {emailZH, emailEN},
	}
	if zh {
		return forms[p][0]
	}
	return forms[p][1]
}

// emailPattern matches an address in folded, lower-cased text (full-width
// ＠ and ． have become @ and . by then).
var emailPattern = regexp.MustCompile(`[a-z0-9._%+\-]+@[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,}`)

// maskTerm is one identity as the masker looks for it.
type maskTerm struct {
	text string // folded and ASCII lower-cased
	hold placeholder
	// start and end are the word classes of the term's first and last
	// runes (see wordClass). An edge of a word class only matches where
	// the text has no rune of the same class next to it, so the short name
	// GE does not blank the ge of general, but GE2024 is masked.
	start, end uint8
}

// masker replaces confidential text: every email and phone number shape,
// and every identity of a team's customers (names, short names, contact
// names, phones and emails, current and former).
type masker struct {
	// terms holds the identities keyed by their first keyRunes runes (all
	// of them when shorter): terms[k-2] those of k runes, each list
	// longest first, so a full name wins over a short name inside it.
	terms [keyRunes - 1]map[string][]maskTerm
	// first has a bit set for the first rune of every term in the Basic
	// Multilingual Plane, so most positions of a text cost one bit test.
	first *[1 << 16 / 64]uint64
	empty bool
}

// newMasker returns a masker for identities. A value of fewer than two
// characters, or with no letter, digit or Chinese character, is dropped:
// masking it would blank that character wherever it appears.
func newMasker(ids []salesrec.Identity) *masker {
	m := &masker{first: new([1 << 16 / 64]uint64), empty: true}
	for k := range m.terms {
		m.terms[k] = map[string][]maskTerm{}
	}
	seen := make(map[string]bool, len(ids))
	for _, id := range ids {
		t := foldTerm(id.Value)
		if utf8.RuneCountInString(t) < 2 || !strings.ContainsFunc(t, isKeyRune) {
			continue
		}
		hold := holdCustomer
		switch id.Kind {
		case salesrec.IdentityContactName:
			hold = holdContact
		case salesrec.IdentityContactPhone:
			hold = holdPhone
		case salesrec.IdentityContactEmail:
			hold = holdEmail
		}
		if seen[t] {
			continue // the first kind recorded for a value names it
		}
		seen[t] = true
		first, _ := utf8.DecodeRuneInString(t)
		last, _ := utf8.DecodeLastRuneInString(t)
		if first < 1<<16 {
			m.first[first/64] |= 1 << (first % 64)
		}
		key, n := runePrefix(t, keyRunes)
		m.terms[n-2][key] = append(m.terms[n-2][key], maskTerm{text: t, hold: hold, start: wordClass(first), end: wordClass(last)})
		m.empty = false
	}
	for _, byKey := range m.terms {
		for _, ts := range byKey {
			slices.SortStableFunc(ts, func(a, b maskTerm) int { return len(b.text) - len(a.text) })
		}
	}
	return m
}

// foldTerm is the form identities and text are compared in: folded (see
// fold), ASCII lower-cased, trimmed.
func foldTerm(s string) string {
	return string(asciiLower([]byte(foldString(strings.TrimSpace(s)))))
}

// keyRunes is how many leading runes key a term: enough to tell apart
// the names of a team that share a city or a group name (华东1号…, 华东2号…).
const keyRunes = 4

// runePrefix returns the first n runes of s (all of s when shorter) and
// how many runes that is.
func runePrefix(s string, n int) (string, int) {
	i, k := 0, 0
	for ; k < n && i < len(s); k++ {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return s[:i], k
}

// span is a part of the folded text to replace.
type span struct {
	start, end int
	hold       placeholder
}

// mask returns text with emails, phone numbers and the identities of m
// replaced by placeholders. It compares text in its folded, lower-cased
// form, so 華東精工, ＨＤＪＧ and hdjg all match their stored spellings,
// and full-width digits are digits.
func (m *masker) mask(text string) string {
	text = strings.TrimSpace(text)
	if text == "" {
		return ""
	}
	folded, offsets := fold([]byte(text))
	lower := asciiLower(folded)

	var spans []span
	if bytesContainsByte(lower, '@') {
		for _, loc := range emailPattern.FindAllIndex(lower, -1) {
			spans = append(spans, span{loc[0], loc[1], holdEmail})
		}
	}
	spans = appendPhones(spans, lower)
	spans = m.appendTerms(spans, lower)
	if len(spans) == 0 {
		return text
	}
	spans = mergeMaskSpans(spans)

	zh := hasHan(text)
	var b strings.Builder
	b.Grow(len(text))
	last := 0
	for _, s := range spans {
		start, end := offsets.orig(s.start), offsets.orig(s.end)
		b.WriteString(text[last:start])
		b.WriteString(s.hold.text(zh))
		last = end
	}
	b.WriteString(text[last:])
	return b.String()
}

// appendTerms adds a span for every occurrence of one of m's identities,
// taking at each position the longest that matches.
func (m *masker) appendTerms(spans []span, lower []byte) []span {
	if m.empty {
		return spans
	}
	for i := 0; i < len(lower); {
		r1, n1 := rune(lower[i]), 1
		if r1 >= utf8.RuneSelf {
			r1, n1 = utf8.DecodeRune(lower[i:])
		}
		if r1 < 1<<16 && m.first[r1/64]&(1<<(r1%64)) == 0 {
			i += n1
			continue
		}
		// ends[k] is the byte offset after the first k+1 runes at i.
		var ends [keyRunes]int
		ends[0] = i + n1
		n := 1
		for ; n < keyRunes && ends[n-1] < len(lower); n++ {
			_, size := utf8.DecodeRune(lower[ends[n-1]:])
			ends[n] = ends[n-1] + size
		}
		matched := 0
		for k := n; k >= 2 && matched == 0; k-- {
			for _, t := range m.terms[k-2][string(lower[i:ends[k-1]])] {
				if !hasPrefix(lower[i:], t.text) {
					continue
				}
				end := i + len(t.text)
				if t.start != 0 && i > 0 {
					if p, _ := utf8.DecodeLastRune(lower[:i]); wordClass(p) == t.start {
						continue
					}
				}
				if t.end != 0 && end < len(lower) {
					if n, _ := utf8.DecodeRune(lower[end:]); wordClass(n) == t.end {
						continue
					}
				}
				spans = append(spans, span{i, end, t.hold})
				matched = len(t.text)
				break
			}
		}
		if matched > 0 {
			i += matched
		} else {
			i += n1
		}
	}
	return spans
}

// mergeMaskSpans sorts spans and merges those that overlap, so no part of a
// confidential value survives next to another; a merged span takes the
// strongest placeholder of its parts.
func mergeMaskSpans(spans []span) []span {
	slices.SortFunc(spans, func(a, b span) int {
		if a.start != b.start {
			return a.start - b.start
		}
		return b.end - a.end
	})
	out := spans[:1]
	for _, s := range spans[1:] {
		cur := &out[len(out)-1]
		if s.start < cur.end {
			cur.end = max(cur.end, s.end)
			cur.hold = max(cur.hold, s.hold)
			continue
		}
		out = append(out, s)
	}
	return out
}

// Word classes of runes in words that spaces delimit.
const (
	classLetter = 1 // letters and marks, Chinese and Japanese excepted
	classDigit  = 2
)

// wordClass returns the class of r in a word that spaces delimit, or 0:
// letters (with marks) and digits of every script but Chinese and
// Japanese, whose words run together, so a name there matches anywhere.
func wordClass(r rune) uint8 {
	switch {
	case r < utf8.RuneSelf:
		switch {
		case 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z':
			return classLetter
		case '0' <= r && r <= '9':
			return classDigit
		}
		return 0
	case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana):
		return 0
	case unicode.In(r, unicode.L, unicode.M):
		return classLetter
	case unicode.IsNumber(r):
		return classDigit
	}
	return 0
}

// isNameWordRune reports whether r belongs to a word that spaces delimit.
func isNameWordRune(r rune) bool { return wordClass(r) != 0 }

// isKeyRune reports whether r can identify a name: a word rune or a
// Chinese or Japanese character.
func isKeyRune(r rune) bool {
	return isNameWordRune(r) || unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana)
}

func hasPrefix(b []byte, s string) bool {
	return len(b) >= len(s) && string(b[:len(s)]) == s
}

func bytesContainsByte(b []byte, c byte) bool {
	return slices.Contains(b, c)
}

// asciiLower lower-cases ASCII letters only, keeping byte offsets intact.
func asciiLower(b []byte) []byte {
	out := make([]byte, len(b))
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		out[i] = c
	}
	return out
}

// hasHan reports whether s contains a Chinese character.
func hasHan(s string) bool {
	for _, r := range s {
		if r >= 0x2E80 && unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}
