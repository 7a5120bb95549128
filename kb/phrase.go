package kb

import (
	"unicode"
	"unicode/utf8"
)

// unit is one step of text as kb compares synonyms with it: a whole word
// of ASCII letters, digits and apostrophes (folded, lower case, singular),
// or any other single character (folded, lower case). Spaces only separate
// units. So "Price too high" and "prices  too high" read alike, "demo" is
// not found inside "demonstration", and 价格偏高 is four units whether or
// not the writer put spaces between them.
type unit struct {
	// word is the normalised word; "" when the unit is the character r.
	word string
	r    rune
	// start and end are the unit's byte span in the text it was read
	// from, for highlighting.
	start, end int
}

func (u unit) same(v unit) bool { return u.r == v.r && u.word == v.word }

// isWordRune reports whether r (already folded and lower-cased) belongs
// to a word unit.
func isWordRune(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '\''
}

// appendUnits appends the units of text to dst and returns it.
func appendUnits(dst []unit, text string) []unit {
	var word []byte
	wordStart := -1
	endWord := func(end int) {
		if wordStart < 0 {
			return
		}
		dst = append(dst, unit{word: string(singular(word)), start: wordStart, end: end})
		wordStart = -1
	}
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		f := unicode.ToLower(foldRune(r))
		if isWordRune(f) {
			if wordStart < 0 {
				wordStart, word = i, word[:0]
			}
			word = append(word, byte(f))
			i += size
			continue
		}
		endWord(i)
		if !unicode.IsSpace(f) {
			dst = append(dst, unit{r: f, start: i, end: i + size})
		}
		i += size
	}
	endWord(len(text))
	return dst
}

// phraseSet finds any of a set of phrases (unit sequences) in text. It
// indexes the phrases by their first unit, so a scan of a text costs one
// map look-up per unit plus the comparison of the few phrases starting
// there.
type phraseSet struct {
	phrases [][]unit
	byWord  map[string][]int
	byRune  map[rune][]int
}

// add adds the phrase of text and returns its number, or -1 when text has
// no units.
func (p *phraseSet) add(text string) int {
	us := appendUnits(nil, text)
	if len(us) == 0 {
		return -1
	}
	n := len(p.phrases)
	p.phrases = append(p.phrases, us)
	if us[0].word != "" {
		if p.byWord == nil {
			p.byWord = map[string][]int{}
		}
		p.byWord[us[0].word] = append(p.byWord[us[0].word], n)
	} else {
		if p.byRune == nil {
			p.byRune = map[rune][]int{}
		}
		p.byRune[us[0].r] = append(p.byRune[us[0].r], n)
	}
	return n
}

// length returns how many units phrase n has.
func (p *phraseSet) length(n int) int { return len(p.phrases[n]) }

// startingAt calls yield with every phrase that occurs in text at unit i,
// until yield returns false.
func (p *phraseSet) startingAt(text []unit, i int, yield func(phrase int) bool) {
	var cands []int
	if w := text[i].word; w != "" {
		cands = p.byWord[w]
	} else {
		cands = p.byRune[text[i].r]
	}
	for _, n := range cands {
		ph := p.phrases[n]
		if i+len(ph) > len(text) {
			continue
		}
		match := true
		for k := 1; k < len(ph); k++ {
			if !ph[k].same(text[i+k]) {
				match = false
				break
			}
		}
		if match && !yield(n) {
			return
		}
	}
}
