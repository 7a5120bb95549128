package salesrec

import (
	"errors"
	"strings"
	"unicode"
)

// ParseMoney reads an amount as people write it, with exact integer
// arithmetic (no floats):
//
//   - a number with optional thousands separators and decimals: "80000",
//     "80,000", "12,000.50" (separators must group by three: "8,0000" is
//     refused rather than guessed);
//   - an optional currency before or after it: ¥ ￥ RMB 人民币 元 块 (CNY),
//     $ US$ 美元 美金 (USD), € 欧元 (EUR), £ 英镑 (GBP), HK$ 港元 港币 (HKD),
//     日元 (JPY), S$ (SGD), or any known ISO code ("USD 12,000", "12,000 USD");
//     none means CNY, and ¥ always means CNY;
//   - an optional multiplier after the number: 千 (10³), 万 (10⁴), 百万 (10⁶),
//     千万 (10⁷), 亿 (10⁸), k, w (万), m/mn/million, bn/billion, thousand:
//     "8万", "¥8.5万", "1.2亿", "500k".
//
// Full-width digits and punctuation (８０，０００) are read as ASCII; case is
// ignored. The result must fit the currency's minor unit: "¥0.01" is one
// fen, "¥0.001" is refused, as is a negative amount or one above MaxMinor
// ("¥9,999,999,999,999,999", however many digits: the number is never
// wrapped or rounded). Errors are *InputErrors (errors.Is(err, ErrInvalid)).
func ParseMoney(s string) (Money, error) {
	rest := normalizeMoney(s)
	if rest == "" {
		return Money{}, inputError(s, msgAmountEmpty)
	}
	code := ""
	if c, r, ok := cutCurrency(rest, true); ok {
		code, rest = c, r
	}
	if c, r, ok := cutCurrency(rest, false); ok {
		if code != "" && c != code {
			return Money{}, inputError(s, msgAmountTwoCurrencies(s, code, c))
		}
		code, rest = c, r
	}
	exp := 0
	if e, r, ok := cutMultiplier(rest); ok {
		exp, rest = e, r
	}
	if code == "" {
		code = DefaultCurrency
	}
	if strings.HasPrefix(rest, "-") || strings.HasPrefix(rest, "−") {
		return Money{}, inputError(s, msgAmountNegative(s))
	}
	cur, _ := lookupCurrency(code)
	minor, bad := parseDecimal(rest, cur.digits+exp)
	switch bad {
	case decOK:
		return Money{Minor: minor, Currency: code}, nil
	case decTooPrecise:
		return Money{}, inputError(s, msgAmountTooPrecise(s, code, pow10(cur.digits)))
	case decTooLarge:
		return Money{}, &InputError{Input: s, Msg: msgAmountTooLargeIn(s, tooLargeMsg(code)), tooLarge: true}
	default:
		return Money{}, inputError(s, msgNotAnAmount(s))
	}
}

// normalizeMoney lower-cases s, maps full-width forms to ASCII and trims it.
func normalizeMoney(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '０' && r <= '９':
			r = '0' + (r - '０')
		case r == '，':
			r = ','
		case r == '．':
			r = '.'
		case r == '＄':
			r = '$'
		case r == '\u00a0' || r == '\u3000':
			r = ' '
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return strings.TrimSpace(b.String())
}

// cutCurrency removes a currency word or code from the start (prefix) or the
// end of s and returns its code.
func cutCurrency(s string, prefix bool) (code, rest string, ok bool) {
	best := ""
	for _, c := range currencies {
		words := c.suffixes
		if prefix {
			words = c.prefixes
		}
		words = append(words[:len(words):len(words)], strings.ToLower(c.code))
		for _, w := range words {
			if len(w) <= len(best) {
				continue
			}
			if prefix && strings.HasPrefix(s, w) || !prefix && strings.HasSuffix(s, w) {
				best, code = w, c.code
			}
		}
	}
	if best == "" {
		return "", s, false
	}
	if prefix {
		return code, strings.TrimSpace(s[len(best):]), true
	}
	return code, strings.TrimSpace(s[:len(s)-len(best)]), true
}

// multipliers maps a multiplier word to its power of ten, longest first so
// that 百万 wins over 万.
var multipliers = []struct {
	word string
	exp  int
}{
	{"thousand", 3}, {"million", 6}, {"billion", 9},
	{"千万", 7}, {"百万", 6}, {"亿", 8}, {"万", 4}, {"千", 3},
	{"mn", 6}, {"bn", 9}, {"k", 3}, {"w", 4}, {"m", 6},
}

func cutMultiplier(s string) (exp int, rest string, ok bool) {
	for _, m := range multipliers {
		if r, found := strings.CutSuffix(s, m.word); found {
			return m.exp, strings.TrimSpace(r), true
		}
	}
	return 0, s, false
}

// decFault is what parseDecimal found wrong with a number.
type decFault int

const (
	decOK decFault = iota
	decMalformed
	decTooPrecise
	decTooLarge
)

// parseDecimal reads a non-negative decimal number and returns it times
// 10^shift as an exact int64. It returns a message instead when the number
// is malformed, has digits below 10^-shift, or is above MaxMinor, which it
// checks before every step so that the arithmetic never overflows.
func parseDecimal(s string, shift int) (int64, decFault) {
	const malformed = decMalformed
	intPart, frac, hasDot := strings.Cut(s, ".")
	if intPart == "" || (hasDot && frac == "") || strings.Contains(frac, ".") {
		return 0, malformed
	}
	if strings.Contains(intPart, ",") {
		groups := strings.Split(intPart, ",")
		if len(groups[0]) < 1 || len(groups[0]) > 3 {
			return 0, malformed
		}
		for _, g := range groups[1:] {
			if len(g) != 3 {
				return 0, malformed
			}
		}
		intPart = strings.Join(groups, "")
	}
	digits := intPart + frac
	for i := 0; i < len(digits); i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return 0, malformed
		}
	}
	shift -= len(frac)
	if shift < 0 {
		cut := len(digits) + shift
		if cut < 0 {
			cut = 0
		}
		if strings.Trim(digits[cut:], "0") != "" {
			return 0, decTooPrecise
		}
		digits, shift = digits[:cut], 0
	}
	var v int64
	for i := 0; i < len(digits); i++ {
		d := int64(digits[i] - '0')
		if v > (MaxMinor-d)/10 {
			return 0, decTooLarge
		}
		v = v*10 + d
	}
	for ; shift > 0; shift-- {
		if v > MaxMinor/10 {
			return 0, decTooLarge
		}
		v *= 10
	}
	return v, decOK
}

// pow10 returns 10^n for small n.
func pow10(n int) int64 {
	v := int64(1)
	for ; n > 0; n-- {
		v *= 10
	}
	return v
}

// ParseBudget reads a budget phrase and returns its upper bound. It accepts
// an amount in any form ParseMoney reads, wrapped in the words people use
// for a ceiling:
//
//   - zh before: 预算, 预算控制在, 控制在, 不超过, 不高于, 不多于, 最多, 最高,
//     至多, 上限, 低于, 少于, 小于; after: 以内, 之内, 以下, 内, 封顶;
//     e.g. "50万以内", "不超过50万", "预算控制在50万以内", "最多50万";
//   - en before: budget (of), up to, under, below, less than, at most,
//     no more than, not more than, within, max, maximum, <, <=, ≤;
//     e.g. "up to 500k", "under ¥500,000";
//   - a range "30-50万", "30万到50万", "30~50万": the upper end is the bound
//     (a multiplier or currency written only on the upper end applies to
//     both ends, and the lower end must not exceed the upper);
//   - a bare amount ("50万"), taken as the ceiling.
//
// A phrase that only approximates (50万左右, about 500k) is refused: it
// names no ceiling. Errors are *InputErrors (errors.Is(err, ErrInvalid)).
func ParseBudget(s string) (Money, error) {
	rest := normalizeMoney(s)
	for _, w := range []string{"左右", "上下", "大概", "大约", "约", "about", "around", "approximately", "roughly"} {
		if strings.Contains(rest, w) && !isRange(rest) {
			return Money{}, inputError(s, msgBudgetApprox(s))
		}
	}
	rest = stripBudgetWords(rest)
	if lo, hi, ok := splitRange(rest); ok {
		upper, err := ParseMoney(hi)
		if err != nil {
			return Money{}, budgetErr(s, err)
		}
		lower, err := ParseMoney(lo)
		if err != nil {
			// "30-50万": the lower end borrows the upper end's multiplier.
			lower, err = ParseMoney(lo + trailingUnit(hi))
		} else if !hasUnit(lo) && hasUnit(hi) {
			if l2, err2 := ParseMoney(lo + trailingUnit(hi)); err2 == nil {
				lower = l2
			}
		}
		if err != nil {
			return Money{}, budgetErr(s, err)
		}
		if lower.Cur() != upper.Cur() || lower.Minor > upper.Minor {
			return Money{}, inputError(s, msgBudgetRange(s))
		}
		return upper, nil
	}
	m, err := ParseMoney(rest)
	if err != nil {
		return Money{}, budgetErr(s, err)
	}
	return m, nil
}

// budgetErr explains why s is no budget. An amount above MaxMinor says so
// (err is what ParseMoney returned), rather than call the phrase no budget.
func budgetErr(s string, err error) error {
	var ie *InputError
	if errors.As(err, &ie) && ie.tooLarge {
		return err
	}
	return inputError(s, msgNotABudget(s))
}

var budgetPrefixes = []string{
	"预算控制在", "预算不超过", "预算在", "预算为", "预算是", "预算", "控制在", "不超过", "不高于", "不多于",
	"最多", "最高", "至多", "上限", "低于", "少于", "小于", "在",
	"budget of", "budget", "up to", "under", "below", "less than", "at most",
	"no more than", "not more than", "within", "maximum", "max", "<=", "≤", "<", ":", "：",
}

var budgetSuffixes = []string{"以内", "之内", "以下", "内", "封顶", "max"}

// stripBudgetWords removes ceiling words from both ends until none is left.
func stripBudgetWords(s string) string {
	for changed := true; changed; {
		changed = false
		for _, p := range budgetPrefixes {
			if r, ok := strings.CutPrefix(s, p); ok {
				s, changed = strings.TrimSpace(r), true
			}
		}
		for _, p := range budgetSuffixes {
			if r, ok := strings.CutSuffix(s, p); ok {
				s, changed = strings.TrimSpace(r), true
			}
		}
	}
	return s
}

var rangeSeps = []string{"到", "至", "~", "～", "—", "–", "-"}

func isRange(s string) bool {
	_, _, ok := splitRange(stripBudgetWords(s))
	return ok
}

// splitRange splits "30-50万" into "30" and "50万".
func splitRange(s string) (lo, hi string, ok bool) {
	for _, sep := range rangeSeps {
		if l, h, found := strings.Cut(s, sep); found && strings.TrimSpace(l) != "" && strings.TrimSpace(h) != "" {
			return strings.TrimSpace(l), strings.TrimSpace(h), true
		}
	}
	return "", "", false
}

// trailingUnit returns the multiplier and currency words at the end of an
// amount ("50万元" → "万元"), for a range's lower end to borrow.
func trailingUnit(s string) string {
	end := len(s)
	for end > 0 {
		c := s[end-1]
		if c >= '0' && c <= '9' || c == '.' || c == ',' {
			break
		}
		end--
	}
	return s[end:]
}

func hasUnit(s string) bool { return trailingUnit(s) != "" }
