package kb

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage"
	"github.com/dealtrail/dealtrail/storage/sqlite"
)

// storeClock is the clock every real store in these tests runs on.
var storeClock = salesrec.FixedClock(time.Date(2026, 3, 2, 10, 0, 0, 0, time.FixedZone("CST", 8*3600)))

func openSQLite(t testing.TB, path string) *storage.Store {
	t.Helper()
	s, err := sqlite.Open(context.Background(), path, sqlite.Options{Options: storage.Options{Clock: storeClock}})
	if err != nil {
		t.Fatalf("sqlite.Open: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// world is a team in a real store: a manager, two reps and customers.
type world struct {
	s                  *storage.Store
	ctx                context.Context
	team               salesrec.Team
	manager, rep, rep2 salesrec.Member
	customers          []salesrec.Customer
	engagements        []salesrec.Engagement
}

var industries = []string{"制造业", "零售", "金融", "教育", "医疗", "能源"}

func newWorld(t testing.TB, s *storage.Store, team string) *world {
	t.Helper()
	ctx := context.Background()
	w := &world{s: s, ctx: ctx}
	var err error
	if w.team, err = s.CreateTeam(ctx, salesrec.Team{Name: team}); err != nil {
		t.Fatalf("CreateTeam: %v", err)
	}
	add := func(name string, role salesrec.Role) salesrec.Member {
		m, err := s.AddMember(ctx, salesrec.Member{TeamID: w.team.ID, Name: name, Role: role})
		if err != nil {
			t.Fatalf("AddMember: %v", err)
		}
		return m
	}
	w.manager = add(team+" 经理", salesrec.RoleManager)
	w.rep = add(team+" 代表甲", salesrec.RoleRep)
	w.rep2 = add(team+" 代表乙", salesrec.RoleRep)
	for i, ind := range industries {
		c, err := s.CreateCustomer(ctx, w.manager.ID, salesrec.Customer{
			Name: fmt.Sprintf("%s%d号股份有限公司", team, i), ShortNames: []string{fmt.Sprintf("%s%d号", team, i)},
			Kind: salesrec.CustomerNew, Industry: ind,
			Contacts: []salesrec.Contact{{Name: "赵敏", Title: "采购总监", Phone: "13812345678", Email: "zhaomin@example.com"}},
		})
		if err != nil {
			t.Fatalf("CreateCustomer: %v", err)
		}
		w.customers = append(w.customers, c)
	}
	return w
}

var (
	storeLessons = []string{
		"技术演示打消了客户对系统稳定性的顾虑",
		"提前邀请决策人参加POC，缩短了采购周期",
		"报价前先确认预算范围，避免价格异议",
		"ERP对接方案由架构师当面讲解，客户认可",
		"A reference visit to a similar plant won the CTO",
		"Q3预算冻结前完成签约，抓住了窗口期",
		"响应速度慢于客户预期，需要专人跟进",
		"Bundle pricing beat competitors' lower prices",
	}
	storeObjections = [][3]string{
		{"价格偏高，超出预算", "提供分期付款方案", "客户同意进入商务谈判"},
		{"担心数据迁移风险", "安排技术团队做迁移演练", "客户认可迁移方案"},
		{"Your competitor offers a lower price", "Showed total cost over three years", "Customer asked for the final quote"},
	}
	storeReasons = []struct {
		cat  salesrec.ReasonCategory
		text string
	}{
		{salesrec.ReasonBudget, "预算调整，暂缓采购"},
		{salesrec.ReasonCompetitor, "客户选择了竞品，对方报价低两成"},
		{salesrec.ReasonTiming, "The customer postponed the project to next year"},
	}
)

// addEngagement creates the i-th engagement of the world, owned by the
// rep, with lessons and an objection, and closes every third as won and
// every third as terminated.
func (w *world) addEngagement(t testing.TB, i int) salesrec.Engagement {
	t.Helper()
	now := storeClock.Now()
	c := w.customers[i%len(w.customers)]
	ob := storeObjections[i%len(storeObjections)]
	e := salesrec.Engagement{
		OwnerID: w.rep.ID, CustomerID: c.ID, Stage: salesrec.StageNewCustomer,
		Goal: "确认客户的采购预算和决策流程",
		Interactions: []salesrec.Interaction{{
			OccurredAt: now.Add(-2 * time.Hour), Method: salesrec.MethodPhone, Topic: "方案沟通",
			Place:                salesrec.Place{Mode: salesrec.PlaceOnline, Platform: "腾讯会议", MeetingID: "123-456-789"},
			CustomerParticipants: []salesrec.CustomerParticipant{{Name: "赵敏", Title: "采购总监"}},
			SalesParticipants:    []salesrec.SalesParticipant{{MemberID: w.rep.ID, Name: w.rep.Name, Role: "主谈"}},
			Points: []salesrec.Point{
				{Speaker: salesrec.SpeakerCustomer, Kind: salesrec.PointNeed, Text: "需要多数据源实时对接，预算50万以内"},
				{Speaker: salesrec.SpeakerCustomer, Kind: salesrec.PointObjection, Text: ob[0], Handling: ob[1], Result: ob[2]},
			},
		}},
		Needs: []salesrec.Need{{Class: salesrec.NeedCore, Priority: salesrec.PriorityHigh, Content: "多数据源实时对接"}},
		Actions: []salesrec.Action{{What: "发送定制方案初稿", OwnerID: w.rep.ID,
			Deadline: salesrec.DateOf(now).AddDays(7), Status: salesrec.ActionPending}},
		Lessons: []salesrec.Lesson{
			{Kind: salesrec.LessonSuccess, Text: storeLessons[i%len(storeLessons)]},
			{Kind: salesrec.LessonImprovement, Text: storeLessons[(i+3)%len(storeLessons)]},
		},
	}
	e, err := w.s.CreateEngagement(w.ctx, w.rep.ID, e)
	if err != nil {
		t.Fatalf("CreateEngagement: %v", err)
	}
	switch i % 3 {
	case 1:
		e, err = w.s.CloseEngagement(w.ctx, w.rep.ID, e.ID, e.Version, salesrec.StatusWon, salesrec.Outcome{
			Amount: salesrec.CNY(int64(50000+i*1000), 0), SignedOn: salesrec.DateOf(now).AddDays(-1)})
	case 2:
		r := storeReasons[i%len(storeReasons)]
		e, err = w.s.CloseEngagement(w.ctx, w.rep.ID, e.ID, e.Version, salesrec.StatusTerminated, salesrec.Outcome{
			Reason: r.text, ReasonCategory: r.cat})
	}
	if err != nil {
		t.Fatalf("CloseEngagement: %v", err)
	}
	w.engagements = append(w.engagements, e)
	return e
}

// rewrite changes the i-th engagement's lessons: it keeps only the first
// when drop is true, and otherwise rotates its texts.
func (w *world) rewrite(t testing.TB, i int, drop bool) {
	t.Helper()
	e, err := w.s.Engagement(w.ctx, w.manager.ID, w.engagements[i].ID)
	if err != nil {
		t.Fatalf("Engagement: %v", err)
	}
	if drop {
		e.Lessons = e.Lessons[:1]
	} else {
		for j := range e.Lessons {
			e.Lessons[j].Text = storeLessons[(i+j+5)%len(storeLessons)]
		}
	}
	if e, err = w.s.UpdateEngagement(w.ctx, w.manager.ID, e); err != nil {
		t.Fatalf("UpdateEngagement: %v", err)
	}
	w.engagements[i] = e
}

func TestSQLiteStore(t *testing.T) {
	s := openSQLite(t, filepath.Join(t.TempDir(), "dealtrail.db"))
	w := newWorld(t, s, "华东")
	other := newWorld(t, s, "华南")
	for i := range 12 {
		w.addEngagement(t, i)
		other.addEngagement(t, i)
	}
	x := openSynced(t, s, Options{FeedPage: 5})
	ctx := context.Background()

	res, err := x.Search(ctx, w.manager.ID, Query{Text: "预算", Facets: true, PageSize: 100})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total == 0 {
		t.Fatal("no hits for 预算")
	}
	for _, h := range res.Hits {
		if h.CustomerName == "" {
			t.Errorf("manager does not see the customer of %s", h.EngagementID)
		}
		if !ownedBy(w, h.EngagementID) {
			t.Errorf("team 华东 sees %s of another team", h.EngagementID)
		}
	}
	// rep2 owns nothing: same hits, no names.
	res2, err := x.Search(ctx, w.rep2.ID, Query{Text: "预算", PageSize: 100})
	if err != nil {
		t.Fatal(err)
	}
	if res2.Total != res.Total {
		t.Errorf("rep2 total %d, manager total %d", res2.Total, res.Total)
	}
	for _, h := range res2.Hits {
		if h.CustomerName != "" {
			t.Errorf("rep2 sees customer name %q of %s", h.CustomerName, h.EngagementID)
		}
	}

	// Replacement: dropping a lesson removes its document.
	before := docCount(t, x)
	w.rewrite(t, 0, true)
	if err := x.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	if got := docCount(t, x); got != before-1 {
		t.Errorf("after dropping a lesson: %d documents, want %d", got, before-1)
	}
	fresh, err := Open(t.TempDir(), s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.Close()
	if err := fresh.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	assertSameIndex(t, fresh, x)
}

// openSynced opens an index over s in a temporary directory, closed at
// cleanup, and syncs it.
func openSynced(t *testing.T, s *storage.Store, opts Options) *Index {
	t.Helper()
	x, err := Open(t.TempDir(), s, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = x.Close() })
	if err := x.Sync(context.Background()); err != nil {
		t.Fatalf("Sync: %v", err)
	}
	return x
}

func ownedBy(w *world, engagementID string) bool {
	for _, e := range w.engagements {
		if e.ID == engagementID {
			return true
		}
	}
	return false
}

// assertSameIndex fails unless got holds exactly want's documents, stored
// fields and engagement states, and answers a set of queries identically.
func assertSameIndex(t *testing.T, want, got *Index) {
	t.Helper()
	wd, gd := dump(t, want), dump(t, got)
	for id, w := range wd {
		if g, ok := gd[id]; !ok {
			t.Errorf("missing %s", id)
		} else if g != w {
			t.Errorf("%s differs:\n got %s\nwant %s", id, g, w)
		}
	}
	for id := range gd {
		if _, ok := wd[id]; !ok {
			t.Errorf("extra %s", id)
		}
	}
	wp, _ := want.Position()
	gp, _ := got.Position()
	if wp != gp {
		t.Errorf("position %q, want %q", gp, wp)
	}
}

// TestFollowSQLiteStore follows the real SQLite store, woken by its
// Committed channel, through writes made after Follow started. The poll interval
// is an hour: only the wake can make it pass.
func TestFollowSQLiteStore(t *testing.T) {
	s := openSQLite(t, filepath.Join(t.TempDir(), "dealtrail.db"))
	if _, ok := any(s).(ChangeNotifier); !ok {
		t.Fatal("*storage.Store does not implement ChangeNotifier")
	}
	w := newWorld(t, s, "华东")
	commits := make(chan string, 1024)
	x, err := Open(t.TempDir(), s, Options{PollInterval: time.Hour, Committed: func(pos string, _ int) { commits <- pos }})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- x.Follow(ctx) }()

	for i := range 3 {
		w.addEngagement(t, i)
		changes, err := s.ReadFeed(context.Background(), "", 1000)
		if err != nil {
			t.Fatal(err)
		}
		last := changes[len(changes)-1].Pos
		wctx, wcancel := context.WithTimeout(ctx, 30*time.Second)
		err = waitPosition(wctx, x, last, commits)
		wcancel()
		if err != nil {
			t.Fatalf("write %d: Follow did not wake up: %v", i, err)
		}
	}
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("Follow = %v", err)
	}
	// Two lessons and an objection each, and the third was terminated
	// with a reason.
	if n := docCount(t, x); n != 10 {
		t.Errorf("%d documents, want 10", n)
	}
}

// Changes of the team itself are in the feed without an engagement: the
// index passes over them, and what it holds stays as a fresh build makes
// it, the handover included.
func TestTeamChangesInTheFeed(t *testing.T) {
	s := openSQLite(t, filepath.Join(t.TempDir(), "dealtrail.db"))
	w := newWorld(t, s, "华东")
	for i := range 3 {
		w.addEngagement(t, i)
	}
	x := openSynced(t, s, Options{FeedPage: 2})
	ctx := context.Background()
	team, err := s.Team(ctx, w.manager.ID, w.team.ID)
	if err != nil {
		t.Fatal(err)
	}
	team.Name = "华东销售一组"
	if _, err := s.UpdateTeam(ctx, w.manager.ID, team); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetMemberRole(ctx, w.manager.ID, w.rep2.ID, salesrec.RoleManager); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DeactivateMember(ctx, w.manager.ID, w.rep.ID, w.rep2.ID); err != nil {
		t.Fatal(err)
	}
	if err := x.Sync(ctx); err != nil {
		t.Fatalf("Sync over team changes: %v", err)
	}
	head, err := s.FeedHead(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if pos, err := x.Position(); err != nil || pos != head {
		t.Fatalf("the index is at %q (%v), the feed at %q", pos, err, head)
	}
	if q, err := x.Quarantined(ctx); err != nil || len(q) != 0 {
		t.Fatalf("quarantined %+v (%v) after team changes", q, err)
	}
	if n, err := x.Applied(ctx, ""); err != nil || n != 0 {
		t.Fatalf("the index holds a state for no engagement: version %d (%v)", n, err)
	}
	assertSameIndex(t, openSynced(t, s, Options{}), x)
}
