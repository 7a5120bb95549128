package kb

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/dealtrail/dealtrail/salesrec"
)

// opLog records, in order, what a catch-up did, across goroutines.
type opLog struct {
	mu  sync.Mutex
	ops []string
}

func (l *opLog) add(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.ops = append(l.ops, fmt.Sprintf(format, args...))
}

// index returns where op was recorded, -1 if it was not.
func (l *opLog) index(op string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.Index(l.ops, op)
}

func (l *opLog) count(prefix string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, op := range l.ops {
		if strings.HasPrefix(op, prefix) {
			n++
		}
	}
	return n
}

// recordingSource logs the feed reads and snapshots of a catch-up.
type recordingSource struct {
	Source
	log *opLog
}

func (s recordingSource) ReadFeed(ctx context.Context, after string, limit int) ([]salesrec.Change, error) {
	s.log.add("feed after %q", after)
	return s.Source.ReadFeed(ctx, after, limit)
}

func (s recordingSource) Snapshot(ctx context.Context, id string) (salesrec.Engagement, salesrec.Customer, error) {
	s.log.add("snapshot %s", id)
	return s.Source.Snapshot(ctx, id)
}

// bleveIndex names the embedded index of gatedIndex, whose own name would
// collide with bleve.Index's Index method.
type bleveIndex = bleve.Index

// gatedIndex is a Bleve index (a team's shard) whose page commits the
// test controls: the n-th page commit (from 1) runs commit(n, do), which
// may hold it, fail it or pass it on (do commits the page to the shard and
// the meta index). It signals every finished state search, so a commit
// can wait for the next page to be built.
type gatedIndex struct {
	bleveIndex
	log      *opLog
	commit   func(n int, do func() error) error
	searched chan struct{}
	commits  int
	searches int // state searches a commit has seen signalled
}

func (g *gatedIndex) SearchInContext(ctx context.Context, req *bleve.SearchRequest) (*bleve.SearchResult, error) {
	res, err := g.bleveIndex.SearchInContext(ctx, req)
	g.searched <- struct{}{}
	return res, err
}

func (g *gatedIndex) page(do func() error) error {
	g.commits++ // page commits never overlap: one commit at a time
	n := g.commits
	g.log.add("commit %d begins", n)
	err := g.commit(n, do)
	g.log.add("commit %d ends", n)
	return err
}

// awaitSearches waits until n state searches have finished, or fails the
// test when a generous deadline passes first (a catch-up that does not
// build the next page while it commits never gets there).
func (g *gatedIndex) awaitSearches(t *testing.T, n int) {
	deadline := time.NewTimer(10 * time.Second)
	defer deadline.Stop()
	for g.searches < n {
		select {
		case <-g.searched:
			g.searches++
		case <-deadline.C:
			t.Errorf("commit %d: only %d of %d state searches done; the next page is not built during a commit", g.commits, g.searches, n)
			return
		}
	}
}

// gen is the live generation with its team's shard (the fixture's
// engagements are all of team t1) and its page commits behind the gate.
func (p *pipelineFixture) gen(t *testing.T) *generation {
	t.Helper()
	idx, err := p.x.cur.shards.get(shardOf("t1"), true)
	if err != nil {
		t.Fatal(err)
	}
	p.gate.bleveIndex = idx
	p.x.cur.shards.wrap = func(bleve.Index) bleve.Index { return p.gate }
	p.x.commitPage = p.gate.page
	p.x.gatherLimit = 1 // every page is a commit of its own
	return p.x.cur
}

// pipelineFixture is an index over a recording source whose feed holds
// the given number of single-change pages, and a gated view of its Bleve
// index to catch up with.
type pipelineFixture struct {
	x         *Index
	gate      *gatedIndex
	log       *opLog
	positions []string // the position of each page
	committed []string // positions Options.Committed was told, in order
}

// stoppedAfter checks that a catch-up of one-document pages began begun
// commits and then stopped with the first committed pages applied:
// Committed told of them alone, the position is the last of them and the
// index holds their documents.
func (p *pipelineFixture) stoppedAfter(t *testing.T, begun, committed int) {
	t.Helper()
	if p.gate.commits != begun {
		t.Errorf("%d commits begun, want %d: none after the one that stopped the catch-up\n%v", p.gate.commits, begun, p.log.ops)
	}
	if !slices.Equal(p.committed, p.positions[:committed]) {
		t.Errorf("Committed told %v, want the committed pages %v", p.committed, p.positions[:committed])
	}
	if pos, _ := p.x.Position(); pos != p.positions[committed-1] {
		t.Errorf("position = %q, want the last committed page's %q", pos, p.positions[committed-1])
	}
	if got := docCount(t, p.x); got != committed {
		t.Errorf("%d documents, want the committed pages' %d", got, committed)
	}
}

func newPipelineFixture(t *testing.T, f *fixture, commit func(p *pipelineFixture, n int, do func() error) error) *pipelineFixture {
	t.Helper()
	p := &pipelineFixture{log: &opLog{}}
	changes, err := f.src.ReadFeed(context.Background(), "", 1000)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range changes {
		p.positions = append(p.positions, c.Pos)
	}
	p.x, err = Open(t.TempDir(), recordingSource{Source: f.src, log: p.log}, Options{
		FeedPage: 1,
		Committed: func(pos string, _ int) {
			p.log.add("committed %s", pos)
			p.committed = append(p.committed, pos)
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = p.x.Close() })
	p.gate = &gatedIndex{
		bleveIndex: nil, // the shard, once created (see gen)
		log:        p.log,
		searched:   make(chan struct{}, len(changes)+1),
		commit:     func(n int, do func() error) error { return commit(p, n, do) },
	}
	return p
}

func TestSyncBuildsTheNextPageWhileCommitting(t *testing.T) {
	f := newFixture(t, Options{})
	c := f.customer("t1", "客户壬", "医疗")
	e1 := f.won("t1", "r1", c, "先做一个科室的试点")
	e1.Lessons = append(e1.Lessons, salesrec.Lesson{Kind: salesrec.LessonSuccess, Text: "院方信息科全程参与"})
	e1 = f.src.Put(e1) // a second version: page 2 names e1 again
	e2 := f.won("t1", "r1", c, "招标前充分沟通参数")
	e3 := f.won("t1", "r1", c, "售后响应写进合同")
	// Pages: e1 v1, e1 v2, e2, e3.
	p := newPipelineFixture(t, f, func(p *pipelineFixture, n int, do func() error) error {
		if n < len(p.positions) {
			// Hold commit n until page n+1 has been read and its states
			// searched, while commit n has not reached the index.
			p.gate.awaitSearches(t, n+1)
		}
		return do()
	})

	if err := p.x.catchUp(context.Background(), p.gen(t), nil); err != nil {
		t.Fatalf("catchUp: %v", err)
	}
	for n := 1; n < len(p.positions); n++ {
		read, ends := p.log.index(fmt.Sprintf("feed after %q", p.positions[n-1])), p.log.index(fmt.Sprintf("commit %d ends", n))
		if read < 0 || ends < 0 || read > ends {
			t.Errorf("page %d was not read while commit %d ran:\n%v", n+1, n, p.log.ops)
		}
	}
	// Page 2 (e1 v2) was built while commit 1 (e1 at v2, as snapshotted)
	// was held: only the states of the batch in flight tell it to skip e1.
	for _, e := range []salesrec.Engagement{e1, e2, e3} {
		if n := p.log.count("snapshot " + e.ID); n != 1 {
			t.Errorf("%s snapshotted %d times, want 1 (as one page at a time would):\n%v", e.ID, n, p.log.ops)
		}
	}
	if !slices.Equal(p.committed, p.positions) {
		t.Errorf("Committed told %v, want every page in order %v", p.committed, p.positions)
	}
	for n, pos := range p.positions {
		if p.log.index(fmt.Sprintf("committed %s", pos)) < p.log.index(fmt.Sprintf("commit %d ends", n+1)) {
			t.Errorf("Committed(%s) was called before commit %d ended:\n%v", pos, n+1, p.log.ops)
		}
	}
	if pos, _ := p.x.Position(); pos != p.positions[len(p.positions)-1] {
		t.Errorf("position = %q, want the last page's %q", pos, p.positions[len(p.positions)-1])
	}
	if got := docCount(t, p.x); got != 4 {
		t.Errorf("%d documents, want 4", got)
	}
}

var errCommitFailed = errors.New("commit failed")

func TestFailedCommitCommitsNoLaterPage(t *testing.T) {
	f := newFixture(t, Options{})
	c := f.customer("t1", "客户癸", "汽车")
	for i := range 4 {
		f.won("t1", "r1", c, fmt.Sprintf("第%d家4S店试点", i+1))
	}
	p := newPipelineFixture(t, f, func(p *pipelineFixture, n int, do func() error) error {
		if n == 2 {
			p.gate.awaitSearches(t, 3) // page 3 is built, ready to commit
			return errCommitFailed
		}
		return do()
	})

	err := p.x.catchUp(context.Background(), p.gen(t), nil)
	if !errors.Is(err, errCommitFailed) {
		t.Fatalf("catchUp = %v, want the failed commit's error", err)
	}
	p.stoppedAfter(t, 2, 1)
	if err := p.x.Sync(context.Background()); err != nil {
		t.Fatalf("Sync after the failure: %v", err)
	}
	if got := docCount(t, p.x); got != 4 {
		t.Errorf("after resuming: %d documents, want 4", got)
	}
}

func TestContextEndingDuringACommitCommitsNoLaterPage(t *testing.T) {
	f := newFixture(t, Options{})
	c := f.customer("t1", "客户子", "化工")
	for i := range 4 {
		f.won("t1", "r1", c, fmt.Sprintf("第%d套装置改造", i+1))
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	p := newPipelineFixture(t, f, func(p *pipelineFixture, n int, do func() error) error {
		if n == 2 {
			cancel() // Bleve's commit takes no ctx: this one completes
		}
		return do()
	})

	err := p.x.catchUp(ctx, p.gen(t), nil)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("catchUp = %v, want context.Canceled", err)
	}
	p.stoppedAfter(t, 2, 2)
}
