package salesrec

import (
	"strings"
	"testing"
	"time"
	"unicode"
)

// TestFindingTexts pins the exact zh and en wording of every finding, and
// checks none of them repeats a word ("业务已已成交").
func TestFindingTexts(t *testing.T) {
	type text struct{ code, zh, en string }
	open := validEngagement()
	open.Interactions[0].Late = true
	open.Interactions[0].Points[3].Result = ""
	open.Actions[0].Deadline = Date{2024, 4, 7}
	open.Actions[1].Deadline = Date{2024, 4, 7}
	won := validEngagement()
	won.Status = StatusWon
	won.Outcome = &Outcome{Amount: CNY(80000, 0), SignedOn: Date{2024, 4, 9}}
	terminated := validEngagement()
	terminated.Status = StatusTerminated
	terminated.Outcome = &Outcome{Reason: "预算调整,暂缓采购", ReasonCategory: ReasonBudget}
	now := t0.Add(22 * 24 * time.Hour)

	tests := []struct {
		name string
		e    Engagement
		want []text
	}{
		{"open with every soft problem", open, []text{
			{FindingLateInteraction, "2024-04-08 14:30 的沟通在结束24小时后才记录(事后补录)",
				"the contact of 2024-04-08 14:30 was recorded more than 24 hours after it happened (back-filled)"},
			{FindingCommitmentWithoutAction, "销售承诺“3月5日前提供定制化方案”没有对应的跟进行动",
				`the commitment "3月5日前提供定制化方案" has no follow-up action`},
			{FindingObjectionWithoutResult, "客户异议“担心系统稳定性”未标注处理结果",
				`the objection "担心系统稳定性" does not say the result of handling it`},
			{FindingOverdueAction, "行动“4月10日前发送合同初稿”已逾期(完成时限 2024-04-07)",
				`the action "4月10日前发送合同初稿" is overdue (deadline 2024-04-07)`},
			{FindingStale, "待推进的业务已22天没有沟通记录",
				"the open engagement has had no contact for 22 days"},
		}},
		{"won without lessons", won, []text{
			{FindingNoLessons, "业务已成交,但还没有经验总结(成功点/改进点)",
				"the engagement is won but has no lessons (success or improvement points)"},
		}},
		{"terminated without lessons", terminated, []text{
			{FindingNoLessons, "业务已终止,但还没有经验总结(成功点/改进点)",
				"the engagement is terminated but has no lessons (success or improvement points)"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := DefaultRules().Findings(tt.e, now, shanghaiTZ)
			if len(got) != len(tt.want) {
				t.Fatalf("findings = %+v, want %d", got, len(tt.want))
			}
			for i, f := range got {
				w := tt.want[i]
				if f.Code != w.code || f.Zh != w.zh || f.En != w.en {
					t.Errorf("finding %d = %s %q / %q\nwant        %s %q / %q", i, f.Code, f.Zh, f.En, w.code, w.zh, w.en)
				}
				if d := doubledWord(f.Zh); d != "" {
					t.Errorf("zh %q repeats %q", f.Zh, d)
				}
				if d := doubledWord(f.En); d != "" {
					t.Errorf("en %q repeats %q", f.En, d)
				}
			}
		})
	}
}

// doubledWord returns a word written twice in a row in s: two equal Han
// characters side by side (已已), or two equal space-separated words (the
// the); "" when there is none.
func doubledWord(s string) string {
	var prev rune
	for _, r := range s {
		if r == prev && unicode.Is(unicode.Han, r) {
			return string([]rune{r, r})
		}
		prev = r
	}
	words := strings.Fields(strings.ToLower(s))
	for i := 1; i < len(words); i++ {
		if words[i] == words[i-1] {
			return words[i] + " " + words[i]
		}
	}
	return ""
}

func TestDoubledWord(t *testing.T) {
	for s, want := range map[string]string{
		"业务已已成交":                "已已",
		"the the engagement":    "the the",
		"业务已成交":                 "",
		"the engagement is won": "",
	} {
		if got := doubledWord(s); got != want {
			t.Errorf("doubledWord(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestOverdueOneRule: an action past its deadline is overdue only while its
// engagement is open, in Action.IsOverdue and in Findings alike.
func TestOverdueOneRule(t *testing.T) {
	at := time.Date(2024, 4, 12, 9, 0, 0, 0, shanghaiTZ)
	past := Action{ID: "a-9", What: "发送合同初稿", OwnerID: "m-1", Deadline: Date{2024, 4, 10}, Status: ActionPending}
	tests := []struct {
		name    string
		status  Status
		outcome *Outcome
		action  Action
		want    bool
	}{
		{"open, past deadline, pending", StatusOpen, nil, past, true},
		{"open, past deadline, done", StatusOpen, nil, withStatus(past, ActionDone), false},
		{"open, deadline today", StatusOpen, nil, withDeadline(past, Date{2024, 4, 12}), false},
		{"won, past deadline, pending", StatusWon, &Outcome{Amount: CNY(80000, 0), SignedOn: Date{2024, 4, 9}}, past, false},
		{"terminated, past deadline, in progress", StatusTerminated,
			&Outcome{Reason: "预算调整,暂缓采购", ReasonCategory: ReasonBudget}, withStatus(past, ActionInProgress), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.action.IsOverdue(tt.status, at, shanghaiTZ); got != tt.want {
				t.Fatalf("IsOverdue(%s) = %v, want %v", tt.status, got, tt.want)
			}
			e := validEngagement()
			e.Status, e.Outcome = tt.status, tt.outcome
			e.Lessons = []Lesson{{Kind: LessonSuccess, Text: "技术演示打消疑虑"}}
			e.Actions = []Action{tt.action}
			found := false
			for _, f := range DefaultRules().Findings(e, at, shanghaiTZ) {
				found = found || f.Code == FindingOverdueAction
			}
			if found != tt.want {
				t.Fatalf("overdue finding = %v, want %v", found, tt.want)
			}
		})
	}
}

func withStatus(a Action, s ActionStatus) Action { a.Status = s; return a }

func withDeadline(a Action, d Date) Action { a.Deadline = d; return a }
