package salesrec

import (
	"errors"
	"strings"
	"time"
	"unicode"
)

// ParseInstant reads a moment as a client or a person writes it:
//
//   - RFC 3339 with an offset, "2024-03-06T15:00:00+08:00" or "…Z": the
//     moment as given, its offset kept;
//   - the template's day and time of day, "2024-03-06 下午03:00", read in
//     loc (the team's time zone): the day in any form ParseDate accepts and
//     the time in any form ParseClock accepts ("2024年3月6日 15:00",
//     "2024/3/6 3:00 PM"), separated by white space; after 日 the space may
//     be left out ("2024年3月6日下午3:00").
//
// A day without a time of day is refused: a contact happens at a time. A
// nil loc means DefaultTimeZone. Errors are *InputErrors (errors.Is(err,
// ErrInvalid)) that quote s and say which part could not be read.
func ParseInstant(s string, loc *time.Location) (time.Time, error) {
	in := strings.TrimSpace(s)
	if t, err := time.Parse(time.RFC3339Nano, in); err == nil {
		return t, nil
	}
	day, clock, ok := splitInstant(in)
	if !ok {
		return time.Time{}, inputError(s, msgNotAnInstant(s))
	}
	d, err := ParseDate(day)
	if err != nil {
		return time.Time{}, inputError(s, msgInstantPart(s, instantProblem(err)))
	}
	h, m, err := ParseClock(clock)
	if err != nil {
		return time.Time{}, inputError(s, msgInstantPart(s, instantProblem(err)))
	}
	if loc == nil {
		if loc, err = (Team{}).Location(); err != nil {
			return time.Time{}, err
		}
	}
	return time.Date(d.Year, d.Month, d.Day, h, m, 0, 0, loc), nil
}

// splitInstant cuts "day time" at the first white space, or just after 日.
func splitInstant(s string) (day, clock string, ok bool) {
	if i := strings.IndexFunc(s, unicode.IsSpace); i > 0 {
		day, clock = s[:i], strings.TrimSpace(s[i:])
		return day, clock, clock != ""
	}
	if day, clock, ok = strings.Cut(s, "日"); ok && clock != "" {
		return day + "日", clock, true
	}
	return "", "", false
}

// instantProblem is the reason a part of an instant was refused: the
// parser's own message (ParseDate and ParseClock always give one).
func instantProblem(err error) Message {
	var ie *InputError
	if errors.As(err, &ie) {
		return ie.Msg
	}
	return Message{Zh: err.Error(), En: err.Error()}
}
