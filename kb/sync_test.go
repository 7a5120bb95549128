package kb

import (
	"context"
	"errors"
	"strconv"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/dealtrail/dealtrail/salesrec"
)

// docCount counts the searchable documents (not engagement states).
func docCount(t testing.TB, x *Index) int {
	t.Helper()
	x.mu.RLock()
	defer x.mu.RUnlock()
	var kinds []query.Query
	for _, k := range []Kind{KindSuccess, KindImprovement, KindTerminationReason, KindObjection} {
		kinds = append(kinds, term(fieldKind, string(k)))
	}
	shards, err := x.cur.shards.all()
	if err != nil {
		t.Fatal(err)
	}
	all := bleve.NewIndexAlias(shards...)
	res, err := all.Search(bleve.NewSearchRequestOptions(bleve.NewDisjunctionQuery(kinds...), 0, 0, false))
	if err != nil {
		t.Fatal(err)
	}
	return int(res.Total)
}

func TestSyncReplacesAnEngagementAsAWhole(t *testing.T) {
	f := newFixture(t, Options{})
	c := f.customer("t1", "华东精工制造股份有限公司", "制造业")
	e := f.won("t1", "r1", c, "技术演示打消了稳定性顾虑", "分期付款化解价格异议", "提前准备案例")
	e.Interactions = []salesrec.Interaction{{ID: "i1", OccurredAt: testNow, Points: []salesrec.Point{
		{Speaker: salesrec.SpeakerCustomer, Kind: salesrec.PointObjection, Text: "价格偏高", Handling: "给出分期方案", Result: "客户接受"},
		{Speaker: salesrec.SpeakerCustomer, Kind: salesrec.PointNeed, Text: "需要数据实时对接"},
	}}}
	e = f.src.Put(e)
	f.sync()
	if got := docCount(t, f.idx); got != 4 {
		t.Fatalf("doc count = %d, want 4 (3 lessons + 1 objection)", got)
	}

	e.Lessons = e.Lessons[:1]
	e.Interactions = nil
	e = f.src.Put(e)
	f.sync()
	if got := docCount(t, f.idx); got != 1 {
		t.Fatalf("after dropping lessons and objections: doc count = %d, want 1", got)
	}
	if res := f.search("m1", Query{Text: "分期"}); res.Total != 0 {
		t.Errorf("removed lesson still found: %v", ids(res))
	}

	e.Lessons = nil
	f.src.Put(e)
	f.sync()
	if got := docCount(t, f.idx); got != 0 {
		t.Fatalf("after removing every lesson: doc count = %d, want 0", got)
	}
}

func TestSyncRemovesADeletedEngagement(t *testing.T) {
	f := newFixture(t, Options{})
	c := f.customer("t1", "某某科技", "软件")
	keep := f.won("t1", "r1", c, "保留的经验")
	gone := f.won("t1", "r1", c, "将被删除的经验")
	f.sync()
	f.src.Delete(gone.ID)
	f.sync()
	res := f.search("m1", Query{Text: "经验"})
	if got := engagements(res); len(got) != 1 || got[0] != keep.ID {
		t.Errorf("engagements = %v, want only %s", got, keep.ID)
	}
	if d := dump(t, f.idx); d[stateID(gone.ID)] != "" {
		t.Errorf("state of the deleted engagement is still stored: %q", d[stateID(gone.ID)])
	}
	if d := dump(t, f.idx); d[stateID(keep.ID)] == "" {
		t.Errorf("state of %s is missing", keep.ID)
	}
}

func TestPositionIsStoredInTheIndex(t *testing.T) {
	f := newFixture(t, Options{FeedPage: 2})
	c := f.customer("t1", "客户甲", "零售")
	for range 5 {
		f.won("t1", "r1", c, "门店试点成功后全面推广")
	}
	f.sync()
	pos, err := f.idx.Position()
	if err != nil {
		t.Fatal(err)
	}
	changes, err := f.src.ReadFeed(context.Background(), "", 100)
	if err != nil {
		t.Fatal(err)
	}
	if want := changes[len(changes)-1].Pos; pos != want {
		t.Fatalf("position = %q, want the last change %q", pos, want)
	}
	if err := f.idx.Close(); err != nil {
		t.Fatal(err)
	}
	reopened := f.open(Options{})
	if got, _ := reopened.Position(); got != pos {
		t.Errorf("after reopening: position = %q, want %q", got, pos)
	}
}

func TestSyncChecksTheContextBetweenBatches(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var committed []string
	f := newFixture(t, Options{FeedPage: 1, Committed: func(pos string, _ int) {
		committed = append(committed, pos)
		cancel()
	}})
	c := f.customer("t1", "客户乙", "金融")
	for range 3 {
		f.won("t1", "r1", c, "合规审查提前介入")
	}
	err := f.idx.Sync(ctx)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Sync = %v, want context.Canceled", err)
	}
	if len(committed) != 1 {
		t.Fatalf("committed %d batches after cancel, want 1", len(committed))
	}
	if pos, _ := f.idx.Position(); pos != committed[0] {
		t.Errorf("position = %q, want the one committed batch %q", pos, committed[0])
	}
	f.sync()
	if got := docCount(t, f.idx); got != 3 {
		t.Errorf("after resuming: doc count = %d, want 3", got)
	}
}

func TestSecondOpenerFailsWithErrLocked(t *testing.T) {
	f := newFixture(t, Options{})
	start := time.Now()
	_, err := Open(f.dir, f.src, Options{LockTimeout: 100 * time.Millisecond})
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("second Open = %v, want ErrLocked", err)
	}
	if !errors.Is(err, salesrec.ErrConflict) {
		t.Errorf("ErrLocked should wrap salesrec.ErrConflict: %v", err)
	}
	if waited := time.Since(start); waited > 10*time.Second {
		t.Errorf("second Open took %s; the lock timeout is 100ms", waited)
	}
	// Once the first opener closes, the directory opens again.
	if err := f.idx.Close(); err != nil {
		t.Fatal(err)
	}
	f.open(Options{})
}

func TestClosedIndexRefusesWork(t *testing.T) {
	f := newFixture(t, Options{})
	if err := f.idx.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.idx.Sync(context.Background()); !errors.Is(err, ErrClosed) {
		t.Errorf("Sync after Close = %v, want ErrClosed", err)
	}
	if _, err := f.idx.Search(context.Background(), "m1", Query{Text: "x"}); !errors.Is(err, ErrClosed) {
		t.Errorf("Search after Close = %v, want ErrClosed", err)
	}
}

// pollOnly hides the fake's Changes so Follow must poll.
type pollOnly struct{ Source }

func TestFollow(t *testing.T) {
	for _, tc := range []struct {
		name string
		wrap func(f *fixture) Source
	}{
		{"woken by the source", func(f *fixture) Source { return f.src }},
		{"polling", func(f *fixture) Source { return pollOnly{f.src} }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t, Options{})
			if err := f.idx.Close(); err != nil {
				t.Fatal(err)
			}
			commits := make(chan string, 100)
			idx, err := Open(f.dir, tc.wrap(f), Options{
				PollInterval: 20 * time.Millisecond,
				Committed:    func(pos string, _ int) { commits <- pos },
			})
			if err != nil {
				t.Fatal(err)
			}
			defer idx.Close()

			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan error, 1)
			go func() { done <- idx.Follow(ctx) }()

			c := f.customer("t1", "客户丙", "教育")
			for i := range 3 {
				f.won("t1", "r1", c, "校区试点")
				want := f.src.FeedLen()
				for {
					select {
					case pos := <-commits:
						if pos < formatPos(want) {
							continue
						}
					case <-time.After(10 * time.Second):
						t.Fatalf("write %d: Follow did not catch up", i)
					}
					break
				}
			}
			cancel()
			if err := <-done; !errors.Is(err, context.Canceled) {
				t.Errorf("Follow returned %v, want context.Canceled", err)
			}
			res, err := idx.Search(context.Background(), "m1", Query{Text: "校区"})
			if err != nil {
				t.Fatal(err)
			}
			if res.Total != 3 {
				t.Errorf("found %d, want 3", res.Total)
			}
		})
	}
}

// formatPos is the kbtest feed position of the n-th change.
func formatPos(n int) string {
	s := "000000000000" + strconv.Itoa(n)
	return s[len(s)-12:]
}

func TestOpenRefusesAnotherFormat(t *testing.T) {
	f := newFixture(t, Options{})
	b := f.idx.cur.idx.NewBatch()
	b.SetInternal([]byte(keyFormat), []byte("0"))
	if err := f.idx.cur.idx.Batch(b); err != nil {
		t.Fatal(err)
	}
	if err := f.idx.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(f.dir, f.src, Options{}); !errors.Is(err, ErrFormat) {
		t.Fatalf("Open = %v, want ErrFormat", err)
	}
	// The failed Open released the directory.
	if _, err := Open(f.dir, f.src, Options{}); errors.Is(err, ErrLocked) {
		t.Errorf("a failed Open kept the lock: %v", err)
	}
}
