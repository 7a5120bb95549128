package kb

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"

	"github.com/dealtrail/dealtrail/salesrec"
)

// DefaultSynonyms returns the synonym groups kb ships with: everyday sales
// wording where teams say the same thing several ways. A host replaces
// them with Options.Synonyms. Each call returns a fresh copy.
func DefaultSynonyms() [][]string {
	return [][]string{
		{"竞品", "竞争对手", "友商", "对手", "competitor", "competition", "rival"},
		{"太贵", "价格偏高", "报价太高", "价格太高", "价格高", "too expensive", "price too high", "overpriced"},
		{"预算", "budget"},
		{"降价", "打折", "折扣", "让利", "discount"},
		{"决策人", "拍板人", "关键人", "decision maker"},
		{"采购", "购买", "procurement", "purchasing"},
		{"演示", "demo", "试用", "poc", "proof of concept"},
		{"对接", "集成", "integration"},
		{"交付", "实施", "上线", "delivery", "implementation", "rollout"},
		{"响应慢", "响应速度", "反应慢", "response time", "slow response"},
		{"合同", "协议", "contract", "agreement"},
		{"项目", "专案", "project"},
		{"客户关系", "关系维护", "relationship"},
		{"稳定性", "可靠性", "stability", "reliability"},
		{"售后", "服务支持", "after-sales"},
	}
}

// synonyms widens queries. Each group of terms that mean the same thing is
// used in two ways (see textQuery): when the index holds the group (every
// document mentioning a member carries the group's id in the
// synonym_groups field, see groupsIn), a query naming one member searches
// that id, one term however large the group; otherwise each other member
// is searched through its own terms.
type synonyms struct {
	// groups holds each group's members, normalised (normaliseQuery), and
	// ids each group's id (see groupID).
	groups [][]string
	ids    []string
	// phrases holds every member as a phrase; members[n] says which
	// member phrase n is.
	phrases phraseSet
	members []synonymMember
	// size is how many search terms the analyzer makes of each term
	// (太贵: 1, 价格偏高: 3), used to weigh alternatives fairly.
	size map[string]int
	// keys holds the search terms of each term (field and term), to
	// drop alternatives whose matches another already covers.
	keys map[string][]string
	// analyzer is the text analyzer, which textQuery uses to turn the
	// words of a search into terms.
	analyzer analysis.Analyzer
}

type synonymMember struct {
	term  string // normalised
	group int
}

// newSynonyms validates and normalises groups; nil means the defaults.
func newSynonyms(groups [][]string) (synonyms, error) {
	if groups == nil {
		groups = DefaultSynonyms()
	}
	m, err := newMapping()
	if err != nil {
		return synonyms{}, err
	}
	analyzer := m.AnalyzerNamed(textAnalyzer)
	s := synonyms{size: map[string]int{}, keys: map[string][]string{}, analyzer: analyzer}
	owner := map[string]int{}
	for _, g := range groups {
		var norm []string
		for _, t := range g {
			n := normaliseQuery(t)
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
			if s.phrases.add(n) >= 0 {
				s.members = append(s.members, synonymMember{term: n, group: len(s.groups)})
			}
		}
		s.groups = append(s.groups, norm)
		s.ids = append(s.ids, groupID(norm))
	}
	return s, nil
}

// phraseRules names the version of the rules that decide where a synonym
// occurs in text (appendUnits, singular). It is part of every group id, so
// an index tagged under other rules is not trusted to hold the same ids.
const phraseRules = "1"

// groupID names a group by its members, in any order: the same group gets
// the same id in every process, and a group whose members change gets a
// new one.
func groupID(members []string) string {
	sorted := slices.Clone(members)
	slices.Sort(sorted)
	sum := sha256.Sum256([]byte(phraseRules + "\x00" + strings.Join(sorted, "\x00")))
	return "syn_" + hex.EncodeToString(sum[:8])
}

// expansion is a query split into the text no synonym covers and, for each
// synonym found, the word the user wrote and the rest of its group.
type expansion struct {
	rest   string
	groups []synonymMatch
}

type synonymMatch struct {
	group   int
	written string
	others  []string
	// weight scales each alternative so it scores like the written word
	// would: a phrase of three terms would otherwise outscore a match on
	// the one term the user typed.
	weight []float64
}

// expand finds synonyms in a query. Each group is used once, and each
// word of the query belongs to at most one synonym: longer ones are taken
// first, so 价格偏高 is found before 价格高 could be.
func (s synonyms) expand(q string) expansion {
	us := appendUnits(nil, q)
	type occurrence struct{ at, member int }
	var found []occurrence
	for i := range us {
		s.phrases.startingAt(us, i, func(n int) bool {
			found = append(found, occurrence{i, n})
			return true
		})
	}
	slices.SortStableFunc(found, func(a, b occurrence) int {
		return s.phrases.length(b.member) - s.phrases.length(a.member)
	})
	var out expansion
	taken := make([]bool, len(us))
	usedGroup := map[int]bool{}
	for _, o := range found {
		m, n := s.members[o.member], s.phrases.length(o.member)
		if usedGroup[m.group] || slices.Contains(taken[o.at:o.at+n], true) {
			continue
		}
		usedGroup[m.group] = true
		for k := range n {
			taken[o.at+k] = true
		}
		sm := synonymMatch{group: m.group, written: m.term}
		for _, alt := range s.alternatives(m.group, m.term) {
			sm.others = append(sm.others, alt)
			sm.weight = append(sm.weight, float64(s.size[m.term])/float64(s.size[alt]))
		}
		out.groups = append(out.groups, sm)
	}
	out.rest = untaken(q, us, taken)
	return out
}

// untaken returns the pieces of q whose units are not taken, joined by
// spaces.
func untaken(q string, us []unit, taken []bool) string {
	var b strings.Builder
	for i := 0; i < len(us); {
		if taken[i] {
			i++
			continue
		}
		j := i
		for j+1 < len(us) && !taken[j+1] {
			j++
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(q[us[i].start:us[j].end])
		i = j + 1
	}
	return b.String()
}

// groupsIn returns the ids of the groups with a member in text, sorted:
// what a document carries in its synonym_groups field.
func (s synonyms) groupsIn(text string) []string {
	if len(s.members) == 0 {
		return nil
	}
	us := appendUnits(nil, text)
	var ids []string
	for i := range us {
		s.phrases.startingAt(us, i, func(n int) bool {
			if id := s.ids[s.members[n].group]; !slices.Contains(ids, id) {
				ids = append(ids, id)
			}
			return true
		})
	}
	slices.Sort(ids)
	return ids
}

// spans returns the byte spans of text where a member of one of groups
// occurs, for highlighting matches that the synonym_groups field made.
func (s synonyms) spans(text string, groups []int) [][2]int {
	if len(groups) == 0 {
		return nil
	}
	us := appendUnits(nil, text)
	var out [][2]int
	for i := range us {
		s.phrases.startingAt(us, i, func(n int) bool {
			if slices.Contains(groups, s.members[n].group) {
				out = append(out, [2]int{us[i].start, us[i+s.phrases.length(n)-1].end})
			}
			return true
		})
	}
	return out
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
// single-character terms (searched in text_chars), lower-cased and
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

// alternatives returns the members of group to search besides written,
// without those that could not add a match: an alternative sharing a
// search term with written (written matches on any of its terms, so
// 价格太高 adds nothing to 价格偏高). Each alternative costs a searcher
// per term on every query; dropping these leaves the matches unchanged.
// (Dropping an alternative that contains another, 竞争对手 beside 对手,
// would too, but it costs ranking: texts saying 竞争对手 lose its score.)
func (s synonyms) alternatives(group int, written string) []string {
	w := s.keys[written]
	var cand []string
	for _, o := range s.groups[group] {
		if o != written && !overlaps(s.keys[o], w) && len(s.keys[o]) > 0 {
			cand = append(cand, o)
		}
	}
	return cand
}

// termKeys names the search terms of tokens as terms() searches them:
// field and term.
func termKeys(tokens analysis.TokenStream) []string {
	out := make([]string, 0, len(tokens))
	for _, tok := range tokens {
		field := fieldText
		if loneCharacter(tok) {
			field = fieldChars
		}
		k := field + "\x00" + string(tok.Term)
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
