package kb

import (
	"runtime"
	"sync"
	"weak"

	"github.com/blevesearch/bleve/v2/index/scorch"
	index "github.com/blevesearch/bleve_index_api"
)

// A text query is weighed against the index it searches (planQuery): how
// many documents hold each form of each of its bigrams, and those of every
// synonym it names. Read from the index, that is a dictionary lookup in
// every segment of the shard for each term, some eighty terms for a query
// naming a group of nine members: at a million engagements, a sixth of a
// search's CPU. A Bleve snapshot never changes once
// made, so a count read from one holds for every later search of the same
// snapshot: snapshotCounts keeps them, keyed by the snapshot itself and
// dropped when the garbage collector frees it. Searches of a shard between
// two of its writes read the same snapshot.

// maxCachedTerms bounds the terms kept for one snapshot, so queries of
// ever new words cannot grow it without end; past it counts are read from
// the index as before.
const maxCachedTerms = 8192

// fieldTerm is a term of one field.
type fieldTerm struct{ field, term string }

// snapshotCounts are the document counts read from one snapshot.
type snapshotCounts struct {
	mu    sync.Mutex
	terms map[fieldTerm]uint64
	total uint64
	// totalRead is set once total holds the snapshot's document count.
	totalRead bool
}

// term returns the cached count of term, if any.
func (c *snapshotCounts) term(term fieldTerm) (uint64, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	n, ok := c.terms[term]
	return n, ok
}

// keep records that n documents hold term.
func (c *snapshotCounts) keep(term fieldTerm, n uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.terms) < maxCachedTerms {
		c.terms[term] = n
	}
}

// docCount returns the snapshot's document count, read once.
func (c *snapshotCounts) docCount(r index.IndexReader) (uint64, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.totalRead {
		n, err := r.DocCount()
		if err != nil {
			return 0, err
		}
		c.total, c.totalRead = n, true
	}
	return c.total, nil
}

// snapshotKey names a snapshot without keeping it alive.
type snapshotKey = weak.Pointer[scorch.IndexSnapshot]

var countsBySnapshot struct {
	mu sync.Mutex
	m  map[snapshotKey]*snapshotCounts
}

// countsFor returns the counts kept for the snapshot r reads, or nil when r
// is not a scorch snapshot (nothing is kept then).
func countsFor(r index.IndexReader) *snapshotCounts {
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok || snap == nil {
		return nil
	}
	key := weak.Make(snap)
	countsBySnapshot.mu.Lock()
	defer countsBySnapshot.mu.Unlock()
	if countsBySnapshot.m == nil {
		countsBySnapshot.m = map[snapshotKey]*snapshotCounts{}
	}
	c := countsBySnapshot.m[key]
	if c == nil {
		c = &snapshotCounts{terms: map[fieldTerm]uint64{}}
		countsBySnapshot.m[key] = c
		runtime.AddCleanup(snap, forgetCounts, key)
	}
	return c
}

// forgetCounts drops the counts of a snapshot the garbage collector freed.
func forgetCounts(key snapshotKey) {
	countsBySnapshot.mu.Lock()
	defer countsBySnapshot.mu.Unlock()
	delete(countsBySnapshot.m, key)
}
