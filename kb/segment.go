package kb

import (
	"context"
	"math"
	"slices"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	index "github.com/blevesearch/bleve_index_api"
)

// termStats reads how many documents hold a term, once per term and
// search, and once per snapshot where the snapshot's counts are kept
// (shared, see termcounts.go).
type termStats struct {
	ctx    context.Context
	r      index.IndexReader
	docs   map[string]uint64
	shared *snapshotCounts
	total  uint64
	// without lists the analysis steps switched off (quality test only).
	without analysisSteps
}

// count returns how many documents hold term in the text field.
func (st *termStats) count(term string) (uint64, error) {
	if n, ok := st.docs[term]; ok {
		return n, nil
	}
	n, err := fieldDocs(st.ctx, st.r, st.shared, fieldText, term)
	if err != nil {
		return 0, err
	}
	st.docs[term] = n
	return n, nil
}

// tokenDocs returns how many documents hold a query token: a bigram in
// any of its forms (see bigramForms), anything else as it is.
func (st *termStats) tokenDocs(tok *analysis.Token) (uint64, error) {
	if tok.Type != analysis.Double || st.without.has(stepWordMarks) {
		return st.count(string(tok.Term))
	}
	base, _ := splitMarks(string(tok.Term))
	var sum uint64
	for _, f := range bigramForms(base, 0) {
		n, err := st.count(f.term)
		if err != nil {
			return 0, err
		}
		sum += n
	}
	return sum, nil
}

// idf is BM25's inverse document frequency of a term held by docs
// documents.
func (st *termStats) idf(docs uint64) float64 {
	if st.total == 0 {
		st.total, _ = docTotal(st.r, st.shared)
	}
	return math.Log(1 + (float64(st.total)-float64(docs)+0.5)/(float64(docs)+0.5))
}

// segment reads which bigrams of a query are words. A run of CJK
// characters written without spaces (用数据证明价值, 交付慢) is split into
// words of one or two characters, choosing the split whose bigrams the
// index holds most often (the sum of log(1+documents)): words recur,
// bigrams across two words (据证, 付慢) rarely do. The bigrams of the
// split are words; the others likely span two words. Every token that is
// not a bigram counts as a word. The characters the split leaves as words
// of their own (慢 of 交付慢, 用 of 用数据证明价值) are returned as lone
// characters, when the run holds at least one word of two.
func segment(tokens analysis.TokenStream, st *termStats) (words []bool, singles analysis.TokenStream, err error) {
	words = make([]bool, len(tokens))
	for k := 0; k < len(tokens); {
		if tokens[k].Type != analysis.Double {
			words[k] = true
			k++
			continue
		}
		end := k + 1
		for end < len(tokens) && runNeighbour(tokens, end-1, end) {
			end++
		}
		score := make([]float64, end-k)
		for j := k; j < end; j++ {
			n, err := st.tokenDocs(tokens[j])
			if err != nil {
				return nil, nil, err
			}
			score[j-k] = math.Log1p(float64(n))
		}
		chosen := bestSplit(score)
		copy(words[k:end], chosen)
		singles = append(singles, leftOver(tokens[k:end], chosen)...)
		k = end
	}
	return words, singles, nil
}

// leftOver returns, as lone-character tokens, the characters of a run
// (its bigrams) that no chosen bigram covers, or nothing when none is
// chosen.
func leftOver(run analysis.TokenStream, chosen []bool) analysis.TokenStream {
	if !slices.Contains(chosen, true) {
		return nil
	}
	var out analysis.TokenStream
	for i := 0; i <= len(run); i++ {
		if (i < len(run) && chosen[i]) || (i > 0 && chosen[i-1]) {
			continue
		}
		var c []byte
		var start int
		if i < len(run) {
			base, _ := splitMarks(string(run[i].Term))
			r, _ := utf8.DecodeRuneInString(base)
			c, start = utf8.AppendRune(nil, r), run[i].Start
		} else {
			base, _ := splitMarks(string(run[i-1].Term))
			r, size := utf8.DecodeLastRuneInString(base)
			c, start = utf8.AppendRune(nil, r), run[i-1].End-size
		}
		out = append(out, &analysis.Token{Term: c, Start: start, End: start + len(c), Type: analysis.Single})
	}
	return out
}

// bestSplit chooses, among bigrams b0…bn-1 of one run (bi spans
// characters i and i+1), the non-overlapping set with the greatest total
// score; a bigram scoring 0 (never seen) is never chosen.
func bestSplit(score []float64) []bool {
	n := len(score) + 1 // characters
	best := make([]float64, n+1)
	took := make([]bool, n+1) // best[i] ends with the bigram of i-2, i-1
	for i := 1; i <= n; i++ {
		best[i] = best[i-1]
		if i >= 2 && score[i-2] > 0 && best[i-2]+score[i-2] > best[i] {
			best[i] = best[i-2] + score[i-2]
			took[i] = true
		}
	}
	chosen := make([]bool, len(score))
	for i := n; i > 0; {
		if took[i] {
			chosen[i-2] = true
			i -= 2
			continue
		}
		i--
	}
	return chosen
}
