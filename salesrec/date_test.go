package salesrec

import (
	"errors"
	"testing"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want Date
		ok   bool
	}{
		{"template form", "2024-04-10", Date{2024, 4, 10}, true},
		{"surrounding space is ignored", " 2024-04-10 ", Date{2024, 4, 10}, true},
		{"slashes", "2024/04/10", Date{2024, 4, 10}, true},
		{"chinese form", "2024年4月10日", Date{2024, 4, 10}, true},
		{"chinese form with two-digit month", "2024年04月10日", Date{2024, 4, 10}, true},
		{"chinese form without 日", "2024年4月10", Date{2024, 4, 10}, true},
		{"leap day", "2024-02-29", Date{2024, 2, 29}, true},
		{"no leap day in 2023", "2023-02-29", Date{}, false},
		{"month 13", "2024-13-01", Date{}, false},
		{"day zero", "2024-04-00", Date{}, false},
		{"single-digit month in dash form", "2024-4-10", Date{2024, 4, 10}, true},
		{"dots", "2024.4.1", Date{2024, 4, 1}, true},
		{"three-digit month", "2024-004-10", Date{}, false},
		{"mixed separators", "2024-04/10", Date{}, false},
		{"time included", "2024-04-10T00:00:00Z", Date{}, false},
		{"five-digit year", "20224-04-10", Date{}, false},
		{"year before 1900", "1899-12-31", Date{}, false},
		{"year after 2100", "2101-01-01", Date{}, false},
		{"empty", "", Date{}, false},
		{"signed", "+024-04-10", Date{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseDate(tt.in)
			if !tt.ok {
				if !errors.Is(err, ErrInvalid) {
					t.Fatalf("ParseDate(%q) = %v, %v; want ErrInvalid", tt.in, got, err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("ParseDate(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
			}
			if back, err := ParseDate(got.String()); err != nil || back != got {
				t.Fatalf("round trip of %v gave %v, %v", got, back, err)
			}
		})
	}
}
