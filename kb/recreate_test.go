package kb

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// oldFormat writes an index in f.dir and marks it as written by another
// version of kb, as an upgrade finds it.
func oldFormat(t *testing.T, f *fixture) {
	t.Helper()
	b := f.idx.cur.idx.NewBatch()
	b.SetInternal([]byte(keyFormat), []byte("0"))
	if err := f.idx.cur.idx.Batch(b); err != nil {
		t.Fatal(err)
	}
	if err := f.idx.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestRecreateReplacesAnIndexOfAnotherFormat(t *testing.T) {
	f := newFixture(t, Options{FeedPage: 2})
	c := f.customer("t1", "华东精工制造股份有限公司", "制造业")
	for range 3 {
		f.won("t1", "r1", c, "技术演示打消顾虑")
	}
	f.sync()
	oldFormat(t, f)
	if _, err := Open(f.dir, f.src, Options{}); !errors.Is(err, ErrFormat) {
		t.Fatalf("Open = %v, want ErrFormat", err)
	}
	f.won("t1", "r1", c, "技术演示之后补充了案例")

	var progress []int
	x, err := Recreate(context.Background(), f.dir, f.src, Options{FeedPage: 2}, func(done int) { progress = append(progress, done) })
	if err != nil {
		t.Fatalf("Recreate: %v", err)
	}
	defer x.Close()
	// Recreate lists the engagements (the feed holds one change each, all
	// before the head), so progress ends at their count.
	ids, err := f.src.EngagementIDs(context.Background(), "", 1000)
	if err != nil {
		t.Fatal(err)
	}
	if len(progress) == 0 || progress[len(progress)-1] != len(ids) {
		t.Errorf("progress %v, want it to end at the %d engagements", progress, len(ids))
	}
	res, err := x.Search(context.Background(), "m1", Query{Text: "技术演示"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 4 {
		t.Errorf("recreated index finds %d, want 4", res.Total)
	}
	if _, err := os.Stat(f.dir + asideSuffix); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the old index was not removed: %v", err)
	}
	// The recreated directory is an ordinary index: it reopens.
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}
	if y := f.open(Options{}); docCount(t, y) != 4 {
		t.Errorf("reopened: %d documents, want 4", docCount(t, y))
	}
}

func TestRecreateBuildsWhereNothingOpens(t *testing.T) {
	f := newFixture(t, Options{})
	c := f.customer("t1", "客户甲", "零售")
	f.won("t1", "r1", c, "门店试点成功后全面推广")
	if err := f.idx.Close(); err != nil {
		t.Fatal(err)
	}
	// An unreadable layout: CURRENT names no generation.
	if err := os.WriteFile(filepath.Join(f.dir, currentFile), []byte("index v0\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(f.dir, f.src, Options{}); err == nil {
		t.Fatal("Open of a broken directory succeeded")
	}
	x, err := Recreate(context.Background(), f.dir, f.src, Options{}, nil)
	if err != nil {
		t.Fatalf("Recreate: %v", err)
	}
	defer x.Close()
	if n := docCount(t, x); n != 1 {
		t.Errorf("%d documents, want 1", n)
	}
}
