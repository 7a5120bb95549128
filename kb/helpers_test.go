package kb

import (
	"context"
	"encoding/json"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/dealtrail/dealtrail/kb/kbtest"
	"github.com/dealtrail/dealtrail/salesrec"
)

var testNow = time.Date(2024, 4, 12, 10, 0, 0, 0, time.UTC)

// fixture is a kbtest source with two teams and an open index over it.
//
//	team t1: m1 manager, r1 and r2 reps
//	team t2: m2 manager
type fixture struct {
	t   *testing.T
	src *kbtest.Source
	idx *Index
	dir string
	n   int
}

func newFixture(t *testing.T, opts Options) *fixture {
	t.Helper()
	src := kbtest.New(salesrec.FixedClock(testNow))
	for _, m := range []salesrec.Member{
		{ID: "m1", TeamID: "t1", Name: "Manager One", Role: salesrec.RoleManager},
		{ID: "r1", TeamID: "t1", Name: "Rep One", Role: salesrec.RoleRep},
		{ID: "r2", TeamID: "t1", Name: "Rep Two", Role: salesrec.RoleRep},
		{ID: "m2", TeamID: "t2", Name: "Manager Two", Role: salesrec.RoleManager},
	} {
		src.AddMember(m)
	}
	f := &fixture{t: t, src: src, dir: t.TempDir()}
	f.idx = f.open(opts)
	return f
}

func (f *fixture) open(opts Options) *Index {
	f.t.Helper()
	idx, err := Open(f.dir, f.src, opts)
	if err != nil {
		f.t.Fatalf("Open: %v", err)
	}
	f.t.Cleanup(func() { _ = idx.Close() })
	return idx
}

// customer stores a customer of team and returns its id.
func (f *fixture) customer(team, name, industry string, short ...string) string {
	f.n++
	id := "c" + strconv.Itoa(f.n)
	f.src.PutCustomer(salesrec.Customer{
		ID: id, TeamID: team, Name: name, ShortNames: short,
		Kind: salesrec.CustomerNew, Industry: industry,
		Contacts: []salesrec.Contact{{Name: "王建国", Title: "采购总监", Phone: "13812345678", Email: "wang@example.com"}},
	})
	return id
}

// won stores a won engagement with lessons and returns it.
func (f *fixture) won(team, owner, customer string, lessons ...string) salesrec.Engagement {
	f.n++
	e := salesrec.Engagement{
		ID: "e" + strconv.Itoa(f.n), TeamID: team, OwnerID: owner, CustomerID: customer,
		Stage: salesrec.StageNewCustomer, Status: salesrec.StatusWon,
		Outcome: &salesrec.Outcome{Amount: salesrec.CNY(80000, 0), SignedOn: salesrec.Date{Year: 2024, Month: 3, Day: 1}},
	}
	for _, l := range lessons {
		e.Lessons = append(e.Lessons, salesrec.Lesson{Kind: salesrec.LessonSuccess, Text: l})
	}
	return f.src.Put(e)
}

// lost stores a terminated engagement with a reason.
func (f *fixture) lost(team, owner, customer string, cat salesrec.ReasonCategory, reason string, lessons ...string) salesrec.Engagement {
	f.n++
	e := salesrec.Engagement{
		ID: "e" + strconv.Itoa(f.n), TeamID: team, OwnerID: owner, CustomerID: customer,
		Stage: salesrec.StageNewCustomer, Status: salesrec.StatusTerminated,
		Outcome: &salesrec.Outcome{Reason: reason, ReasonCategory: cat},
	}
	for _, l := range lessons {
		e.Lessons = append(e.Lessons, salesrec.Lesson{Kind: salesrec.LessonImprovement, Text: l})
	}
	return f.src.Put(e)
}

func (f *fixture) sync() {
	f.t.Helper()
	if err := f.idx.Sync(context.Background()); err != nil {
		f.t.Fatalf("Sync: %v", err)
	}
}

func (f *fixture) search(actor string, q Query) Result {
	f.t.Helper()
	res, err := f.idx.Search(context.Background(), actor, q)
	if err != nil {
		f.t.Fatalf("Search(%q, %+v): %v", actor, q, err)
	}
	return res
}

// ids returns the hit ids, in order.
func ids(r Result) []string {
	out := make([]string, len(r.Hits))
	for i, h := range r.Hits {
		out[i] = h.ID
	}
	return out
}

// engagements returns the distinct engagement ids of the hits, sorted.
func engagements(r Result) []string {
	var out []string
	for _, h := range r.Hits {
		if !slices.Contains(out, h.EngagementID) {
			out = append(out, h.EngagementID)
		}
	}
	slices.Sort(out)
	return out
}

// teamShard returns the shard holding team's documents and states.
func teamShard(t *testing.T, x *Index, team string) bleve.Index {
	t.Helper()
	idx, err := x.cur.shards.get(shardOf(team), true)
	if err != nil {
		t.Fatal(err)
	}
	return idx
}

// dump returns every document in the index, engagement state documents
// included, with all its stored fields, keyed by id: what two indexes must
// agree on to answer alike.
func dump(t *testing.T, x *Index) map[string]string {
	t.Helper()
	x.mu.RLock()
	defer x.mu.RUnlock()
	idx, err := x.cur.stateIndex()
	if err != nil {
		t.Fatal(err)
	}
	n, err := idx.DocCount()
	if err != nil {
		t.Fatal(err)
	}
	req := bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), int(n)+1, 0, false)
	req.Fields = []string{"*"}
	req.SortBy([]string{"_id"})
	res, err := idx.Search(req)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, h := range res.Hits {
		b, err := json.Marshal(h.Fields)
		if err != nil {
			t.Fatal(err)
		}
		out[h.ID] = string(b)
	}
	return out
}

// checkHolds reports each of want that got lacks and each of not that got
// holds, naming what got is.
func checkHolds[T comparable](t *testing.T, what string, got, want, not []T) {
	t.Helper()
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("%s = %v, missing %v", what, got, w)
		}
	}
	for _, n := range not {
		if slices.Contains(got, n) {
			t.Errorf("%s = %v, should not hold %v", what, got, n)
		}
	}
}
