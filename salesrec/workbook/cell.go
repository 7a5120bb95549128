package workbook

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/xuri/excelize/v2"

	"github.com/dealtrail/dealtrail/salesrec"
)

// cleanText is a cell's text as the rules see it: surrounding space (also
// full-width and non-breaking) trimmed, Windows line ends made plain, and
// the apostrophe an export puts before a leading = + - @ (so a
// spreadsheet shows text, never runs a formula) taken off again.
func cleanText(s string) string {
	s = strings.TrimFunc(s, unicode.IsSpace)
	s = strings.ReplaceAll(s, "\r\n", "\n")
	if len(s) > 1 && s[0] == '\'' && strings.ContainsRune(formulaStarts, rune(s[1])) {
		s = s[1:]
	}
	return s
}

// formulaStarts are the characters a spreadsheet reads a formula from.
const formulaStarts = "=+-@\t\r"

// guard is the export side of cleanText: text starting with a character
// a spreadsheet would take for a formula is written after an apostrophe.
func guard(s string) string {
	if s != "" && strings.ContainsRune(formulaStarts, rune(s[0])) {
		return "'" + s
	}
	return s
}

// narrow turns full-width digits and ASCII punctuation (２０２４－０４－１０,
// ９：３０) into their ASCII forms, for the number-like cells.
func narrow(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '！' && r <= '～' {
			return r - '！' + '!'
		}
		if r == '\u3000' {
			return ' '
		}
		return r
	}, s)
}

// serial reads an Excel serial number (days since 1899-12-30, the day's
// fraction after the point), as a date or time cell holds it unformatted.
func serial(s string) (time.Time, bool) {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 0 || f > 2958465 { // 9999-12-31
		return time.Time{}, false
	}
	t, err := excelize.ExcelDateToTime(f, false)
	if err != nil {
		return time.Time{}, false
	}
	return t.Round(time.Minute), true
}

// parseDate reads a date cell: an Excel date or the text salesrec.ParseDate
// reads (2024-04-10, 2024/4/10, 2024年4月10日, full-width digits too).
func parseDate(s string) (salesrec.Date, error) {
	s = narrow(s)
	if t, ok := serial(s); ok && !strings.ContainsAny(s, "-/年") {
		return salesrec.DateOf(t), nil
	}
	return salesrec.ParseDate(s)
}

// parseClock reads a time cell: an Excel time (a fraction of a day) or the
// text salesrec.ParseClock reads (上午9:30, 下午2:15, 14:05, 2:15 PM).
func parseClock(s string) (hour, minute int, err error) {
	s = narrow(s)
	if t, ok := serial(s); ok && !strings.Contains(s, ":") {
		return t.Hour(), t.Minute(), nil
	}
	return salesrec.ParseClock(s)
}

// offsetSuffix is the zone an export writes after a time of day that is
// not in the team's zone: "上午09:30 (UTC+09:00)".
var offsetSuffix = regexp.MustCompile(`\s*[(（]\s*UTC\s*([+-])(\d{1,2}):?(\d{2})\s*[)）]\s*$`)

// cutOffset takes a trailing "(UTC+09:00)" off a time cell and returns
// the zone it names, or nil.
func cutOffset(s string) (string, *time.Location) {
	m := offsetSuffix.FindStringSubmatchIndex(s)
	if m == nil {
		return s, nil
	}
	h, _ := strconv.Atoi(s[m[4]:m[5]])
	min, _ := strconv.Atoi(s[m[6]:m[7]])
	off := h*3600 + min*60
	if s[m[2]] == '-' {
		off = -off
	}
	return s[:m[0]], time.FixedZone("", off)
}

// writeOffset is the suffix an export adds to a time whose offset differs
// from the team zone's at that instant.
func writeOffset(t time.Time, loc *time.Location) string {
	_, off := t.Zone()
	if _, want := t.In(loc).Zone(); off == want {
		return ""
	}
	sign := '+'
	if off < 0 {
		sign, off = '-', -off
	}
	return fmt.Sprintf(" (UTC%c%02d:%02d)", sign, off/3600, off%3600/60)
}

// parseInstant reads a date-and-time cell (记录时间, a remark's 时间): an
// Excel date-time, or a date and a time of day separated by a space
// ("2024-04-10 下午2:15", "2024/4/10 14:15").
func parseInstant(s string, loc *time.Location) (time.Time, error) {
	s, zone := cutOffset(narrow(s))
	if zone != nil {
		loc = zone
	}
	if t, ok := serial(s); ok {
		return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), 0, 0, loc), nil
	}
	datePart, clockPart, ok := strings.Cut(strings.TrimSpace(s), " ")
	if !ok {
		return time.Time{}, &salesrec.InputError{Input: s, Msg: msgNeedDateAndTime(s)}
	}
	d, err := salesrec.ParseDate(datePart)
	if err != nil {
		return time.Time{}, err
	}
	h, m, err := salesrec.ParseClock(strings.TrimSpace(clockPart))
	if err != nil {
		return time.Time{}, err
	}
	return time.Date(d.Year, d.Month, d.Day, h, m, 0, 0, loc), nil
}

// formatInstant writes an instant as parseInstant reads it, in its own
// offset: "2024-04-10 下午02:15", with the offset after it when that is
// not loc's.
func formatInstant(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02") + " " + salesrec.FormatClock(t) + writeOffset(t, loc)
}

// parseMoney reads an amount cell: a number however it is formatted, or
// the text salesrec.ParseMoney reads (¥80,000, 8万, ８００００).
func parseMoney(s string) (salesrec.Money, error) { return salesrec.ParseMoney(s) }

// splitList splits a cell holding several values: 、，,；; or line breaks.
func splitList(s string) []string {
	parts := strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune("、，,；;\n", r) })
	out := parts[:0]
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// splitPerson reads "赵敏（采购总监）" or "赵敏(采购总监)" as a name and what
// is in the brackets; without brackets the whole is the name.
func splitPerson(s string) (name, role string) {
	s = strings.TrimSpace(s)
	for _, br := range [][2]string{{"（", "）"}, {"(", ")"}, {"（", ")"}, {"(", "）"}} {
		if i := strings.Index(s, br[0]); i >= 0 && strings.HasSuffix(s, br[1]) && i+len(br[0]) <= len(s)-len(br[1]) {
			return strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+len(br[0]) : len(s)-len(br[1])])
		}
	}
	return s, ""
}

// person writes a name and a bracketed role as splitPerson reads it.
func person(name, role string) string {
	if role == "" {
		return name
	}
	return name + "（" + role + "）"
}
