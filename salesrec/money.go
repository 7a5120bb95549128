package salesrec

// Money is an exact amount: integer minor units (fen for CNY, cents for USD)
// and an ISO 4217 currency code. There are no floats anywhere in its path.
type Money struct {
	// Minor is the amount in the currency's minor unit: ¥80,000.00 is 8000000.
	Minor int64 `json:"minor"`
	// Currency is an ISO 4217 code; empty means CNY.
	Currency string `json:"currency,omitempty"`
}

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
