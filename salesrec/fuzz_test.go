package salesrec

import (
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzParse feeds one string to every parser. None may panic; each either
// succeeds with a result that survives its own round trip, or fails with an
// error wrapping ErrInvalid. The seeds below run under plain go test.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"", " ", "2024-04-10", "2024/04/10", "2024年4月10日", "2024-02-30", "9999-99-99",
		"上午09:30", "下午02:15", "9:30 AM", "PM 2:15", "14:05", "24:00", "中午1:00", "晚上12:00",
		"¥80,000", "￥80,000", "80000", "8万", "¥8.5万", "80,000元", "USD 12,000", "$12,000.50",
		"1.2亿", "¥0.001", "¥0.01", "92233720368547758.08", "¥1,000,000,000,000", "¥1,000,000,000,000.01", "10001亿", "-5", "8,0000", "$80,000元",
		"50万以内", "不超过50万", "预算控制在50万以内", "up to 500k", "under ¥500,000", "30-50万",
		"50-30万", "50万左右", "面谈", "face_to_face", "Phone", "视频会议", "\x00", "\xff\xfe",
		"1e9", "0x10", "１２：３０", "上午", "am", "p.m.", "万", "¥", "-", "~", "到",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		check := func(what string, err error) {
			t.Helper()
			if err != nil && !errors.Is(err, ErrInvalid) {
				t.Fatalf("%s(%q): error %v does not wrap ErrInvalid", what, s, err)
			}
		}
		if d, err := ParseDate(s); err == nil {
			if back, err := ParseDate(d.String()); err != nil || back != d {
				t.Fatalf("ParseDate(%q) = %v does not round-trip: %v, %v", s, d, back, err)
			}
		} else {
			check("ParseDate", err)
		}
		if h, m, err := ParseClock(s); err == nil {
			if h < 0 || h > 23 || m < 0 || m > 59 {
				t.Fatalf("ParseClock(%q) = %d:%d out of range", s, h, m)
			}
			tm := time.Date(2024, 4, 10, h, m, 0, 0, time.UTC)
			if h2, m2, err := ParseClock(FormatClock(tm)); err != nil || h2 != h || m2 != m {
				t.Fatalf("ParseClock(%q) = %d:%02d does not round-trip through %q", s, h, m, FormatClock(tm))
			}
		} else {
			check("ParseClock", err)
		}
		if money, err := ParseMoney(s); err == nil {
			if money.Minor < 0 || money.Minor > MaxMinor {
				t.Fatalf("ParseMoney(%q) = %d is outside 0..MaxMinor", s, money.Minor)
			}
			if err := money.Validate(); err != nil {
				t.Fatalf("ParseMoney(%q) = %+v does not validate: %v", s, money, err)
			}
			if back, err := ParseMoney(money.String()); err != nil || back != money {
				t.Fatalf("ParseMoney(%q) = %+v does not round-trip through %q: %+v, %v", s, money, money.String(), back, err)
			}
		} else {
			check("ParseMoney", err)
		}
		if b, err := ParseBudget(s); err == nil {
			if b.Minor < 0 || b.Minor > MaxMinor {
				t.Fatalf("ParseBudget(%q) = %d is outside 0..MaxMinor", s, b.Minor)
			}
		} else {
			check("ParseBudget", err)
		}
		if m, err := Parse[Method](s); err == nil {
			if !m.Valid() {
				t.Fatalf("Parse[Method](%q) = %q is not valid", s, m)
			}
		} else {
			check("Parse[Method]", err)
		}
		_, err := Parse[Status](s)
		check("Parse[Status]", err)
		_, err = Parse[ActionStatus](s)
		check("Parse[ActionStatus]", err)
		_, err = Parse[PointKind](s)
		check("Parse[PointKind]", err)
		_, err = Parse[ReasonCategory](s)
		check("Parse[ReasonCategory]", err)

		// The text rules and the vague check take any string too.
		err = CheckText("f", s, 50)
		if (err == nil) != (utf8.ValidString(s) && !strings.ContainsRune(s, 0) && utf8.RuneCountInString(s) <= 50) {
			t.Fatalf("CheckText(%q) = %v", s, err)
		}
		IsVague(s, DefaultVagueActions())
	})
}
