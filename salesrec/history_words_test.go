package salesrec

import (
	"strings"
	"testing"
	"time"
)

// historyStep is one write in a made-up history: who, when, which op, and how it
// changes the engagement.
type historyStep struct {
	actor string
	at    time.Time
	op    Op
	edit  func(e *Engagement)
}

// buildTestHistory records e's creation and then each step, as a store does:
// a create entry from CreateChanges, each later entry from Diff.
func buildTestHistory(t *testing.T, e Engagement, created time.Time, steps ...historyStep) []HistoryEntry {
	t.Helper()
	changes, err := CreateChanges(e)
	if err != nil {
		t.Fatal(err)
	}
	out := []HistoryEntry{{EngagementID: e.ID, Version: 1, ActorID: "m-zhang", At: created, Op: OpCreate, Changes: changes}}
	cur := e
	for i, s := range steps {
		next := cloneEngagement(t, cur)
		s.edit(&next)
		changes, err := Diff(cur, next)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, HistoryEntry{EngagementID: e.ID, Version: int64(i + 2), ActorID: s.actor, At: s.at, Op: s.op, Changes: changes})
		cur = next
	}
	return out
}

var historyTestNames = map[string][2]string{
	"m-zhang": {"张伟", "Zhang Wei"},
	"m-zhou":  {"周经理", "Manager Zhou"},
	"m-wang":  {"王芳", "Wang Fang"},
}

func historyTestWords(lang Lang) HistoryWords {
	i := 0
	if lang == EN {
		i = 1
	}
	return HistoryWords{Lang: lang, Loc: shanghaiTZ, Name: func(id string) string { return historyTestNames[id][i] }}
}

func TestHistoryWords(t *testing.T) {
	at := func(d, h, m int) time.Time { return time.Date(2024, 3, d, h, m, 0, 0, shanghaiTZ) }
	contact := func(occurred time.Time, m Method) func(e *Engagement) {
		return func(e *Engagement) {
			in := validInteraction()
			in.ID, in.OccurredAt, in.Method = "in-2", occurred, m
			in.RecordedAt = at(6, 18, 10)
			if m == MethodPhone {
				in.Place = Place{}
			}
			e.Interactions = append(e.Interactions, in)
		}
	}
	tests := []struct {
		name   string
		step   historyStep
		zh, en string
	}{
		{"a contact logged the same day", historyStep{"m-zhang", at(6, 18, 10), OpInteraction, contact(at(6, 15, 0), MethodPhone)},
			"2024-03-06 18:10 张伟 记录了一次沟通(电话,下午03:00)",
			"2024-03-06 18:10 Zhang Wei logged a contact (phone, 03:00 PM)"},
		{"a contact logged days later is dated and marked late", historyStep{"m-zhang", at(8, 9, 15), OpInteraction, func(e *Engagement) {
			contact(at(6, 9, 5), MethodVideo)(e)
			e.Interactions[len(e.Interactions)-1].Late = true
		}},
			"2024-03-08 09:15 张伟 记录了一次沟通(视频,2024-03-06 上午09:05,事后补录)",
			"2024-03-08 09:15 Zhang Wei logged a contact (video, 2024-03-06 09:05 AM, recorded late)"},
		{"a remark without collaboration", historyStep{"m-zhou", at(8, 9, 30), OpRemark, func(e *Engagement) {
			e.Remarks = append(e.Remarks, Remark{ID: "r-2", AuthorID: "m-zhou", At: at(8, 9, 30), Text: "客户月底前定预算"})
		}},
			"2024-03-08 09:30 周经理 添加了备注",
			"2024-03-08 09:30 Manager Zhou added a remark"},
		{"a remark on a collaboration names it", historyStep{"m-zhou", at(8, 9, 30), OpRemark, func(e *Engagement) {
			e.Remarks = append(e.Remarks, Remark{ID: "r-2", AuthorID: "m-zhou", At: at(8, 9, 30), Text: "法务已开始审核", Collaboration: CollabLegalReview})
		}},
			"2024-03-08 09:30 周经理 添加了备注(法务审核)",
			"2024-03-08 09:30 Manager Zhou added a remark (legal review)"},
		{"won with its amount", historyStep{"m-zhang", at(28, 16, 5), OpClose, func(e *Engagement) {
			e.Status, e.Outcome = StatusWon, &Outcome{Amount: CNY(80000, 0), SignedOn: Date{2024, 3, 28}}
		}},
			"2024-03-28 16:05 张伟 将结果改为 已成交(¥80,000)",
			"2024-03-28 16:05 Zhang Wei changed the result to won (¥80,000)"},
		{"won in another currency", historyStep{"m-zhang", at(28, 16, 5), OpClose, func(e *Engagement) {
			e.Status, e.Outcome = StatusWon, &Outcome{Amount: Money{Minor: 1200000, Currency: "USD"}, SignedOn: Date{2024, 3, 28}}
		}},
			"2024-03-28 16:05 张伟 将结果改为 已成交(USD 12,000.00)",
			"2024-03-28 16:05 Zhang Wei changed the result to won (USD 12,000.00)"},
		{"terminated with its reason", historyStep{"m-zhang", at(25, 10, 0), OpClose, func(e *Engagement) {
			e.Status, e.Outcome = StatusTerminated, &Outcome{Reason: "预算调整,暂缓采购", ReasonCategory: ReasonBudget}
		}},
			"2024-03-25 10:00 张伟 将结果改为 已终止(预算:预算调整,暂缓采购)",
			"2024-03-25 10:00 Zhang Wei changed the result to terminated (budget: 预算调整,暂缓采购)"},
		{"an action marked done names the action", historyStep{"m-wang", at(9, 11, 0), OpActionStatus, func(e *Engagement) {
			e.Actions[1].Status = ActionDone
		}},
			"2024-03-09 11:00 王芳 将跟进事项「4月10日前发送合同初稿」标为已完成",
			`2024-03-09 11:00 Wang Fang marked the follow-up action "4月10日前发送合同初稿" as done`},
		{"an action started", historyStep{"m-wang", at(9, 11, 0), OpActionStatus, func(e *Engagement) {
			e.Actions[1].Status = ActionInProgress
		}},
			"2024-03-09 11:00 王芳 将跟进事项「4月10日前发送合同初稿」标为进行中",
			`2024-03-09 11:00 Wang Fang marked the follow-up action "4月10日前发送合同初稿" as in progress`},
		{"needs and proposal edited read as the template's section", historyStep{"m-zhang", at(7, 10, 0), OpUpdate, func(e *Engagement) {
			e.Needs[1].Priority = PriorityHigh
			e.Proposal.Summary = "标准版加数据对接模块,驻场实施"
		}},
			"2024-03-07 10:00 张伟 更新了需求与方案",
			"2024-03-07 10:00 Zhang Wei updated the needs and proposal"},
		{"several sections in the template's order", historyStep{"m-zhang", at(7, 10, 0), OpUpdate, func(e *Engagement) {
			e.Lessons = []Lesson{{Kind: LessonSuccess, Text: "技术演示打消了稳定性疑虑"}}
			e.Goal = "推进客户B的方案确认"
			e.Needs = e.Needs[:1]
		}},
			"2024-03-07 10:00 张伟 更新了记录目标、需求与方案、经验总结",
			"2024-03-07 10:00 Zhang Wei updated the goal, needs and proposal, and lessons"},
		{"an update that adds an action and logs a contact says both", historyStep{"m-zhang", at(6, 18, 10), OpUpdate, func(e *Engagement) {
			contact(at(6, 15, 0), MethodPhone)(e)
			e.Actions = append(e.Actions, Action{ID: "a-3", What: "提供报价单", OwnerID: "m-wang", Deadline: Date{2024, 3, 12}, Status: ActionPending})
		}},
			"2024-03-06 18:10 张伟 记录了一次沟通(电话,下午03:00),新增了跟进事项「提供报价单」",
			`2024-03-06 18:10 Zhang Wei logged a contact (phone, 03:00 PM), added a follow-up action "提供报价单"`},
		{"two sections", historyStep{"m-zhang", at(7, 10, 0), OpUpdate, func(e *Engagement) {
			e.Stage = StageExistingCustomer
			e.Remarks[0].Text = "技术支持已安排测试环境,下周开始测试"
		}},
			"2024-03-07 10:00 张伟 更新了业务阶段、备注",
			"2024-03-07 10:00 Zhang Wei updated the business stage and remarks"},
		{"an action done and postponed says both", historyStep{"m-wang", at(9, 11, 0), OpUpdate, func(e *Engagement) {
			e.Actions[0].Status = ActionInProgress
			e.Actions[0].Deadline = Date{2024, 4, 15}
		}},
			"2024-03-09 11:00 王芳 将跟进事项「发送报价单」标为进行中,更新了跟进计划",
			`2024-03-09 11:00 Wang Fang marked the follow-up action "发送报价单" as in progress, updated the follow-up plan`},
		{"an action's text edited is a change to the plan", historyStep{"m-zhang", at(7, 10, 0), OpUpdate, func(e *Engagement) {
			e.Actions[1].What = "4月12日前发送合同初稿"
			e.Actions[1].Deadline = Date{2024, 4, 12}
		}},
			"2024-03-07 10:00 张伟 更新了跟进计划",
			"2024-03-07 10:00 Zhang Wei updated the follow-up plan"},
		{"an update that only bumps the version", historyStep{"m-zhang", at(7, 10, 0), OpUpdate, func(e *Engagement) {
			e.Version++
			e.UpdatedAt = at(7, 10, 0)
		}},
			"2024-03-07 10:00 张伟 保存了业务,内容没有变化",
			"2024-03-07 10:00 Zhang Wei saved the engagement without changes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hist := buildTestHistory(t, validEngagement(), at(1, 9, 0), tt.step)
			for _, c := range []struct {
				lang Lang
				want string
			}{{ZH, tt.zh}, {EN, tt.en}} {
				lines := historyTestWords(c.lang).Describe(hist)
				if len(lines) != 2 {
					t.Fatalf("%d lines for 2 entries", len(lines))
				}
				if got := lines[1].String(); got != c.want {
					t.Errorf("%s:\n got %s\nwant %s", c.lang, got, c.want)
				}
				if len(lines[1].Entry.Changes) == 0 && tt.step.op != OpUpdate {
					t.Errorf("%s: the line lost the entry's field changes", c.lang)
				}
			}
		})
	}
}

// Closing, reopening and closing again: each line reads the state of its
// own moment, so the reopen names its reason and the second close its new
// amount.
func TestHistoryWordsFollowTheState(t *testing.T) {
	at := func(d, h, m int) time.Time { return time.Date(2024, 3, d, h, m, 0, 0, shanghaiTZ) }
	hist := buildTestHistory(t, validEngagement(), at(1, 9, 0),
		historyStep{"m-zhang", at(10, 9, 0), OpClose, func(e *Engagement) {
			e.Status, e.Outcome = StatusTerminated, &Outcome{Reason: "选择了竞品", ReasonCategory: ReasonCompetitor}
		}},
		historyStep{"m-zhou", at(20, 14, 0), OpReopen, func(e *Engagement) {
			e.Status, e.Outcome, e.ReopenReason = StatusOpen, nil, "客户重新启动采购"
		}},
		historyStep{"m-wang", at(21, 9, 0), OpActionStatus, func(e *Engagement) { e.Actions[1].Status = ActionDone }},
		historyStep{"m-zhang", at(28, 16, 5), OpClose, func(e *Engagement) {
			e.Status, e.Outcome = StatusWon, &Outcome{Amount: CNY(120000, 50), SignedOn: Date{2024, 3, 28}}
		}},
	)
	want := []string{
		"2024-03-01 09:00 张伟 新建了业务",
		"2024-03-10 09:00 张伟 将结果改为 已终止(竞品:选择了竞品)",
		"2024-03-20 14:00 周经理 重新打开了业务(原因:客户重新启动采购)",
		"2024-03-21 09:00 王芳 将跟进事项「4月10日前发送合同初稿」标为已完成",
		"2024-03-28 16:05 张伟 将结果改为 已成交(¥120,000.50)",
	}
	lines := historyTestWords(ZH).Describe(hist)
	if len(lines) != len(want) {
		t.Fatalf("%d lines, want %d", len(lines), len(want))
	}
	for i, l := range lines {
		if l.String() != want[i] {
			t.Errorf("line %d:\n got %s\nwant %s", i, l, want[i])
		}
		if l.Entry.Version != hist[i].Version || len(l.Entry.Changes) != len(hist[i].Changes) {
			t.Errorf("line %d does not carry its entry", i)
		}
	}
	en := historyTestWords(EN).Describe(hist)
	if got, w := en[2].String(), "2024-03-20 14:00 Manager Zhou reopened the engagement (reason: 客户重新启动采购)"; got != w {
		t.Errorf("reopen in English:\n got %s\nwant %s", got, w)
	}
	if got, w := en[0].Text, "created the engagement"; got != w {
		t.Errorf("create in English: got %q, want %q", got, w)
	}
}

// An entry described on its own still reads as words; what it does not
// hold itself (the action's text) is left general rather than guessed.
func TestDescribeEntryAlone(t *testing.T) {
	h := HistoryEntry{ActorID: "m-wang", At: time.Date(2024, 3, 9, 3, 0, 0, 0, time.UTC), Op: OpActionStatus,
		Changes: []FieldChange{{Field: "actions[1].status", Before: `"pending"`, After: `"done"`}, {Field: "version", Before: "3", After: "4"}}}
	if got, want := historyTestWords(ZH).DescribeEntry(h).String(), "2024-03-09 11:00 王芳 将一项跟进事项标为已完成"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	if got, want := historyTestWords(EN).DescribeEntry(h).Text, "marked a follow-up action as done"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	cu := HistoryEntry{ActorID: "m-zhou", At: h.At, Op: OpCustomerUpdate}
	if got, want := historyTestWords(ZH).DescribeEntry(cu).Text, "更新了客户资料"; got != want {
		t.Errorf("customer update: got %q, want %q", got, want)
	}
}

// The zero HistoryWords writes Chinese in Shanghai time; an actor without a
// name shows the member id, never an empty name.
func TestHistoryWordsDefaults(t *testing.T) {
	h := HistoryEntry{ActorID: "m-unknown", At: time.Date(2024, 3, 6, 10, 10, 0, 0, time.UTC), Op: OpRemark,
		Changes: []FieldChange{{Field: "remarks[0].text", Before: "null", After: `"客户月底前定预算"`}}}
	if got, want := (HistoryWords{}).DescribeEntry(h).String(), "2024-03-06 18:10 m-unknown 添加了备注"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	w := HistoryWords{Name: func(string) string { return "" }, Lang: "fr"}
	if got := w.DescribeEntry(h).String(); !strings.Contains(got, "m-unknown 添加了备注") {
		t.Errorf("an empty name and an unknown language: got %s", got)
	}
}
