package salesrec

import (
	"testing"
)

func TestOutcomeValidateFor(t *testing.T) {
	won := Outcome{Amount: CNY(80000, 0), SignedOn: Date{2024, 4, 20}}
	if err := won.ValidateFor(StatusWon); err != nil {
		t.Errorf("won outcome for won: %v", err)
	}
	wantField(t, won.ValidateFor(StatusTerminated), "amount", "must be empty for a terminated engagement")
	wantField(t, won.ValidateFor(StatusTerminated), "reason", "is required")
	wantField(t, won.ValidateFor(StatusOpen), "outcome", "must be empty while the engagement is open")
	if err := (Outcome{}).ValidateFor(StatusOpen); err != nil {
		t.Errorf("empty outcome for open: %v", err)
	}
}
