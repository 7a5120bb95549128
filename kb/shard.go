package kb

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
)

// A generation keeps its documents in shards by team: every document of a
// team lives in the shard shardOf(team), so a search (always scoped to one
// team) reads that shard alone and costs what the team's shard holds, not
// what every team of the host holds. The meta index beside the shards
// holds the format, the feed and identity positions and the engagement
// states (state.go), so a page of the feed is applied by committing its
// documents to their shards first and its states and position to the meta
// index last: a crash in between leaves the old states and position, and
// the page is applied again (states make that idempotent).
//
// A shard is created on the first document of one of its teams (under a
// temporary name, renamed when complete), so a host with one team has one
// shard on disk.
const (
	// shardCount is the number of shards teams are spread over. Ranking
	// statistics (document frequencies, lengths) are those of the team's
	// shard.
	shardCount = 128
	metaDir    = "meta"
	shardDir   = "shard-"
)

// shardOf returns the shard of a team's documents.
func shardOf(team string) int {
	h := fnv.New32a()
	_, _ = h.Write([]byte(team))
	return int(h.Sum32() % shardCount)
}

// shardName names shard n's directory inside a generation.
func shardName(n int) string { return fmt.Sprintf("%s%03d", shardDir, n) }

// shardSet is the open shards of a generation, opened or created as they
// are needed.
type shardSet struct {
	dir     string
	mapping func() (*mapping.IndexMappingImpl, error)
	timeout time.Duration // bolt's lock timeout, for opening a shard
	mu      sync.Mutex
	open    map[int]bleve.Index
	// released holds the shards on disk that release closed while a
	// generation was built; get opens them again when they are needed.
	released map[int]bool
	empty    bleve.Index // an empty in-memory index, for teams without a shard
	// written holds the shards committed to since takeWritten last
	// emptied it (see readahead.go).
	written map[int]bool
	// wrap, when set (by tests only), wraps each shard get returns.
	wrap func(bleve.Index) bleve.Index
}

// newShardSet returns the shard set of the generation in dir, with no
// shard open.
func newShardSet(dir string, m func() (*mapping.IndexMappingImpl, error), timeout time.Duration) *shardSet {
	return &shardSet{dir: dir, mapping: m, timeout: timeout, open: map[int]bleve.Index{}, released: map[int]bool{}}
}

// openShards opens every shard in dir and removes the leftovers of a
// shard whose creation crashed.
func openShards(dir string, m func() (*mapping.IndexMappingImpl, error), timeout time.Duration) (*shardSet, error) {
	s := newShardSet(dir, m, timeout)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("kb: list %s: %w", dir, err)
	}
	for _, e := range entries {
		name := e.Name()
		if !e.IsDir() || !strings.HasPrefix(name, shardDir) {
			continue
		}
		path := filepath.Join(dir, name)
		n, err := strconv.Atoi(strings.TrimPrefix(name, shardDir))
		if err != nil || n < 0 || n >= shardCount || name != shardName(n) {
			// A shard whose creation did not finish: it held nothing yet.
			if err := os.RemoveAll(path); err != nil {
				return nil, errors.Join(fmt.Errorf("kb: remove %s: %w", path, err), s.close())
			}
			continue
		}
		idx, err := s.openOne(n)
		if err != nil {
			return nil, errors.Join(err, s.close())
		}
		s.open[n] = idx
	}
	return s, nil
}

// openOne opens shard n from disk.
func (s *shardSet) openOne(n int) (bleve.Index, error) {
	path := filepath.Join(s.dir, shardName(n))
	idx, err := bleve.OpenUsing(path, map[string]any{"bolt_timeout": s.timeout.String()})
	if err != nil {
		return nil, fmt.Errorf("kb: open index %s: %w", path, err)
	}
	return idx, nil
}

// get returns shard n, opening it again when release closed it, creating
// it when create is set, or nil when it does not exist and create is not
// set.
func (s *shardSet) get(n int, create bool) (bleve.Index, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	idx, ok := s.open[n]
	var err error
	switch {
	case !ok && s.released[n]:
		if idx, err = s.reopenLocked(n); err != nil {
			return nil, err
		}
	case !ok && create:
		if idx, err = s.create(n); err != nil {
			return nil, err
		}
		s.open[n] = idx
	}
	if idx != nil && s.wrap != nil {
		return s.wrap(idx), nil
	}
	return idx, nil
}

// create creates shard n, under a temporary name renamed when complete.
func (s *shardSet) create(n int) (bleve.Index, error) {
	m, err := s.mapping()
	if err != nil {
		return nil, err
	}
	path := filepath.Join(s.dir, shardName(n))
	tmp := path + ".new"
	if err := os.RemoveAll(tmp); err != nil {
		return nil, fmt.Errorf("kb: create shard %s: %w", path, err)
	}
	idx, err := bleve.NewUsing(tmp, m, scorch.Name, bleve.Config.DefaultKVStore, nil)
	if err != nil {
		return nil, fmt.Errorf("kb: create shard %s: %w", path, err)
	}
	if err := idx.Close(); err != nil {
		return nil, fmt.Errorf("kb: create shard %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return nil, fmt.Errorf("kb: create shard %s: %w", path, err)
	}
	syncDir(s.dir)
	if idx, err = bleve.Open(path); err != nil {
		return nil, fmt.Errorf("kb: open shard %s: %w", path, err)
	}
	return idx, nil
}

// forTeam returns the shard holding team's documents for a search: an
// empty index when the team has none yet.
func (s *shardSet) forTeam(team string) (bleve.Index, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := shardOf(team)
	if idx, ok := s.open[n]; ok {
		return idx, nil
	}
	if s.released[n] {
		return s.reopenLocked(n)
	}
	if s.empty == nil {
		m, err := s.mapping()
		if err != nil {
			return nil, err
		}
		if s.empty, err = bleve.NewMemOnly(m); err != nil {
			return nil, fmt.Errorf("kb: empty index: %w", err)
		}
	}
	return s.empty, nil
}

// release closes every open shard but those in keep. A listing by team
// (Rebuild, Recreate) calls it between commits, so that a generation being
// built keeps only the shards it is filling open: a closed shard's segment
// files are unmapped, and its memory is the operating system's again.
// Bleve has made every committed batch durable before Batch returned, so
// closing loses nothing. A released shard is opened again when it is next
// needed: by get and forTeam for one shard, by all for every shard.
// Opening it again lets Bleve merge the segments the listing left, so a
// rebuilt index merges a shard when it is first used, not every shard at
// once.
func (s *shardSet) release(keep map[int]bool) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	var errs []error
	for n, idx := range s.open {
		if keep[n] {
			continue
		}
		errs = append(errs, idx.Close())
		delete(s.open, n)
		s.released[n] = true
	}
	return errors.Join(errs...)
}

// reopenLocked opens released shard n again. s.mu is held.
func (s *shardSet) reopenLocked(n int) (bleve.Index, error) {
	idx, err := s.openOne(n)
	if err != nil {
		return nil, err
	}
	delete(s.released, n)
	s.open[n] = idx
	return idx, nil
}

// all returns every shard in shard order, opening the released ones again.
func (s *shardSet) all() ([]bleve.Index, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for n := range s.released {
		if _, err := s.reopenLocked(n); err != nil {
			return nil, err
		}
	}
	return s.openLocked(), nil
}

// wrote records that a batch was committed to shard n.
func (s *shardSet) wrote(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.written == nil {
		s.written = map[int]bool{}
	}
	s.written[n] = true
}

// takeWritten returns the shards committed to since it was last called.
func (s *shardSet) takeWritten() []int {
	s.mu.Lock()
	defer s.mu.Unlock()
	ns := make([]int, 0, len(s.written))
	for n := range s.written {
		ns = append(ns, n)
	}
	s.written = nil
	return ns
}

// onDisk returns the shards the generation holds on disk, open or
// released.
func (s *shardSet) onDisk() []int {
	s.mu.Lock()
	defer s.mu.Unlock()
	ns := make([]int, 0, len(s.open)+len(s.released))
	for n := range s.open {
		ns = append(ns, n)
	}
	for n := range s.released {
		ns = append(ns, n)
	}
	return ns
}

// opened returns the open shards in shard order, leaving the released ones
// closed.
func (s *shardSet) opened() []bleve.Index {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.openLocked()
}

// openLocked returns the open shards in shard order. s.mu is held.
func (s *shardSet) openLocked() []bleve.Index {
	ns := make([]int, 0, len(s.open))
	for n := range s.open {
		ns = append(ns, n)
	}
	slices.Sort(ns)
	out := make([]bleve.Index, len(ns))
	for i, n := range ns {
		out[i] = s.open[n]
	}
	return out
}

// close closes every shard.
func (s *shardSet) close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	var errs []error
	for n, idx := range s.open {
		errs = append(errs, idx.Close())
		delete(s.open, n)
	}
	if s.empty != nil {
		errs = append(errs, s.empty.Close())
		s.empty = nil
	}
	return errors.Join(errs...)
}

// engagementDocs returns, by shard, the ids of every derived document the
// shards hold for the engagement, found by its engagement id field rather
// than by a state that may be corrupt.
func (s *shardSet) engagementDocs(ctx context.Context, engagementID string) (map[int][]string, error) {
	if _, err := s.all(); err != nil { // opens the released shards
		return nil, err
	}
	s.mu.Lock()
	open := make(map[int]bleve.Index, len(s.open))
	for n, idx := range s.open {
		open[n] = idx
	}
	s.mu.Unlock()
	out := map[int][]string{}
	for n, idx := range open {
		ids, err := engagementDocs(ctx, idx, engagementID)
		if err != nil {
			return nil, err
		}
		if len(ids) > 0 {
			out[n] = ids
		}
	}
	return out, nil
}

// readStates returns the stored state of each engagement, like the
// package's readStates, reading each from the shard of its team (teams,
// from the feed) or, for an engagement whose team is not known, from every
// shard. States of an unknown team (a quarantine record written while
// listing, before the engagement could be read) live in the meta index and
// are read too while it holds any; inMeta names the engagements of a known
// team that still have such a record there, for the caller to remove.
func (g *generation) readStates(ctx context.Context, engagementIDs []string, teams map[string]string) (states map[string]engagementState, bad map[string]error, inMeta map[string]bool, err error) {
	states = make(map[string]engagementState, len(engagementIDs))
	merge := func(idx bleve.Index, ids []string, into map[string]engagementState) error {
		if len(ids) == 0 {
			return nil
		}
		s, b, err := readStates(ctx, idx, ids)
		if err != nil {
			return err
		}
		for id, st := range s {
			into[id] = st
		}
		for id, e := range b {
			if bad == nil {
				bad = map[string]error{}
			}
			bad[id] = e
		}
		return nil
	}
	byShard := map[int][]string{}
	var unknown []string
	for _, id := range engagementIDs {
		if t := teams[id]; t != "" {
			byShard[shardOf(t)] = append(byShard[shardOf(t)], id)
		} else {
			unknown = append(unknown, id)
		}
	}
	// Meta records first, so that a shard's state wins over them.
	if n, err := g.idx.DocCount(); err != nil {
		return nil, nil, nil, fmt.Errorf("kb: read engagement states: %w", err)
	} else if n > 0 {
		meta := map[string]engagementState{}
		if err := merge(g.idx, engagementIDs, meta); err != nil {
			return nil, nil, nil, err
		}
		for id, st := range meta {
			states[id] = st
			if teams[id] != "" {
				if inMeta == nil {
					inMeta = map[string]bool{}
				}
				inMeta[id] = true
			}
		}
	}
	for n, ids := range byShard {
		idx, err := g.shards.get(n, false)
		if err != nil {
			return nil, nil, nil, err
		}
		if idx == nil {
			continue
		}
		if err := merge(idx, ids, states); err != nil {
			return nil, nil, nil, err
		}
	}
	if len(unknown) > 0 {
		all, err := g.shards.all()
		if err != nil {
			return nil, nil, nil, err
		}
		if len(all) > 0 {
			if err := merge(bleve.NewIndexAlias(all...), unknown, states); err != nil {
				return nil, nil, nil, err
			}
		}
	}
	return states, bad, inMeta, nil
}

// stateIndex is every index that may hold engagement states: the meta
// index and the shards.
func (g *generation) stateIndex() (bleve.Index, error) {
	all, err := g.shards.all()
	if err != nil {
		return nil, err
	}
	return bleve.NewIndexAlias(append([]bleve.Index{g.idx}, all...)...), nil
}

// gatherLimit is how many Bleve operations (documents, states, deletions)
// a gather holds before it commits them.
const gatherLimit = 4096

// gather holds the shard batches of consecutive pages and commits them
// together. A page holds the changes of whichever teams wrote, and a
// listing (Rebuild, Recreate) goes in engagement id order: either way a
// page of 256 engagements may hold a few of many teams. Committed page by
// page, every shard would get a Bleve batch — a segment, a persist — of a
// few documents per page (four times the CPU per document of one index,
// with twenty teams taking turns). Gathered, each shard gets one batch per
// gather. Pages of one shard are committed one by one, as before. The position of the last page gathered goes to the meta index
// after every shard, so a crash loses the gathered pages whole and the
// next catch-up applies them again.
type gather struct {
	g     *generation
	docs  map[int]*bleve.Batch
	order []int // the shards of docs, in the order pages first named them
	meta  *bleve.Batch
	pos   string // the position of the last page gathered
	size  int
	limit int
}

// newGather returns an empty gather of g holding up to limit operations
// (gatherLimit when limit is 0; tests pass 1 to commit every page).
func newGather(g *generation, limit int) *gather {
	if limit <= 0 {
		limit = gatherLimit
	}
	return &gather{g: g, docs: map[int]*bleve.Batch{}, meta: g.idx.NewBatch(), limit: limit}
}

// add gathers a built page and reports whether to commit now: when the
// gather is full, or when all it holds is for one shard (the page alone
// makes a batch as large as it can be: a page of one team's changes, or a
// host with one team).
func (ga *gather) add(p *pageBatch) bool {
	for _, n := range p.order {
		b := p.docs[n]
		if cur, ok := ga.docs[n]; ok {
			cur.Merge(b)
		} else {
			ga.docs[n] = b
			ga.order = append(ga.order, n)
		}
		ga.size += b.Size()
	}
	ga.meta.Merge(p.b)
	ga.pos = p.pos
	ga.size += p.b.Size()
	return ga.size >= ga.limit || len(ga.docs) <= 1
}

// empty reports whether nothing is gathered.
func (ga *gather) empty() bool { return ga.size == 0 }

// commit commits what is gathered: the shards in the order the pages
// first named them (a listing by team fills a shard, then the next), then
// the meta index (the position), and starts over empty. When the gather holds
// one shard's batch and the meta index nothing but the position, the
// position goes in that shard's batch instead, numbered (see position):
// one commit, not two.
func (ga *gather) commit() error {
	seq := []byte(strconv.FormatInt(ga.g.seq.Add(1), 10))
	if len(ga.docs) == 1 && ga.meta.Size() == 1 {
		for _, b := range ga.docs {
			b.SetInternal([]byte(keyPos), []byte(ga.pos))
			b.SetInternal([]byte(keySeq), seq)
		}
		ga.meta.Reset()
	} else {
		ga.meta.SetInternal([]byte(keySeq), seq)
	}
	for _, n := range ga.order {
		idx, err := ga.g.shards.get(n, true)
		if err != nil {
			return err
		}
		err = idx.Batch(ga.docs[n])
		ga.g.shards.wrote(n)
		if err != nil {
			return fmt.Errorf("kb: commit batch: %w", err)
		}
	}
	if ga.meta.Size() > 0 {
		if err := ga.g.idx.Batch(ga.meta); err != nil {
			return fmt.Errorf("kb: commit batch: %w", err)
		}
	}
	ga.docs, ga.order, ga.meta, ga.size = map[int]*bleve.Batch{}, nil, ga.g.idx.NewBatch(), 0
	return nil
}

// keySeq numbers the commits that store a position, in the same batch as
// the position: a commit of one shard carries the position in that
// shard's batch, any other in the meta index's, so the generation's
// position is the one stored with the highest number.
const keySeq = "kb/seq"

// position returns the feed position the generation has applied up to,
// and the highest commit number stored.
func (g *generation) position() (string, int64, error) {
	best, pos := int64(-1), ""
	// A released shard (see release) was closed while the generation was
	// built and has not been written since: every position it holds was
	// stored before the one the build stored last.
	for _, idx := range append([]bleve.Index{g.idx}, g.shards.opened()...) {
		p, err := idx.GetInternal([]byte(keyPos))
		if err != nil {
			return "", 0, fmt.Errorf("kb: read feed position: %w", err)
		}
		raw, err := idx.GetInternal([]byte(keySeq))
		if err != nil {
			return "", 0, fmt.Errorf("kb: read feed position: %w", err)
		}
		if p == nil && raw == nil {
			continue // holds no position
		}
		var seq int64
		if len(raw) > 0 {
			if seq, err = strconv.ParseInt(string(raw), 10, 64); err != nil {
				return "", 0, fmt.Errorf("kb: commit number %q is corrupt: %w", raw, err)
			}
		}
		if seq > best {
			best, pos = seq, string(p)
		}
	}
	return pos, max(best, 0), nil
}
