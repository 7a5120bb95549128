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

func TestWonAmountMessages(t *testing.T) {
	signed := Date{2024, 4, 20}
	usd0, err := ParseMoney("USD 0")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		amount Money
		want   string // message of "amount"; "" means accepted
	}{
		{"no amount at all is required", Money{}, "is required for a won engagement"},
		{"¥0 must be greater than zero", CNY(0, 0), "must be greater than zero for a won engagement"},
		{"USD 0 must be greater than zero", usd0, "must be greater than zero for a won engagement"},
		{"a negative amount is refused as negative", Money{Minor: -100, Currency: "CNY"}, "must not be negative"},
		{"one fen is enough", CNY(0, 1), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Outcome{Amount: tt.amount, SignedOn: signed}.ValidateFor(StatusWon)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("want accepted, got %v", err)
				}
				return
			}
			wantField(t, err, "amount", tt.want)
		})
	}
}
