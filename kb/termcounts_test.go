package kb

import (
	"context"
	"math"
	"testing"

	"github.com/dealtrail/dealtrail/salesrec"
)

// The counts kept for a snapshot are the counts the snapshot holds, and a
// later snapshot of the same shard gets counts of its own.
func TestSnapshotCountsFollowTheSnapshot(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, Options{})
	c := f.customer("t1", "华东精密机械有限公司", "制造业")
	f.won("t1", "r1", c, "客户认为价格偏高，拆分两期后签约")
	f.sync()

	snapshot := func() (*snapshotCounts, func(term string) uint64) {
		t.Helper()
		adv, err := teamShard(t, f.idx, "t1").Advanced()
		if err != nil {
			t.Fatal(err)
		}
		r, err := adv.Reader()
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = r.Close() })
		shared := countsFor(r)
		if shared == nil {
			t.Fatalf("the shard's reader is %T: no counts are kept for it", r)
		}
		if again := countsFor(r); again != shared {
			t.Fatal("one snapshot got two sets of counts")
		}
		return shared, func(term string) uint64 {
			t.Helper()
			tr, err := r.TermFieldReader(ctx, []byte(term), fieldText, false, false, false)
			if err != nil {
				t.Fatal(err)
			}
			defer tr.Close()
			return tr.Count()
		}
	}
	check := func(shared *snapshotCounts, read func(string) uint64) map[string]uint64 {
		t.Helper()
		shared.mu.Lock()
		kept := make(map[string]uint64, len(shared.terms))
		for key, n := range shared.terms {
			if key.field == fieldText {
				kept[key.term] = n
			}
		}
		shared.mu.Unlock()
		if len(kept) == 0 {
			t.Fatal("a search kept no counts for the snapshot it read")
		}
		for term, n := range kept {
			if got := read(term); got != n {
				t.Errorf("kept %d documents for %q, the snapshot holds %d", n, term, got)
			}
		}
		return kept
	}

	// The search reads the snapshot the shard has now.
	f.search("m1", Query{Text: "价格偏高"})
	first, read := snapshot()
	before := check(first, read)

	f.won("t1", "r2", c, "价格偏高时先讲清楚投入产出")
	f.sync()
	f.search("m1", Query{Text: "价格偏高"})
	second, read := snapshot()
	if second == first {
		t.Fatal("a write to the shard left the search on the counts of the snapshot before it")
	}
	after := check(second, read)
	grew := false
	for term, n := range after {
		if n > before[term] {
			grew = true
		}
	}
	if !grew {
		t.Errorf("no count grew after a second lesson with the same words: before %v, after %v", before, after)
	}
}

// Scores after a write are those of an index built from scratch on the
// same records: nothing kept from the snapshot before the write weighs a
// search after it.
func TestKeptCountsScoreAsAFreshIndex(t *testing.T) {
	f := newFixture(t, Options{})
	c := f.customer("t1", "华东精密机械有限公司", "制造业")
	texts := []string{
		"客户认为价格偏高，拆分两期后签约", "报价太高，客户转向竞品", "预算不足，项目延期到明年",
		"too expensive for a pilot, we split the licence", "价格高但服务响应快，客户接受",
	}
	for _, s := range texts[:2] {
		f.won("t1", "r1", c, s)
	}
	f.sync()
	queries := []string{"价格偏高", "太贵", "expensive", "预算", "价格 响应"}
	for _, q := range queries {
		f.search("m1", Query{Text: q})
	}
	for _, s := range texts[2:] {
		f.won("t1", "r2", c, s)
	}
	f.lost("t1", "r1", c, salesrec.ReasonBudget, "价格偏高，超出预算")
	f.sync()

	fresh, err := Open(t.TempDir(), f.src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.Close()
	if err := fresh.Sync(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, q := range queries {
		got := f.search("m1", Query{Text: q})
		want, err := fresh.Search(context.Background(), "m1", Query{Text: q})
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Hits) != len(want.Hits) || len(got.Hits) == 0 {
			t.Fatalf("%q: %d hits after the write, %d in a fresh index", q, len(got.Hits), len(want.Hits))
		}
		for k := range got.Hits {
			g, w := got.Hits[k], want.Hits[k]
			if g.ID != w.ID || math.Abs(g.Score-w.Score) > 1e-9*math.Max(1, w.Score) {
				t.Errorf("%q hit %d: %s %.9f after the write, %s %.9f in a fresh index", q, k, g.ID, g.Score, w.ID, w.Score)
			}
		}
	}
}
