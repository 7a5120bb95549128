package kb

import (
	"context"
	"errors"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage"
)

// realStores opens each real store these tests run on: SQLite always,
// PostgreSQL when its DSN is set (see postgresSchema).
var realStores = []struct {
	name string
	open func(t *testing.T) *storage.Store
}{
	{"sqlite", func(t *testing.T) *storage.Store {
		return openSQLite(t, filepath.Join(t.TempDir(), "dealtrail.db"))
	}},
	{"postgres", func(t *testing.T) *storage.Store {
		return openPostgres(t, postgresSchema(t))
	}},
}

// relabeled is a real store that shows some of its engagements under other
// ids: a stand-in for a database written before ids had a rule, which may
// still hold any id a caller once chose. Everything else passes through.
type relabeled struct {
	*storage.Store
	mu     sync.Mutex
	toOld  map[string]string // store id -> id shown
	toReal map[string]string // id shown -> store id
}

func relabel(s *storage.Store) *relabeled {
	return &relabeled{Store: s, toOld: map[string]string{}, toReal: map[string]string{}}
}

// as shows the engagement stored as real under the id old.
func (r *relabeled) as(real, old string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.toOld[real], r.toReal[old] = old, real
}

func (r *relabeled) old(id string) string {
	r.mu.Lock()
	defer r.mu.Unlock()
	if o, ok := r.toOld[id]; ok {
		return o
	}
	return id
}

func (r *relabeled) real(id string) string {
	r.mu.Lock()
	defer r.mu.Unlock()
	if s, ok := r.toReal[id]; ok {
		return s
	}
	return id
}

func (r *relabeled) ReadFeed(ctx context.Context, after string, limit int) ([]salesrec.Change, error) {
	changes, err := r.Store.ReadFeed(ctx, after, limit)
	for i := range changes {
		changes[i].EngagementID = r.old(changes[i].EngagementID)
	}
	return changes, err
}

func (r *relabeled) Snapshot(ctx context.Context, id string) (salesrec.Engagement, salesrec.Customer, error) {
	e, c, err := r.Store.Snapshot(ctx, r.real(id))
	e.ID = r.old(e.ID)
	return e, c, err
}

func (r *relabeled) Snapshots(ctx context.Context, ids []string) (map[string]salesrec.Engagement, map[string]salesrec.Customer, error) {
	real := make([]string, len(ids))
	for i, id := range ids {
		real[i] = r.real(id)
	}
	es, cs, err := r.Store.Snapshots(ctx, real)
	out := make(map[string]salesrec.Engagement, len(es))
	for id, e := range es {
		e.ID = r.old(id)
		out[e.ID] = e
	}
	return out, cs, err
}

func (r *relabeled) Engagement(ctx context.Context, actor, id string) (salesrec.Engagement, error) {
	e, err := r.Store.Engagement(ctx, actor, r.real(id))
	e.ID = r.old(e.ID)
	return e, err
}

func (r *relabeled) CustomerNames(ctx context.Context, actor string, customerOf map[string]string) (map[string]string, error) {
	real := make(map[string]string, len(customerOf))
	for id, c := range customerOf {
		real[r.real(id)] = c
	}
	names, err := r.Store.CustomerNames(ctx, actor, real)
	out := make(map[string]string, len(names))
	for id, n := range names {
		out[r.old(id)] = n
	}
	return out, err
}

// lessons creates an open engagement of the world owned by its rep, with
// one success lesson per text, and returns it.
func (w *world) lessons(t testing.TB, texts ...string) salesrec.Engagement {
	t.Helper()
	e := salesrec.Engagement{
		OwnerID: w.rep.ID, CustomerID: w.customers[0].ID, Stage: salesrec.StageNewCustomer,
		Goal: "确认客户的采购预算和决策流程",
	}
	for _, text := range texts {
		e.Lessons = append(e.Lessons, salesrec.Lesson{Kind: salesrec.LessonSuccess, Text: text})
	}
	e, err := w.s.CreateEngagement(w.ctx, w.rep.ID, e)
	if err != nil {
		t.Fatalf("CreateEngagement: %v", err)
	}
	return e
}

// setLessons replaces the lessons of a stored engagement.
func (w *world) setLessons(t testing.TB, id string, texts ...string) salesrec.Engagement {
	t.Helper()
	e, err := w.s.Engagement(w.ctx, w.rep.ID, id)
	if err != nil {
		t.Fatalf("Engagement: %v", err)
	}
	e.Lessons = nil
	for _, text := range texts {
		e.Lessons = append(e.Lessons, salesrec.Lesson{Kind: salesrec.LessonSuccess, Text: text})
	}
	if e, err = w.s.UpdateEngagement(w.ctx, w.rep.ID, e); err != nil {
		t.Fatalf("UpdateEngagement: %v", err)
	}
	return e
}

// catchUp syncs x until it has applied the engagement (shown as id) at
// version, failing after two minutes: on PostgreSQL the feed shows a change
// only once every older transaction of the cluster has ended, and other
// packages' tests share the cluster.
func catchUp(t testing.TB, x *Index, id string, version int64) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if err := x.SyncUntil(ctx, id, version); err != nil {
		t.Fatalf("SyncUntil(%q, %d): %v", id, version, err)
	}
}

// hitsFor returns how many documents a search of text finds for actor.
func hitsFor(t testing.TB, x *Index, actor, text string) int {
	t.Helper()
	res, err := x.Search(context.Background(), actor, Query{Text: text, PageSize: MaxPageSize})
	if err != nil {
		t.Fatalf("Search(%q): %v", text, err)
	}
	return res.Total
}

// Every write path of the store refuses, field by field, an id outside the
// rule, including the ids both attacks below need.
func TestStoreRefusesIDsOutsideTheRule(t *testing.T) {
	for _, st := range realStores {
		t.Run(st.name, func(t *testing.T) {
			s := st.open(t)
			w := newWorld(t, s, "华南")
			ctx := w.ctx
			draft := func(id string) salesrec.Engagement {
				return salesrec.Engagement{
					ID: id, OwnerID: w.rep.ID, CustomerID: w.customers[0].ID,
					Stage: salesrec.StageNewCustomer, Goal: "确认客户的采购预算和决策流程",
				}
			}
			stored := w.lessons(t, "先做小范围试点")
			bulk := s
			refused := func(what, field string, err error) {
				t.Helper()
				var verr *salesrec.ValidationError
				if !errors.As(err, &verr) || verr.Fields[field].IsZero() {
					t.Errorf("%s = %v, want a validation error naming %s", what, err, field)
				}
			}
			for _, id := range []string{"x/reason", "_state/x", "e1/lesson/0\nz", "客户1", ""} {
				if id != "" {
					_, err := s.CreateEngagement(ctx, w.rep.ID, draft(id))
					refused("CreateEngagement "+strconv.Quote(id), "id", err)
					_, err = bulk.BulkInsert(ctx, w.rep.ID, []salesrec.Engagement{draft(""), draft(id)})
					refused("BulkInsert "+strconv.Quote(id), "[1].id", err)
					_, err = s.CreateTeam(ctx, salesrec.Team{ID: id, Name: "西北"})
					refused("CreateTeam "+strconv.Quote(id), "id", err)
					_, err = s.AddMember(ctx, salesrec.Member{ID: id, TeamID: w.team.ID, Name: "新人", Role: salesrec.RoleRep})
					refused("AddMember "+strconv.Quote(id), "id", err)
					_, err = s.CreateCustomer(ctx, w.manager.ID, salesrec.Customer{ID: id, Name: "新客户有限公司", Kind: salesrec.CustomerNew, Industry: "零售"})
					refused("CreateCustomer "+strconv.Quote(id), "id", err)
					e := stored
					e.Actions = []salesrec.Action{{ID: id, What: "发送报价单", OwnerID: w.rep.ID,
						Deadline: salesrec.DateOf(storeClock.Now()).AddDays(3)}}
					_, err = s.UpdateEngagement(ctx, w.rep.ID, e)
					refused("UpdateEngagement with action id "+strconv.Quote(id), "actions[0].id", err)
				}
				_, err := s.AddRemark(ctx, w.rep.ID, id, 1, salesrec.Remark{Text: "客户很配合"})
				refused("AddRemark on engagement "+strconv.Quote(id), "engagement_id", err)
				_, err = s.SetActionStatus(ctx, w.rep.ID, stored.ID, stored.Version, id, salesrec.ActionDone)
				refused("SetActionStatus of action "+strconv.Quote(id), "action_id", err)
			}
			if got, err := s.Engagement(ctx, w.rep.ID, stored.ID); err != nil || got.Version != stored.Version {
				t.Errorf("the refused writes changed the engagement: version %d, %v", got.Version, err)
			}
		})
	}
}

// Attack 1: an engagement whose derived document id equals the hidden state
// document of another. Ids like these may already be stored (they were
// accepted before the id rule), so the index must hold whatever ids exist.
func TestDerivedDocumentCannotOverwriteAState(t *testing.T) {
	for _, st := range realStores {
		t.Run(st.name, func(t *testing.T) {
			raw := st.open(t)
			s := relabel(raw)
			attacker := newWorld(t, raw, "华南")
			victim := newWorld(t, raw, "华东")
			x, err := Open(t.TempDir(), s, Options{})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = x.Close() })

			first := attacker.lessons(t, "首单靠技术演示打动客户")
			s.as(first.ID, "x/reason")
			catchUp(t, x, "x/reason", first.Version)

			// Its termination reason's document id is "_state/x/reason".
			second := attacker.lessons(t, "第二单经验")
			s.as(second.ID, "_state/x")
			second, err = raw.CloseEngagement(attacker.ctx, attacker.rep.ID, second.ID, second.Version,
				salesrec.StatusTerminated, salesrec.Outcome{Reason: "客户预算被砍", ReasonCategory: salesrec.ReasonBudget})
			if err != nil {
				t.Fatal(err)
			}
			catchUp(t, x, "_state/x", second.Version)

			first = attacker.setLessons(t, first.ID, "首单靠技术演示打动客户", "二次拜访带上架构师")
			catchUp(t, x, "x/reason", first.Version)

			// Another team's write still reaches the index.
			later := victim.lessons(t, "提前锁定决策链")
			catchUp(t, x, later.ID, later.Version)
			if n := hitsFor(t, x, victim.manager.ID, "锁定决策链"); n != 1 {
				t.Errorf("victim's lesson: %d hits, want 1", n)
			}
			if n := hitsFor(t, x, attacker.manager.ID, "架构师"); n != 1 {
				t.Errorf("first engagement's new lesson: %d hits, want 1", n)
			}
		})
	}
}

// Attack 2: an engagement id holding a newline and another engagement's
// document id, so that a list of document ids joined by newlines names a
// document of another team.
func TestEngagementIDCannotNameAnotherDocument(t *testing.T) {
	for _, st := range realStores {
		t.Run(st.name, func(t *testing.T) {
			raw := st.open(t)
			s := relabel(raw)
			attacker := newWorld(t, raw, "华南")
			victim := newWorld(t, raw, "华东")
			x, err := Open(t.TempDir(), s, Options{})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = x.Close() })

			target := victim.lessons(t, "提前锁定决策链")
			catchUp(t, x, target.ID, target.Version)

			crafted := attacker.lessons(t, "竞品压价时强调服务")
			id := target.ID + "/lesson/0\nz"
			s.as(crafted.ID, id)
			catchUp(t, x, id, crafted.Version)
			crafted = attacker.setLessons(t, crafted.ID) // its lesson removed
			catchUp(t, x, id, crafted.Version)

			if n := hitsFor(t, x, victim.manager.ID, "锁定决策链"); n != 1 {
				t.Errorf("victim's lesson: %d hits, want 1", n)
			}
			if n := hitsFor(t, x, attacker.manager.ID, "强调服务"); n != 0 {
				t.Errorf("the crafted engagement's removed lesson: %d hits, want 0", n)
			}
		})
	}
}
