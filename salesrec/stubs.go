package salesrec

// TEMPORARY: signatures only, replaced by the real implementations.

import "time"

func DefaultRules() Rules {
	return Rules{LateWindow: 24 * time.Hour, LateMode: LateMark, FutureSkew: 5 * time.Minute, StaleAfter: 14 * 24 * time.Hour}
}
func (r Rules) Validate(e Engagement) error              { return nil }
func (r Rules) ValidateInteraction(in Interaction) error { return nil }
func (r Rules) StampInteraction(in Interaction, now time.Time) (Interaction, error) {
	in.RecordedAt = now
	in.Late = now.Sub(in.OccurredAt) > r.LateWindow
	return in, nil
}
func (e Engagement) Validate() error           { return DefaultRules().Validate(e) }
func (t Team) Validate() error                 { return nil }
func (m Member) Validate() error               { return nil }
func (c Customer) Validate() error             { return nil }
func CheckText(field, s string, max int) error { return nil }
func CheckTransition(from, to Status) error    { return nil }
func (e Engagement) Close(o Outcome, to Status, now time.Time) (Engagement, error) {
	e.Status, e.Outcome = to, &o
	return e, nil
}
func (e Engagement) Reopen(reason string, now time.Time) (Engagement, error) {
	e.Status, e.Outcome, e.ReopenReason = StatusOpen, nil, reason
	return e, nil
}
func (a Action) Overdue(now time.Time, loc *time.Location) bool {
	return a.Status != ActionDone && DateOf(now.In(loc)).After(a.Deadline)
}
func (a Action) Display(now time.Time, loc *time.Location) string { return string(a.Status) }
func ParseDate(s string) (Date, error) {
	t, err := time.Parse("2006-01-02", s)
	return DateOf(t), err
}
func ParseClock(s string) (hour, minute int, err error) { return 0, 0, nil }
func FormatClock(t time.Time) string                    { return t.Format("15:04") }
func ParseMoney(s string) (Money, error)                { return Money{}, nil }
func (m Money) String() string                          { return "" }
func ParseBudget(s string) (Money, error)               { return Money{}, nil }

type Finding struct{ Code, Item, ZH, EN string }

func (r Rules) Findings(e Engagement, now time.Time, loc *time.Location) []Finding { return nil }
func Diff(before, after Engagement) ([]FieldChange, error)                         { return nil, nil }
func Replay(entries []HistoryEntry, version int64) (Engagement, error)             { return Engagement{}, nil }
