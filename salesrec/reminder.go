package salesrec

import (
	"time"
)

// Reminders: the library decides what to remind a member of; a store keeps
// each reminder once in an outbox and hands it to the host, which delivers
// it its own way (see docs/reminders.md).

// ReminderKind says what a reminder is about.
type ReminderKind string

// Reminder kinds.
const (
	// ReminderDueTomorrow: an action of an open engagement, not done, whose
	// deadline is tomorrow in the team's zone. To the action's owner.
	ReminderDueTomorrow ReminderKind = "action_due_tomorrow"
	// ReminderOverdue: an action that IsOverdue. To the action's owner.
	ReminderOverdue ReminderKind = "action_overdue"
	// ReminderSilent: an open engagement with no contact for
	// Rules.StaleAfter (Findings' stale rule). To the engagement's owner.
	ReminderSilent ReminderKind = "engagement_silent"
	// ReminderUnrecorded: a meeting time was logged, LateWindow has passed
	// since, and no contact of the engagement happened within
	// MeetingMatchWindow of it. To the member who logged the meeting.
	ReminderUnrecorded ReminderKind = "contact_not_recorded"
)

// MeetingMatchWindow is how far from a logged meeting time a contact may
// have happened and still be the record of that meeting.
const MeetingMatchWindow = 12 * time.Hour

// Reminder is one thing to tell one member. It exists once per Subject,
// Kind and Day, however often reminders are produced: Day is the day the
// reminder is about (the action's deadline, the day of the last contact
// of a silent engagement, the day of the meeting), so each condition is
// reminded once.
type Reminder struct {
	ID           string       `json:"id"`
	TeamID       string       `json:"team_id"`
	MemberID     string       `json:"member_id"`
	Kind         ReminderKind `json:"kind"`
	Subject      string       `json:"subject"`
	Day          Date         `json:"day"`
	EngagementID string       `json:"engagement_id"`
	ActionID     string       `json:"action_id,omitempty"`
	Message      Message      `json:"message"`
	CreatedAt    time.Time    `json:"created_at"`
	// Attempts counts the claims, this one included; LeaseUntil is when
	// an unacknowledged claim lapses and the reminder is handed out again.
	Attempts   int       `json:"attempts"`
	LeaseUntil time.Time `json:"lease_until"`
}

// Meeting is a meeting time logged on an engagement: the contact it
// becomes should be recorded within the late window.
type Meeting struct {
	ID           string    `json:"id"`
	EngagementID string    `json:"engagement_id"`
	TeamID       string    `json:"team_id"`
	MemberID     string    `json:"member_id"`
	At           time.Time `json:"at"`
}

// ActionSubject, EngagementSubject and MeetingSubject name a reminder's
// subject.
func ActionSubject(engagementID, actionID string) string {
	return "action:" + engagementID + ":" + actionID
}

// EngagementSubject names an engagement as a reminder's subject.
func EngagementSubject(engagementID string) string { return "engagement:" + engagementID }

// MeetingSubject names a logged meeting as a reminder's subject.
func MeetingSubject(meetingID string) string { return "meeting:" + meetingID }

// ActionReminder returns the reminder an action of an engagement of
// status s calls for at instant now in loc: ReminderDueTomorrow,
// ReminderOverdue, or false for none. Its day is the deadline.
func ActionReminder(a Action, s Status, now time.Time, loc *time.Location) (ReminderKind, bool) {
	if loc == nil {
		loc = shanghai
	}
	switch {
	case a.IsOverdue(s, now, loc):
		return ReminderOverdue, true
	case s == StatusOpen && a.Status != ActionDone && !a.Deadline.IsZero() && a.Deadline == DateOf(now.In(loc)).AddDays(1):
		return ReminderDueTomorrow, true
	}
	return "", false
}

// SilentSince reports whether an open engagement whose last contact (or
// creation) was at last is silent at now: more than StaleAfter has passed.
func (r Rules) SilentSince(last, now time.Time) bool {
	return !last.IsZero() && now.Sub(last) > r.timing().StaleAfter
}

// MeetingUnrecorded reports whether a meeting logged for at is still
// unrecorded at now: LateWindow has passed since it and none of the
// engagement's contacts (their occurred-at times) is within
// MeetingMatchWindow of it.
func (r Rules) MeetingUnrecorded(at time.Time, contacts []time.Time, now time.Time) bool {
	if now.Sub(at) <= r.timing().LateWindow {
		return false
	}
	for _, c := range contacts {
		if d := c.Sub(at); d >= -MeetingMatchWindow && d <= MeetingMatchWindow {
			return false
		}
	}
	return true
}

// ReminderMessage says a reminder in Chinese and English. customer is the
// customer's name, what the action's text (for action kinds), deadline
// its deadline, since the last contact or the meeting time (shown in loc)
// and days the days of silence.
func (r Rules) ReminderMessage(kind ReminderKind, customer, what string, deadline Date, since time.Time, days int, loc *time.Location) Message {
	if loc == nil {
		loc = shanghai
	}
	switch kind {
	case ReminderDueTomorrow:
		return msgReminderDueTomorrow(customer, clip(what), deadline)
	case ReminderOverdue:
		return msgReminderOverdue(customer, clip(what), deadline)
	case ReminderSilent:
		return msgReminderSilent(customer, days)
	default:
		return msgReminderUnrecorded(customer, since.In(loc).Format("2006-01-02 15:04"), r.timing().LateWindow)
	}
}

// IsAction reports whether the kind is about an action.
func (k ReminderKind) IsAction() bool { return k == ReminderDueTomorrow || k == ReminderOverdue }
