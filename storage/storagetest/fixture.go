package storagetest

import (
	"context"
	"testing"
	"time"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage"
)

// shanghai is UTC+8 without a tz database lookup.
var shanghai = time.FixedZone("CST", 8*3600)

// start is where every test's clock starts: 2026-03-02 10:00 in Shanghai.
var start = time.Date(2026, 3, 2, 10, 0, 0, 0, shanghai)

// world is a store with two teams in it.
//
//	team A (Asia/Shanghai): managerA, adminA, rep1, rep2, rep3
//	team B (Europe/London): managerB, repB
//	custA1, custA2 belong to team A; custB to team B.
type world struct {
	h     Harness
	s     *storage.Store
	clock *salesrec.ManualClock
	ctx   context.Context

	teamA, teamB                       salesrec.Team
	managerA, adminA, rep1, rep2, rep3 salesrec.Member
	managerB, repB                     salesrec.Member
	custA1, custA2, custB              salesrec.Customer
}

// newWorld opens a store with the world's clock and, when given, the other
// settings of opts[0].
func newWorld(t testing.TB, open Opener, opts ...storage.Options) *world {
	t.Helper()
	w := &world{clock: salesrec.NewManualClock(start), ctx: context.Background()}
	var o storage.Options
	if len(opts) > 0 {
		o = opts[0]
	}
	o.Clock = w.clock
	w.h = open(t, o)
	w.s = w.h.Store
	w.teamA = mustTeam(t, w.s, salesrec.Team{Name: "华东一组", TimeZone: "Asia/Shanghai"})
	w.teamB = mustTeam(t, w.s, salesrec.Team{Name: "London desk", TimeZone: "Europe/London"})
	w.managerA = w.member(t, w.teamA, "王经理", salesrec.RoleManager)
	w.adminA = w.member(t, w.teamA, "李管理员", salesrec.RoleAdmin)
	w.rep1 = w.member(t, w.teamA, "张伟", salesrec.RoleRep)
	w.rep2 = w.member(t, w.teamA, "刘洋", salesrec.RoleRep)
	w.rep3 = w.member(t, w.teamA, "陈静", salesrec.RoleRep)
	w.managerB = w.member(t, w.teamB, "Alice Smith", salesrec.RoleManager)
	w.repB = w.member(t, w.teamB, "Bob Jones", salesrec.RoleRep)
	w.custA1 = w.customer(t, w.managerA, "上海星辰制造有限公司", "制造业")
	w.custA2 = w.customer(t, w.managerA, "杭州云帆零售有限公司", "零售")
	w.custB = w.customer(t, w.managerB, "Northwind Trading Ltd", "Retail")
	return w
}

func mustTeam(t testing.TB, s *storage.Store, team salesrec.Team) salesrec.Team {
	t.Helper()
	got, err := s.CreateTeam(context.Background(), team)
	if err != nil {
		t.Fatalf("CreateTeam(%q): %v", team.Name, err)
	}
	return got
}

func (w *world) member(t testing.TB, team salesrec.Team, name string, role salesrec.Role) salesrec.Member {
	t.Helper()
	m, err := w.s.AddMember(w.ctx, salesrec.Member{TeamID: team.ID, Name: name, Role: role})
	if err != nil {
		t.Fatalf("AddMember(%q): %v", name, err)
	}
	return m
}

func (w *world) customer(t testing.TB, actor salesrec.Member, name, industry string) salesrec.Customer {
	t.Helper()
	c, err := w.s.CreateCustomer(w.ctx, actor.ID, newCustomer(name, industry))
	if err != nil {
		t.Fatalf("CreateCustomer(%q): %v", name, err)
	}
	return c
}

// newCustomer returns a valid customer with one contact.
func newCustomer(name, industry string) salesrec.Customer {
	return salesrec.Customer{
		Name:     name,
		Kind:     salesrec.CustomerNew,
		Industry: industry,
		Contacts: []salesrec.Contact{{Name: "赵敏", Title: "采购总监", Phone: "13812345678", Email: "zhaomin@example.com"}},
	}
}

// engagement returns a valid open engagement of customer owned by owner,
// with one interaction (in which the members in with take part) and one
// action owned by owner due on deadline.
func (w *world) engagement(owner salesrec.Member, customer salesrec.Customer, deadline salesrec.Date, with ...salesrec.Member) salesrec.Engagement {
	sales := []salesrec.SalesParticipant{{MemberID: owner.ID, Name: owner.Name, Role: "主谈"}}
	for _, m := range with {
		sales = append(sales, salesrec.SalesParticipant{MemberID: m.ID, Name: m.Name, Role: "技术支持"})
	}
	return salesrec.Engagement{
		OwnerID:    owner.ID,
		CustomerID: customer.ID,
		Stage:      salesrec.StageNewCustomer,
		Goal:       "挖掘客户的采购预算",
		Interactions: []salesrec.Interaction{{
			OccurredAt:           w.clock.Now().Add(-2 * time.Hour).In(shanghai),
			Method:               salesrec.MethodPhone,
			Topic:                "数据平台选型",
			CustomerParticipants: []salesrec.CustomerParticipant{{Name: "赵敏", Title: "采购总监"}},
			SalesParticipants:    sales,
			Points: []salesrec.Point{{Speaker: salesrec.SpeakerCustomer, Kind: salesrec.PointNeed,
				Text: "客户需要多数据源实时对接,预算控制在50万以内"}},
		}},
		Needs: []salesrec.Need{{Class: salesrec.NeedCore, Priority: salesrec.PriorityHigh,
			Content: "多数据源实时对接,预算50万以内"}},
		Actions: []salesrec.Action{{What: "发送定制方案初稿", OwnerID: owner.ID, Deadline: deadline, Status: salesrec.ActionPending}},
	}
}

// create stores e as actor, failing the test on error.
func (w *world) create(t testing.TB, actor salesrec.Member, e salesrec.Engagement) salesrec.Engagement {
	t.Helper()
	got, err := w.s.CreateEngagement(w.ctx, actor.ID, e)
	if err != nil {
		t.Fatalf("CreateEngagement: %v", err)
	}
	return got
}

// today is the clock's calendar day in Shanghai, plus n days.
func (w *world) today(n int) salesrec.Date {
	return salesrec.DateOf(w.clock.Now().In(shanghai)).AddDays(n)
}

// interaction returns a valid interaction that occurred at.
func interaction(at time.Time, who salesrec.Member, text string) salesrec.Interaction {
	return salesrec.Interaction{
		OccurredAt:           at,
		Method:               salesrec.MethodFaceToFace,
		Place:                salesrec.Place{Mode: salesrec.PlaceOffline, Address: "上海市浦东新区世纪大道100号"},
		Topic:                "方案演示",
		CustomerParticipants: []salesrec.CustomerParticipant{{Name: "钱经理", Title: "供应链负责人"}},
		SalesParticipants:    []salesrec.SalesParticipant{{MemberID: who.ID, Name: who.Name, Role: "主谈"}},
		Points: []salesrec.Point{{Speaker: salesrec.SpeakerCustomer, Kind: salesrec.PointQuestion,
			Text: text}},
	}
}
