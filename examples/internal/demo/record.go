package demo

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/dealtrail/dealtrail/salesrec"
)

// record replays the team's work: set-up, three pursuits, a refused vague
// action, a late contact, a won deal and a terminated one.
func (d *demo) record(ctx context.Context) error {
	d.section("录入", "recording")
	team, err := d.store.CreateTeam(ctx, salesrec.Team{Name: "华东区销售一组", TimeZone: "Asia/Shanghai"})
	if err != nil {
		return err
	}
	var p people
	for _, m := range []*salesrec.Member{
		{Name: "周经理", Role: salesrec.RoleManager},
		{Name: "张伟", Role: salesrec.RoleRep},
		{Name: "李娜", Role: salesrec.RoleRep},
	} {
		m.TeamID = team.ID
		saved, err := d.store.AddMember(ctx, *m)
		if err != nil {
			return err
		}
		*m = saved
		switch m.Name {
		case "周经理":
			p.manager = saved
		case "张伟":
			p.zhang = saved
		default:
			p.li = saved
		}
	}
	d.st = state{TeamID: team.ID, ManagerID: p.manager.ID, ZhangID: p.zhang.ID, LiID: p.li.ID}
	d.printf("团队 team %s:%s(经理 manager)、%s、%s(销售代表 reps)\n", team.Name, p.manager.Name, p.zhang.Name, p.li.Name)

	var custIDs []string
	for _, c := range customers(team.ID) {
		saved, err := d.store.CreateCustomer(ctx, p.manager.ID, c)
		if err != nil {
			return err
		}
		custIDs = append(custIDs, saved.ID)
		d.printf("客户 customer: %s(%s,%s)\n", saved.Name, saved.Kind.Label(salesrec.ZH), saved.Industry)
	}

	// Each pursuit is created open by its owner for its customer,
	// remembered in the state, then replayed: its contacts, actions and
	// close.
	pursuits := []struct {
		when   time.Time
		owner  salesrec.Member
		build  func(p people) salesrec.Engagement
		id     *string
		replay func(d *demo, ctx context.Context, e salesrec.Engagement, p people) error
	}{
		{at(2024, 2, 27, 9, 0), p.zhang, manufacturing, &d.st.Manufacturing, (*demo).manufacturing},
		{at(2024, 3, 18, 17, 0), p.li, retail, &d.st.Retail, (*demo).retail},
		{at(2024, 3, 1, 11, 0), p.zhang, logistics, &d.st.Logistics, (*demo).logistics},
	}
	for i, pu := range pursuits {
		e := pu.build(p)
		e.TeamID, e.OwnerID, e.CustomerID, e.Status = team.ID, pu.owner.ID, custIDs[i], salesrec.StatusOpen
		e, err := d.create(ctx, pu.when, pu.owner, e)
		if err != nil {
			return err
		}
		*pu.id = e.ID
		if err := pu.replay(d, ctx, e, p); err != nil {
			return err
		}
	}
	return nil
}

func (d *demo) manufacturing(ctx context.Context, e salesrec.Engagement, p people) error {
	var err error
	// Recorded the same evening: within 24 hours.
	d.clock.Set(at(2024, 2, 27, 18, 10))
	if e, err = d.store.LogInteraction(ctx, p.zhang.ID, e.ID, e.Version, firstContact(p)); err != nil {
		return err
	}
	d.printInteraction(e.Interactions[len(e.Interactions)-1])

	// A vague action is refused, with the field and the reason.
	vague := e
	vague.Actions = append(append([]salesrec.Action(nil), e.Actions...),
		salesrec.Action{What: "跟进", OwnerID: p.zhang.ID, Deadline: day(2024, 3, 1), Status: salesrec.ActionPending})
	_, err = d.store.UpdateEngagement(ctx, p.zhang.ID, vague)
	var verr *salesrec.ValidationError
	if !errors.As(err, &verr) {
		return fmt.Errorf("a vague action should have been refused, got %v", err)
	}
	d.printf("\n试图添加行动项「跟进」 adding the action \"跟进\" is refused:\n")
	printFields(d, verr)

	// A contact on March 6 written up only on March 8: kept, marked late.
	d.clock.Set(at(2024, 3, 8, 9, 15))
	late := salesrec.Interaction{
		OccurredAt:           at(2024, 3, 6, 15, 0),
		Method:               salesrec.MethodVideo,
		Place:                salesrec.Place{Mode: salesrec.PlaceOnline, Platform: "腾讯会议", MeetingID: "735 220 118"},
		Topic:                "定制化方案讲解",
		CustomerParticipants: []salesrec.CustomerParticipant{{Name: "王建国", Title: "采购总监"}},
		SalesParticipants: []salesrec.SalesParticipant{
			{MemberID: p.zhang.ID, Name: p.zhang.Name, Role: "主谈"},
			{MemberID: p.manager.ID, Name: p.manager.Name, Role: "商务负责人"},
		},
		Points: []salesrec.Point{
			{Speaker: salesrec.SpeakerCustomer, Kind: salesrec.PointFeedback, Subject: salesrec.SubjectProposal, Text: "方案覆盖了ERP和MES对接,认可分阶段上线"},
			{Speaker: salesrec.SpeakerCustomer, Kind: salesrec.PointObjection, Text: "价格偏高,超出50万预算",
				Handling: "把驻场服务改为远程支持,总价降到48万", Result: "客户同意按48万报价走内部审批"},
			{Speaker: salesrec.SpeakerSales, Kind: salesrec.PointCommitment, Text: "4月10日前发送合同初稿"},
		},
	}
	if e, err = d.store.LogInteraction(ctx, p.zhang.ID, e.ID, e.Version, late); err != nil {
		return err
	}
	d.printInteraction(e.Interactions[len(e.Interactions)-1])

	d.clock.Set(at(2024, 3, 8, 9, 30))
	_, err = d.store.AddRemark(ctx, p.manager.ID, e.ID, e.Version, salesrec.Remark{
		Text: "法务已开始审核合同模板,预计4月8日给出意见", Collaboration: salesrec.CollabLegalReview,
	})
	if err != nil {
		return err
	}
	d.printf("备注 remark(法务审核 legal review):法务已开始审核合同模板,预计4月8日给出意见\n")
	return nil
}

func (d *demo) retail(ctx context.Context, e salesrec.Engagement, p people) error {
	amount, err := salesrec.ParseMoney("¥80,000")
	if err != nil {
		return err
	}
	e, err = d.closePursuit(ctx, at(2024, 3, 28, 16, 0), p.li, e, salesrec.StatusWon,
		salesrec.Outcome{Amount: amount, SignedOn: day(2024, 3, 28)},
		salesrec.Lesson{Kind: salesrec.LessonSuccess, Text: "报价异议时拆分两期交付,老客户复购决策更快"},
		salesrec.Lesson{Kind: salesrec.LessonSuccess, Text: "A live dashboard demo removed stability doubts"})
	if err != nil {
		return err
	}
	d.printf("已成交 won:合同金额 %s,签约日期 %s\n", e.Outcome.Amount, e.Outcome.SignedOn)
	return nil
}

func (d *demo) logistics(ctx context.Context, e salesrec.Engagement, p people) error {
	e, err := d.closePursuit(ctx, at(2024, 3, 25, 10, 0), p.zhang, e, salesrec.StatusTerminated,
		salesrec.Outcome{Reason: "预算调整,暂缓采购", ReasonCategory: salesrec.ReasonBudget},
		salesrec.Lesson{Kind: salesrec.LessonImprovement, Text: "响应速度未达客户预期,竞品报价低时没有及时给出分期方案"},
		salesrec.Lesson{Kind: salesrec.LessonImprovement, Text: "Answer competitors' price cuts within 24 hours"})
	if err != nil {
		return err
	}
	d.printf("已终止 terminated:%s(原因类别 %s)\n", e.Outcome.Reason, e.Outcome.ReasonCategory.Label(salesrec.ZH))
	return nil
}

// closePursuit records the owner's review of a pursuit at the given demo
// time, its lessons (结果与复盘), then closes it with status and outcome.
func (d *demo) closePursuit(ctx context.Context, when time.Time, owner salesrec.Member, e salesrec.Engagement,
	status salesrec.Status, o salesrec.Outcome, lessons ...salesrec.Lesson) (salesrec.Engagement, error) {
	d.clock.Set(when)
	e.Lessons = lessons
	e, err := d.store.UpdateEngagement(ctx, owner.ID, e)
	if err != nil {
		return e, err
	}
	return d.store.CloseEngagement(ctx, owner.ID, e.ID, e.Version, status, o)
}

// create records a new pursuit at the given demo time and announces it.
func (d *demo) create(ctx context.Context, when time.Time, owner salesrec.Member, e salesrec.Engagement) (salesrec.Engagement, error) {
	d.clock.Set(when)
	e, err := d.store.CreateEngagement(ctx, owner.ID, e)
	if err != nil {
		return e, err
	}
	d.printf("\n[%s] %s 建档,目标:%s\n", e.Stage.Label(salesrec.ZH), owner.Name, e.Goal)
	return e, nil
}

func (d *demo) printInteraction(in salesrec.Interaction) {
	late := "按时记录 recorded in time"
	if in.Late {
		late = "事后补录 recorded late (over 24 h)"
	}
	d.printf("沟通 contact %s %s %s「%s」— %s\n", salesrec.DateOf(in.OccurredAt), salesrec.FormatClock(in.OccurredAt),
		in.Method.Label(salesrec.ZH), in.Topic, late)
	for _, pt := range in.Points {
		who, what := pt.Speaker.Label(salesrec.ZH), pt.Kind.Label(salesrec.ZH)
		if strings.HasPrefix(what, who) { // 销售承诺 already says who
			who = ""
		} else {
			who += "·"
		}
		d.printf("  · [%s%s] %s", who, what, pt.Text)
		if pt.Kind == salesrec.PointObjection {
			d.printf(" → 处理 %s;结果 %s", pt.Handling, pt.Result)
		}
		d.printf("\n")
	}
}

func printFields(d *demo, verr *salesrec.ValidationError) {
	keys := make([]string, 0, len(verr.Fields))
	for k := range verr.Fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		d.printf("  %s: %s\n      %s\n", k, verr.Fields[k].Zh, verr.Fields[k].En)
	}
}
