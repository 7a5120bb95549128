package salesrec

import "time"

// Action is a follow-up action item: what, who, by when.
type Action struct {
	ID   string `json:"id"`
	What string `json:"what"`
	// OwnerID must be a member of the engagement's team.
	OwnerID  string       `json:"owner_id"`
	Deadline Date         `json:"deadline"`
	Status   ActionStatus `json:"status"`
}

// Validate checks a follow-up action with DefaultRules: what (concrete, not
// only a vague verb), owner, deadline and status. That the owner belongs to
// the team is checked by CheckOwners, which needs the team's members.
func (a Action) Validate() error { return asValidationError(DefaultRules().actionErrors(a)) }

func (r Rules) actionErrors(a Action) error {
	return structErrors(
		field("id", a.ID, ownID),
		field("what", a.What, required(MaxActionChars, msgActionWhat), r.vagueAction()),
		field("owner_id", a.OwnerID, required(MaxIDChars, msgActionOwner)),
		field("deadline", a.Deadline, dateField(msgActionDeadline)),
		field("status", a.Status, enumRequired),
	)
}

// DisplayOverdue is what Action.Display returns for an overdue action. It is
// not an ActionStatus: overdue (已逾期) is derived from the deadline, the
// team's time zone and the clock, never stored.
const DisplayOverdue = "overdue"

// shanghai is the template's home zone, used when no location is given.
// China has kept UTC+8 without daylight saving since 1991, so a fixed zone
// is exact for every date a record can hold and needs no zone database.
var shanghai = time.FixedZone("CST", 8*60*60)

// Overdue reports whether the action is overdue at instant now: it is not
// done and its deadline day is before today, with "today" taken in loc (the
// team's time zone; nil means Asia/Shanghai). A deadline is met all through
// its day: at 00:30 on 2024-04-11 in Shanghai (2024-04-10T16:30Z) a deadline
// of 2024-04-10 is overdue and one of 2024-04-11 is not. An action without a
// deadline is never overdue.
func (a Action) Overdue(now time.Time, loc *time.Location) bool {
	if a.Status == ActionDone || a.Deadline.IsZero() {
		return false
	}
	if loc == nil {
		loc = shanghai
	}
	return a.Deadline.Before(DateOf(now.In(loc)))
}

// IsOverdue is the one overdue rule for an action of an engagement whose
// status is s: the action is Overdue at now in loc and the engagement is
// open. Closing an engagement (won or terminated) ends its follow-up plan,
// so its unfinished actions are no longer overdue work: Findings leaves them
// out, and so does the overdue list of storage (Actions with Overdue set),
// which the conformance suite checks against this rule.
func (a Action) IsOverdue(s Status, now time.Time, loc *time.Location) bool {
	return s == StatusOpen && a.Overdue(now, loc)
}

// Display returns the status to show at instant now: DisplayOverdue
// ("overdue") for an overdue action, else the stored status code (pending,
// in_progress, done).
func (a Action) Display(now time.Time, loc *time.Location) string {
	if a.Overdue(now, loc) {
		return DisplayOverdue
	}
	return string(a.Status)
}

// DisplayLabel is Display in words: 已逾期 / overdue for an overdue action,
// else the status's label (待执行, 进行中, 已完成 or pending, in progress, done).
func (a Action) DisplayLabel(now time.Time, loc *time.Location, lang Lang) string {
	if a.Overdue(now, loc) {
		return OverdueLabel(lang)
	}
	return a.Status.Label(lang)
}

// OverdueLabel returns the label of the derived overdue status: 已逾期 in
// zh, "overdue" in en.
func OverdueLabel(lang Lang) string { return labelOverdue.Text(lang) }
