package salesrec

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

// tooLargeMsg says, in Chinese and in English, that an amount in currency is
// above MaxMinor, showing the limit as the template writes amounts.
func tooLargeMsg(currency string) string {
	limit := Money{Minor: MaxMinor, Currency: currency}.String()
	return "金额不能超过 " + limit + ",请核对是否多输了位数 / must be at most " + limit + "; check the amount for extra digits"
}
