package salesrec

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestNoRuleReadsTheWallClock keeps the clock injected: only SystemClock
// may call time.Now.
func TestNoRuleReadsTheWallClock(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") || f == "clock.go" {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, bad := range []string{"time.Now(", "time.Since(", "time.Until("} {
			if strings.Contains(string(b), bad) {
				t.Errorf("%s calls %s: take now from a Clock instead", f, bad)
			}
		}
	}
}

func TestClocks(t *testing.T) {
	tests := []struct {
		name string
		c    Clock
		want time.Time
	}{
		{"fixed clock", FixedClock(t0), t0},
		{"clock func", ClockFunc(func() time.Time { return t0.Add(time.Hour) }), t0.Add(time.Hour)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.c.Now(); !got.Equal(tt.want) {
				t.Errorf("Now() = %v, want %v", got, tt.want)
			}
		})
	}
	manual := NewManualClock(t0)
	manual.Advance(90 * time.Minute)
	if got := manual.Now(); !got.Equal(t0.Add(90 * time.Minute)) {
		t.Errorf("manual clock after Advance = %v, want %v", got, t0.Add(90*time.Minute))
	}
	manual.Set(t0.Add(-time.Hour))
	if got := manual.Now(); !got.Equal(t0.Add(-time.Hour)) {
		t.Errorf("manual clock after Set = %v, want %v", got, t0.Add(-time.Hour))
	}
	if SystemClock.Now(SystemClock{}).IsZero() {
		t.Error("SystemClock returned the zero time")
	}
}
