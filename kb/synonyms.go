package kb

import (
	"fmt"

	"github.com/blevesearch/bleve/v2/analysis"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dealtrail/dealtrail/salesrec"
)

// synonyms expands queries. Every term is kept in normalised form (see
// normaliseQuery) together with the group it belongs to.
type synonyms struct {
	groups [][]string
	// terms lists every term once, longest first, with its group.
	terms []synonymTerm
	// size is how many search terms the analyzer makes of each term
	// (太贵: 1, 价格偏高: 3), used to weigh alternatives fairly.
	size map[string]int
	// keys holds the search terms of each term (field and term), to
	// drop alternatives whose matches another already covers.
	keys map[string][]string
	// known holds every member of a group: the words of the vocabulary.
	known map[string]bool
	// partKeys holds the search terms of the part of each member that
	// stands for it in a text holding only part of it (see partWords).
	partKeys map[string][]string
	// analyzer is the text analyzer, which textQuery uses to turn the
	// words of a search into terms.
	analyzer analysis.Analyzer
	// without lists the analysis steps switched off (quality test only).
	without analysisSteps
}

// synonymTerm is a member of a group, found in a query by findTerm: its
// words in order, Latin words only as whole words.
type synonymTerm struct {
	term  string
	group int
	// words are the words of term (see findTerm), split once: every
	// query looks for every term.
	words []string
}

func newSynonymTerm(term string, group int) synonymTerm {
	return synonymTerm{term: term, group: group, words: strings.FieldsFunc(term, isSeparator)}
}

// newSynonyms validates and normalises groups; nil means the defaults.
func newSynonyms(groups [][]string) (synonyms, error) {
	return newSynonymsWithout(groups, 0)
}

// newSynonymsWithout is newSynonyms for an index whose analysis leaves
// out the steps in without (see analysisSteps).
func newSynonymsWithout(groups [][]string, without analysisSteps) (synonyms, error) {
	if groups == nil {
		groups = DefaultSynonyms()
	}
	m, err := newMappingWithout(without)
	if err != nil {
		return synonyms{}, err
	}
	analyzer := m.AnalyzerNamed(textAnalyzer)
	s := synonyms{size: map[string]int{}, keys: map[string][]string{}, known: map[string]bool{},
		partKeys: map[string][]string{}, analyzer: analyzer, without: without}
	owner := map[string]int{}
	for _, g := range groups {
		var norm []string
		for _, t := range g {
			n := s.normalise(t)
			if n == "" {
				continue
			}
			if prev, ok := owner[n]; ok && prev != len(s.groups) {
				return synonyms{}, fmt.Errorf("kb: synonym %q is in two groups: %w", t, salesrec.ErrInvalid)
			}
			if _, ok := owner[n]; ok {
				continue
			}
			owner[n] = len(s.groups)
			norm = append(norm, n)
			tokens := analyzer.Analyze([]byte(n))
			s.size[n] = max(1, len(tokens))
			s.keys[n] = termKeys(tokens)
		}
		if len(norm) < 2 {
			continue
		}
		for _, n := range norm {
			s.terms = append(s.terms, newSynonymTerm(n, len(s.groups)))
			s.known[n] = true
		}
		s.groups = append(s.groups, norm)
	}
	for n := range s.known {
		if part := s.partWords(n); part != "" {
			s.partKeys[n] = termKeys(analyzer.Analyze([]byte(part)))
		}
	}
	// Longest first, so 价格偏高 is found before 价格高 could be.
	slices.SortStableFunc(s.terms, func(a, b synonymTerm) int { return len(b.term) - len(a.term) })
	return s, nil
}

// expansion is a query split into the text no synonym covers and, for each
// synonym found, the word the user wrote and the rest of its group.
type expansion struct {
	rest   string
	groups []synonymMatch
}

type synonymMatch struct {
	written string
	others  []string
	// weight scales each alternative so it scores like the written word
	// would: a phrase of three terms would otherwise outscore a match on
	// the one term the user typed.
	weight []float64
}

// expand finds synonyms in a normalised query. Each group is used once.
func (s synonyms) expand(q string) expansion {
	var out expansion
	used := map[int]bool{}
	rest := q
	for _, t := range s.terms {
		if used[t.group] {
			continue
		}
		start, end := findTerm(rest, t)
		if start < 0 {
			continue
		}
		used[t.group] = true
		rest = rest[:start] + " " + rest[end:]
		m := synonymMatch{written: t.term}
		for _, o := range s.alternatives(t.group, t.term) {
			m.others = append(m.others, o)
			m.weight = append(m.weight, float64(s.size[t.term])/float64(s.size[o]))
		}
		out.groups = append(out.groups, m)
	}
	out.rest = strings.TrimSpace(rest)
	return out
}

// findTerm returns where t occurs in q, as the byte span [start, end), or
// -1, -1. A term of several words (数据 迁移, data migration, go-live:
// words are what lies between spaces and punctuation) occurs where
// its words follow one another in order, separated by anything that is not
// a letter or digit (spaces, a hyphen, a comma) or, where either side is
// not a Latin letter or digit, by nothing: 数据迁移, 数据 迁移 and
// data-migration each hold one, datamigration does not. A word that starts
// (ends) with a Latin letter or digit must have none before (after) it, so
// demo is not found in demonstrate nor data in metadata.
func findTerm(q string, t synonymTerm) (start, end int) {
	words := t.words
	if len(words) == 0 {
		return -1, -1
	}
	for from := 0; from < len(q); {
		i := strings.Index(q[from:], words[0])
		if i < 0 {
			break
		}
		i += from
		if end, ok := wordsFrom(q, i, words); ok {
			return i, end
		}
		_, size := utf8.DecodeRuneInString(q[i:])
		from = i + size
	}
	return -1, -1
}

// wordsFrom reports whether words occur in q from byte i on (see findTerm)
// and where the last one ends.
func wordsFrom(q string, i int, words []string) (int, bool) {
	at := i
	for k, w := range words {
		if k > 0 {
			j := at
			for j < len(q) {
				r, size := utf8.DecodeRuneInString(q[j:])
				if !isSeparator(r) {
					break
				}
				j += size
			}
			if j == at && isWordRune(lastRune(q[:at])) && isWordRune(firstRune(w)) {
				return 0, false
			}
			at = j
		}
		if !strings.HasPrefix(q[at:], w) {
			return 0, false
		}
		if isWordRune(firstRune(w)) && !boundaryBefore(q, at) {
			return 0, false
		}
		at += len(w)
		if isWordRune(lastRune(w)) && !boundaryAfter(q, at) {
			return 0, false
		}
	}
	return at, true
}

// isSeparator reports whether r separates the words of a term: anything
// but a letter or digit.
func isSeparator(r rune) bool {
	return !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

func boundaryBefore(q string, i int) bool {
	return i == 0 || !isWordRune(lastRune(q[:i]))
}

func boundaryAfter(q string, i int) bool {
	return i >= len(q) || !isWordRune(firstRune(q[i:]))
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// isWordRune reports whether r is a Latin letter or digit: the runes a
// Latin word is made of, which the analyzer does not split between.
func isWordRune(r rune) bool {
	return r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// normalise is normaliseQuery without the steps the analysis leaves out.
func (s synonyms) normalise(q string) string {
	if s.without == 0 {
		return normaliseQuery(q)
	}
	if !s.without.has(stepFold) {
		q = foldString(q)
	}
	fields := strings.Fields(strings.ToLower(q))
	if !s.without.has(stepPlural) {
		for i, f := range fields {
			fields[i] = singularWords(f)
		}
	}
	return strings.Join(fields, " ")
}

// normaliseQuery folds widths and traditional characters, lower-cases,
// reduces English plurals and collapses spaces, so a synonym matches the
// query however either is written (競品, ＤＥＭＯ, competitors).
func normaliseQuery(s string) string {
	s = strings.ToLower(foldString(s))
	fields := strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r)
	})
	for i, f := range fields {
		fields[i] = singularWords(f)
	}
	return strings.Join(fields, " ")
}

// singularWords applies singular to each run of ASCII letters in s.
func singularWords(s string) string {
	var b strings.Builder
	start := -1
	flush := func(end int) {
		if start >= 0 {
			b.Write(singular([]byte(s[start:end])))
			start = -1
		}
	}
	for i, r := range s {
		if r < unicode.MaxASCII && (unicode.IsLetter(r) || r == '\'') {
			if start < 0 {
				start = i
			}
			continue
		}
		flush(i)
		b.WriteRune(r)
	}
	flush(len(s))
	return b.String()
}

// loneChars returns the characters of text that the analyzer leaves as
// single-character terms (searched with charTerms), lower-cased and
// folded, for highlighting.
func (s synonyms) loneChars(text string) []rune {
	var out []rune
	for _, tok := range s.analyzer.Analyze([]byte(text)) {
		if loneCharacter(tok) {
			if r, _ := utf8.DecodeRune(tok.Term); !slices.Contains(out, r) {
				out = append(out, r)
			}
		}
	}
	return out
}

// partWords returns the part of member term that stands for it in a text
// holding only part of it: a word of one run all of it (响应 of 响应慢
// stands for 响应慢); of a member of several words, the words that are
// members of a group themselves, subjects of the vocabulary (交付 of
// 交付 周期), and "" when none is (数据 同步, left the company: alone, 数据,
// 周期 or company is any subject).
func (s synonyms) partWords(term string) string {
	words := strings.FieldsFunc(term, isSeparator)
	if len(words) < 2 {
		return term
	}
	var known []string
	for _, w := range words {
		if s.known[w] {
			known = append(known, w)
		}
	}
	return strings.Join(known, " ")
}

// alternatives returns the members of group to search besides written,
// without those that could not add a match: an alternative sharing a
// search term with the part of written that matches alone (see
// partWords: 价格偏高 matches on any of its terms, so 价格太高 adds
// nothing to it; data sync matches only whole, so real-time sync adds
// the texts saying sync without data). Each alternative costs a searcher
// per term on every query; dropping these leaves the matches unchanged.
// (Dropping an alternative that contains another, 竞争对手 beside 对手,
// would too, but it costs ranking: texts saying 竞争对手 lose its score.)
func (s synonyms) alternatives(group int, written string) []string {
	w := s.partKeys[written]
	var cand []string
	for _, o := range s.groups[group] {
		if o != written && !overlaps(s.keys[o], w) && len(s.keys[o]) > 0 {
			cand = append(cand, o)
		}
	}
	return cand
}

// termKeys names the searches of tokens as terms() makes them: a term of
// the text field, or the charTerms of a lone character.
func termKeys(tokens analysis.TokenStream) []string {
	out := make([]string, 0, len(tokens))
	for _, tok := range tokens {
		kind := "term"
		if loneCharacter(tok) {
			kind = "char"
		}
		base, _ := splitMarks(string(tok.Term)) // 价格+ searches 价格 too
		k := kind + "\x00" + base
		if !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	return out
}

func overlaps(a, b []string) bool {
	for _, x := range a {
		if slices.Contains(b, x) {
			return true
		}
	}
	return false
}
