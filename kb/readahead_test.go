package kb

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/dealtrail/dealtrail/salesrec"
)

// advised records the files kb asks the kernel to read ahead.
type advised struct {
	mu    sync.Mutex
	paths []string
}

func (a *advised) advise(path string) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.paths = append(a.paths, path)
	return nil
}

// shards returns the shard directories the advised files lie in, sorted,
// and empties the record; a file outside dir's shards fails the test.
func (a *advised) shards(t *testing.T, x *Index) []string {
	t.Helper()
	a.mu.Lock()
	defer a.mu.Unlock()
	gen := x.cur.shards.dir
	var out []string
	for _, p := range a.paths {
		rel, err := filepath.Rel(gen, p)
		if err != nil || !strings.HasPrefix(rel, shardDir) {
			t.Errorf("advised %s, which is not a file of a shard of %s", p, gen)
			continue
		}
		if fi, err := os.Stat(p); err == nil && fi.IsDir() {
			t.Errorf("advised the directory %s", p)
		}
		shard, _, _ := strings.Cut(rel, string(filepath.Separator))
		if !slices.Contains(out, shard) {
			out = append(out, shard)
		}
	}
	a.paths = nil
	slices.Sort(out)
	return out
}

func TestReadAheadAdvisesTheShardsACatchUpWrote(t *testing.T) {
	if shardOf("t1") == shardOf("t2") {
		t.Fatal("the fixture's teams share a shard; the test needs two")
	}
	rec := &advised{}
	f := newFixture(t, Options{advise: rec.advise})
	one, two := shardName(shardOf("t1")), shardName(shardOf("t2"))
	both := []string{one, two}
	slices.Sort(both)
	if got := rec.shards(t, f.idx); len(got) != 0 {
		t.Fatalf("Open of an empty index advised %v", got)
	}

	c1 := f.customer("t1", "华东精密制造有限公司", "制造")
	c2 := f.customer("t2", "西部能源集团", "能源")
	e1 := f.won("t1", "m1", c1, "先做小范围试点再推广")
	f.won("t2", "m2", c2, "预算审批要提前两个月")
	f.sync()
	if got := rec.shards(t, f.idx); !slices.Equal(got, both) {
		t.Errorf("after the first Sync advised the files of %v, want %v", got, both)
	}

	// A Sync with nothing new writes nothing, so it advises nothing.
	f.sync()
	if got := rec.shards(t, f.idx); len(got) != 0 {
		t.Errorf("a Sync with nothing to apply advised %v", got)
	}

	// A change of one team's engagement: that team's shard alone.
	e1.Lessons = append(e1.Lessons, salesrec.Lesson{Kind: salesrec.LessonSuccess, Text: "技术交流会请对方IT负责人参加"})
	f.src.Put(e1)
	f.sync()
	if got := rec.shards(t, f.idx); !slices.Equal(got, []string{one}) {
		t.Errorf("after a change in team t1 advised %v, want %v", got, []string{one})
	}

	// Opening the index again advises every shard it holds.
	if err := f.idx.Close(); err != nil {
		t.Fatal(err)
	}
	f.idx = f.open(Options{advise: rec.advise})
	if got := rec.shards(t, f.idx); !slices.Equal(got, both) {
		t.Errorf("Open advised the files of %v, want every shard %v", got, both)
	}
	// What was advised is still searched as before.
	if res := f.search("m1", Query{Text: "试点"}); len(res.Hits) == 0 {
		t.Error("search after reopening found nothing")
	}

	// A Rebuild advises every shard of the generation it built, before
	// searches move to it.
	if err := f.idx.Rebuild(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if got := rec.shards(t, f.idx); !slices.Equal(got, both) {
		t.Errorf("Rebuild advised the files of %v, want every shard of the new generation %v", got, both)
	}
}

func TestWillNeedAdvisesARealFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "segment")
	if err := os.WriteFile(path, []byte("zap"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := willNeed(path); err != nil {
		t.Errorf("willNeed(%s) = %v, want nil", path, err)
	}
	if err := willNeed(filepath.Join(t.TempDir(), "gone")); err == nil && willNeedIsReal {
		t.Error("willNeed of a missing file reported no error")
	}
}

// A catch-up that fails half-way still advises what it committed: Sync
// reports the failure, and the shards written before it are read ahead.
func TestReadAheadAfterAFailedCatchUp(t *testing.T) {
	rec := &advised{}
	f := newFixture(t, Options{advise: rec.advise, FeedPage: 1})
	c1 := f.customer("t1", "华东精密制造有限公司", "制造")
	f.won("t1", "m1", c1, "先做小范围试点再推广")
	ctx, cancel := context.WithCancel(context.Background())
	calls := 0
	f.idx.opts.Committed = func(string, int) {
		calls++
		cancel()
	}
	c2 := f.customer("t2", "西部能源集团", "能源")
	f.won("t2", "m2", c2, "预算审批要提前两个月")
	err := f.idx.Sync(ctx)
	if err == nil || calls == 0 {
		t.Fatalf("Sync = %v after %d commits, want it cancelled after the first", err, calls)
	}
	if got := rec.shards(t, f.idx); len(got) == 0 {
		t.Error("a cancelled Sync advised none of the shards it had committed to")
	}
}
