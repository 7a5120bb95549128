package salesrec_test

import (
	"fmt"
	"time"

	"github.com/dealtrail/dealtrail/salesrec"
)

// HistoryWords tells an engagement's history the way a manager reads an
// audit trail, in Chinese or in English; each line keeps its entry, with the
// field-level changes, underneath.
func ExampleHistoryWords() {
	shanghai := time.FixedZone("CST", 8*3600)
	at := func(d, h, m int) time.Time { return time.Date(2024, 3, d, h, m, 0, 0, shanghai) }

	// A history as a store records it: the create entry, then one entry per
	// write with the field-level changes.
	e := salesrec.Engagement{ID: "e-1", OwnerID: "m-zhang", CustomerID: "c-1", Stage: salesrec.StageNewCustomer,
		Goal: "挖掘客户A的采购预算", Status: salesrec.StatusOpen, Version: 1,
		Actions: []salesrec.Action{{ID: "a-1", What: "提供报价单", OwnerID: "m-wang", Deadline: salesrec.Date{Year: 2024, Month: 3, Day: 8}, Status: salesrec.ActionPending}}}
	created, _ := salesrec.CreateChanges(e)
	history := []salesrec.HistoryEntry{{Version: 1, ActorID: "m-zhang", At: at(5, 9, 0), Op: salesrec.OpCreate, Changes: created}}
	write := func(actor string, when time.Time, op salesrec.Op, edit func(next *salesrec.Engagement)) {
		next := e
		next.Interactions = append([]salesrec.Interaction(nil), e.Interactions...)
		next.Actions = append([]salesrec.Action(nil), e.Actions...)
		next.Remarks = append([]salesrec.Remark(nil), e.Remarks...)
		edit(&next)
		next.Version++
		changes, _ := salesrec.Diff(e, next)
		history = append(history, salesrec.HistoryEntry{Version: next.Version, ActorID: actor, At: when, Op: op, Changes: changes})
		e = next
	}
	write("m-zhang", at(6, 18, 10), salesrec.OpInteraction, func(n *salesrec.Engagement) {
		n.Interactions = append(n.Interactions, salesrec.Interaction{ID: "in-1", OccurredAt: at(6, 15, 0), RecordedAt: at(6, 18, 10), Method: salesrec.MethodPhone, Topic: "确认采购预算"})
	})
	write("m-zhou", at(7, 9, 30), salesrec.OpRemark, func(n *salesrec.Engagement) {
		n.Remarks = append(n.Remarks, salesrec.Remark{ID: "r-1", AuthorID: "m-zhou", At: at(7, 9, 30), Text: "法务已开始审核合同模板", Collaboration: salesrec.CollabLegalReview})
	})
	write("m-wang", at(7, 17, 0), salesrec.OpActionStatus, func(n *salesrec.Engagement) { n.Actions[0].Status = salesrec.ActionDone })
	write("m-zhang", at(28, 16, 5), salesrec.OpClose, func(n *salesrec.Engagement) {
		n.Status = salesrec.StatusWon
		n.Outcome = &salesrec.Outcome{Amount: salesrec.CNY(80000, 0), SignedOn: salesrec.Date{Year: 2024, Month: 3, Day: 28}}
	})

	names := map[string][2]string{"m-zhang": {"张伟", "Zhang Wei"}, "m-zhou": {"周经理", "Manager Zhou"}, "m-wang": {"王芳", "Wang Fang"}}
	zh := salesrec.HistoryWords{Lang: salesrec.ZH, Loc: shanghai, Name: func(id string) string { return names[id][0] }}
	en := salesrec.HistoryWords{Lang: salesrec.EN, Loc: shanghai, Name: func(id string) string { return names[id][1] }}
	for _, line := range zh.Describe(history) {
		fmt.Println(line)
	}
	for _, line := range en.Describe(history)[1:2] {
		fmt.Println(line)
	}
	last := zh.Describe(history)[4].Entry.Changes[0]
	fmt.Println(last.Field, last.Before, "→", last.After)
	// Output:
	// 2024-03-05 09:00 张伟 新建了业务
	// 2024-03-06 18:10 张伟 记录了一次沟通(电话,下午03:00)
	// 2024-03-07 09:30 周经理 添加了备注(法务审核)
	// 2024-03-07 17:00 王芳 将跟进事项「提供报价单」标为已完成
	// 2024-03-28 16:05 张伟 将结果改为 已成交(¥80,000)
	// 2024-03-06 18:10 Zhang Wei logged a contact (phone, 03:00 PM)
	// outcome.amount.currency null → "CNY"
}
