package salesrec

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// ParseClock reads a time of day to the minute and returns it on the 24-hour
// clock. Accepted forms:
//
//   - the template's 上午/下午HH:MM: "上午09:30", "下午2:15"; 早上 and 凌晨 read
//     as 上午, 晚上 as 下午, 中午 as 下午 except 中午11:xx (11 a.m.);
//   - AM/PM before or after, any case, with or without a space or dots:
//     "9:30 AM", "PM 02:15", "2:15pm", "2:15 p.m.";
//   - the 24-hour clock: "14:05", "9:05", "00:00".
//
// Minutes always have two digits; hours one or two. On the 12-hour clock
// hours run 1–12: 上午12:xx (and 12:xx AM) is just after midnight, 00:xx;
// 下午12:xx (and 12:xx PM, 中午12:xx) is just after noon, 12:xx; 晚上12:xx is
// refused as ambiguous (midnight or noon?). 上午00:30 is also read as 00:30,
// 下午00:30 is refused. A marker with an hour of 13 or more (下午13:00,
// 上午13:00, 13:00 PM) is refused whichever marker it is: it mixes
// the 12-hour and 24-hour clocks, so what was meant is unclear, and the
// message says so. A full-width colon (：) is accepted. Errors are
// *InputErrors (errors.Is(err, ErrInvalid)).
func ParseClock(s string) (hour, minute int, err error) {
	bad := func() (int, int, error) {
		return 0, 0, inputError(s, msgNotATime(s))
	}
	body := strings.TrimSpace(strings.ReplaceAll(s, "：", ":"))
	marker, body := cutMarker(body)
	hh, mm, ok := strings.Cut(body, ":")
	if !ok || len(hh) < 1 || len(hh) > 2 || len(mm) != 2 {
		return bad()
	}
	h, ok1 := atoiASCII(hh)
	m, ok2 := atoiASCII(mm)
	if !ok1 || !ok2 || m > 59 || h > 23 {
		return bad()
	}
	if marker == nil {
		return h, m, nil // the 24-hour clock
	}
	if h > 12 {
		return 0, 0, inputError(s, msgMixedClock(s, fmt.Sprintf("%d:%s", h, mm), fmt.Sprintf("%02d:%s", h, mm),
			FormatClock(time.Date(2000, 1, 1, h, m, 0, 0, time.UTC))))
	}
	h, ok = marker.hour(h)
	if !ok {
		return bad()
	}
	return h, m, nil
}

// halfDay is what a 12-hour marker (上午, 下午, AM, PM…) does to the hour,
// 0–12, written after it.
type halfDay struct {
	// afternoonBelow: an hour below it is after noon, so 12 is added.
	afternoonBelow int
	// twelveIsMidnight: 12 reads as 0 (上午12:xx, 12:xx AM).
	twelveIsMidnight bool
	// refused are the hours the marker cannot take: 下午00:30, and 晚上12:xx
	// (midnight or noon?).
	refused []int
}

var (
	morning   = &halfDay{twelveIsMidnight: true}
	afternoon = &halfDay{afternoonBelow: 12, refused: []int{0}}
	midday    = &halfDay{afternoonBelow: 11, refused: []int{0}} // 中午11:xx is 11 a.m.
	evening   = &halfDay{afternoonBelow: 12, refused: []int{0, 12}}
)

// hour returns h on the 24-hour clock, or false when the marker refuses it.
func (d *halfDay) hour(h int) (int, bool) {
	switch {
	case slices.Contains(d.refused, h):
		return 0, false
	case d.twelveIsMidnight && h == 12:
		return 0, true
	case h < d.afternoonBelow:
		return h + 12, true
	}
	return h, true
}

// markerWord is one spelling of a marker.
type markerWord struct {
	word string
	d    *halfDay
}

// cutMarker removes an a.m./p.m. marker from either end of s and returns
// it (nil when there is none).
func cutMarker(s string) (marker *halfDay, rest string) {
	zh := []markerWord{
		{"上午", morning}, {"早上", morning}, {"凌晨", morning}, {"下午", afternoon},
		{"中午", midday}, {"晚上", evening},
	}
	for _, z := range zh {
		if r, ok := strings.CutPrefix(s, z.word); ok {
			return z.d, strings.TrimSpace(r)
		}
	}
	lower := strings.ToLower(s)
	en := []markerWord{
		{"a.m.", morning}, {"p.m.", afternoon}, {"am", morning}, {"pm", afternoon},
	}
	for _, e := range en {
		if strings.HasPrefix(lower, e.word) {
			return e.d, strings.TrimSpace(s[len(e.word):])
		}
		if strings.HasSuffix(lower, e.word) {
			return e.d, strings.TrimSpace(s[:len(s)-len(e.word)])
		}
	}
	return nil, s
}

// FormatClock writes the time of day of t (in t's location) as the template
// asks: 上午 or 下午, then HH:MM on the 12-hour clock with two-digit hours.
// 00:00–11:59 is 上午 (midnight is 上午12:00), 12:00–23:59 is 下午 (noon is
// 下午12:00): "上午09:30", "下午02:15". ParseClock reads it back.
func FormatClock(t time.Time) string {
	h, m := t.Hour(), t.Minute()
	half := "上午"
	if h >= 12 {
		half = "下午"
	}
	return fmt.Sprintf("%s%02d:%02d", half, twelveHour(h), m)
}

// FormatClockEN writes the time of day of t as "09:30 AM" / "02:15 PM"
// (midnight 12:00 AM, noon 12:00 PM). ParseClock reads it back.
func FormatClockEN(t time.Time) string {
	h, m := t.Hour(), t.Minute()
	half := "AM"
	if h >= 12 {
		half = "PM"
	}
	return fmt.Sprintf("%02d:%02d %s", twelveHour(h), m, half)
}

func twelveHour(h int) int {
	h %= 12
	if h == 0 {
		return 12
	}
	return h
}
