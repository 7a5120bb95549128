package kb

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Numbers with their units are one term each. Split into words and
// bigrams, 30万 searched 3 | 0 | 万 and found 130万 and 万元级; 2周 found 12周
// and every text with a 周 in it. So the tokenizer reads a number together
// with the multiplier and unit that follow it and writes one term for the
// quantity, the same however it was written:
//
//	30万, 30万元, 三十万, 300,000, ¥300k, 30w   → 300000
//	3个月, 三个月, 3 months                   → 3month
//	2周, 两周, 两个星期, 2 weeks              → 2week
//	14天, 十四天, 14 days                     → 14day
//
// A Chinese numeral counts only where it cannot be part of a word: it
// must be followed by a unit, or hold a multiplier (十, 百, 千, 万, 亿) after
// its first character, so 一致, 十分, 万一 and 千万 (by all means) stay words.
// A quantity's term is made of ASCII digits and letters, so it never
// takes part in CJK bigrams: 交付2周内 is 交付 | 2week | 内.

// quantitySpan is one quantity found in folded text: its bytes and term.
type quantitySpan struct {
	start, end int
	term       string
}

// durationUnits maps the words written after a number to the unit a
// duration term ends with, longest first within each script.
var durationUnits = []struct{ word, unit string }{
	{"个工作日", "day"}, {"个星期", "week"}, {"个礼拜", "week"}, {"个小时", "hour"},
	{"个月", "month"}, {"星期", "week"}, {"礼拜", "week"}, {"小时", "hour"},
	{"天", "day"}, {"周", "week"}, {"年", "year"},
	{"business days", "day"}, {"working days", "day"},
	{"months", "month"}, {"month", "month"}, {"weeks", "week"}, {"week", "week"},
	{"days", "day"}, {"day", "day"}, {"years", "year"}, {"year", "year"},
	{"hours", "hour"}, {"hour", "hour"}, {"wks", "week"}, {"wk", "week"},
}

// moneyUnits are words after a number that say it is an amount of money;
// they are read and dropped (30万元 is 300000, as 30万 is).
var moneyUnits = []string{"元", "块钱", "块", "rmb", "yuan", "cny"}

// multipliers scale the number before them; the ASCII ones must end a
// word (30k, not 30kg).
var multipliers = []struct {
	word   string
	factor float64
}{
	{"百万", 1e6}, {"千万", 1e7}, {"万", 1e4}, {"亿", 1e8}, {"千", 1e3},
	{"k", 1e3}, {"w", 1e4}, {"m", 1e6},
}

// findQuantities returns the quantities of folded, lower-cased or not,
// in order.
func findQuantities(text []byte) []quantitySpan {
	var out []quantitySpan
	for i := 0; i < len(text); {
		if sp, ok := quantityAt(text, i); ok {
			out = append(out, sp)
			i = sp.end
			continue
		}
		_, size := utf8.DecodeRune(text[i:])
		i += size
	}
	return out
}

// quantityAt reads a quantity starting at byte i, if there is one.
func quantityAt(text []byte, i int) (quantitySpan, bool) {
	start := i
	if i > 0 && precededByWord(text, i) {
		return quantitySpan{}, false
	}
	currency := false
	if r, size := utf8.DecodeRune(text[i:]); r == '¥' || r == '$' {
		currency = true
		i += size
	}
	n, ok := numberAt(text, i)
	if !ok {
		return quantitySpan{}, false
	}
	i = n.end
	scaled := n.compound
	if !n.chinese {
		for _, m := range multipliers {
			if m.word == "m" && !currency {
				continue // 5m is five metres or minutes; $5m is money
			}
			if j, ok := unitAt(text, i, m.word); ok {
				n.value *= m.factor
				i, scaled = j, true
				break
			}
		}
	}
	if !currency && (!scaled || n.chinese) {
		for _, u := range durationUnits {
			if j, ok := unitAt(text, i, u.word); ok {
				return quantitySpan{start: start, end: j, term: formatNumber(n.value) + u.unit}, true
			}
		}
	}
	for _, u := range moneyUnits {
		if u == "块" && n.chinese {
			continue // 一块 is also "together"
		}
		if j, ok := unitAt(text, i, u); ok {
			return quantitySpan{start: start, end: j, term: formatNumber(n.value)}, true
		}
	}
	if n.chinese && !n.compound {
		return quantitySpan{}, false // 一致, 十分: words, not numbers
	}
	if !n.chinese && i < len(text) && isASCIIWordByte(text[i]) {
		return quantitySpan{}, false // 5g, 3d: a word of its own
	}
	return quantitySpan{start: start, end: i, term: formatNumber(n.value)}, true
}

// number is a number read from text.
type number struct {
	value float64
	end   int
	// chinese is set for a Chinese numeral; compound when it holds a
	// multiplier after its first character (三十, 两百万).
	chinese, compound bool
}

// numberAt reads an Arabic number (300,000 or 1.5) or a Chinese numeral
// (三十万, 两) at byte i.
func numberAt(text []byte, i int) (number, bool) {
	if i < len(text) && text[i] >= '0' && text[i] <= '9' {
		return arabicAt(text, i)
	}
	return chineseAt(text, i)
}

func arabicAt(text []byte, i int) (number, bool) {
	var digits []byte
	j := i
	for j < len(text) && text[j] >= '0' && text[j] <= '9' {
		digits = append(digits, text[j])
		j++
	}
	// Thousands separators: a comma followed by exactly three digits.
	for j+4 <= len(text) && text[j] == ',' && allDigits(text[j+1:j+4]) && (j+4 == len(text) || !isDigit(text[j+4])) {
		digits = append(digits, text[j+1:j+4]...)
		j += 4
	}
	if j+1 < len(text) && text[j] == '.' && isDigit(text[j+1]) {
		digits = append(digits, '.')
		j++
		for j < len(text) && isDigit(text[j]) {
			digits = append(digits, text[j])
			j++
		}
	}
	v, err := strconv.ParseFloat(string(digits), 64)
	if err != nil {
		return number{}, false
	}
	return number{value: v, end: j}, true
}

// chineseDigits and chineseUnits are the characters of a Chinese numeral.
var (
	chineseDigits = map[rune]float64{'零': 0, '〇': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
	chineseUnits  = map[rune]float64{'十': 10, '百': 100, '千': 1000, '万': 1e4, '亿': 1e8}
)

// chineseAt reads a Chinese numeral: it starts with a digit other than
// zero, or with 十 (十四天), and reads the characters it can.
func chineseAt(text []byte, i int) (number, bool) {
	first, _ := utf8.DecodeRune(text[i:])
	if d, ok := chineseDigits[first]; (!ok || d == 0) && first != '十' {
		return number{}, false
	}
	var total, section, digit, lastUnit float64
	lastDigit, zeroBefore := false, false
	n := number{chinese: true, end: i}
	for j := i; j < len(text); {
		r, size := utf8.DecodeRune(text[j:])
		if d, ok := chineseDigits[r]; ok {
			if lastDigit {
				break // 一二三 is a list, not a number
			}
			// 零 only says a unit is skipped (一百零五): the digit after it
			// counts as written.
			digit, lastDigit, zeroBefore = d, d != 0, zeroBefore || d == 0
		} else if u, ok := chineseUnits[r]; ok {
			switch {
			case u == 1e8:
				total = (total + section + digit) * u
				section = 0
			case u == 1e4:
				section = (section + digit) * u
			default:
				if digit == 0 && u == 10 {
					digit = 1
				}
				section += digit * u
			}
			digit, lastDigit, lastUnit, zeroBefore = 0, false, u, false
			if j > i {
				n.compound = true
			}
		} else {
			break
		}
		j += size
		n.end = j
	}
	if lastDigit && lastUnit >= 100 && !zeroBefore {
		// 一万五 is 15000 and 三千五 3500, as people say them: a digit
		// right after 百, 千 or 万 counts in the next unit down.
		digit *= lastUnit / 10
	}
	n.value = total + section + digit
	return n, true
}

// unitAt reports whether word is written at byte i (after optional
// spaces), ending a word when it is ASCII, and returns where it ends.
func unitAt(text []byte, i int, word string) (int, bool) {
	j := i
	for j < len(text) && text[j] == ' ' {
		j++
	}
	if !strings.HasPrefix(string(text[j:min(len(text), j+len(word))]), word) {
		// Units are matched lower-cased: the text field is lower-cased
		// after tokenizing, so 30K must read as 30k here.
		if !strings.EqualFold(string(text[j:min(len(text), j+len(word))]), word) {
			return 0, false
		}
	}
	end := j + len(word)
	if word[0] < utf8.RuneSelf && end < len(text) && isASCIIWordByte(text[end]) {
		return 0, false
	}
	return end, true
}

// precededByWord reports whether the rune before byte i is an ASCII
// letter, digit, '.' or '_': 2 in v2 or A1.2 is not a number of its own.
func precededByWord(text []byte, i int) bool {
	b := text[i-1]
	return isASCIIWordByte(b) || b == '.' || b == '_'
}

func isASCIIWordByte(b byte) bool {
	return b < utf8.RuneSelf && (unicode.IsLetter(rune(b)) || unicode.IsDigit(rune(b)))
}

func allDigits(b []byte) bool {
	for _, c := range b {
		if !isDigit(c) {
			return false
		}
	}
	return true
}

// formatNumber writes v as the digits of a quantity term: 300000, 1.5.
func formatNumber(v float64) string {
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// quantityBigram reports whether the bigram t[i], t[i+1] of a name may
// have gone into a quantity in indexed text instead of a bigram: it holds
// a numeral or multiplier (九天, 万科 after 30), or a unit starts at i
// where a number may stand before it (天 of 九天科技, 年 of 2024年华).
func quantityBigram(t []rune, i int) bool {
	if numeral(t[i]) || numeral(t[i+1]) {
		return true
	}
	if i > 0 && !numeral(t[i-1]) {
		return false
	}
	rest := string(t[i:])
	for _, u := range durationUnits {
		if strings.HasPrefix(rest, u.word) {
			return true
		}
	}
	for _, u := range moneyUnits {
		if strings.HasPrefix(rest, u) {
			return true
		}
	}
	return false
}

// numeral reports whether r is a Chinese numeral or multiplier.
func numeral(r rune) bool {
	_, digit := chineseDigits[r]
	_, unit := chineseUnits[r]
	return digit || unit
}
