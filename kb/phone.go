package kb

// Phone numbers are found in folded text (full-width digits, brackets,
// dashes and plus signs have become ASCII by then) as runs of digit
// groups: digits separated by at most three of space, dash, dot and
// brackets, optionally opened by + or (. Within a run, the longest
// sequence of whole groups that reads as a phone number is masked:
//
//   - a Chinese mobile number, 1[3-9] and nine more digits, optionally
//     after 86 or 0086 (138 0013 8000, +86 138-0013-8000);
//   - a landline with its area code, 0 and nine to eleven more digits
//     ((021)68887777, 021-6888 7777, 0755.8888.6666);
//   - a 400 or 800 service number of ten digits;
//   - after a +, any seven to fifteen digits (+1 (415) 555-0100).
//
// Amounts (50万, 1,200,000), dates (2024-04-10, 2024.4.10) and counts
// (订单123456件) do not read as any of these.

// maxPhoneDigits bounds the digits one number may have (E.164).
const maxPhoneDigits = 15

// phoneGroup is a run of digits at lower[start:end].
type phoneGroup struct{ start, end int }

// appendPhones adds a span for every phone number in lower.
func appendPhones(spans []span, lower []byte) []span {
	if digitCount(lower) < 7 {
		return spans // the common case: no number long enough
	}
	var groups []phoneGroup
	for i := 0; i < len(lower); {
		if !isDigit(lower[i]) {
			i++
			continue
		}
		// A run: its first group starts here.
		runStart := i
		plus := false
		for k := 0; k < 2 && runStart > 0; k++ {
			c := lower[runStart-1]
			if c != '(' && c != '+' {
				break
			}
			plus = plus || c == '+'
			runStart--
		}
		groups = groups[:0]
		j := i
		for {
			g := phoneGroup{start: j}
			for j < len(lower) && isDigit(lower[j]) {
				j++
			}
			g.end = j
			groups = append(groups, g)
			gap := 0
			for j+gap < len(lower) && gap < 3 && isPhoneGap(lower[j+gap]) {
				gap++
			}
			if gap == 0 || j+gap >= len(lower) || !isDigit(lower[j+gap]) {
				break
			}
			j += gap
		}
		spans = appendPhoneSpans(spans, lower, groups, runStart, plus)
		i = j
	}
	return spans
}

// appendPhoneSpans masks, from left to right, the longest sequences of
// whole groups that read as a phone number.
func appendPhoneSpans(spans []span, lower []byte, groups []phoneGroup, runStart int, plus bool) []span {
	const most = maxPhoneDigits + len("0")
	var buf [most]byte
	for g0 := 0; g0 < len(groups); {
		d, best := buf[:0], -1
		for g := g0; g < len(groups); g++ {
			part := lower[groups[g].start:groups[g].end]
			if len(d)+len(part) > most {
				break
			}
			d = append(d, part...)
			if isPhone(d, plus && g0 == 0) {
				best = g
			}
		}
		if best < 0 {
			g0++
			continue
		}
		start := groups[g0].start
		if g0 == 0 {
			start = runStart
		}
		spans = append(spans, span{start, groups[best].end, holdPhone})
		g0 = best + 1
	}
	return spans
}

// isPhone reports whether d, the digits of a sequence of groups, reads as
// a phone number; plus is set when a + opened it.
func isPhone(d []byte, plus bool) bool {
	n := len(d)
	if plus {
		return n >= 7 && n <= maxPhoneDigits
	}
	switch {
	case n == 15 && string(d[:4]) == "0086":
		return isMobile(d[4:])
	case n == 13 && string(d[:2]) == "86":
		return isMobile(d[2:])
	case n >= 13 && n <= 15 && string(d[:4]) == "0086":
		return d[4] != '0' // 0086 21 6888 7777: the area code loses its 0
	}
	return isMobile(d) || isLandline(d) ||
		n == 10 && (string(d[:3]) == "400" || string(d[:3]) == "800")
}

func isMobile(d []byte) bool {
	return len(d) == 11 && d[0] == '1' && d[1] >= '3' && d[1] <= '9'
}

func isLandline(d []byte) bool {
	return len(d) >= 10 && len(d) <= 12 && d[0] == '0' && d[1] != '0'
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// isPhoneGap reports whether c may stand between the digit groups of one
// number.
func isPhoneGap(c byte) bool {
	switch c {
	case ' ', '\t', '-', '.', '(', ')':
		return true
	}
	return false
}

func digitCount(b []byte) int {
	n := 0
	for _, c := range b {
		if isDigit(c) {
			n++
		}
	}
	return n
}
