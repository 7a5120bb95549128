package kb

import (
	"context"
	"fmt"
	"math"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	index "github.com/blevesearch/bleve_index_api"
)

// How a search ranks: by what matched, not by how rare it is.
//
// BM25 weighs a term by the square of its rarity (idf, once in the
// document score and once in the query weight). Left to itself that puts
// a rare synonym above the word the user typed, a rare accidental bigram
// (付慢 of 交付慢) above a common word, and 贵州 above 太贵 for 贵. So every
// leaf of a text query is a flat term: its boost is its weight divided by
// the square of its idf, read from the index when the search runs, and
// what is left of BM25 is the term frequency and the document length.
// The weights then say what each match is worth:
//
//	the word as the user wrote it, standing as a word     weightWord
//	the word inside a longer word (安全 of 安全评审)        weightInside
//	the stem of a word of three (安全 of 安全帽)            weightStem
//	a member of the word's synonym group                   weightSynonym
//	the word turned around by a negation (不满意)           weightNegated
//
// and the pieces of a query are concepts (each synonym group found, each
// other word): a document covering every concept ranks above one covering
// some (see textPlan).
const (
	weightWord   = 1.0
	weightInside = 0.5
	// weightStem is the word as the stem of a word of three (安全 of
	// 安全帽): part of another word, which names another thing.
	weightStem    = 0.25
	weightSynonym = 0.15
	weightNegated = 0.15
	// weightPartOfWord is a one-character query found as the first
	// character of a longer word (慢 of 慢性病, 贵 of 贵州).
	weightPartOfWord = 0.25
)

// flatTerm is a term query whose score does not depend on the term's
// rarity: weight times BM25's term-frequency and length part.
type flatTerm struct {
	field, term string
	weight      float64
	// docs, when not zero, is how many documents hold the term, already
	// read (see termStats); zero means read it.
	docs uint64
}

var _ query.Query = flatTerm{}

// Searcher implements query.Query.
func (q flatTerm) Searcher(ctx context.Context, i index.IndexReader, _ mapping.IndexMapping, options search.SearcherOptions) (search.Searcher, error) {
	shared := countsFor(i)
	n := q.docs
	if n == 0 {
		var err error
		if n, err = fieldDocs(ctx, i, shared, q.field, q.term); err != nil {
			return nil, err
		}
	}
	if n == 0 {
		return searcher.NewMatchNoneSearcher(i)
	}
	boost, err := flatBoost(i, shared, q.weight, n)
	if err != nil {
		return nil, err
	}
	return searcher.NewTermSearcher(ctx, i, q.term, q.field, boost, options)
}

// fieldDocs returns how many documents hold term in field, from the
// snapshot's kept counts when it has them (shared, may be nil).
func fieldDocs(ctx context.Context, i index.IndexReader, shared *snapshotCounts, field, term string) (uint64, error) {
	key := fieldTerm{field, term}
	if shared != nil {
		if n, ok := shared.term(key); ok {
			return n, nil
		}
	}
	r, err := i.TermFieldReader(ctx, []byte(term), field, false, false, false)
	if err != nil {
		return 0, err
	}
	n := r.Count()
	if err := r.Close(); err != nil {
		return 0, err
	}
	if shared != nil {
		shared.keep(key, n)
	}
	return n, nil
}

// docTotal returns how many documents the snapshot i holds, read once per
// snapshot where its counts are kept (shared, may be nil).
func docTotal(i index.IndexReader, shared *snapshotCounts) (uint64, error) {
	if shared != nil {
		return shared.docCount(i)
	}
	return i.DocCount()
}

// flatBoost is the boost that gives a term found in docs documents the
// score weight × BM25's frequency part: BM25 multiplies the boost by idf²
// (see bleve's TermQueryScorer), so the boost divides by it.
func flatBoost(i index.IndexReader, shared *snapshotCounts, weight float64, docs uint64) (float64, error) {
	total, err := docTotal(i, shared)
	if err != nil {
		return 0, err
	}
	idf := math.Log(1 + (float64(total)-float64(docs)+0.5)/(float64(docs)+0.5))
	idf = max(idf, 0.01)
	return weight / (idf * idf), nil
}

// charTerms finds a one-character query c (folded, lower-cased) through
// the terms that hold it: c itself, where it stands alone, and every
// bigram starting or ending with it (no unigram of every character is
// indexed). Each term is weighed by what it says about c (see charWeight):
// 太慢 and 慢了 hold 慢 as a word, 慢性 holds it as part of another one.
type charTerms struct {
	c      rune
	weight float64
}

var _ query.Query = charTerms{}

// Searcher implements query.Query.
func (q charTerms) Searcher(ctx context.Context, i index.IndexReader, _ mapping.IndexMapping, options search.SearcherOptions) (search.Searcher, error) {
	c := string(q.c)
	shared := countsFor(i)
	type found struct {
		term string
		docs uint64
	}
	var terms []found
	collect := func(d index.FieldDict, err error) error {
		if err != nil {
			return err
		}
		defer d.Close()
		for {
			e, err := d.Next()
			if err != nil {
				return err
			}
			if e == nil {
				return nil
			}
			n := e.Count
			if n == 0 {
				// A dictionary read by pattern does not count documents.
				if n, err = fieldDocs(ctx, i, shared, fieldText, e.Term); err != nil {
					return err
				}
			}
			terms = append(terms, found{e.Term, n})
		}
	}
	if err := collect(i.FieldDictPrefix(fieldText, []byte(c))); err != nil {
		return nil, err
	}
	ir, ok := i.(index.IndexReaderRegexp)
	if !ok {
		return nil, fmt.Errorf("kb: the index reader cannot list terms by pattern")
	}
	// Bigrams ending with c, with their marks.
	if err := collect(ir.FieldDictRegexp(fieldText, "."+regexp.QuoteMeta(c)+"[!+>]*")); err != nil {
		return nil, err
	}
	type leaf struct {
		term   string
		docs   uint64
		weight float64
	}
	var kept []leaf
	for _, t := range terms {
		if w := charWeight(q.c, t.term); w > 0 {
			kept = append(kept, leaf{t.term, t.docs, w})
		}
	}
	if len(kept) == 0 {
		return searcher.NewMatchNoneSearcher(i)
	}
	leaves := make([]search.Searcher, 0, len(kept))
	for _, t := range kept {
		boost, err := flatBoost(i, shared, q.weight*t.weight, t.docs)
		if err == nil {
			var s search.Searcher
			if s, err = searcher.NewTermSearcher(ctx, i, t.term, fieldText, boost, options); err == nil {
				leaves = append(leaves, s)
				continue
			}
		}
		for _, s := range leaves {
			_ = s.Close()
		}
		return nil, err
	}
	return newBestOfSearcher(i, leaves, options)
}

// charWeight is what term, an indexed term holding c, says about c: 1
// when c stands alone, ends a word (太慢, 上线慢) or is followed by a
// particle (慢了); weightPartOfWord when c begins a longer word (慢性病,
// 难得); weightInside when c ends a bigram that goes on (上线慢导致) or is
// doubled (慢慢, gradually: weightPartOfWord);
// weightNegated when a negation turns the term around. It is 0 for
// terms that do not hold c as a character (an English word starting
// with the same letter cannot: c is CJK).
func charWeight(c rune, term string) float64 {
	base, marks := splitMarks(term)
	first, size := utf8.DecodeRuneInString(base)
	if base == string(c) {
		return weightWord
	}
	if utf8.RuneCountInString(base) != 2 {
		return 0
	}
	second, _ := utf8.DecodeRuneInString(base[size:])
	var w float64
	switch {
	case first == second:
		w = weightPartOfWord // 慢慢 (gradually) is a word of its own
	case second == c && (marks&markInside == 0 || grammatical(first)):
		w = weightWord
	case second == c:
		w = weightInside
	case first == c && strings.ContainsRune(particles, second):
		w = weightWord
	case first == c:
		w = weightPartOfWord
	default:
		return 0
	}
	if marks&markNegated != 0 {
		w = min(w, weightNegated)
	}
	return w
}

var _ query.Query = planQuery{}

// Searcher implements query.Query.
func (q planQuery) Searcher(ctx context.Context, i index.IndexReader, m mapping.IndexMapping, options search.SearcherOptions) (search.Searcher, error) {
	st := &termStats{ctx: ctx, r: i, docs: map[string]uint64{}, shared: countsFor(i), without: q.syn.without}
	built, err := q.build(st)
	if err != nil {
		return nil, err
	}
	if built == nil {
		return searcher.NewMatchNoneSearcher(i)
	}
	return built.Searcher(ctx, i, m, options)
}
