package salesrec

import (
	"fmt"
	"strings"
	"time"
)

// Date is a calendar day without a time or zone, written YYYY-MM-DD as the
// template requires. Deadlines and signing dates are Dates; whether a
// deadline has passed depends on the team's time zone (see Action.Overdue).
// The zero Date is "no date".
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf returns the calendar day of t in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// String formats d as YYYY-MM-DD; the zero Date formats as "".
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// In returns the first instant of d in loc.
func (d Date) In(loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}

// Before reports whether d is an earlier day than e.
func (d Date) Before(e Date) bool {
	if d.Year != e.Year {
		return d.Year < e.Year
	}
	if d.Month != e.Month {
		return d.Month < e.Month
	}
	return d.Day < e.Day
}

// After reports whether d is a later day than e.
func (d Date) After(e Date) bool { return e.Before(d) }

// AddDays returns d moved by n days.
func (d Date) AddDays(n int) Date {
	return DateOf(time.Date(d.Year, d.Month, d.Day+n, 12, 0, 0, 0, time.UTC))
}

// valid reports whether d names a real calendar day.
func (d Date) valid() bool {
	if d.Year < 1 || d.Year > 9999 {
		return false
	}
	return DateOf(d.In(time.UTC)) == d
}

// MarshalText formats d as YYYY-MM-DD.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText parses YYYY-MM-DD (see ParseDate); empty text is the zero Date.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// ParseDate reads a calendar day. The template's form is YYYY-MM-DD
// ("2024-04-10"). Forms people also type are accepted: month and day with
// one digit ("2024-4-10"), slashes or dots instead of hyphens ("2024/04/10",
// "2024.4.10") and the Chinese YYYY年M月D日 ("2024年4月10日", the final 日
// optional). The year always has four digits. Surrounding space is ignored. The day must
// exist (2024-02-30 is refused); the year must lie within MinYear..MaxYear.
// Errors are *InputErrors (errors.Is(err, ErrInvalid)).
func ParseDate(s string) (Date, error) {
	in := strings.TrimSpace(s)
	y, m, d, ok := splitDate(in)
	if !ok {
		return Date{}, inputError(s, msgNotADate(s))
	}
	date := Date{Year: y, Month: time.Month(m), Day: d}
	if m < 1 || m > 12 || !date.valid() {
		return Date{}, inputError(s, msgNoSuchDay(s))
	}
	if y < MinYear || y > MaxYear {
		return Date{}, inputError(s, msgDateYears(s))
	}
	return date, nil
}

// splitDate splits the accepted forms into numbers.
func splitDate(s string) (y, m, d int, ok bool) {
	if rest, found := strings.CutSuffix(s, "日"); found || strings.Contains(s, "年") {
		yy, rest, ok1 := strings.Cut(rest, "年")
		mm, dd, ok2 := strings.Cut(rest, "月")
		if !ok1 || !ok2 || len(yy) != 4 || len(mm) < 1 || len(mm) > 2 || len(dd) < 1 || len(dd) > 2 {
			return 0, 0, 0, false
		}
		return digits3(yy, mm, dd)
	}
	for _, sep := range []string{"-", "/", "."} {
		parts := strings.Split(s, sep)
		if len(parts) == 3 && len(parts[0]) == 4 && oneOrTwo(parts[1]) && oneOrTwo(parts[2]) {
			return digits3(parts[0], parts[1], parts[2])
		}
	}
	return 0, 0, 0, false
}

func oneOrTwo(s string) bool { return len(s) == 1 || len(s) == 2 }

func digits3(a, b, c string) (x, y, z int, ok bool) {
	x, ok1 := atoiASCII(a)
	y, ok2 := atoiASCII(b)
	z, ok3 := atoiASCII(c)
	return x, y, z, ok1 && ok2 && ok3
}

// atoiASCII reads a short run of ASCII digits (no sign, no space).
func atoiASCII(s string) (int, bool) {
	if s == "" || len(s) > 9 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}
