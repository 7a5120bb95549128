package kb

import (
	"context"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	index "github.com/blevesearch/bleve_index_api"
)

// bestOf matches what any of its alternatives matches and scores a
// document by the best alternative it matches, plus bestOfTie of the
// others: the forms of one word (安全, 安全+), the terms holding one
// character, the members of one synonym group. Bleve's disjunction sums
// what matched and scales it by the share of alternatives matched, so a
// document naming two members of a group would outscore one naming the
// word the user typed; with bestOf the word typed stays first.
type bestOf []query.Query

// bestOfTie is how much the alternatives a document matches besides its
// best one add: a little, so a text that says the word twice ranks above
// one that says it once, never so much that two weak matches beat a
// strong one.
const bestOfTie = 0.1

var _ query.Query = bestOf{}

// Searcher implements query.Query.
func (q bestOf) Searcher(ctx context.Context, i index.IndexReader, m mapping.IndexMapping, options search.SearcherOptions) (search.Searcher, error) {
	kids := make([]search.Searcher, 0, len(q))
	for _, alt := range q {
		s, err := alt.Searcher(ctx, i, m, options)
		if err != nil {
			for _, k := range kids {
				_ = k.Close()
			}
			return nil, err
		}
		if _, none := s.(*searcher.MatchNoneSearcher); none {
			_ = s.Close()
			continue
		}
		kids = append(kids, s)
	}
	return newBestOfSearcher(i, kids, options)
}

// newBestOfSearcher combines kids (see bestOf); it takes their ownership.
func newBestOfSearcher(i index.IndexReader, kids []search.Searcher, options search.SearcherOptions) (search.Searcher, error) {
	switch len(kids) {
	case 0:
		return searcher.NewMatchNoneSearcher(i)
	case 1:
		return kids[0], nil
	}
	return &bestOfSearcher{kids: kids, currs: make([]*search.DocumentMatch, len(kids)), explain: options.Explain}, nil
}

// bestOfSearcher walks its kids in document order, as Bleve's disjunction
// searcher does, and scores each document as bestOf says.
type bestOfSearcher struct {
	kids        []search.Searcher
	currs       []*search.DocumentMatch
	initialized bool
	explain     bool
}

func (s *bestOfSearcher) init(ctx *search.SearchContext) error {
	for k, kid := range s.kids {
		var err error
		if s.currs[k], err = kid.Next(ctx); err != nil {
			return err
		}
	}
	s.initialized = true
	return nil
}

// Next implements search.Searcher.
func (s *bestOfSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	if !s.initialized {
		if err := s.init(ctx); err != nil {
			return nil, err
		}
	}
	var first *search.DocumentMatch
	for _, c := range s.currs {
		if c != nil && (first == nil || c.IndexInternalID.Compare(first.IndexInternalID) < 0) {
			first = c
		}
	}
	if first == nil {
		return nil, nil
	}
	id := first.IndexInternalID
	var best, sum float64
	var others []*search.DocumentMatch
	var expls []*search.Explanation
	for k, c := range s.currs {
		if c == nil || c.IndexInternalID.Compare(id) != 0 {
			continue
		}
		best = max(best, c.Score)
		sum += c.Score
		if s.explain {
			expls = append(expls, c.Expl)
		}
		if c != first {
			others = append(others, c)
		}
		next, err := s.kids[k].Next(ctx)
		if err != nil {
			return nil, err
		}
		s.currs[k] = next
	}
	first.Score = best + bestOfTie*(sum-best)
	first.FieldTermLocations = search.MergeFieldTermLocations(first.FieldTermLocations, others)
	if s.explain {
		first.Expl = &search.Explanation{Value: first.Score, Message: "best of, plus a tenth of the rest:", Children: expls}
	}
	for _, o := range others {
		ctx.DocumentMatchPool.Put(o)
	}
	return first, nil
}

// Advance implements search.Searcher.
func (s *bestOfSearcher) Advance(ctx *search.SearchContext, id index.IndexInternalID) (*search.DocumentMatch, error) {
	if !s.initialized {
		if err := s.init(ctx); err != nil {
			return nil, err
		}
	}
	for k, kid := range s.kids {
		c := s.currs[k]
		if c == nil || c.IndexInternalID.Compare(id) >= 0 {
			continue
		}
		ctx.DocumentMatchPool.Put(c)
		var err error
		if s.currs[k], err = kid.Advance(ctx, id); err != nil {
			return nil, err
		}
	}
	return s.Next(ctx)
}

// Close implements search.Searcher.
func (s *bestOfSearcher) Close() error {
	var first error
	for _, k := range s.kids {
		if err := k.Close(); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// Weight implements search.Searcher.
func (s *bestOfSearcher) Weight() float64 {
	var w float64
	for _, k := range s.kids {
		w += k.Weight()
	}
	return w
}

// SetQueryNorm implements search.Searcher.
func (s *bestOfSearcher) SetQueryNorm(n float64) {
	for _, k := range s.kids {
		k.SetQueryNorm(n)
	}
}

// Count implements search.Searcher: an upper bound, as Bleve's
// disjunction reports.
func (s *bestOfSearcher) Count() uint64 {
	var n uint64
	for _, k := range s.kids {
		n += k.Count()
	}
	return n
}

// Min implements search.Searcher.
func (s *bestOfSearcher) Min() int { return 0 }

// Size implements search.Searcher.
func (s *bestOfSearcher) Size() int {
	n := 64
	for _, k := range s.kids {
		n += k.Size()
	}
	return n
}

// DocumentMatchPoolSize implements search.Searcher: each kid holds its
// current match, and one more is handed out.
func (s *bestOfSearcher) DocumentMatchPoolSize() int {
	n := len(s.kids) + 1
	for _, k := range s.kids {
		n += k.DocumentMatchPoolSize()
	}
	return n
}
