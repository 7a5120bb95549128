package salesrec

import (
	"strings"
	"testing"
	"time"
)

func TestFindings(t *testing.T) {
	// now is the morning after the fixture's contact, before any deadline.
	now := t0.Add(18 * time.Hour)
	tests := []struct {
		name string
		edit func(e *Engagement)
		now  time.Time
		want []string // "code item"
	}{
		{"the fixture has no findings", func(e *Engagement) {}, now, nil},
		{"a late interaction", func(e *Engagement) { e.Interactions[0].Late = true }, now,
			[]string{"late_interaction interactions[0]"}},
		{"recorded 25 hours later though not marked", func(e *Engagement) {
			e.Interactions[0].RecordedAt = e.Interactions[0].OccurredAt.Add(25 * time.Hour)
		}, t0.Add(30 * time.Hour), []string{"late_interaction interactions[0]"}},
		{"recorded exactly 24 hours later is on time", func(e *Engagement) {
			e.Interactions[0].RecordedAt = e.Interactions[0].OccurredAt.Add(24 * time.Hour)
		}, t0.Add(30 * time.Hour), nil},
		{"an overdue action", func(e *Engagement) {}, time.Date(2024, 4, 10, 16, 30, 0, 0, time.UTC),
			[]string{"overdue_action actions[1]"}},
		{"stale after 14 days without contact", func(e *Engagement) {}, t0.Add(15 * 24 * time.Hour),
			[]string{"overdue_action actions[1]", "stale_engagement interactions"}},
		{"not stale at exactly 14 days", func(e *Engagement) { e.Actions = e.Actions[:1] }, t0.Add(14 * 24 * time.Hour), nil},
		{"stale counts from creation without contacts", func(e *Engagement) {
			e.Interactions = nil
			e.Actions = nil
		}, t0.Add(20 * 24 * time.Hour), []string{"stale_engagement interactions"}},
		{"a closed engagement is never stale", func(e *Engagement) {
			e.Status = StatusWon
			e.Outcome = &Outcome{Amount: CNY(80000, 0), SignedOn: Date{2024, 4, 9}}
			e.Lessons = []Lesson{{Kind: LessonSuccess, Text: "技术演示打消疑虑"}}
			e.Actions = nil
		}, t0.Add(60 * 24 * time.Hour), []string{"commitment_without_action interactions[0].points[2]"}},
		{"closed without lessons", func(e *Engagement) {
			e.Status = StatusTerminated
			e.Outcome = &Outcome{Reason: "预算调整,暂缓采购", ReasonCategory: ReasonBudget}
		}, now, []string{"closed_without_lessons lessons"}},
		{"a commitment with only an earlier action", func(e *Engagement) {
			e.Actions = []Action{{What: "发送报价单", OwnerID: "m-1", Deadline: Date{2024, 4, 7}, Status: ActionDone}}
		}, now, []string{"commitment_without_action interactions[0].points[2]"}},
		{"a commitment followed up the same day", func(e *Engagement) {
			e.Actions = []Action{{What: "发送报价单", OwnerID: "m-1", Deadline: Date{2024, 4, 8}, Status: ActionDone}}
		}, now, nil},
		{"an objection without result", func(e *Engagement) { e.Interactions[0].Points[3].Result = " " }, now,
			[]string{"objection_without_result interactions[0].points[3]"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := validEngagement()
			tt.edit(&e)
			got := DefaultRules().Findings(e, tt.now, shanghaiTZ)
			var codes []string
			for _, f := range got {
				codes = append(codes, f.Code+" "+f.Item)
				if f.Zh == "" || f.En == "" {
					t.Errorf("finding %s lacks a message: %+v", f.Code, f)
				}
			}
			if strings.Join(codes, "; ") != strings.Join(tt.want, "; ") {
				t.Fatalf("findings = %v, want %v", codes, tt.want)
			}
		})
	}
}

func TestFindingMessages(t *testing.T) {
	e := validEngagement()
	e.Interactions[0].Late = true
	got := DefaultRules().Findings(e, t0.Add(time.Hour), nil)
	if len(got) != 1 {
		t.Fatalf("findings = %v", got)
	}
	if !strings.Contains(got[0].Zh, "事后补录") || !strings.Contains(got[0].En, "24 hours") {
		t.Errorf("messages = %q / %q", got[0].Zh, got[0].En)
	}
}
