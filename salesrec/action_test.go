package salesrec

import (
	"testing"
	"time"
)

func TestOverdueAroundShanghaiMidnight(t *testing.T) {
	// 2024-04-10T16:30Z is 00:30 on 2024-04-11 in Shanghai: the 10th is over
	// there, though it is still the 10th in UTC.
	now := time.Date(2024, 4, 10, 16, 30, 0, 0, time.UTC)
	justBefore := time.Date(2024, 4, 10, 15, 59, 59, 0, time.UTC) // 23:59:59 on the 10th in Shanghai
	tests := []struct {
		name     string
		deadline Date
		status   ActionStatus
		now      time.Time
		loc      *time.Location
		want     bool
		display  string
	}{
		{"yesterday's deadline is overdue in Shanghai", Date{2024, 4, 10}, ActionPending, now, shanghaiTZ, true, "overdue"},
		{"today's deadline is not overdue in Shanghai", Date{2024, 4, 11}, ActionPending, now, shanghaiTZ, false, "pending"},
		{"the same instant in UTC is still the 10th", Date{2024, 4, 10}, ActionPending, now, time.UTC, false, "pending"},
		{"the last second of the deadline day is not overdue", Date{2024, 4, 10}, ActionInProgress, justBefore, shanghaiTZ, false, "in_progress"},
		{"a done action is never overdue", Date{2024, 4, 1}, ActionDone, now, shanghaiTZ, false, "done"},
		{"nil location means Shanghai", Date{2024, 4, 10}, ActionPending, now, nil, true, "overdue"},
		{"no deadline is never overdue", Date{}, ActionPending, now, shanghaiTZ, false, "pending"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := Action{What: "发送合同初稿", OwnerID: "m-1", Deadline: tt.deadline, Status: tt.status}
			if got := a.Overdue(tt.now, tt.loc); got != tt.want {
				t.Errorf("Overdue = %v, want %v", got, tt.want)
			}
			if got := a.Display(tt.now, tt.loc); got != tt.display {
				t.Errorf("Display = %q, want %q", got, tt.display)
			}
		})
	}
}

func TestDisplayLabel(t *testing.T) {
	now := time.Date(2024, 4, 10, 16, 30, 0, 0, time.UTC)
	over := Action{Deadline: Date{2024, 4, 10}, Status: ActionPending}
	fine := Action{Deadline: Date{2024, 4, 11}, Status: ActionInProgress}
	tests := []struct {
		name string
		a    Action
		lang Lang
		want string
	}{
		{"overdue in zh", over, ZH, "已逾期"},
		{"overdue in en", over, EN, "overdue"},
		{"in progress in zh", fine, ZH, "进行中"},
		{"in progress in en", fine, EN, "in progress"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.a.DisplayLabel(now, shanghaiTZ, tt.lang); got != tt.want {
				t.Errorf("DisplayLabel = %q, want %q", got, tt.want)
			}
		})
	}
}
