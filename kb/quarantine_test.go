package kb

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/dealtrail/dealtrail/kb/kbtest"
	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage"
)

// errUndecodable stands for a stored record the store cannot read back.
var errUndecodable = errors.New("engagement row does not decode")

// poisoning is a real store whose snapshots of some engagements fail, as
// they would for a row that no longer decodes. A batch read that includes
// one fails as a whole, as a real query would.
type poisoning struct {
	*storage.Store
	mu  sync.Mutex
	bad map[string]bool
}

func poison(s *storage.Store) *poisoning { return &poisoning{Store: s, bad: map[string]bool{}} }

func (p *poisoning) set(id string, bad bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.bad[id] = bad
}

func (p *poisoning) failing(ids ...string) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, id := range ids {
		if p.bad[id] {
			return fmt.Errorf("snapshot %s: %w", id, errUndecodable)
		}
	}
	return nil
}

func (p *poisoning) Snapshot(ctx context.Context, id string) (salesrec.Engagement, salesrec.Customer, error) {
	if err := p.failing(id); err != nil {
		return salesrec.Engagement{}, salesrec.Customer{}, err
	}
	return p.Store.Snapshot(ctx, id)
}

func (p *poisoning) Snapshots(ctx context.Context, ids []string) (map[string]salesrec.Engagement, map[string]salesrec.Customer, error) {
	if err := p.failing(ids...); err != nil {
		return nil, nil, err
	}
	return p.Store.Snapshots(ctx, ids)
}

func (p *poisoning) CustomerNames(ctx context.Context, actor string, customerOf map[string]string) (map[string]string, error) {
	return p.Store.CustomerNames(ctx, actor, customerOf)
}

// teamDocs returns the engagement ids of every success lesson actor's team
// has in the index, paging through the results.
func teamDocs(t *testing.T, x *Index, actor string) []string {
	t.Helper()
	var out []string
	for page := 1; ; page++ {
		res, err := x.Search(context.Background(), actor, Query{
			Kinds: []Kind{KindSuccess}, Sort: SortDate, Page: page, PageSize: MaxPageSize,
		})
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range res.Hits {
			out = append(out, h.EngagementID)
		}
		if len(res.Hits) < MaxPageSize {
			return out
		}
	}
}

// One engagement whose snapshot fails and one whose state in the index is
// corrupt must not keep another team's writes out of the index.
func TestPoisonedEngagementsDoNotStopTheIndex(t *testing.T) {
	for _, st := range realStores {
		t.Run(st.name, func(t *testing.T) {
			raw := st.open(t)
			src := poison(raw)
			poisoned := newWorld(t, raw, "华南")
			other := newWorld(t, raw, "华东")
			var (
				mu   sync.Mutex
				told []Quarantine
			)
			opts := Options{Quarantined: func(q Quarantine) {
				mu.Lock()
				defer mu.Unlock()
				told = append(told, q)
			}}
			dir := t.TempDir()
			x, err := Open(dir, src, opts)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = x.Close() })

			bad := poisoned.lessons(t, "先做小范围试点")
			corrupt := poisoned.lessons(t, "提前约见财务负责人")
			catchUp(t, x, corrupt.ID, corrupt.Version)

			src.set(bad.ID, true)
			bad = poisoned.setLessons(t, bad.ID, "先做小范围试点", "试点后再谈全面推广")
			sh := teamShard(t, x, poisoned.team.ID)
			b := sh.NewBatch()
			if err := b.Index(stateID(corrupt.ID), map[string]any{fieldStateVersion: "not a number"}); err != nil {
				t.Fatal(err)
			}
			if err := sh.Batch(b); err != nil {
				t.Fatal(err)
			}
			corrupt = poisoned.setLessons(t, corrupt.ID, "提前约见财务负责人", "合同条款先过法务")

			const writes = 1000
			want := make([]string, 0, writes)
			var last salesrec.Engagement
			for i := range writes {
				last = other.lessons(t, fmt.Sprintf("第%d单：报价前先确认预算范围", i))
				want = append(want, last.ID)
			}
			catchUp(t, x, last.ID, last.Version)

			got := teamDocs(t, x, other.manager.ID)
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Fatalf("%d of %d engagements of the other team are searchable", len(got), writes)
			}

			// Both are recorded, told once each, and hold nothing searchable.
			wantQ := map[string]int64{bad.ID: bad.Version, corrupt.ID: corrupt.Version}
			checkQuarantine(t, x, wantQ)
			mu.Lock()
			if len(told) != 2 {
				t.Errorf("Quarantined hook told %d times, want 2: %+v", len(told), told)
			}
			mu.Unlock()
			for _, text := range []string{"小范围试点", "财务负责人"} {
				if n := hitsFor(t, x, poisoned.manager.ID, text); n != 0 {
					t.Errorf("%q of a quarantined engagement: %d hits, want 0", text, n)
				}
			}
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			if err := x.SyncUntil(ctx, bad.ID, bad.Version); !errors.Is(err, ErrQuarantined) {
				t.Errorf("SyncUntil of a quarantined engagement = %v, want ErrQuarantined", err)
			}

			// The record survives a restart.
			if err := x.Close(); err != nil {
				t.Fatal(err)
			}
			if x, err = Open(dir, src, opts); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = x.Close() })
			checkQuarantine(t, x, wantQ)

			// The next change to each tries it again.
			src.set(bad.ID, false)
			bad = poisoned.setLessons(t, bad.ID, "先做小范围试点")
			corrupt = poisoned.setLessons(t, corrupt.ID, "提前约见财务负责人")
			catchUp(t, x, bad.ID, bad.Version)
			catchUp(t, x, corrupt.ID, corrupt.Version)
			checkQuarantine(t, x, nil)
			for _, text := range []string{"小范围试点", "财务负责人"} {
				if n := hitsFor(t, x, poisoned.manager.ID, text); n != 1 {
					t.Errorf("%q after the retry: %d hits, want 1", text, n)
				}
			}
		})
	}
}

// checkQuarantine fails unless x lists exactly the engagements of want, each
// at its version and with a reason.
func checkQuarantine(t *testing.T, x *Index, want map[string]int64) {
	t.Helper()
	got, err := x.Quarantined(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Errorf("quarantined %+v, want %v", got, want)
	}
	for _, q := range got {
		if v, ok := want[q.EngagementID]; !ok || q.Version != v || q.Err == "" || q.Pos == "" {
			t.Errorf("quarantined %+v, want one of %v with a reason and a position", q, want)
		}
	}
}

// failingSnapshots is a kbtest source whose snapshots of some engagements
// fail.
type failingSnapshots struct {
	*kbtest.Source
	mu  sync.Mutex
	bad map[string]bool
}

func (s *failingSnapshots) set(id string, bad bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.bad[id] = bad
}

func (s *failingSnapshots) Snapshot(ctx context.Context, id string) (salesrec.Engagement, salesrec.Customer, error) {
	s.mu.Lock()
	bad := s.bad[id]
	s.mu.Unlock()
	if bad {
		return salesrec.Engagement{}, salesrec.Customer{}, errUndecodable
	}
	return s.Source.Snapshot(ctx, id)
}

// Rebuild tries every quarantined engagement again, and the new index
// holds only what is still failing.
func TestRebuildRetriesQuarantinedEngagements(t *testing.T) {
	f := newFixture(t, Options{})
	src := &failingSnapshots{Source: f.src, bad: map[string]bool{}}
	if err := f.idx.Close(); err != nil {
		t.Fatal(err)
	}
	x, err := Open(f.dir, src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = x.Close() })
	f.idx = x

	c := f.customer("t1", "客户壬", "制造业")
	healed := f.won("t1", "r1", c, "样板车间先上线")
	stuck := f.won("t1", "r1", c, "设备联网要先摸底")
	fine := f.won("t1", "r1", c, "培训放在验收前")
	src.set(healed.ID, true)
	src.set(stuck.ID, true)
	f.sync()
	checkQuarantine(t, x, map[string]int64{healed.ID: healed.Version, stuck.ID: stuck.Version})
	if res := f.search("m1", Query{Text: "验收"}); len(res.Hits) != 1 || res.Hits[0].EngagementID != fine.ID {
		t.Fatalf("the healthy engagement is not searchable: %v", ids(res))
	}

	src.set(healed.ID, false)
	if err := x.Rebuild(context.Background(), nil); err != nil {
		t.Fatalf("Rebuild: %v", err)
	}
	// Rebuild lists engagements without versions: the record says 0.
	checkQuarantine(t, x, map[string]int64{stuck.ID: 0})
	if res := f.search("m1", Query{Text: "样板车间"}); len(res.Hits) != 1 || res.Hits[0].EngagementID != healed.ID {
		t.Errorf("the healed engagement is not searchable after Rebuild: %v", ids(res))
	}
}

// A state that lists a document of another engagement is corrupt: the
// engagement is quarantined and the other engagement's document stays.
func TestStateNamingAnotherDocumentIsNotTrusted(t *testing.T) {
	f := newFixture(t, Options{})
	c := f.customer("t1", "客户癸", "零售")
	other := f.customer("t2", "客户子", "零售")
	victim := f.won("t2", "m2", other, "门店巡检要有清单")
	e := f.won("t1", "r1", c, "会员体系先打通")
	f.sync()

	st := engagementState{version: e.Version, docs: []string{docPrefix(e.ID) + "lesson/0", docPrefix(victim.ID) + "lesson/0"}}
	fields, err := st.fields()
	if err != nil {
		t.Fatal(err)
	}
	sh := teamShard(t, f.idx, "t1")
	b := sh.NewBatch()
	if err := b.Index(stateID(e.ID), fields); err != nil {
		t.Fatal(err)
	}
	if err := sh.Batch(b); err != nil {
		t.Fatal(err)
	}
	e.Lessons = nil
	e = f.src.Put(e)
	f.sync()

	if res := f.search("m2", Query{Text: "门店巡检"}); len(res.Hits) != 1 {
		t.Errorf("another team's document was deleted: %d hits", len(res.Hits))
	}
	checkQuarantine(t, f.idx, map[string]int64{e.ID: e.Version})
	if res := f.search("m1", Query{Text: "会员体系"}); len(res.Hits) != 0 {
		t.Errorf("the quarantined engagement's documents are still searchable: %v", ids(res))
	}
}
