package salesrec

import (
	"strconv"
	"strings"
)

// Money is an exact amount: integer minor units (fen for CNY, cents for USD)
// and an ISO 4217 currency code. There are no floats anywhere in its path.
type Money struct {
	// Minor is the amount in the currency's minor unit: ¥80,000.00 is 8000000.
	Minor int64 `json:"minor"`
	// Currency is an ISO 4217 code; empty means CNY.
	Currency string `json:"currency,omitempty"`
}

// MaxMinor is the largest amount dealtrail records, in minor units of any
// currency: 10^14, which is ¥1,000,000,000,000.00 (一万亿元), USD
// 1,000,000,000,000.00 or JPY 100,000,000,000,000. Validation and ParseMoney
// refuse more.
//
// The limit is chosen so that an amount is exact everywhere it goes: the
// databases' bigint (up to 2^63-1), a JSON number read by a JavaScript
// client and the knowledge base's numeric field, both float64, which hold
// every integer up to 2^53 (about 9.007×10^15) exactly, and so the index's
// range filters too. It sits 90 times below 2^53, so a sum of up to 90
// amounts at the limit is still exact in a float64 (a report summing a
// team's deals), and it is far above any single contract a sales team
// signs: an amount above it is a typing error (extra digits), not a deal.
const MaxMinor int64 = 100_000_000_000_000

// DefaultCurrency is used when a Money has no currency.
const DefaultCurrency = "CNY"

// CNY returns an amount in yuan and fen.
func CNY(yuan, fen int64) Money { return Money{Minor: yuan*100 + fen, Currency: DefaultCurrency} }

// Cur returns the currency code, defaulting to CNY.
func (m Money) Cur() string {
	if m.Currency == "" {
		return DefaultCurrency
	}
	return m.Currency
}

// IsZero reports whether m is the zero amount with no currency.
func (m Money) IsZero() bool { return m == Money{} }

// tooLargeMsg says that an amount in currency is above MaxMinor, showing
// the limit as the template writes amounts.
func tooLargeMsg(currency string) Message {
	return msgAmountTooLarge(Money{Minor: MaxMinor, Currency: currency}.String())
}

// Validate checks an amount on its own: not negative, at most MaxMinor, in
// a known currency (empty means CNY). Keys are "minor" and "currency".
func (m Money) Validate() error {
	var minor, currency error
	switch {
	case m.Minor < 0:
		minor = problem(msgNotNegative)
	case m.Minor > MaxMinor:
		minor = problem(tooLargeMsg(m.Cur()))
	}
	if _, ok := lookupCurrency(m.Currency); !ok {
		currency = problem(msgUnknownCurrency(m.Currency, currencyCodes()))
	}
	return asValidationError(structErrors(fieldErr{"minor", minor}, fieldErr{"currency", currency}))
}

// moneyProblem says what is wrong with an amount; bad is false when
// nothing is.
func moneyProblem(m Money) (msg Message, bad bool) {
	if _, ok := lookupCurrency(m.Currency); !ok {
		return msgUnknownCurrency(m.Currency, currencyCodes()), true
	}
	if m.Minor < 0 {
		return msgNotNegative, true
	}
	if m.Minor > MaxMinor {
		return tooLargeMsg(m.Cur()), true
	}
	return Message{}, false
}

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

// currency describes how one ISO 4217 currency is written.
type currency struct {
	code   string
	digits int    // minor-unit digits: 2 for fen and cents, 0 for yen
	symbol string // prefix used when formatting; "" means "CODE "
	// words are the spellings ParseMoney accepts before or after a number
	// (case is ignored), besides the code itself.
	prefixes []string
	suffixes []string
}

// currencies lists the currencies this package knows. An amount in any other
// currency is refused, since its minor unit is unknown.
var currencies = []currency{
	{code: "CNY", digits: 2, symbol: "¥", prefixes: []string{"¥", "￥", "rmb", "人民币"}, suffixes: []string{"元", "块", "人民币", "rmb", "yuan"}},
	{code: "USD", digits: 2, prefixes: []string{"us$", "$", "美元"}, suffixes: []string{"美元", "美金"}},
	{code: "EUR", digits: 2, prefixes: []string{"€"}, suffixes: []string{"欧元"}},
	{code: "GBP", digits: 2, prefixes: []string{"£"}, suffixes: []string{"英镑"}},
	{code: "HKD", digits: 2, prefixes: []string{"hk$"}, suffixes: []string{"港元", "港币"}},
	{code: "JPY", digits: 0, prefixes: nil, suffixes: []string{"日元"}},
	{code: "SGD", digits: 2, prefixes: []string{"s$"}, suffixes: []string{"新加坡元"}},
}

// lookupCurrency finds a currency by code (case-insensitive).
func lookupCurrency(code string) (currency, bool) {
	code = strings.ToUpper(strings.TrimSpace(code))
	if code == "" {
		code = DefaultCurrency
	}
	for _, c := range currencies {
		if c.code == code {
			return c, true
		}
	}
	return currency{}, false
}

// currencyCodes lists the known codes for messages.
func currencyCodes() string {
	codes := make([]string, len(currencies))
	for i, c := range currencies {
		codes[i] = c.code
	}
	return strings.Join(codes, ", ")
}
