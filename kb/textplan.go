package kb

import (
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/search/query"
)

// The text of a search becomes a query in three layers:
//
//   - concepts: each synonym group the text names (the word as written,
//     or any other member of the group) and each other word, separated
//     by spaces. A document covering every concept ranks above one
//     covering some, however often that one repeats what it covers: the
//     concepts are searched once as alternatives (any of them) and once
//     together (all of them), and a document matching all of them
//     scores in both.
//   - pieces: the terms the analyzer makes of a word (bigrams, Latin
//     words, quantities, lone characters). The word as written matches on
//     any of its pieces, more the more it matches; a synonym matches on
//     all of the pieces of one member. In a run of CJK characters the
//     bigrams that likely span two words (付慢 of 交付慢, see segment)
//     weigh weightCross: what decides is the meaningful pieces.
//   - forms: a bigram is looked up as the word itself, inside a longer
//     word and negated (see wordmarks.go), each weighed.
//
// Bleve scales a disjunction's score by the share of its clauses a
// document matches. That share is what ranks a document matching more
// pieces first, and it is what the coverage of concepts rests on. Where
// the clauses are alternatives (forms, synonyms, the terms holding a
// character) a document scores by the best it matches (bestOf).

// weightCross is the weight of a query bigram that likely spans two
// words (see segment); weightPartial that of part of a synonym the query
// names (响应 of 响应慢).
const (
	weightCross   = 0.3
	weightPartial = 0.1
	// weightSingle is a character the split leaves as a word of its own
	// (慢 of 交付慢): a word, but one character says less than two.
	weightSingle = 0.3
)

// englishStopWords are words that name no concept; a query made only of
// them still searches them.
var englishStopWords = map[string]bool{
	"a": true, "an": true, "the": true, "of": true, "to": true, "in": true, "on": true, "for": true,
	"and": true, "or": true, "is": true, "are": true, "was": true, "were": true, "be": true, "with": true,
	"from": true, "by": true, "at": true, "this": true, "that": true, "as": true,
	"we": true, "our": true, "they": true, "their": true, "too": true, "very": true,
}

// textPlan builds the query for normalised text (see above). With cover
// unset (Similar, whose text is a whole record) the words not covered by
// a synonym are one concept and nothing asks for every concept. The
// weights depend on the index (how often each bigram occurs, see
// segment; how rare each concept is), so the query is built when the
// search runs (planQuery).
func textPlan(norm string, syn synonyms, boost float64, cover bool) query.Query {
	if norm == "" {
		return nil
	}
	return planQuery{norm: norm, syn: syn, boost: boost, cover: cover}
}

// planQuery is a text query built against the index it searches.
type planQuery struct {
	norm  string
	syn   synonyms
	boost float64
	cover bool
}

// concept is one concept of a query before its weight is known: its
// alternatives, each built for a weight, and its rarity.
type concept struct {
	idf   float64
	build func(weight float64) query.Query
}

func (q planQuery) build(st *termStats) (query.Query, error) {
	exp := q.syn.expand(q.norm)
	var concepts []concept
	var rest []string
	if q.cover {
		rest = contentWords(queryWords(exp.rest))
	} else if exp.rest != "" {
		rest = []string{exp.rest}
	}
	for _, w := range rest {
		p, err := q.syn.pieces(w, st, true)
		if err != nil {
			return nil, err
		}
		if len(p.tokens) == 0 {
			continue
		}
		if !q.cover {
			// A whole record's text: every piece it shares counts on its
			// own, not as a share of a word the user typed.
			concepts = append(concepts, concept{idf: p.idf, build: func(weight float64) query.Query {
				return q.syn.anyPieces(p, weight*float64(len(p.tokens)))
			}})
			continue
		}
		concepts = append(concepts, concept{idf: p.idf, build: func(weight float64) query.Query {
			return q.syn.anyPieces(p, weight)
		}})
	}
	for _, g := range exp.groups {
		written, err := q.syn.pieces(g.written, st, false)
		if err != nil {
			return nil, err
		}
		var members []pieces
		for _, o := range g.others {
			p, err := q.syn.pieces(o, st, false)
			if err != nil {
				return nil, err
			}
			p.member = true
			if len(p.tokens) > 0 {
				members = append(members, p)
			}
		}
		if len(written.tokens) == 0 && len(members) == 0 {
			continue
		}
		part, share, err := q.syn.partOf(g.written, written, st)
		if err != nil {
			return nil, err
		}
		concepts = append(concepts, concept{idf: written.idf, build: func(weight float64) query.Query {
			return q.syn.groupQuery(written, part, share, members, weight)
		}})
	}
	if len(concepts) == 0 {
		return nil, nil
	}
	// Each concept weighs by its rarity (idf, once, not squared as BM25
	// would), relative to the query's mean: 预算 分期 ranks the rarer
	// 分期 first among records covering one of the two. Within a concept
	// rarity plays no part (see rank.go).
	// A concept of lone characters (慢 of 交付 慢) has no idf of its own:
	// beside words it weighs weightSingle, as a character left over in a
	// word does.
	mean, words := 0.0, 0
	for _, c := range concepts {
		if c.idf > 0 {
			mean += c.idf
			words++
		}
	}
	if words > 0 {
		mean /= float64(words)
	}
	qs := make([]query.Query, len(concepts))
	for k, c := range concepts {
		w := q.boost
		switch {
		case c.idf > 0:
			w *= c.idf / mean
		case words > 0:
			w *= weightSingle
		}
		qs[k] = c.build(w)
	}
	if len(qs) == 1 {
		return qs[0], nil
	}
	some := bleve.NewDisjunctionQuery(qs...)
	if !q.cover {
		return some, nil
	}
	return bleve.NewDisjunctionQuery(some, bleve.NewConjunctionQuery(qs...)), nil
}

// queryWords splits text at spaces, but not inside a quantity: 3 months
// is one word, as it is one term (see quantity.go).
func queryWords(text string) []string {
	spans := findQuantities([]byte(text))
	var out []string
	start := -1
	for i, r := range text {
		inQuantity := false
		for _, sp := range spans {
			if i >= sp.start && i < sp.end {
				inQuantity = true
				break
			}
		}
		if unicode.IsSpace(r) && !inQuantity {
			if start >= 0 {
				out = append(out, text[start:i])
				start = -1
			}
			continue
		}
		if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		out = append(out, text[start:])
	}
	return out
}

// contentWords drops English stop words, unless nothing else is left.
func contentWords(words []string) []string {
	var out []string
	for _, w := range words {
		if !englishStopWords[w] {
			out = append(out, w)
		}
	}
	if len(out) == 0 {
		return words
	}
	return out
}

// pieces is a word of a query analyzed: its tokens, the weight of each
// (see segment) and its rarity.
type pieces struct {
	tokens  analysis.TokenStream
	weights []float64
	idf     float64
	// st holds the document counts read while weighing the pieces.
	st *termStats
	// member is set on a synonym member other than the word written: it
	// matches only where it stands as a word (see pieceQuery).
	member bool
}

// pieces analyzes text and weighs its tokens: a bigram likely spanning
// two words weighs weightCross, every other token 1. With singles set,
// the characters that segment leaves as words of their own are pieces
// too (weightSingle), but for grammatical ones
// (在, 的). Its idf is the
// weighted mean of the tokens' (a lone character counts as the mean of
// the others: how rare it is as a term says little about it).
func (s synonyms) pieces(text string, st *termStats, singles bool) (pieces, error) {
	p := pieces{tokens: s.analyzer.Analyze([]byte(text)), st: st}
	words, left, err := segment(p.tokens, st)
	if err != nil {
		return pieces{}, err
	}
	firstSingle := len(p.tokens)
	if singles && !s.without.has(stepOneChar) {
		for _, tok := range left {
			if r, _ := utf8.DecodeRune(tok.Term); !grammatical(r) {
				p.tokens = append(p.tokens, tok)
			}
		}
	}
	var sum, weights float64
	for k, tok := range p.tokens {
		w := 1.0
		switch {
		case k >= firstSingle:
			w = weightSingle
		case tok.Type == analysis.Double && !words[k]:
			w = weightCross
		}
		p.weights = append(p.weights, w)
		if loneCharacter(tok) {
			continue
		}
		docs, err := st.tokenDocs(tok)
		if err != nil {
			return pieces{}, err
		}
		sum += w * st.idf(docs)
		weights += w
	}
	if weights > 0 {
		p.idf = sum / weights
	}
	return p, nil
}

// anyPieces matches any piece of p, each weighed by its share of the
// word's weight; matching more pieces scores more (the disjunction's
// share), matching them all scores weight.
func (s synonyms) anyPieces(p pieces, weight float64) query.Query {
	total := 0.0
	for _, w := range p.weights {
		total += w
	}
	qs := make([]query.Query, len(p.tokens))
	for k, tok := range p.tokens {
		qs[k] = s.pieceQuery(tok, weight*p.weights[k]/total, p)
	}
	if len(qs) == 1 {
		return qs[0]
	}
	d := bleve.NewDisjunctionQuery(qs...)
	d.SetMin(1)
	return d
}

// allPieces matches every piece of p, weight in all.
func (s synonyms) allPieces(p pieces, weight float64) query.Query {
	qs := make([]query.Query, len(p.tokens))
	for k, tok := range p.tokens {
		qs[k] = s.pieceQuery(tok, weight/float64(len(p.tokens)), p)
	}
	if len(qs) == 1 {
		return qs[0]
	}
	return bleve.NewConjunctionQuery(qs...)
}

// partOf returns the pieces of the word written (a member, norm) that
// stand for it when a text holds only some of them (see partWords), and
// their share of the written word's pieces: all of the part weighs that
// share of all of the word. The part is searched as a member is, never
// as the stem of a word of three (试用 of 免费试用 does not find 试用期).
func (s synonyms) partOf(norm string, written pieces, st *termStats) (part pieces, share float64, err error) {
	words := s.partWords(norm)
	switch {
	case words == "" || len(written.tokens) < 2:
		return pieces{}, 0, nil
	case words == norm:
		part = written
	default:
		if part, err = s.pieces(words, st, false); err != nil {
			return pieces{}, 0, err
		}
	}
	part.member = true
	return part, float64(len(part.tokens)) / float64(len(written.tokens)), nil
}

// groupQuery matches a synonym group the query names: the word as
// written (all of its pieces), or any other member (all of its pieces,
// weightSynonym), or, weakest, part of the written word (any of the
// pieces of part, weightPartial): 响应 of 响应慢 says less than 响应速度
// does.
func (s synonyms) groupQuery(written, part pieces, share float64, members []pieces, weight float64) query.Query {
	var alts []func(float64) query.Query
	if len(written.tokens) > 0 {
		alts = append(alts, func(w float64) query.Query { return s.allPieces(written, w) })
		if len(written.tokens) > 1 && len(part.tokens) > 0 {
			alts = append(alts, func(w float64) query.Query { return s.anyPieces(part, w*weightPartial*share) })
		}
	}
	for _, m := range members {
		alts = append(alts, func(w float64) query.Query { return s.allPieces(m, w*weightSynonym) })
	}
	if len(alts) == 1 {
		return alts[0](weight)
	}
	qs := make(bestOf, len(alts))
	for k, a := range alts {
		qs[k] = a(weight)
	}
	return qs
}

// pieceQuery searches one analyzed token of p with weight: a lone
// character through the terms holding it, a bigram in each of its forms,
// anything else as the term it is. A synonym member (p.member) is not
// searched as the stem of a word of three (see wordmarks.go): the group
// says what the member means as a word, not what the longer word made
// of it means (试用 of 试用期 is probation, not a trial), and a guess on a
// guess (the word is another's synonym, and part of another word) finds
// more strangers than lessons. Inside a longer word of words (预算 of
// 预算冻结) it is searched, weaker (weightInside), and the word written is
// found as a stem too, as inside.
func (s synonyms) pieceQuery(tok *analysis.Token, weight float64, p pieces) query.Query {
	st := p.st
	if loneCharacter(tok) && !s.without.has(stepOneChar) {
		r := []rune(string(tok.Term))
		return charTerms{c: r[0], weight: weight}
	}
	if tok.Type != analysis.Double || s.without.has(stepWordMarks) || s.without.has(stepBigram) {
		return flatTerm{field: fieldText, term: string(tok.Term), weight: weight}
	}
	base, marks := splitMarks(string(tok.Term))
	var leaves bestOf
	for _, f := range bigramForms(base, marks) {
		if p.member && f.stem && marks&markStem == 0 {
			continue
		}
		// The forms were counted when the pieces were weighed (segment):
		// a form no document holds is not searched at all.
		if n, err := st.count(f.term); err != nil || n > 0 {
			leaves = append(leaves, flatTerm{field: fieldText, term: f.term, weight: weight * f.weight, docs: n})
		}
	}
	if len(leaves) == 0 {
		return flatTerm{field: fieldText, term: base, weight: weight}
	}
	return leaves
}

type bigramForm struct {
	term   string
	weight float64
	// stem is set on the forms of the word as the stem of a word of
	// three.
	stem bool
}

// bigramForms lists the indexed forms of the bigram base, which the query
// wrote with marks, and what a match on each is worth: the query's own
// form, and the word inside a longer one where the query's word goes on
// too, weight 1; the word inside a longer one (or the stem of a word of
// three) where the query's ends, weightInside; the other polarity,
// weightNegated.
func bigramForms(base string, marks uint8) []bigramForm {
	plain, negated := 1.0, weightNegated
	if marks&markNegated != 0 {
		plain, negated = weightNegated, 1.0
	}
	inside, stem := weightInside, weightStem
	if marks&markInside != 0 {
		inside = 1
	}
	if marks&markStem != 0 {
		stem = 1
	}
	return []bigramForm{
		{base, plain, false},
		{base + "+", plain * inside, false},
		{base + "+>", plain * stem, true},
		{base + "!", negated, false},
		{base + "!+", negated * inside, false},
		{base + "!+>", negated * stem, true},
	}
}
