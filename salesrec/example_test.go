package salesrec_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/dealtrail/dealtrail/salesrec"
)

// A follow-up action that only says 跟进 is refused, with the field's JSON
// path and a message a sales user understands.
func ExampleAction_Validate() {
	a := salesrec.Action{
		What:     "跟进",
		OwnerID:  "m-1",
		Deadline: salesrec.Date{Year: 2024, Month: time.April, Day: 10},
		Status:   salesrec.ActionPending,
	}
	err := a.Validate()
	fmt.Println(errors.Is(err, salesrec.ErrInvalid))
	var ve *salesrec.ValidationError
	if errors.As(err, &ve) {
		fmt.Println(ve.Fields["what"].Text(salesrec.ZH))
		fmt.Println(ve.Fields["what"].Text(salesrec.EN))
	}
	// Output:
	// true
	// 太笼统:请写明具体要做什么,例如“发送报价单”,而不是“跟进”
	// is too vague: say what will be done, e.g. 发送报价单 rather than 跟进
}

// Amounts are read as people write them and formatted as the template does,
// with exact integer arithmetic.
func ExampleParseMoney() {
	for _, s := range []string{"¥8.5万", "80,000元", "¥0.01", "USD 12,000", "¥0.001"} {
		m, err := salesrec.ParseMoney(s)
		if err != nil {
			fmt.Println(err) // Chinese by default
			var ie *salesrec.InputError
			if errors.As(err, &ie) {
				fmt.Println(ie.Text(salesrec.EN))
			}
			continue
		}
		fmt.Println(m)
	}
	// Output:
	// ¥85,000
	// ¥80,000
	// ¥0.01
	// USD 12,000.00
	// 金额“¥0.001”的小数位太多:CNY 最小到 1/100
	// amount "¥0.001" has more decimals than CNY allows (its smallest unit is 1/100)
}

// A budget phrase gives its upper bound.
func ExampleParseBudget() {
	m, err := salesrec.ParseBudget("预算控制在50万以内")
	fmt.Println(m, err)
	// Output: ¥500,000 <nil>
}

// Times of day are written 上午/下午HH:MM and read in several forms.
func ExampleFormatClock() {
	t := time.Date(2024, 4, 8, 14, 15, 0, 0, time.UTC)
	fmt.Println(salesrec.FormatClock(t))
	h, m, _ := salesrec.ParseClock("上午09:30")
	fmt.Println(h, m)
	h, m, _ = salesrec.ParseClock("2:15 PM")
	fmt.Println(h, m)
	// Output:
	// 下午02:15
	// 9 30
	// 14 15
}

// Overdue is derived from the deadline, the team's time zone and now: at
// 00:30 on 11 April in Shanghai, a deadline of 10 April has passed.
func ExampleAction_Overdue() {
	loc := time.FixedZone("CST", 8*3600) // the zone of an Asia/Shanghai team
	now := time.Date(2024, 4, 10, 16, 30, 0, 0, time.UTC)
	a := salesrec.Action{What: "发送合同初稿", Deadline: salesrec.Date{Year: 2024, Month: time.April, Day: 10}, Status: salesrec.ActionPending}
	fmt.Println(a.Overdue(now, loc), a.Display(now, loc), a.DisplayLabel(now, loc, salesrec.ZH))
	// Output: true overdue 已逾期
}

// Only open → won and open → terminated are allowed; a terminated
// engagement is reopened with a reason.
func ExampleCheckTransition() {
	fmt.Println(salesrec.CheckTransition(salesrec.StatusOpen, salesrec.StatusWon))
	err := salesrec.CheckTransition(salesrec.StatusWon, salesrec.StatusTerminated)
	fmt.Println(errors.Is(err, salesrec.ErrInvalidTransition))
	fmt.Println(err)
	var te *salesrec.TransitionError
	if errors.As(err, &te) {
		fmt.Println(te.Text(salesrec.EN))
	}
	// Output:
	// <nil>
	// true
	// 结果状态不能从“已成交”改为“已终止”:已成交的业务已经结案,不能再改结果状态
	// invalid status transition from "won" to "terminated": a won engagement is final and cannot change status
}

// Closing checks the outcome against the new status.
func ExampleEngagement_Close() {
	e := salesrec.Engagement{Status: salesrec.StatusOpen}
	now := time.Date(2024, 4, 20, 10, 0, 0, 0, time.UTC)
	_, err := e.Close(salesrec.Outcome{Amount: salesrec.CNY(80000, 0)}, salesrec.StatusWon, now)
	fmt.Println(err)
	won, err := e.Close(salesrec.Outcome{
		Amount:   salesrec.CNY(80000, 0),
		SignedOn: salesrec.Date{Year: 2024, Month: time.April, Day: 18},
	}, salesrec.StatusWon, now)
	fmt.Println(won.Status, won.Outcome.Amount, err)
	// Output:
	// 填写有误:outcome.signed_on: 请填写签约日期,格式 YYYY-MM-DD
	// won ¥80,000 <nil>
}

// An interaction recorded more than 24 hours after it happened is kept and
// marked late (事后补录) by default.
func ExampleRules_StampInteraction() {
	occurred := time.Date(2024, 4, 8, 14, 30, 0, 0, time.FixedZone("CST", 8*3600))
	in := salesrec.Interaction{
		OccurredAt:           occurred,
		Method:               salesrec.MethodPhone,
		Topic:                "确认报价",
		CustomerParticipants: []salesrec.CustomerParticipant{{Name: "王经理", Title: "供应链负责人"}},
		SalesParticipants:    []salesrec.SalesParticipant{{Name: "李代表", Role: "主谈"}},
		Points: []salesrec.Point{{Speaker: salesrec.SpeakerCustomer, Kind: salesrec.PointFeedback,
			Subject: salesrec.SubjectQuote, Text: "报价偏高,希望九折"}},
	}
	clock := salesrec.FixedClock(occurred.Add(30 * time.Hour))
	stamped, err := salesrec.DefaultRules().StampInteraction(in, clock.Now())
	fmt.Println(stamped.Late, err)
	// Output: true <nil>
}

// Diff lists leaf-level changes by JSON path.
func ExampleDiff() {
	before := salesrec.Engagement{Actions: []salesrec.Action{{What: "发送报价单", Status: salesrec.ActionPending}}}
	after := before
	after.Actions = []salesrec.Action{{What: "发送报价单", Status: salesrec.ActionDone}}
	changes, _ := salesrec.Diff(before, after)
	for _, c := range changes {
		fmt.Println(c.Field, c.Before, "→", c.After)
	}
	// Output: actions[0].status "pending" → "done"
}

// A member who leaves hands their open work to a colleague: the
// engagement and the actions not yet done; a done action keeps who did it.
func ExampleReassign() {
	e := salesrec.Engagement{OwnerID: "zhang", Actions: []salesrec.Action{
		{What: "发送报价单", OwnerID: "zhang", Status: salesrec.ActionPending},
		{What: "寄送产品手册", OwnerID: "zhang", Status: salesrec.ActionDone},
	}}
	next, changed := salesrec.Reassign(e, "zhang", "li")
	fmt.Println(changed, next.OwnerID, next.Actions[0].OwnerID, next.Actions[1].OwnerID)
	// Output: true li li zhang
}

// A duplicate customer's error says which customer already has the name.
func ExampleDuplicateCustomerError() {
	var err error = fmt.Errorf("creating customer: %w", &salesrec.DuplicateCustomerError{ID: "c42"})
	var dup *salesrec.DuplicateCustomerError
	if errors.As(err, &dup) {
		fmt.Println(errors.Is(err, salesrec.ErrConflict), dup.ID)
		fmt.Println(dup.Message().Text(salesrec.EN))
	}
	// Output:
	// true c42
	// a customer of the team already has this full name; use that customer
}
