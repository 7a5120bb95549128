package salesrec

import (
	"errors"
	"testing"
	"time"
)

func TestCheckTransition(t *testing.T) {
	tests := []struct {
		name     string
		from, to Status
		ok       bool
	}{
		{"open to won is allowed", StatusOpen, StatusWon, true},
		{"open to terminated is allowed", StatusOpen, StatusTerminated, true},
		{"open to open is refused", StatusOpen, StatusOpen, false},
		{"won to terminated is refused", StatusWon, StatusTerminated, false},
		{"won to open is refused", StatusWon, StatusOpen, false},
		{"won to won is refused", StatusWon, StatusWon, false},
		{"terminated to won is refused", StatusTerminated, StatusWon, false},
		{"terminated to open needs Reopen", StatusTerminated, StatusOpen, false},
		{"unknown target is refused", StatusOpen, "paused", false},
		{"unknown source is refused", "", StatusWon, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckTransition(tt.from, tt.to)
			if tt.ok {
				if err != nil {
					t.Fatalf("want allowed, got %v", err)
				}
				return
			}
			if !errors.Is(err, ErrInvalidTransition) {
				t.Fatalf("want ErrInvalidTransition, got %v", err)
			}
		})
	}
}

func TestClose(t *testing.T) {
	now := t0.Add(30 * 24 * time.Hour)
	tests := []struct {
		name      string
		from      Status
		to        Status
		o         Outcome
		wantErr   error
		wantField string
	}{
		{"won with amount and date closes", StatusOpen, StatusWon, Outcome{Amount: CNY(80000, 0), SignedOn: Date{2024, 5, 1}}, nil, ""},
		{"terminated with reason and category closes", StatusOpen, StatusTerminated, Outcome{Reason: "预算调整,暂缓采购", ReasonCategory: ReasonBudget}, nil, ""},
		{"won without amount is refused", StatusOpen, StatusWon, Outcome{SignedOn: Date{2024, 5, 1}}, ErrInvalid, "outcome.amount"},
		{"won without date is refused", StatusOpen, StatusWon, Outcome{Amount: CNY(80000, 0)}, ErrInvalid, "outcome.signed_on"},
		{"won signed in the future is refused", StatusOpen, StatusWon, Outcome{Amount: CNY(80000, 0), SignedOn: Date{2024, 6, 1}}, ErrInvalid, "outcome.signed_on"},
		{"won with a termination shape is refused", StatusOpen, StatusWon, Outcome{Reason: "竞品更便宜", ReasonCategory: ReasonCompetitor}, ErrInvalid, "outcome.reason"},
		{"terminated without category is refused", StatusOpen, StatusTerminated, Outcome{Reason: "选择竞品"}, ErrInvalid, "outcome.reason_category"},
		{"terminated with a won shape is refused", StatusOpen, StatusTerminated, Outcome{Amount: CNY(80000, 0), SignedOn: Date{2024, 5, 1}}, ErrInvalid, "outcome.reason"},
		{"closing a won engagement is refused", StatusWon, StatusTerminated, Outcome{Reason: "x", ReasonCategory: ReasonOther}, ErrInvalidTransition, ""},
		{"closing to open is refused", StatusOpen, StatusOpen, Outcome{}, ErrInvalidTransition, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := validEngagement()
			e.Status = tt.from
			got, err := e.Close(tt.o, tt.to, now)
			if tt.wantErr == nil {
				if err != nil {
					t.Fatalf("want closed, got %v", err)
				}
				if got.Status != tt.to || got.Outcome == nil || *got.Outcome != tt.o || !got.UpdatedAt.Equal(now) {
					t.Fatalf("closed engagement: status %s outcome %+v updated %v", got.Status, got.Outcome, got.UpdatedAt)
				}
				if err := got.Validate(); err != nil {
					t.Fatalf("closed engagement does not validate: %v", err)
				}
				return
			}
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("want %v, got %v", tt.wantErr, err)
			}
			if tt.wantField != "" {
				if _, ok := fieldsOf(t, err)[tt.wantField]; !ok {
					t.Fatalf("error does not name %s: %v", tt.wantField, err)
				}
			}
			if got.Status != tt.from {
				t.Fatalf("refused close changed status to %s", got.Status)
			}
		})
	}
}

func TestReopen(t *testing.T) {
	now := t0.Add(40 * 24 * time.Hour)
	terminated := validEngagement()
	terminated.Status = StatusTerminated
	terminated.Outcome = &Outcome{Reason: "预算调整,暂缓采购", ReasonCategory: ReasonBudget}
	won := validEngagement()
	won.Status = StatusWon
	won.Outcome = &Outcome{Amount: CNY(80000, 0), SignedOn: Date{2024, 5, 1}}
	tests := []struct {
		name    string
		e       Engagement
		reason  string
		wantErr error
	}{
		{"terminated with a reason reopens", terminated, "客户预算已重新批复", nil},
		{"terminated without a reason is refused", terminated, "  ", ErrInvalid},
		{"a reason with NUL is refused", terminated, "预算\x00批复", ErrInvalid},
		{"won cannot be reopened", won, "客户要加购", ErrInvalidTransition},
		{"open cannot be reopened", validEngagement(), "再试一次", ErrInvalidTransition},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.e.Reopen(tt.reason, now)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("want %v, got %v", tt.wantErr, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.Status != StatusOpen || got.Outcome != nil || got.ReopenReason != tt.reason || !got.UpdatedAt.Equal(now) {
				t.Fatalf("reopened: %+v", got)
			}
			if err := got.Validate(); err != nil {
				t.Fatalf("reopened engagement does not validate: %v", err)
			}
		})
	}
	if tt := terminated; tt.Status != StatusTerminated || tt.Outcome == nil {
		t.Fatal("Reopen changed the engagement it was called on")
	}
}
