package salesrec

import "strings"

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
