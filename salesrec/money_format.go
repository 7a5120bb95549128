package salesrec

import (
	"strconv"
	"strings"
)

// String formats the amount as the template writes it. CNY (or no currency)
// is "¥" and the yuan with thousands separators, fen only when not zero:
// "¥80,000", "¥80,000.50", "¥0.01". Other currencies are the ISO code, a
// space and the amount with all its minor digits: "USD 12,000.00",
// "JPY 5,000". A negative amount (which validation refuses) starts with "-".
// ParseMoney reads every form back.
func (m Money) String() string {
	code := strings.ToUpper(m.Cur())
	cur, known := lookupCurrency(code)
	if !known {
		cur = currency{code: code, digits: 2}
	}
	var b strings.Builder
	if m.Minor < 0 {
		b.WriteByte('-')
	}
	u := uint64(m.Minor)
	if m.Minor < 0 {
		u = uint64(-m.Minor) // wraps correctly for math.MinInt64
	}
	unit := uint64(pow10(cur.digits))
	whole, frac := u/unit, u%unit
	if cur.code == DefaultCurrency {
		b.WriteString("¥")
	} else {
		b.WriteString(cur.code)
		b.WriteByte(' ')
	}
	b.WriteString(groupThousands(strconv.FormatUint(whole, 10)))
	if cur.digits > 0 && (frac != 0 || cur.code != DefaultCurrency) {
		f := strconv.FormatUint(frac, 10)
		b.WriteByte('.')
		b.WriteString(strings.Repeat("0", cur.digits-len(f)))
		b.WriteString(f)
	}
	return b.String()
}

// groupThousands puts a comma between every three digits from the right.
func groupThousands(digits string) string {
	if len(digits) <= 3 {
		return digits
	}
	var b strings.Builder
	head := len(digits) % 3
	if head > 0 {
		b.WriteString(digits[:head])
	}
	for i := head; i < len(digits); i += 3 {
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(digits[i : i+3])
	}
	return b.String()
}
