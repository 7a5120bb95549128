package kb

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/dealtrail/dealtrail/salesrec"
)

func TestRebuild(t *testing.T) {
	f := newFixture(t, Options{FeedPage: 3})
	c := f.customer("t1", "华东精工制造股份有限公司", "制造业")
	var es []salesrec.Engagement
	for i := range 6 {
		es = append(es, f.won("t1", "r1", c, "技术演示打消顾虑", "第"+strings.Repeat("一", i+1)+"次试点"))
	}
	// Several versions of one engagement: Rebuild indexes it once.
	for range 3 {
		es[0].Lessons = append(es[0].Lessons, salesrec.Lesson{Kind: salesrec.LessonImprovement, Text: "报价要更早确认预算"})
		es[0] = f.src.Put(es[0])
	}
	f.sync()
	before := dump(t, f.idx)
	oldGen := f.idx.cur.name
	feedBefore := f.src.FeedLen()

	var progress []int
	var late salesrec.Engagement
	err := f.idx.Rebuild(context.Background(), func(done int) {
		if len(progress) == 0 {
			// Mid-rebuild: searches still answer from the old index…
			res := f.search("m1", Query{Text: "技术演示"})
			if res.Total != 6 {
				t.Errorf("search during Rebuild found %d, want 6", res.Total)
			}
			// …and a write made now is not lost.
			late = f.lost("t1", "r1", c, salesrec.ReasonTiming, "客户项目推迟到明年")
		}
		progress = append(progress, done)
	})
	if err != nil {
		t.Fatalf("Rebuild: %v", err)
	}
	for i := 1; i < len(progress); i++ {
		if progress[i] <= progress[i-1] {
			t.Errorf("progress not increasing: %v", progress)
		}
	}
	// Every engagement listed (the late one too: it was written before the
	// listing reached its id), then every change after the head.
	if got, want := progress[len(progress)-1], len(es)+1+f.src.FeedLen()-feedBefore; got != want {
		t.Errorf("progress ended at %d, want %d engagements and %d feed changes", got, len(es)+1, f.src.FeedLen()-feedBefore)
	}

	after := dump(t, f.idx)
	for id, doc := range before {
		if after[id] != doc {
			t.Errorf("%s changed by Rebuild:\n got %s\nwant %s", id, after[id], doc)
		}
	}
	if res := f.search("m1", Query{Text: "推迟"}); len(res.Hits) != 1 || res.Hits[0].EngagementID != late.ID {
		t.Errorf("the write made during Rebuild is missing: %v", ids(res))
	}
	if f.idx.cur.name == oldGen {
		t.Fatalf("generation still %s", oldGen)
	}
	if _, err := os.Stat(filepath.Join(f.dir, oldGen)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("old generation %s not removed: %v", oldGen, err)
	}

	// The swap is durable: a reopened index is the rebuilt one.
	if err := f.idx.Close(); err != nil {
		t.Fatal(err)
	}
	f.idx = f.open(Options{})
	if got := dump(t, f.idx); len(got) != len(after) {
		t.Errorf("after reopening: %d entries, want %d", len(got), len(after))
	}
}

func TestCancelledRebuildKeepsTheOldIndex(t *testing.T) {
	f := newFixture(t, Options{FeedPage: 1})
	c := f.customer("t1", "客户戊", "能源")
	for range 4 {
		f.won("t1", "r1", c, "储能项目先做小规模验证")
	}
	f.sync()
	oldGen := f.idx.cur.name
	ctx, cancel := context.WithCancel(context.Background())
	err := f.idx.Rebuild(ctx, func(int) { cancel() })
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Rebuild = %v, want context.Canceled", err)
	}
	if f.idx.cur.name != oldGen {
		t.Errorf("generation %s, want the old %s", f.idx.cur.name, oldGen)
	}
	entries, err := os.ReadDir(f.dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() && e.Name() != oldGen {
			t.Errorf("leftover directory %s", e.Name())
		}
	}
	if res := f.search("m1", Query{Text: "储能"}); res.Total != 4 {
		t.Errorf("old index answers %d, want 4", res.Total)
	}
}

func TestOpenRemovesAbandonedGenerations(t *testing.T) {
	f := newFixture(t, Options{})
	if err := f.idx.Close(); err != nil {
		t.Fatal(err)
	}
	stale := filepath.Join(f.dir, nextGeneration(genPrefix+"000001"))
	if err := os.MkdirAll(stale, 0o755); err != nil {
		t.Fatal(err)
	}
	f.idx = f.open(Options{})
	if _, err := os.Stat(stale); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("abandoned generation survived Open: %v", err)
	}
}

// countingSource counts snapshots per engagement.
type countingSource struct {
	Source
	snapshots map[string]int
}

func (c *countingSource) Snapshot(ctx context.Context, id string) (salesrec.Engagement, salesrec.Customer, error) {
	c.snapshots[id]++
	return c.Source.Snapshot(ctx, id)
}

func TestRebuildSnapshotsEachEngagementOnce(t *testing.T) {
	f := newFixture(t, Options{})
	c := f.customer("t1", "客户己", "金融")
	e := f.won("t1", "r1", c, "合规材料提前备齐")
	other := f.won("t1", "r1", c, "分行试点")
	for range 5 {
		e.Lessons = append(e.Lessons, salesrec.Lesson{Kind: salesrec.LessonSuccess, Text: "总行背书"})
		e = f.src.Put(e)
	}
	counting := &countingSource{Source: f.src, snapshots: map[string]int{}}
	x := rebuilt(t, counting, Options{FeedPage: 2})
	if n := counting.snapshots[e.ID]; n != 1 {
		t.Errorf("%s (6 versions in the feed) snapshotted %d times, want 1", e.ID, n)
	}
	if n := counting.snapshots[other.ID]; n != 1 {
		t.Errorf("%s snapshotted %d times, want 1", other.ID, n)
	}
	if got := docCount(t, x); got != 7 {
		t.Errorf("%d documents, want 7", got)
	}
}

// lossyFeed is a source whose feed lost some changes, as a feed would
// read after someone deleted rows from it.
type lossyFeed struct {
	Source
	lost map[string]bool // positions
}

func (s lossyFeed) ReadFeed(ctx context.Context, after string, limit int) ([]salesrec.Change, error) {
	changes, err := s.Source.ReadFeed(ctx, after, limit)
	var kept []salesrec.Change
	for _, c := range changes {
		if !s.lost[c.Pos] {
			kept = append(kept, c)
		}
	}
	return kept, err
}

// TestRebuildDoesNotTrustTheFeed rebuilds from a feed that lost the only
// change of one engagement and the last change of another: the rebuilt
// index must hold exactly what an index of the intact feed holds.
func TestRebuildDoesNotTrustTheFeed(t *testing.T) {
	f := newFixture(t, Options{})
	c := f.customer("t1", "华东精工制造股份有限公司", "制造业")
	gone := f.won("t1", "r1", c, "样机现场测试赢得信任")
	stale := f.won("t1", "r1", c, "技术演示打消顾虑")
	stale.Lessons = append(stale.Lessons, salesrec.Lesson{Kind: salesrec.LessonImprovement, Text: "合同条款提前交法务"})
	stale = f.src.Put(stale)
	f.won("t1", "r1", c, "分期付款缓解预算压力")
	f.sync()
	want := dump(t, f.idx)

	feed, err := f.src.ReadFeed(context.Background(), "", 1000)
	if err != nil {
		t.Fatal(err)
	}
	lost := map[string]bool{}
	for _, ch := range feed {
		if ch.EngagementID == gone.ID || (ch.EngagementID == stale.ID && ch.Version == stale.Version) {
			lost[ch.Pos] = true
		}
	}
	if len(lost) != 2 {
		t.Fatalf("%d changes to lose, want 2", len(lost))
	}
	x, err := Open(t.TempDir(), lossyFeed{Source: f.src, lost: lost}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	// The damage is real: following that feed misses both changes.
	if err := x.Sync(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := dump(t, x); len(got) >= len(want) || got["_state/"+gone.ID] != "" {
		t.Fatalf("the lossy feed lost nothing: %d entries, want fewer than %d", len(got), len(want))
	}

	if err := x.Rebuild(context.Background(), nil); err != nil {
		t.Fatalf("Rebuild: %v", err)
	}
	got := dump(t, x)
	if len(got) != len(want) {
		t.Errorf("rebuilt index holds %d entries, the intact one %d", len(got), len(want))
	}
	for id, doc := range want {
		if got[id] != doc {
			t.Errorf("%s after Rebuild:\n got %s\nwant %s", id, got[id], doc)
		}
	}
}

// byID hides a source's EngagementKeys (kb.TeamLister), so that a build
// lists by id.
type byID struct{ Source }

// shardBatches records, in order, the shard each Bleve batch went to.
type shardBatches struct {
	shard
	got  *[]string
	set  *shardSet
	open *int // the most shards open at a batch
}

// shard names bleve.Index for embedding: a field named Index would hide
// the method Index.
type shard = bleve.Index

func (s shardBatches) Batch(b *bleve.Batch) error {
	*s.got = append(*s.got, filepath.Base(s.Name()))
	s.set.mu.Lock()
	*s.open = max(*s.open, len(s.set.open))
	s.set.mu.Unlock()
	return s.shard.Batch(b)
}

// A build lists team by team from a TeamLister and by id from any other
// source. By team, each shard is filled in one run of batches, never
// returned to, and closed once the listing has left it; by id, a page holds engagements of several teams, and the
// pages are gathered by shard until the gather is full. With a gather of
// four operations either way commits many times, and the built index must
// equal the one the feed built.
func TestBuildListsTeamByTeam(t *testing.T) {
	f := newFixture(t, Options{FeedPage: 3})
	teams := []string{"t1", "t2", "t3", "t4", "t5"}
	customers := map[string]string{}
	for i, team := range teams {
		f.src.AddMember(salesrec.Member{ID: "m-" + team, TeamID: team, Name: "Manager " + team, Role: salesrec.RoleManager})
		customers[team] = f.customer(team, "客户"+strconv.Itoa(i), "制造业")
	}
	// Written team after team in turn, so ids interleave the teams.
	for j := range 4 {
		for _, team := range teams {
			f.won(team, "m-"+team, customers[team], "第"+strings.Repeat("一", j+1)+"次试点", "报价要更早确认预算")
		}
	}
	shards := map[int]bool{}
	for _, team := range teams {
		shards[shardOf(team)] = true
	}
	if len(shards) < 2 {
		t.Fatalf("the teams share one shard: the test needs several")
	}
	f.sync()
	want := dump(t, f.idx)
	for _, tc := range []struct {
		name   string
		src    Source
		byTeam bool
	}{{"by team", f.src, true}, {"by id", byID{f.src}, false}} {
		t.Run(tc.name, func(t *testing.T) {
			x, err := Open(t.TempDir(), tc.src, Options{FeedPage: 3})
			if err != nil {
				t.Fatal(err)
			}
			defer x.Close()
			x.gatherLimit = 4
			var batches []string
			mostOpen := 0
			x.cur.shards.wrap = func(idx bleve.Index) bleve.Index {
				return shardBatches{idx, &batches, x.cur.shards, &mostOpen}
			}
			x.syncMu.Lock()
			err = x.build(context.Background(), x.cur, nil)
			x.syncMu.Unlock()
			if err != nil {
				t.Fatal(err)
			}
			released := len(x.cur.shards.released)
			// A search opens its team's shard again when the build left
			// it closed.
			for _, team := range teams {
				res, err := x.Search(context.Background(), "m-"+team, Query{Text: "试点"})
				if err != nil {
					t.Fatal(err)
				}
				if res.Total != 4 {
					t.Errorf("team %s finds %d documents after the build, want its 4", team, res.Total)
				}
			}
			got := dump(t, x) // reads every shard, opening the released ones
			if len(got) != len(want) {
				t.Errorf("built index holds %d entries, the synced one %d", len(got), len(want))
			}
			for id, doc := range want {
				if got[id] != doc {
					t.Errorf("%s differs from the synced index:\n got %s\nwant %s", id, got[id], doc)
				}
			}
			if len(batches) < len(shards) {
				t.Fatalf("%d batches went to the shards, want at least one per shard (%d)", len(batches), len(shards))
			}
			if n := len(x.cur.shards.opened()); n != len(shards) || len(x.cur.shards.released) != 0 {
				t.Errorf("after reading every shard %d shards are open and %d released, want all %d open", n, len(x.cur.shards.released), len(shards))
			}
			if !tc.byTeam {
				return
			}
			// The build leaves the shards it has left closed; reading
			// every shard opened them again.
			if released < len(shards)-3 {
				t.Errorf("%d of %d shards were left closed after the listing, want all but the last few", released, len(shards))
			}
			// A shard the listing has left is closed: a page ends in one
			// team and the next starts in another, so a commit holds at
			// most two shards and the page built meanwhile two more.
			if mostOpen > 3 || mostOpen >= len(shards) {
				t.Errorf("up to %d of %d shards were open during the listing, want at most 3", mostOpen, len(shards))
			}
			done := map[string]bool{}
			for i, name := range batches {
				if done[name] {
					t.Fatalf("batches by shard %v: %s is filled again after another shard", batches, name)
				}
				if i+1 < len(batches) && batches[i+1] != name {
					done[name] = true
				}
			}
		})
	}
	res := f.search("m-t3", Query{Text: "试点", Facets: true})
	if res.Total != 4 {
		t.Errorf("team t3 finds %d documents, want its 4", res.Total)
	}
}

// rebuilt opens an index of src in a new directory and rebuilds it.
func rebuilt(t *testing.T, src Source, opts Options) *Index {
	t.Helper()
	x, err := Open(t.TempDir(), src, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = x.Close() })
	if err := x.Rebuild(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	return x
}

// listHook is a source that runs hook once, the first time the engagements
// are listed.
type listHook struct {
	Source
	hook func()
}

func (s *listHook) EngagementIDs(ctx context.Context, after string, limit int) ([]string, error) {
	if s.hook != nil {
		s.hook()
		s.hook = nil
	}
	return s.Source.EngagementIDs(ctx, after, limit)
}

// Rebuild reads the identity head before it lists and starts the rebuilt
// index there. A short name recorded while it lists is after that head:
// the rebuilt index masks it all the same, and ends at the new head.
func TestRebuildMasksANameRecordedWhileItLists(t *testing.T) {
	f := newFixture(t, Options{FeedPage: 1})
	c := f.customer("t1", "华东精工制造股份有限公司", "制造业")
	f.won("t1", "r1", c, "华精的采购流程很长，要提前约见")
	f.won("t1", "r1", c, "先做一条产线的试点")
	f.sync()
	src := &listHook{Source: f.src, hook: func() {
		f.src.PutCustomer(salesrec.Customer{
			ID: c, TeamID: "t1", Name: "华东精工制造股份有限公司", ShortNames: []string{"华精"},
			Kind: salesrec.CustomerNew, Industry: "制造业",
			Contacts: []salesrec.Contact{{Name: "王建国", Title: "采购总监", Phone: "13812345678", Email: "wang@example.com"}},
		})
	}}
	x := rebuilt(t, src, Options{FeedPage: 1})
	res, err := x.Search(context.Background(), "m1", Query{Text: "采购流程"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != 1 || strings.Contains(res.Hits[0].Text, "华精") {
		t.Errorf("the lesson naming the new short name: %+v, want one hit with 华精 masked", res.Hits)
	}
	head, err := x.identityHead(context.Background(), 0)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := x.cur.idx.GetInternal([]byte(keyIdentities))
	if err != nil {
		t.Fatal(err)
	}
	if string(raw) != strconv.FormatInt(head, 10) || head == 0 {
		t.Errorf("identity position %q, want the head %d", raw, head)
	}
}
