package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage"
)

// Demo ids. A real host maps its own users to members it created.
const (
	demoTeam          = "east-1"
	demoManager       = "wang"
	demoRep           = "li"
	demoOtherRep      = "zhang"
	demoCustomer      = "hengtong"
	demoOtherCustomer = "huabei"
)

// seed creates, once, the demo team and its members, two customers and
// three engagements built from the template's own examples: li's open one
// with an overdue action, li's won one (¥80,000) and zhang's terminated
// one (预算调整,暂缓采购). A store that already knows the manager is left as
// it is. now dates the contacts and deadlines so the overdue list has
// something to show.
func seed(ctx context.Context, s *storage.Store, now time.Time) error {
	_, err := s.Member(ctx, demoManager)
	if err == nil {
		return nil
	}
	if !errors.Is(err, salesrec.ErrNotFound) {
		return err
	}
	team := salesrec.Team{ID: demoTeam, Name: "华东销售一组", TimeZone: "Asia/Shanghai"}
	if _, err := s.CreateTeam(ctx, team); err != nil {
		return fmt.Errorf("seeding team: %w", err)
	}
	for _, m := range []salesrec.Member{
		{ID: demoManager, TeamID: demoTeam, Name: "王经理", Role: salesrec.RoleManager},
		{ID: demoRep, TeamID: demoTeam, Name: "李代表", Role: salesrec.RoleRep},
		{ID: demoOtherRep, TeamID: demoTeam, Name: "张代表", Role: salesrec.RoleRep},
	} {
		if _, err := s.AddMember(ctx, m); err != nil {
			return fmt.Errorf("seeding member %s: %w", m.ID, err)
		}
	}
	for _, c := range []salesrec.Customer{
		{ID: demoCustomer, Name: "恒通智能制造股份有限公司", Kind: salesrec.CustomerNew, Industry: "制造业", Size: "500-1000人",
			Contacts: []salesrec.Contact{{Name: "陈总", Title: "采购总监", Phone: "13812345678", Email: "chen@hengtong.example"}}},
		{ID: demoOtherCustomer, Name: "华北精密机械有限公司", Kind: salesrec.CustomerExisting, SubKind: "复购", Industry: "制造业",
			Contacts: []salesrec.Contact{{Name: "刘经理", Title: "供应链负责人", Phone: "13900001111", Email: "liu@huabei.example"}}},
	} {
		if _, err := s.CreateCustomer(ctx, demoManager, c); err != nil {
			return fmt.Errorf("seeding customer %s: %w", c.ID, err)
		}
	}
	return seedEngagements(ctx, s, now)
}

func seedEngagements(ctx context.Context, s *storage.Store, now time.Time) error {
	loc, err := salesrec.Team{}.Location()
	if err != nil {
		return err
	}
	today := salesrec.DateOf(now.In(loc))
	contact := func(owner string, objection salesrec.Point) salesrec.Interaction {
		return salesrec.Interaction{
			OccurredAt:           now.Add(-3 * time.Hour).In(loc).Truncate(time.Minute),
			Method:               salesrec.MethodVideo,
			Place:                salesrec.Place{Mode: salesrec.PlaceOnline, Platform: "腾讯会议", MeetingID: "123-456-789"},
			Topic:                "确认多数据源对接需求与预算",
			CustomerParticipants: []salesrec.CustomerParticipant{{Name: "陈总", Title: "采购总监"}},
			SalesParticipants:    []salesrec.SalesParticipant{{MemberID: owner, Name: "销售代表", Role: "主谈"}},
			Points: []salesrec.Point{
				{Speaker: salesrec.SpeakerCustomer, Kind: salesrec.PointNeed, Text: "客户提出需支持多数据源实时对接,预算控制在50万以内"},
				{Speaker: salesrec.SpeakerSales, Kind: salesrec.PointCommitment, Text: "提供定制化方案"},
				objection,
			},
		}
	}
	stability := salesrec.Point{Speaker: salesrec.SpeakerCustomer, Kind: salesrec.PointObjection,
		Text: "担心系统稳定性", Handling: "安排技术演示", Result: "客户认可稳定性"}
	price := salesrec.Point{Speaker: salesrec.SpeakerCustomer, Kind: salesrec.PointObjection,
		Text: "报价偏高,希望有折扣", Handling: "提供分期付款方案", Result: "客户仍需内部审批"}
	record := func(customer, owner string, objection salesrec.Point) salesrec.Engagement {
		return salesrec.Engagement{
			OwnerID: owner, CustomerID: customer, Stage: salesrec.StageNewCustomer, Status: salesrec.StatusOpen,
			Goal:         "挖掘客户的采购预算",
			Interactions: []salesrec.Interaction{contact(owner, objection)},
			Needs:        []salesrec.Need{{Class: salesrec.NeedCore, Priority: salesrec.PriorityHigh, Content: "多数据源实时对接,预算控制在50万以内"}},
			Actions: []salesrec.Action{
				{What: "发送合同初稿", OwnerID: owner, Deadline: today.AddDays(-1), Status: salesrec.ActionPending},
				{What: "提供定制化方案", OwnerID: owner, Deadline: today.AddDays(5), Status: salesrec.ActionPending},
			},
		}
	}

	if _, err := s.CreateEngagement(ctx, demoRep, record(demoCustomer, demoRep, stability)); err != nil {
		return fmt.Errorf("seeding the open engagement: %w", err)
	}
	won := record(demoCustomer, demoRep, stability)
	won.Actions = nil
	won.Lessons = []salesrec.Lesson{{Kind: salesrec.LessonSuccess, Text: "技术演示打消了客户对系统稳定性的顾虑"}}
	e, err := s.CreateEngagement(ctx, demoRep, won)
	if err != nil {
		return fmt.Errorf("seeding the won engagement: %w", err)
	}
	if _, err := s.CloseEngagement(ctx, demoRep, e.ID, e.Version, salesrec.StatusWon,
		salesrec.Outcome{Amount: salesrec.CNY(80000, 0), SignedOn: today}); err != nil {
		return fmt.Errorf("closing the won engagement: %w", err)
	}
	lost := record(demoOtherCustomer, demoOtherRep, price)
	lost.Actions = nil
	lost.Lessons = []salesrec.Lesson{{Kind: salesrec.LessonImprovement, Text: "响应速度未达到客户预期"}}
	if e, err = s.CreateEngagement(ctx, demoOtherRep, lost); err != nil {
		return fmt.Errorf("seeding the terminated engagement: %w", err)
	}
	if _, err := s.CloseEngagement(ctx, demoOtherRep, e.ID, e.Version, salesrec.StatusTerminated,
		salesrec.Outcome{Reason: "预算调整,暂缓采购", ReasonCategory: salesrec.ReasonBudget}); err != nil {
		return fmt.Errorf("closing the terminated engagement: %w", err)
	}
	return nil
}
