package salesrec

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestStampInteractionLateWindow(t *testing.T) {
	strict := DefaultRules()
	strict.LateMode = LateRefuse
	tests := []struct {
		name     string
		rules    Rules
		after    time.Duration // now - occurred_at
		wantLate bool
		wantErr  string // message fragment for occurred_at; "" means accepted
	}{
		{"recorded at once is on time", DefaultRules(), time.Minute, false, ""},
		{"exactly 24h is on time", DefaultRules(), 24 * time.Hour, false, ""},
		{"24h and 1s is late and kept", DefaultRules(), 24*time.Hour + time.Second, true, ""},
		{"a week later is late and kept", DefaultRules(), 7 * 24 * time.Hour, true, ""},
		{"exactly 24h is on time when strict", strict, 24 * time.Hour, false, ""},
		{"24h and 1s is refused when strict", strict, 24*time.Hour + time.Second, false, "recorded too late"},
		{"5 minutes ahead is within the skew", DefaultRules(), -5 * time.Minute, false, ""},
		{"5 minutes and 1s ahead is refused", DefaultRules(), -5*time.Minute - time.Second, false, "is in the future"},
		{"a day ahead is refused", DefaultRules(), -24 * time.Hour, false, "is in the future"},
		{"a custom 2h window marks 3h late", Rules{LateWindow: 2 * time.Hour}, 3 * time.Hour, true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := validInteraction()
			now := in.OccurredAt.Add(tt.after)
			got, err := tt.rules.StampInteraction(in, now)
			if tt.wantErr != "" {
				wantField(t, err, "occurred_at", tt.wantErr)
				return
			}
			if err != nil {
				t.Fatalf("want accepted, got %v", err)
			}
			if got.Late != tt.wantLate {
				t.Errorf("Late = %v, want %v", got.Late, tt.wantLate)
			}
			if !got.RecordedAt.Equal(now) {
				t.Errorf("RecordedAt = %v, want %v", got.RecordedAt, now)
			}
		})
	}
}

func TestStampInteractionRefusalSaysBackfill(t *testing.T) {
	r := DefaultRules()
	r.LateMode = LateRefuse
	in := validInteraction()
	_, err := r.StampInteraction(in, in.OccurredAt.Add(48*time.Hour))
	wantField(t, err, "occurred_at", "事后补录")
}

func TestStampInteractionKeepsZoneAndTruncates(t *testing.T) {
	in := validInteraction()
	in.OccurredAt = time.Date(2024, 4, 8, 14, 30, 45, 123, time.FixedZone("", 8*3600))
	got, err := DefaultRules().StampInteraction(in, in.OccurredAt.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if _, off := got.OccurredAt.Zone(); off != 8*3600 {
		t.Errorf("offset = %d, want +08:00", off)
	}
	if s := got.OccurredAt.Format(time.RFC3339Nano); s != "2024-04-08T14:30:00+08:00" {
		t.Errorf("OccurredAt = %s, want 2024-04-08T14:30:00+08:00", s)
	}
}

func TestStampInteractionAlsoValidates(t *testing.T) {
	in := validInteraction()
	in.Topic = ""
	_, err := DefaultRules().StampInteraction(in, in.OccurredAt.Add(time.Hour))
	wantField(t, err, "topic", "is required")

	in.OccurredAt = time.Time{}
	_, err = DefaultRules().StampInteraction(in, t0)
	wantField(t, err, "occurred_at", "is required")
}

func TestStampInteractionClockAndFieldErrorsTogether(t *testing.T) {
	in := validInteraction()
	in.Topic = ""
	_, err := DefaultRules().StampInteraction(in, in.OccurredAt.Add(-time.Hour))
	fields := fieldsOf(t, err)
	if !strings.Contains(fields["occurred_at"], "future") || fields["topic"] == "" {
		t.Fatalf("want both occurred_at and topic, got %v", fields)
	}
}

func TestStampInteractionUnknownMode(t *testing.T) {
	in := validInteraction()
	_, err := Rules{LateMode: "shrug"}.StampInteraction(in, in.OccurredAt)
	if !errors.Is(err, ErrInvalid) {
		t.Fatalf("want ErrInvalid, got %v", err)
	}
}
