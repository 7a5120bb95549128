package salesrec

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestParseClockRefusesAMarkerWithA24HourHour(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"下午 with 13", "下午13:00", "下午13:00"},
		{"上午 with 13", "上午13:00", "上午13:00"},
		{"下午 with 14", "下午14:00", "下午14:00"},
		{"晚上 with 20", "晚上20:15", "晚上20:15"},
		{"中午 with 13", "中午13:30", "中午13:30"},
		{"早上 with 23", "早上23:59", "早上23:59"},
		{"PM after with 13", "13:00 PM", "13:00 PM"},
		{"AM before with 15", "AM 15:10", "AM 15:10"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, m, err := ParseClock(tt.in)
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("ParseClock(%q) = %d:%02d, %v; want ErrInvalid", tt.in, h, m, err)
			}
			for _, c := range []struct {
				lang Lang
				says string
			}{{EN, "mixes the 12-hour and 24-hour clocks"}, {ZH, "把12小时制和24小时制混在一起了"}} {
				msg := textIn(err, c.lang)
				for _, part := range []string{tt.want, c.says} {
					if !strings.Contains(msg, part) {
						t.Errorf("message %q does not say %q", msg, part)
					}
				}
			}
		})
	}
}

// TestParseClockTwelve pins the 12 o'clock semantics: 上午12 is just after
// midnight, 下午12 and 中午12 just after noon, 晚上12 is ambiguous.
func TestParseClockTwelve(t *testing.T) {
	tests := []struct {
		in     string
		h, m   int
		wantOK bool
	}{
		{"上午12:00", 0, 0, true},
		{"上午12:45", 0, 45, true},
		{"下午12:00", 12, 0, true},
		{"下午12:45", 12, 45, true},
		{"中午12:10", 12, 10, true},
		{"12:45 AM", 0, 45, true},
		{"12:45 PM", 12, 45, true},
		{"晚上12:00", 0, 0, false},
		{"中午11:30", 11, 30, true},
		{"中午00:30", 0, 0, false},
		{"晚上11:30", 23, 30, true},
		{"晚上00:30", 0, 0, false},
		{"早上00:30", 0, 30, true},
	}
	for _, tt := range tests {
		h, m, err := ParseClock(tt.in)
		if !tt.wantOK {
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("ParseClock(%q) = %d:%02d, %v; want ErrInvalid", tt.in, h, m, err)
			}
			continue
		}
		if err != nil || h != tt.h || m != tt.m {
			t.Errorf("ParseClock(%q) = %d:%02d, %v; want %d:%02d", tt.in, h, m, err, tt.h, tt.m)
		}
	}
}

func TestParseClock(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		h, m   int
		wantOK bool
	}{
		{"template morning", "上午09:30", 9, 30, true},
		{"template afternoon", "下午02:15", 14, 15, true},
		{"one-digit hour", "下午2:15", 14, 15, true},
		{"noon", "下午12:00", 12, 0, true},
		{"midnight", "上午12:00", 0, 0, true},
		{"上午00:30 reads as 00:30", "上午00:30", 0, 30, true},
		{"早上 is morning", "早上8:05", 8, 5, true},
		{"晚上 is evening", "晚上8:05", 20, 5, true},
		{"中午12:30 is noon", "中午12:30", 12, 30, true},
		{"中午1:00 is 13:00", "中午1:00", 13, 0, true},
		{"full-width colon", "上午09：30", 9, 30, true},
		{"AM after", "9:30 AM", 9, 30, true},
		{"pm after without space", "2:15pm", 14, 15, true},
		{"PM before", "PM 02:15", 14, 15, true},
		{"p.m. with dots", "2:15 p.m.", 14, 15, true},
		{"12 AM is midnight", "12:05 am", 0, 5, true},
		{"12 PM is noon", "12:05 PM", 12, 5, true},
		{"24-hour", "14:05", 14, 5, true},
		{"24-hour midnight", "00:00", 0, 0, true},
		{"24-hour last minute", "23:59", 23, 59, true},
		{"hour 24 is refused", "24:00", 0, 0, false},
		{"minute 60 is refused", "09:60", 0, 0, false},
		{"one-digit minute is refused", "9:5", 0, 0, false},
		{"上午13:00 is refused", "上午13:00", 0, 0, false},
		{"下午00:30 is refused", "下午00:30", 0, 0, false},
		{"晚上12:00 is ambiguous and refused", "晚上12:00", 0, 0, false},
		{"no colon is refused", "0930", 0, 0, false},
		{"words are refused", "下午三点", 0, 0, false},
		{"empty is refused", "", 0, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, m, err := ParseClock(tt.in)
			if !tt.wantOK {
				if !errors.Is(err, ErrInvalid) {
					t.Fatalf("ParseClock(%q) = %d:%d, %v; want ErrInvalid", tt.in, h, m, err)
				}
				return
			}
			if err != nil || h != tt.h || m != tt.m {
				t.Fatalf("ParseClock(%q) = %d:%02d, %v; want %d:%02d", tt.in, h, m, err, tt.h, tt.m)
			}
		})
	}
}

func TestFormatClock(t *testing.T) {
	at := func(h, m int) time.Time { return time.Date(2024, 4, 10, h, m, 0, 0, shanghaiTZ) }
	tests := []struct {
		name   string
		t      time.Time
		zh, en string
	}{
		{"morning", at(9, 30), "上午09:30", "09:30 AM"},
		{"afternoon", at(14, 15), "下午02:15", "02:15 PM"},
		{"midnight", at(0, 0), "上午12:00", "12:00 AM"},
		{"a minute past midnight", at(0, 1), "上午12:01", "12:01 AM"},
		{"last morning minute", at(11, 59), "上午11:59", "11:59 AM"},
		{"noon", at(12, 0), "下午12:00", "12:00 PM"},
		{"last minute of the day", at(23, 59), "下午11:59", "11:59 PM"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := FormatClock(tt.t); got != tt.zh {
				t.Errorf("FormatClock = %q, want %q", got, tt.zh)
			}
			if got := FormatClockEN(tt.t); got != tt.en {
				t.Errorf("FormatClockEN = %q, want %q", got, tt.en)
			}
		})
	}
}

func TestClockRoundTripsEveryMinute(t *testing.T) {
	for minute := 0; minute < 24*60; minute++ {
		tm := time.Date(2024, 4, 10, minute/60, minute%60, 0, 0, time.UTC)
		for _, s := range []string{FormatClock(tm), FormatClockEN(tm)} {
			h, m, err := ParseClock(s)
			if err != nil || h != tm.Hour() || m != tm.Minute() {
				t.Fatalf("ParseClock(%q) = %d:%02d, %v; want %s", s, h, m, err, tm.Format("15:04"))
			}
		}
	}
}
