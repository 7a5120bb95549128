package salesrec

import (
	"fmt"
	"strings"
	"time"
)

// ParseDate reads a calendar day. The template's form is YYYY-MM-DD
// ("2024-04-10"). Forms people also type are accepted: month and day with
// one digit ("2024-4-10"), slashes or dots instead of hyphens ("2024/04/10",
// "2024.4.10") and the Chinese YYYY年M月D日 ("2024年4月10日", the final 日
// optional). The year always has four digits. Surrounding space is ignored. The day must
// exist (2024-02-30 is refused); the year must lie within MinYear..MaxYear.
// Errors wrap ErrInvalid.
func ParseDate(s string) (Date, error) {
	in := strings.TrimSpace(s)
	y, m, d, ok := splitDate(in)
	if !ok {
		return Date{}, fmt.Errorf("%w: %q is not a date: write it as YYYY-MM-DD, e.g. 2024-04-10", ErrInvalid, s)
	}
	date := Date{Year: y, Month: time.Month(m), Day: d}
	if m < 1 || m > 12 || !date.valid() {
		return Date{}, fmt.Errorf("%w: %q is not a real calendar day", ErrInvalid, s)
	}
	if y < MinYear || y > MaxYear {
		return Date{}, fmt.Errorf("%w: %q must be a date between %d and %d", ErrInvalid, s, MinYear, MaxYear)
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
