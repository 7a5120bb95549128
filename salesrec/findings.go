package salesrec

import (
	"fmt"
	"time"
)

// Finding is a soft problem of an engagement at a given time: not a reason
// to refuse a write (Validate does that), but something the team should
// look at. Code is stable and machine-readable; Item is the JSON path of
// the item concerned ("interactions[2]", "actions[0]", or a top-level field
// such as "lessons"); the Message says it in words, in Chinese (Zh) and in
// English (En), as validation messages do.
type Finding struct {
	Code string `json:"code"`
	Item string `json:"item"`
	Message
}

// Finding codes.
const (
	// FindingLateInteraction: an interaction is marked late, or its
	// recorded-at is more than LateWindow after its occurred-at (事后补录).
	// Item: interactions[i].
	FindingLateInteraction = "late_interaction"
	// FindingOverdueAction: an action of an open engagement is not done and
	// its deadline has passed in the team's zone (Action.IsOverdue).
	// Item: actions[i].
	FindingOverdueAction = "overdue_action"
	// FindingStale: an open engagement has had no interaction for
	// Rules.StaleAfter (counted from its last contact, or from its creation
	// when it has none). Item: interactions.
	FindingStale = "stale_engagement"
	// FindingNoLessons: a won or terminated engagement has no lessons.
	// Item: lessons.
	FindingNoLessons = "closed_without_lessons"
	// FindingCommitmentWithoutAction: a sales commitment has no follow-up
	// action. Item: interactions[i].points[j].
	FindingCommitmentWithoutAction = "commitment_without_action"
	// FindingObjectionWithoutResult: an objection does not say the result of
	// handling it. Item: interactions[i].points[j].
	FindingObjectionWithoutResult = "objection_without_result"
)

// Findings lists the soft problems of e at instant now, with days judged in
// loc (the team's time zone; nil means Asia/Shanghai). The list follows the
// record's order: interactions and their points first, then actions, then
// engagement-wide findings. It never fails: it reports on whatever is
// stored, valid or not.
//
// A commitment point is followed up when the engagement has at least one
// action whose deadline is on or after the day of the interaction that
// holds the commitment (actions carry no creation time, so the deadline
// stands in for "planned after that contact"). An open engagement is stale
// when now is more than StaleAfter after its latest interaction (or after
// CreatedAt when it has none and CreatedAt is set).
func (r Rules) Findings(e Engagement, now time.Time, loc *time.Location) []Finding {
	r = r.timing()
	if loc == nil {
		loc = shanghai
	}
	var out []Finding
	add := func(code, item string, m Message) {
		out = append(out, Finding{Code: code, Item: item, Message: m})
	}
	for i, in := range e.Interactions {
		item := fmt.Sprintf("interactions[%d]", i)
		when := in.OccurredAt.In(loc).Format("2006-01-02 15:04")
		if in.Late || r.recordedLate(in) {
			add(FindingLateInteraction, item, msgLateFinding(when, r.LateWindow))
		}
		for j, p := range in.Points {
			pitem := fmt.Sprintf("%s.points[%d]", item, j)
			if p.Kind == PointCommitment && !followedUp(e.Actions, in.OccurredAt, loc) {
				add(FindingCommitmentWithoutAction, pitem, msgCommitmentFinding(clip(p.Text)))
			}
			if p.Kind == PointObjection && blank(p.Result) {
				add(FindingObjectionWithoutResult, pitem, msgObjectionFinding(clip(p.Text)))
			}
		}
	}
	for i, a := range e.Actions {
		if a.IsOverdue(e.Status, now, loc) {
			add(FindingOverdueAction, fmt.Sprintf("actions[%d]", i), msgOverdueFinding(clip(a.What), a.Deadline))
		}
	}
	if e.Status == StatusOpen {
		if last, ok := lastContact(e); ok && now.Sub(last) > r.StaleAfter {
			days := int(now.Sub(last) / (24 * time.Hour))
			add(FindingStale, "interactions", msgStaleFinding(days))
		}
	}
	if (e.Status == StatusWon || e.Status == StatusTerminated) && len(e.Lessons) == 0 {
		add(FindingNoLessons, "lessons", msgNoLessonsFinding(e.Status))
	}
	return out
}

// recordedLate reports whether a stored interaction's own times show it was
// recorded after the late window, whatever its Late flag says.
func (r Rules) recordedLate(in Interaction) bool {
	return !in.RecordedAt.IsZero() && !in.OccurredAt.IsZero() && in.RecordedAt.Sub(in.OccurredAt) > r.LateWindow
}

// followedUp reports whether some action is planned on or after the day of
// the contact at t.
func followedUp(actions []Action, t time.Time, loc *time.Location) bool {
	day := DateOf(t.In(loc))
	for _, a := range actions {
		if !a.Deadline.IsZero() && !a.Deadline.Before(day) {
			return true
		}
	}
	return false
}

// lastContact returns the latest occurred-at, or CreatedAt when there is no
// interaction.
func lastContact(e Engagement) (time.Time, bool) {
	var last time.Time
	for _, in := range e.Interactions {
		if in.OccurredAt.After(last) {
			last = in.OccurredAt
		}
	}
	if last.IsZero() {
		last = e.CreatedAt
	}
	return last, !last.IsZero()
}

// clip shortens a text for a message to at most 40 characters.
func clip(s string) string {
	r := []rune(s)
	if len(r) <= 40 {
		return s
	}
	return string(r[:39]) + "…"
}

func zhDuration(d time.Duration) string {
	if d%time.Hour == 0 {
		return fmt.Sprintf("%d小时", d/time.Hour)
	}
	return fmt.Sprintf("%d分钟", d/time.Minute)
}
