package salesrec

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestReviewEngagement(t *testing.T) {
	day := func(d int, hh, mm int) time.Time { return time.Date(2024, 4, d, hh, mm, 0, 0, shanghaiTZ) }
	type want struct {
		overdue, dueSoon, late, unfollowed []int
		silent, noLessons                  bool
	}
	tests := []struct {
		name string
		edit func(e *Engagement)
		at   time.Time
		set  ReviewSettings
		want want
	}{
		{"the pending action is due soon, the done one never", func(e *Engagement) {}, day(9, 10, 0), ReviewSettings{}, want{dueSoon: []int{1}}},
		{"a deadline is overdue from the next day in the team's zone", func(e *Engagement) {}, day(11, 0, 30), ReviewSettings{}, want{overdue: []int{1}}},
		{"due within one day does not reach two days ahead", func(e *Engagement) {}, day(8, 16, 0), ReviewSettings{DueWithinDays: 1}, want{}},
		{"due within one day reaches tomorrow", func(e *Engagement) {}, day(9, 16, 0), ReviewSettings{DueWithinDays: 1}, want{dueSoon: []int{1}}},
		{"a late contact of the period", func(e *Engagement) { e.Interactions[0].Late = true }, day(9, 10, 0), ReviewSettings{}, want{dueSoon: []int{1}, late: []int{0}}},
		{"a late contact before the period", func(e *Engagement) { e.Interactions[0].Late = true }, day(15, 10, 0), ReviewSettings{}, want{overdue: []int{1}}},
		{"recorded more than a day later counts as late", func(e *Engagement) {
			e.Interactions[0].RecordedAt = e.Interactions[0].OccurredAt.Add(25 * time.Hour)
		}, day(10, 10, 0), ReviewSettings{}, want{dueSoon: []int{1}, late: []int{0}}},
		{"a commitment with every action planned before its day", func(e *Engagement) {
			e.Actions[1].Deadline = Date{2024, 4, 7}
			e.Actions[0].Deadline = Date{2024, 4, 7}
		}, day(8, 18, 0), ReviewSettings{}, want{overdue: []int{1}, unfollowed: []int{0}}},
		{"a closed engagement's commitments are not reviewed", func(e *Engagement) {
			e.Actions[1].Deadline = Date{2024, 4, 7}
			e.Actions[0].Deadline = Date{2024, 4, 7}
			e.Status = StatusTerminated
			e.Outcome = &Outcome{Reason: "预算冻结", ReasonCategory: ReasonBudget}
			e.Lessons = []Lesson{{Kind: LessonImprovement, Text: "更早确认预算"}}
		}, day(8, 18, 0), ReviewSettings{}, want{}},
		{"silent after 14 days without contact", func(e *Engagement) {}, t0.Add(15 * 24 * time.Hour), ReviewSettings{}, want{overdue: []int{1}, silent: true}},
		{"not silent at exactly 14 days", func(e *Engagement) {}, t0.Add(14 * 24 * time.Hour), ReviewSettings{}, want{overdue: []int{1}}},
		{"silent after the days asked for", func(e *Engagement) {}, t0.Add(3 * 24 * time.Hour), ReviewSettings{SilentDays: 2}, want{overdue: []int{1}, silent: true}},
		{"won without lessons", func(e *Engagement) {
			e.Status = StatusWon
			e.Outcome = &Outcome{Amount: CNY(80000, 0), SignedOn: Date{2024, 4, 9}}
		}, day(9, 10, 0), ReviewSettings{}, want{noLessons: true}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := validEngagement()
			tc.edit(&e)
			got := DefaultRules().ReviewEngagement(e, NewReviewWindow(tc.at, shanghaiTZ, tc.set))
			same := slices.Equal(got.Overdue, tc.want.overdue) && slices.Equal(got.DueSoon, tc.want.dueSoon) &&
				slices.Equal(got.LateContacts, tc.want.late) && slices.Equal(got.UnfollowedContacts, tc.want.unfollowed) &&
				got.Silent == tc.want.silent && got.NoLessons == tc.want.noLessons
			if !same {
				t.Fatalf("got %+v, want %+v", got, tc.want)
			}
			if got.IsZero() != (tc.want.overdue == nil && tc.want.dueSoon == nil && tc.want.late == nil &&
				tc.want.unfollowed == nil && !tc.want.silent && !tc.want.noLessons) {
				t.Fatalf("IsZero %v for %+v", got.IsZero(), got)
			}
		})
	}
}

func TestReviewWindowDays(t *testing.T) {
	w := NewReviewWindow(time.Date(2024, 4, 11, 16, 30, 0, 0, time.UTC), nil, ReviewSettings{})
	if w.Today != (Date{2024, 4, 12}) || w.DueBy != (Date{2024, 4, 19}) || w.PeriodFrom != (Date{2024, 4, 6}) {
		t.Fatalf("window days %v %v %v: today must be Shanghai's", w.Today, w.DueBy, w.PeriodFrom)
	}
	from, until := w.PeriodBounds()
	if !from.Equal(time.Date(2024, 4, 6, 0, 0, 0, 0, shanghaiTZ)) || !until.Equal(time.Date(2024, 4, 13, 0, 0, 0, 0, shanghaiTZ)) {
		t.Fatalf("period %v – %v", from, until)
	}
}

func TestReviewSettingsValidate(t *testing.T) {
	if err := (ReviewSettings{}).Validate(); err != nil {
		t.Fatalf("zero settings: %v", err)
	}
	err := ReviewSettings{DueWithinDays: -1, SilentDays: MaxReviewSpanDays + 1, PeriodDays: 3}.Validate()
	var ve *ValidationError
	if !errors.As(err, &ve) || len(ve.Fields) != 2 || ve.Fields["due_within_days"] != msgNotNegative || ve.Fields["silent_days"].En == "" {
		t.Fatalf("bad settings: %v", err)
	}
}

func TestCanReview(t *testing.T) {
	rep := Member{ID: "r1", TeamID: "t1", Role: RoleRep}
	mgr := Member{ID: "m1", TeamID: "t1", Role: RoleManager}
	cases := []struct {
		m           Member
		team, owner string
		want        bool
	}{
		{rep, "t1", "r1", true}, {rep, "t1", "", false}, {rep, "t1", "r2", false},
		{mgr, "t1", "", true}, {mgr, "t1", "r2", true}, {mgr, "t2", "", false},
		{Member{TeamID: "t1", Role: RoleAdmin}, "t1", "", false},
	}
	for _, c := range cases {
		if got := CanReview(c.m, c.team, c.owner); got != c.want {
			t.Errorf("CanReview(%+v, %q, %q) = %v, want %v", c.m, c.team, c.owner, got, c.want)
		}
	}
}

func TestActionReminder(t *testing.T) {
	now := time.Date(2024, 4, 9, 10, 0, 0, 0, shanghaiTZ)
	a := Action{What: "发送合同初稿", OwnerID: "m-1", Status: ActionPending}
	cases := []struct {
		deadline Date
		status   ActionStatus
		eng      Status
		want     ReminderKind
	}{
		{Date{2024, 4, 10}, ActionPending, StatusOpen, ReminderDueTomorrow},
		{Date{2024, 4, 8}, ActionInProgress, StatusOpen, ReminderOverdue},
		{Date{2024, 4, 9}, ActionPending, StatusOpen, ""},
		{Date{2024, 4, 11}, ActionPending, StatusOpen, ""},
		{Date{2024, 4, 10}, ActionDone, StatusOpen, ""},
		{Date{2024, 4, 8}, ActionPending, StatusWon, ""},
	}
	for _, c := range cases {
		a.Deadline, a.Status = c.deadline, c.status
		kind, ok := ActionReminder(a, c.eng, now, nil)
		if kind != c.want || ok != (c.want != "") {
			t.Errorf("deadline %s, %s, engagement %s: %q %v, want %q", c.deadline, c.status, c.eng, kind, ok, c.want)
		}
	}
}

func TestMeetingUnrecorded(t *testing.T) {
	r := DefaultRules()
	if r.MeetingUnrecorded(t0, nil, t0.Add(24*time.Hour)) {
		t.Error("reminded at exactly the late window")
	}
	if !r.MeetingUnrecorded(t0, []time.Time{t0.Add(-13 * time.Hour)}, t0.Add(25*time.Hour)) {
		t.Error("a contact 13 hours before the meeting is not its record")
	}
	if r.MeetingUnrecorded(t0, []time.Time{t0.Add(12 * time.Hour)}, t0.Add(25*time.Hour)) {
		t.Error("a contact 12 hours after the meeting records it")
	}
	if !r.SilentSince(t0, t0.Add(14*24*time.Hour+time.Second)) || r.SilentSince(t0, t0.Add(14*24*time.Hour)) {
		t.Error("silence starts just after StaleAfter")
	}
}

func TestReminderMessagesInBothLanguages(t *testing.T) {
	r := DefaultRules()
	for _, k := range []ReminderKind{ReminderDueTomorrow, ReminderOverdue, ReminderSilent, ReminderUnrecorded} {
		m := r.ReminderMessage(k, "华东精工", "发送合同初稿", Date{2024, 4, 10}, t0, 15, nil)
		if !strings.Contains(m.Zh, "华东精工") || !strings.Contains(m.En, "华东精工") || !strings.HasPrefix(m.Zh, "提醒") || !strings.HasPrefix(m.En, "Reminder") {
			t.Errorf("%s: %+v", k, m)
		}
	}
	if m := r.ReminderMessage(ReminderUnrecorded, "华东精工", "", Date{}, t0, 0, nil); !strings.Contains(m.Zh, "2024-04-08 14:30") || !strings.Contains(m.En, "24 hours") {
		t.Errorf("unrecorded meeting: %+v", m)
	}
}

func TestReviewLinesInBothLanguages(t *testing.T) {
	rv := Review{Today: Date{2024, 4, 12}, PeriodFrom: Date{2024, 4, 6}, At: t0,
		Owners: []OwnerReview{{OwnerName: "张伟",
			Overdue:   []ReviewAction{{CustomerName: "华东精工", Action: Action{What: "发送合同初稿", Deadline: Date{2024, 4, 10}}}},
			NoLessons: []ReviewEngagement{{CustomerName: "明远零售", Status: StatusWon}}}},
		Pipeline: Pipeline{Open: 1, Won: 1, WonByMonth: []MonthAmount{{Month: "2024-03", Amount: CNY(80000, 0), Count: 1}},
			Reasons: []ReasonCount{{Category: ReasonBudget, Count: 2}}}}
	zh, en := rv.Lines(ZH, nil), rv.Lines(EN, nil)
	if len(zh) != len(en) {
		t.Fatalf("%d zh lines, %d en lines", len(zh), len(en))
	}
	for _, want := range []string{"已逾期的行动 (1)", "发送合同初稿(完成时限 2024-04-10)", "明远零售:已成交", "终止原因“预算”:2 笔"} {
		if !strings.Contains(strings.Join(zh, "\n"), want) {
			t.Errorf("zh lacks %q:\n%s", want, strings.Join(zh, "\n"))
		}
	}
	for _, want := range []string{"overdue actions (1)", "(deadline 2024-04-10)", "明远零售: won", "terminated for budget: 2", "Pipeline: 1 open, 1 won, 0 terminated"} {
		if !strings.Contains(strings.Join(en, "\n"), want) {
			t.Errorf("en lacks %q:\n%s", want, strings.Join(en, "\n"))
		}
	}
	if empty := (Review{}).Lines(EN, nil); !strings.Contains(strings.Join(empty, "\n"), "nothing needs attention") {
		t.Errorf("an empty review says %v", empty)
	}
}
