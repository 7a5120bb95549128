package salesrec

import (
	"errors"
	"fmt"
	"strings"
)

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
// names no ceiling. Errors wrap ErrInvalid.
func ParseBudget(s string) (Money, error) {
	rest := normalizeMoney(s)
	for _, w := range []string{"左右", "上下", "大概", "大约", "约", "about", "around", "approximately", "roughly"} {
		if strings.Contains(rest, w) && !isRange(rest) {
			return Money{}, fmt.Errorf("%w: budget %q is approximate: state a ceiling, e.g. 50万以内", ErrInvalid, s)
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
			return Money{}, fmt.Errorf("%w: budget %q is not a range from low to high", ErrInvalid, s)
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
	var tl *tooLargeError
	if errors.As(err, &tl) {
		return err
	}
	return fmt.Errorf("%w: %q is not a budget: write a ceiling such as 50万以内, 不超过¥500,000 or up to 500k", ErrInvalid, s)
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
