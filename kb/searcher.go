package kb

import "context"

// Searcher is the read side of an Index, what a page or a handler serving
// searches needs: *Index satisfies it, and a host may wrap it (to count,
// cache or fail calls in a test). Search keeps hits and facet counts to
// the actor's team; Similar answers only for an engagement the actor may
// read; both name customers only for engagements the actor may read.
type Searcher interface {
	Search(ctx context.Context, actor string, q Query) (Result, error)
	Similar(ctx context.Context, actor, engagementID string, limit int) ([]Hit, error)
}

var _ Searcher = (*Index)(nil)
