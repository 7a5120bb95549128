package kb

import (
	"context"
	"slices"
	"testing"
)

// The next page is built while the batch before it is still being
// committed: an overlay of that batch's states must answer for the
// engagements it writes, and the index for every other one.
func TestStateOverlayAnswersForTheBatchInFlight(t *testing.T) {
	f := newFixture(t, Options{})
	c := f.customer("t1", "客户庚", "物流")
	kept := f.won("t1", "r1", c, "仓储系统先试点一个库")
	rewritten := f.won("t1", "r1", c, "运输调度要先梳理流程", "司机端培训要跟上")
	removed := f.won("t1", "r1", c, "冷链监控是关键")
	f.sync()

	next := engagementState{version: rewritten.Version + 1, docs: []string{rewritten.ID + "/lesson/0"}}
	o := stateOverlay{}
	o.write(rewritten.ID, next)
	o.remove(removed.ID)
	o.write("e-elsewhere", engagementState{version: 9, docs: []string{"e-elsewhere/lesson/0"}})

	ids := []string{kept.ID, rewritten.ID, removed.ID, "e-never"}
	got, _, _, err := o.readStates(context.Background(), f.idx.cur, ids, nil)
	if err != nil {
		t.Fatal(err)
	}
	idx, err := f.idx.cur.stateIndex()
	if err != nil {
		t.Fatal(err)
	}
	inIndex, _, err := readStates(context.Background(), idx, ids)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, id string
		want     engagementState
	}{
		{"an engagement the batch does not touch comes from the index", kept.ID, inIndex[kept.ID]},
		{"an engagement the batch rewrites has the batch's state", rewritten.ID, next},
		{"an engagement the batch removes has no state", removed.ID, engagementState{}},
		{"an engagement never indexed has no state", "e-never", engagementState{}},
	} {
		if g := got[tc.id]; g.version != tc.want.version || !slices.Equal(g.docs, tc.want.docs) {
			t.Errorf("%s: %s = %+v, want %+v", tc.name, tc.id, g, tc.want)
		}
	}
	// The index still holds the old states: only the overlay changed.
	if s := inIndex[kept.ID]; s.version != kept.Version || len(s.docs) != 1 {
		t.Errorf("index state of %s = %+v, want version %d with 1 document", kept.ID, s, kept.Version)
	}
	if s := inIndex[removed.ID]; s.version != removed.Version {
		t.Errorf("index state of %s = %+v, want version %d", removed.ID, s, removed.Version)
	}
	if _, ok := got["e-elsewhere"]; ok {
		t.Errorf("an engagement not asked for was answered: %+v", got["e-elsewhere"])
	}
}

func TestNilStateOverlayReadsTheIndex(t *testing.T) {
	f := newFixture(t, Options{})
	c := f.customer("t1", "客户辛", "教育")
	e := f.won("t1", "r1", c, "先拿下一个校区做样板")
	f.sync()
	var o stateOverlay
	got, _, _, err := o.readStates(context.Background(), f.idx.cur, []string{e.ID}, map[string]string{e.ID: "t1"})
	if err != nil {
		t.Fatal(err)
	}
	if s := got[e.ID]; s.version != e.Version || !slices.Equal(s.docs, []string{e.ID + "/lesson/0"}) {
		t.Errorf("state of %s = %+v, want version %d with its one lesson", e.ID, s, e.Version)
	}
}
