package salesrec

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// textIn says err in lang: through Text when err is an *InputError (or
// wraps one), else its Error.
func textIn(err error, lang Lang) string {
	var ie *InputError
	if errors.As(err, &ie) {
		return ie.Text(lang)
	}
	return err.Error()
}

// Every parser refuses bad input with one *InputError that wraps
// ErrInvalid, keeps the input, says what is wrong in Chinese by default
// (Error) and in English on request (Text), both quoting the input.
func TestParserErrorsSpeakBothLanguages(t *testing.T) {
	parseMethod := func(s string) error { _, err := Parse[Method](s); return err }
	tests := []struct {
		name, in string
		parse    func(string) error
		zh, en   string // a part of each language's message
	}{
		{"date: not a date", "明天", func(s string) error { _, err := ParseDate(s); return err }, "不是日期", "is not a date"},
		{"date: no such day", "2024-02-30", func(s string) error { _, err := ParseDate(s); return err }, "日历上没有", "not a real calendar day"},
		{"date: year out of range", "1800-01-01", func(s string) error { _, err := ParseDate(s); return err }, "日期须在", "must be a date between"},
		{"clock: not a time", "下午两点", func(s string) error { _, _, err := ParseClock(s); return err }, "不是时间", "is not a time"},
		{"clock: mixed 12/24-hour", "下午13:00", func(s string) error { _, _, err := ParseClock(s); return err }, "24小时制", "mixes the 12-hour and 24-hour clocks"},
		{"enum: unknown", "飞鸽传书", parseMethod, "不是可选的沟通方式", "is not a known"},
		{"enum: empty", " ", parseMethod, "请填写", "is empty"},
		{"money: negative", "-¥5", func(s string) error { _, err := ParseMoney(s); return err }, "不能为负数", "must not be negative"},
		{"money: not a number", "八万", func(s string) error { _, err := ParseMoney(s); return err }, "不是金额", "not a number"},
		{"money: too precise", "¥0.001", func(s string) error { _, err := ParseMoney(s); return err }, "小数位太多", "more decimals"},
		{"money: two currencies", "$80,000元", func(s string) error { _, err := ParseMoney(s); return err }, "两种币种", "two currencies"},
		{"money: too large", "99999999999亿", func(s string) error { _, err := ParseMoney(s); return err }, "太大", "too large"},
		{"budget: approximate", "50万左右", func(s string) error { _, err := ParseBudget(s); return err }, "大概数", "approximate"},
		{"budget: range backwards", "50-30万", func(s string) error { _, err := ParseBudget(s); return err }, "从低到高", "not a range from low to high"},
		{"budget: no budget", "看情况", func(s string) error { _, err := ParseBudget(s); return err }, "预算上限", "is not a budget"},
		{"budget: too large", "99999999999亿以内", func(s string) error { _, err := ParseBudget(s); return err }, "太大", "too large"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.parse(tt.in)
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("%q: err = %v; want ErrInvalid", tt.in, err)
			}
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("%q: err is %T, want *InputError", tt.in, err)
			}
			zh, en := err.Error(), ie.Text(EN)
			if zh != ie.Text(ZH) || !hasHan(zh) || !strings.Contains(zh, tt.zh) {
				t.Errorf("%q: Chinese message %q; want Chinese saying %q", tt.in, zh, tt.zh)
			}
			if !strings.Contains(en, tt.en) || strings.Contains(en, tt.zh) {
				t.Errorf("%q: English message %q; want %q", tt.in, en, tt.en)
			}
			if strings.TrimSpace(tt.in) != "" && (!strings.Contains(tt.in, ie.Input) || !strings.Contains(zh, ie.Input) || !strings.Contains(en, ie.Input)) {
				t.Errorf("%q: a message does not quote the input: %q / %q", tt.in, zh, en)
			}
		})
	}
}

// An enum refused on unmarshalling (a JSON body) is the same *InputError.
func TestUnmarshalTextRefusalIsAnInputError(t *testing.T) {
	var m Method
	err := m.UnmarshalText([]byte("飞鸽传书"))
	var ie *InputError
	if !errors.As(err, &ie) || !errors.Is(err, ErrInvalid) {
		t.Fatalf("UnmarshalText = %v (%T); want an *InputError wrapping ErrInvalid", err, err)
	}
	if !strings.Contains(ie.Error(), "可选") || !strings.Contains(ie.Text(EN), "use one of") {
		t.Errorf("messages %q / %q", ie.Error(), ie.Text(EN))
	}
}

// An unknown late mode is refused in both languages.
func TestUnknownLateModeSpeaksBothLanguages(t *testing.T) {
	r := DefaultRules()
	r.LateMode = "maybe"
	_, err := r.StampInteraction(Interaction{}, time.Date(2024, 4, 8, 10, 0, 0, 0, time.UTC))
	var ie *InputError
	if !errors.As(err, &ie) || !errors.Is(err, ErrInvalid) {
		t.Fatalf("err = %v (%T); want an *InputError wrapping ErrInvalid", err, err)
	}
	if !strings.Contains(ie.Error(), "补录处理方式") || !strings.Contains(ie.Text(EN), "unknown late mode") {
		t.Errorf("messages %q / %q", ie.Error(), ie.Text(EN))
	}
}

// Reopening an engagement that is still open reads naturally, not as a
// change from 待推进 to 待推进.
func TestReopenOpenEngagementReadsNaturally(t *testing.T) {
	_, err := Engagement{Status: StatusOpen}.Reopen("客户重启采购", time.Date(2024, 4, 8, 10, 0, 0, 0, time.UTC))
	var te *TransitionError
	if !errors.As(err, &te) {
		t.Fatalf("err = %v; want a *TransitionError", err)
	}
	if got := te.Error(); got != "业务仍在推进中,无需重新打开" {
		t.Errorf("zh = %q", got)
	}
	if got := te.Text(EN); got != "the engagement is still open; there is nothing to reopen" {
		t.Errorf("en = %q", got)
	}
	err = CheckTransition(StatusWon, StatusWon)
	if !errors.As(err, &te) || strings.Contains(te.Error(), "改为") || !strings.Contains(te.Error(), "已经成交") {
		t.Errorf("won to won: %v", err)
	}
}
