package kbtest

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/dealtrail/dealtrail/salesrec"
)

// Reader is what RunSourceContract reads: the methods of kb.Source and
// kb.CustomerNamer, restated here because kb's own tests import kbtest.
// Every storage adapter and *Source implement it.
type Reader interface {
	ReadFeed(ctx context.Context, after string, limit int) ([]salesrec.Change, error)
	Snapshot(ctx context.Context, engagementID string) (salesrec.Engagement, salesrec.Customer, error)
	Member(ctx context.Context, id string) (salesrec.Member, error)
	Engagement(ctx context.Context, actor, id string) (salesrec.Engagement, error)
	Customer(ctx context.Context, actor, id string) (salesrec.Customer, error)
	CustomerNames(ctx context.Context, actor string, customerOf map[string]string) (map[string]string, error)
}

// Writer is how RunSourceContract fills a source: the writes a host makes,
// with the signatures of storage.Store, so a store is its own Writer; the
// in-memory source's is (*Source).Writer. Ids the writer assigns (teams,
// members) are the writer's own.
type Writer interface {
	CreateTeam(ctx context.Context, t salesrec.Team) (salesrec.Team, error)
	AddMember(ctx context.Context, m salesrec.Member) (salesrec.Member, error)
	CreateCustomer(ctx context.Context, actor string, c salesrec.Customer) (salesrec.Customer, error)
	UpdateCustomer(ctx context.Context, actor string, c salesrec.Customer) (salesrec.Customer, error)
	CreateEngagement(ctx context.Context, actor string, e salesrec.Engagement) (salesrec.Engagement, error)
}

// RunSourceContract checks that a source answers kb's reads under the
// stores' rules: the role × relation table of who reads which engagement
// (Engagement, CustomerNames), who reads a customer and who sees its
// contacts unmasked (Customer), what an actor who is no member gets, and
// that a customer update appends one customer_update change per engagement
// of the customer while Snapshot returns the customer whole. open returns
// a new, empty source whose clock stands at clock's now; kb runs the
// contract against *Source and a real store, so the fake kb's tests run on
// cannot drift from the stores.
func RunSourceContract(t *testing.T, clock salesrec.Clock, open func(t *testing.T) (Reader, Writer)) {
	ctx := context.Background()
	r, w := open(t)
	must := func(err error, what string) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	team := func(name string) salesrec.Team {
		t.Helper()
		tm, err := w.CreateTeam(ctx, salesrec.Team{Name: name, TimeZone: "Asia/Shanghai"})
		must(err, "CreateTeam "+name)
		return tm
	}
	teamA, teamB := team("华东一组"), team("华南二组")
	member := func(tm salesrec.Team, name string, role salesrec.Role) salesrec.Member {
		t.Helper()
		m, err := w.AddMember(ctx, salesrec.Member{TeamID: tm.ID, Name: name, Role: role})
		must(err, "AddMember "+name)
		return m
	}
	managerA, adminA := member(teamA, "王经理", salesrec.RoleManager), member(teamA, "李管理员", salesrec.RoleAdmin)
	rep1, rep2, rep3 := member(teamA, "张伟", salesrec.RoleRep), member(teamA, "刘洋", salesrec.RoleRep), member(teamA, "陈静", salesrec.RoleRep)
	managerB := member(teamB, "周经理", salesrec.RoleManager)

	const phone, email = "13812345678", "zhaomin@example.com"
	customer := func(actor salesrec.Member, name string) salesrec.Customer {
		t.Helper()
		c, err := w.CreateCustomer(ctx, actor.ID, salesrec.Customer{
			Name: name, Kind: salesrec.CustomerNew, Industry: "制造业",
			Contacts: []salesrec.Contact{{Name: "赵敏", Title: "采购总监", Phone: phone, Email: email}},
		})
		must(err, "CreateCustomer "+name)
		return c
	}
	custA1, custA2 := customer(managerA, "上海星辰制造有限公司"), customer(managerA, "杭州云帆零售有限公司")
	custB := customer(managerB, "广州海鸥电子有限公司")

	now := clock.Now()
	engagement := func(owner salesrec.Member, c salesrec.Customer, with, actionOwner *salesrec.Member) salesrec.Engagement {
		t.Helper()
		sales := []salesrec.SalesParticipant{{MemberID: owner.ID, Name: owner.Name, Role: "主谈"}}
		if with != nil {
			sales = append(sales, salesrec.SalesParticipant{MemberID: with.ID, Name: with.Name, Role: "技术支持"})
		}
		actions := []salesrec.Action{{What: "发送定制方案初稿", OwnerID: owner.ID,
			Deadline: salesrec.DateOf(now).AddDays(7), Status: salesrec.ActionPending}}
		if actionOwner != nil {
			actions = append(actions, salesrec.Action{What: "安排技术团队支持测试", OwnerID: actionOwner.ID,
				Deadline: salesrec.DateOf(now).AddDays(5), Status: salesrec.ActionPending})
		}
		e, err := w.CreateEngagement(ctx, owner.ID, salesrec.Engagement{
			OwnerID: owner.ID, CustomerID: c.ID, Stage: salesrec.StageNewCustomer,
			Goal: "确认客户的采购预算和决策流程",
			Interactions: []salesrec.Interaction{{
				OccurredAt: now.Add(-2 * time.Hour), Method: salesrec.MethodPhone, Topic: "方案沟通",
				CustomerParticipants: []salesrec.CustomerParticipant{{Name: "赵敏", Title: "采购总监"}},
				SalesParticipants:    sales,
				Points: []salesrec.Point{{Speaker: salesrec.SpeakerCustomer, Kind: salesrec.PointNeed,
					Text: "需要多数据源实时对接，预算50万以内"}},
			}},
			Needs:   []salesrec.Need{{Class: salesrec.NeedCore, Priority: salesrec.PriorityHigh, Content: "多数据源实时对接"}},
			Actions: actions,
		})
		must(err, "CreateEngagement")
		return e
	}
	own := engagement(rep1, custA1, nil, nil)
	part := engagement(rep2, custA1, &rep1, nil)
	act := engagement(rep2, custA2, nil, &rep1)
	other := engagement(rep2, custA2, nil, nil)
	ofB := engagement(managerB, custB, nil, nil)
	records := []struct {
		name string
		e    salesrec.Engagement
	}{
		{"owned by rep1", own},
		{"rep1 a sales participant", part},
		{"rep1 owns an action", act},
		{"rep2's alone", other},
		{"team B's", ofB},
	}
	// Every engagement with its customer, as a kb index records them, and
	// one that names nothing paired with a customer of no team.
	allHits := map[string]string{"no-such-engagement": "no-such-customer"}
	for _, e := range []salesrec.Engagement{own, part, act, other, ofB} {
		allHits[e.ID] = e.CustomerID
	}
	nameOf := map[string]string{custA1.ID: custA1.Name, custA2.ID: custA2.Name, custB.ID: custB.Name}

	// clear and masked say how a customer reads; absent customers are not
	// found.
	const clear, masked = "clear", "masked"
	actors := []struct {
		name      string
		m         salesrec.Member
		reads     []salesrec.Engagement
		customers map[string]string
	}{
		{"manager A", managerA, []salesrec.Engagement{own, part, act, other}, map[string]string{custA1.ID: clear, custA2.ID: clear}},
		{"admin A", adminA, []salesrec.Engagement{own, part, act, other}, map[string]string{custA1.ID: clear, custA2.ID: clear}},
		{"rep1", rep1, []salesrec.Engagement{own, part, act}, map[string]string{custA1.ID: clear, custA2.ID: masked}},
		{"rep2", rep2, []salesrec.Engagement{part, act, other}, map[string]string{custA1.ID: clear, custA2.ID: clear}},
		{"rep3", rep3, nil, map[string]string{custA1.ID: masked, custA2.ID: masked}},
		{"manager B", managerB, []salesrec.Engagement{ofB}, map[string]string{custB.ID: clear}},
	}
	for _, a := range actors {
		t.Run(a.name, func(t *testing.T) {
			wantNames := map[string]string{}
			for _, e := range a.reads {
				wantNames[e.ID] = nameOf[e.CustomerID]
			}
			for _, rec := range records {
				got, err := r.Engagement(ctx, a.m.ID, rec.e.ID)
				_, want := wantNames[rec.e.ID]
				switch {
				case want && (err != nil || got.ID != rec.e.ID):
					t.Errorf("Engagement %s: %v, want it readable", rec.name, err)
				case !want && !errors.Is(err, salesrec.ErrNotFound):
					t.Errorf("Engagement %s: %v, want ErrNotFound", rec.name, err)
				}
			}
			names, err := r.CustomerNames(ctx, a.m.ID, allHits)
			if err != nil || !maps.Equal(names, wantNames) {
				t.Errorf("CustomerNames = %v, %v; want %v", names, err, wantNames)
			}
			for _, c := range []salesrec.Customer{custA1, custA2, custB} {
				got, err := r.Customer(ctx, a.m.ID, c.ID)
				want, readable := a.customers[c.ID]
				if !readable {
					if !errors.Is(err, salesrec.ErrNotFound) {
						t.Errorf("Customer %s: %v, want ErrNotFound", c.Name, err)
					}
					continue
				}
				if err != nil || len(got.Contacts) != 1 || got.Name != c.Name {
					t.Errorf("Customer %s: %+v, %v; want it readable", c.Name, got, err)
					continue
				}
				k, wantK := got.Contacts[0], c.Contacts[0]
				if want == masked {
					wantK = salesrec.MaskContacts(c).Contacts[0]
				}
				if k.Phone != wantK.Phone || k.Email != wantK.Email || k.Name != wantK.Name {
					t.Errorf("Customer %s: contact %q %q %q, want %s: %q %q %q", c.Name,
						k.Name, k.Phone, k.Email, want, wantK.Name, wantK.Phone, wantK.Email)
				}
			}
		})
	}

	t.Run("no member", func(t *testing.T) {
		if _, err := r.Member(ctx, "nobody"); !errors.Is(err, salesrec.ErrNotFound) {
			t.Errorf("Member: %v, want ErrNotFound", err)
		}
		if _, err := r.Engagement(ctx, "nobody", own.ID); !errors.Is(err, salesrec.ErrForbidden) {
			t.Errorf("Engagement: %v, want ErrForbidden", err)
		}
		if _, err := r.Customer(ctx, "nobody", custA1.ID); !errors.Is(err, salesrec.ErrForbidden) {
			t.Errorf("Customer: %v, want ErrForbidden", err)
		}
		if names, err := r.CustomerNames(ctx, "nobody", allHits); err != nil || len(names) != 0 {
			t.Errorf("CustomerNames = %v, %v; want none and no error", names, err)
		}
	})

	t.Run("a customer update is one feed change per engagement", func(t *testing.T) {
		pos, before := feedEnd(t, r)
		if before == 0 {
			t.Fatal("the feed is empty after five engagements were created")
		}
		c, err := r.Customer(ctx, managerA.ID, custA1.ID)
		must(err, "Customer")
		c.ShortNames = append(c.ShortNames, "星辰")
		_, err = w.UpdateCustomer(ctx, managerA.ID, c)
		must(err, "UpdateCustomer")
		changes, err := r.ReadFeed(ctx, pos, 100)
		must(err, "ReadFeed")
		want := map[string]int64{own.ID: own.Version, part.ID: part.Version}
		got := map[string]int64{}
		for _, ch := range changes {
			if ch.Op != salesrec.OpCustomerUpdate || ch.TeamID != teamA.ID || ch.At.IsZero() {
				t.Errorf("change %+v, want op %q of team A", ch, salesrec.OpCustomerUpdate)
			}
			got[ch.EngagementID] = ch.Version
		}
		if len(changes) != len(want) || !maps.Equal(got, want) {
			t.Errorf("changes after the update %v, want one per engagement of the customer at its version %v", got, want)
		}
		e, sc, err := r.Snapshot(ctx, own.ID)
		must(err, "Snapshot")
		if e.Version != own.Version || !slices.Contains(sc.ShortNames, "星辰") || sc.Contacts[0].Phone != phone || sc.Contacts[0].Email != email {
			t.Errorf("Snapshot after the update: version %d, customer %+v; want version %d, the new short name and the contacts whole", e.Version, sc, own.Version)
		}
	})
}

// feedEnd reads the whole feed and returns the last position and how many
// changes it holds.
func feedEnd(t *testing.T, r Reader) (string, int) {
	t.Helper()
	pos, n := "", 0
	for {
		page, err := r.ReadFeed(context.Background(), pos, 100)
		if err != nil {
			t.Fatalf("ReadFeed after %q: %v", pos, err)
		}
		if len(page) == 0 {
			return pos, n
		}
		pos, n = page[len(page)-1].Pos, n+len(page)
	}
}

// Writer returns the writes RunSourceContract fills s with. They check no
// access: teams and members get ids of the form team-N and member-N, an
// empty team is the actor's, and an engagement or customer keeps the id it
// is given (or gets one).
func (s *Source) Writer() Writer { return &writer{s: s} }

type writer struct {
	s  *Source
	mu sync.Mutex
	n  int
}

func (w *writer) id(kind string) string {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.n++
	return fmt.Sprintf("%s-%d", kind, w.n)
}

// newRecord gives a new record an id of the kind when it has none and, when
// it names no team, the actor's team.
func (w *writer) newRecord(ctx context.Context, actor, kind string, id, teamID *string) error {
	m, err := w.s.Member(ctx, actor)
	if err != nil {
		return err
	}
	if *id == "" {
		*id = w.id(kind)
	}
	if *teamID == "" {
		*teamID = m.TeamID
	}
	return nil
}

func (w *writer) CreateTeam(_ context.Context, t salesrec.Team) (salesrec.Team, error) {
	if t.ID == "" {
		t.ID = w.id("team")
	}
	return t, nil
}

func (w *writer) AddMember(_ context.Context, m salesrec.Member) (salesrec.Member, error) {
	if m.ID == "" {
		m.ID = w.id("member")
	}
	w.s.AddMember(m)
	return m, nil
}

func (w *writer) CreateCustomer(ctx context.Context, actor string, c salesrec.Customer) (salesrec.Customer, error) {
	if err := w.newRecord(ctx, actor, "customer", &c.ID, &c.TeamID); err != nil {
		return c, err
	}
	w.s.PutCustomer(c)
	return c, nil
}

func (w *writer) UpdateCustomer(_ context.Context, _ string, c salesrec.Customer) (salesrec.Customer, error) {
	w.s.PutCustomer(c)
	return c, nil
}

func (w *writer) CreateEngagement(ctx context.Context, actor string, e salesrec.Engagement) (salesrec.Engagement, error) {
	if err := w.newRecord(ctx, actor, "engagement", &e.ID, &e.TeamID); err != nil {
		return e, err
	}
	return w.s.Put(e), nil
}
