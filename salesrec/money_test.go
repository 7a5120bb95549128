package salesrec

import (
	"errors"
	"math"
	"strings"
	"testing"
)

func TestParseMoney(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		want  Money
		fails string // message fragment; "" means it parses
	}{
		{"yen sign with separators", "¥80,000", CNY(80000, 0), ""},
		{"full-width yen sign", "￥80,000", CNY(80000, 0), ""},
		{"bare number is CNY", "80000", CNY(80000, 0), ""},
		{"万", "8万", CNY(80000, 0), ""},
		{"decimal 万 with yen sign", "¥8.5万", CNY(85000, 0), ""},
		{"元 suffix", "80,000元", CNY(80000, 0), ""},
		{"万元", "8.5万元", CNY(85000, 0), ""},
		{"人民币 prefix and 元 suffix", "人民币80,000元", CNY(80000, 0), ""},
		{"亿", "1.2亿", CNY(120000000, 0), ""},
		{"k", "500k", CNY(500000, 0), ""},
		{"USD code before", "USD 12,000", Money{Minor: 1200000, Currency: "USD"}, ""},
		{"usd code after, any case", "12,000 usd", Money{Minor: 1200000, Currency: "USD"}, ""},
		{"dollar sign with cents", "$12,000.50", Money{Minor: 1200050, Currency: "USD"}, ""},
		{"美元 suffix with 万", "1.5万美元", Money{Minor: 1500000, Currency: "USD"}, ""},
		{"JPY has no minor unit", "JPY 5,000", Money{Minor: 5000, Currency: "JPY"}, ""},
		{"one fen", "¥0.01", CNY(0, 1), ""},
		{"fifty fen", "¥80,000.50", CNY(80000, 50), ""},
		{"trailing zero beyond fen is exact", "¥0.010", CNY(0, 1), ""},
		{"zero", "0", CNY(0, 0), ""},
		{"full-width digits", "８０，０００元", CNY(80000, 0), ""},
		{"the largest amount", "¥1,000,000,000,000", Money{Minor: MaxMinor, Currency: "CNY"}, ""},
		{"the largest amount with fen", "1000000000000.00元", Money{Minor: MaxMinor, Currency: "CNY"}, ""},
		{"the largest amount through 亿", "10000亿", Money{Minor: MaxMinor, Currency: "CNY"}, ""},
		{"the largest amount in yen", "JPY 100,000,000,000,000", Money{Minor: MaxMinor, Currency: "JPY"}, ""},
		{"one fen above the largest is refused", "¥1,000,000,000,000.01", Money{}, "must be at most ¥1,000,000,000,000"},
		{"one yen above the largest is refused", "JPY 100,000,000,000,001", Money{}, "must be at most JPY 100,000,000,000,000"},
		{"extra digits are refused, not wrapped", "¥9,999,999,999,999,999", Money{}, "too large"},
		{"the limit is said in Chinese too", "¥9,999,999,999,999,999", Money{}, "金额不能超过 ¥1,000,000,000,000"},
		{"the int64 maximum is refused", "92233720368547758.07", Money{}, "too large"},
		{"a hundred digits are refused", strings.Repeat("9", 100), Money{}, "too large"},
		{"overflow through billion is refused", "99999999999999999999bn", Money{}, "too large"},
		{"a tenth of a fen is refused", "¥0.001", Money{}, "more decimals than CNY allows"},
		{"a cent fraction of a yen is refused", "JPY 1.5", Money{}, "more decimals than JPY allows"},
		{"万 with six decimals is exact", "1.234567万", CNY(12345, 67), ""},
		{"万 with too many decimals is refused", "1.2345678万", Money{}, "more decimals"},
		{"overflow is refused", "92233720368547758.08", Money{}, "too large"},
		{"overflow through 亿 is refused", "99999999999亿", Money{}, "too large"},
		{"negative is refused", "-¥5", Money{}, "must not be negative"},
		{"negative after the sign is refused", "¥-5", Money{}, "must not be negative"},
		{"bad grouping is refused", "8,0000", Money{}, "not a number"},
		{"european decimal comma is refused", "1,5", Money{}, "not a number"},
		{"two currencies are refused", "$80,000元", Money{}, "two currencies"},
		{"two dots are refused", "1.2.3", Money{}, "not a number"},
		{"unknown currency is refused", "CHF 100", Money{}, "not a number"},
		{"words are refused", "八万", Money{}, "not a number"},
		{"empty is refused", "  ", Money{}, "is empty"},
		{"a bare symbol is refused", "¥", Money{}, "not a number"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseMoney(tt.in)
			if tt.fails != "" {
				if !errors.Is(err, ErrInvalid) || !strings.Contains(textIn(err, EN)+"\n"+err.Error(), tt.fails) {
					t.Fatalf("ParseMoney(%q) = %v, %v; want ErrInvalid containing %q", tt.in, got, err, tt.fails)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("ParseMoney(%q) = %+v, %v; want %+v", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestMoneyString(t *testing.T) {
	tests := []struct {
		name string
		m    Money
		want string
	}{
		{"whole yuan", CNY(80000, 0), "¥80,000"},
		{"no currency is CNY", Money{Minor: 8000000}, "¥80,000"},
		{"fen shown when not zero", CNY(80000, 50), "¥80,000.50"},
		{"one fen", CNY(0, 1), "¥0.01"},
		{"zero", Money{}, "¥0"},
		{"under a thousand", CNY(999, 0), "¥999"},
		{"exactly a thousand", CNY(1000, 0), "¥1,000"},
		{"millions", CNY(1234567, 0), "¥1,234,567"},
		{"USD always shows cents", Money{Minor: 1200000, Currency: "USD"}, "USD 12,000.00"},
		{"lower-case code", Money{Minor: 1200050, Currency: "usd"}, "USD 12,000.50"},
		{"JPY has no decimals", Money{Minor: 5000, Currency: "JPY"}, "JPY 5,000"},
		{"unknown currency assumes two digits", Money{Minor: 100, Currency: "XYZ"}, "XYZ 1.00"},
		{"negative", CNY(-5, 0), "-¥5"},
		{"most negative does not overflow", Money{Minor: math.MinInt64}, "-¥92,233,720,368,547,758.08"},
		{"largest", Money{Minor: math.MaxInt64}, "¥92,233,720,368,547,758.07"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.m.String(); got != tt.want {
				t.Errorf("String() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestMoneyRoundTrip(t *testing.T) {
	for _, m := range []Money{
		CNY(0, 1), CNY(0, 99), CNY(80000, 0), CNY(80000, 50), CNY(1, 10),
		{Minor: 1200050, Currency: "USD"}, {Minor: 7, Currency: "EUR"}, {Minor: 5000, Currency: "JPY"},
		{Minor: MaxMinor, Currency: "CNY"}, {Minor: MaxMinor, Currency: "USD"}, {Minor: MaxMinor, Currency: "JPY"},
	} {
		s := m.String()
		got, err := ParseMoney(s)
		if err != nil || got.Minor != m.Minor || got.Cur() != m.Cur() {
			t.Errorf("ParseMoney(%q) = %+v, %v; want %+v", s, got, err, m)
		}
	}
}

func TestParseBudget(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		want  Money
		fails bool
	}{
		{"以内", "50万以内", CNY(500000, 0), false},
		{"不超过", "不超过50万", CNY(500000, 0), false},
		{"the template's phrase", "预算控制在50万以内", CNY(500000, 0), false},
		{"最多", "最多50万", CNY(500000, 0), false},
		{"最高 with 元", "最高50万元", CNY(500000, 0), false},
		{"以下 with yen sign", "¥500,000以下", CNY(500000, 0), false},
		{"up to k", "up to 500k", CNY(500000, 0), false},
		{"under with yen sign", "under ¥500,000", CNY(500000, 0), false},
		{"at most USD", "at most USD 60,000", Money{Minor: 6000000, Currency: "USD"}, false},
		{"budget of", "Budget of 1.2m", CNY(1200000, 0), false},
		{"range with shared 万", "30-50万", CNY(500000, 0), false},
		{"range with 到", "30万到50万", CNY(500000, 0), false},
		{"range with tilde", "30~50万元", CNY(500000, 0), false},
		{"bare amount is the ceiling", "50万", CNY(500000, 0), false},
		{"approximate is refused", "50万左右", Money{}, true},
		{"about is refused", "about 500k", Money{}, true},
		{"range from high to low is refused", "50-30万", Money{}, true},
		{"words only are refused", "预算充足", Money{}, true},
		{"empty is refused", "", Money{}, true},
		{"the largest amount is a ceiling", "不超过10000亿", CNY(1_000_000_000_000, 0), false},
		{"a ceiling above the largest amount is refused", "预算控制在10001亿以内", Money{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseBudget(tt.in)
			if tt.fails {
				if !errors.Is(err, ErrInvalid) {
					t.Fatalf("ParseBudget(%q) = %v, %v; want ErrInvalid", tt.in, got, err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("ParseBudget(%q) = %+v, %v; want %+v", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestParseBudgetSaysWhenTheCeilingIsTooLarge(t *testing.T) {
	_, err := ParseBudget("预算控制在10001亿以内")
	if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "金额不能超过 ¥1,000,000,000,000") {
		t.Fatalf("ParseBudget = %v; want ErrInvalid naming the largest amount", err)
	}
}
