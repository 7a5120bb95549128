package salesrec

import (
	"sort"
	"time"
)

// The team review (周复盘): what each owner of a team should look at this
// week. The rules below say what counts in each list; a store computes the
// lists over its rows (in SQL where it can) and its conformance suite
// checks that it agrees with ReviewEngagement on every engagement.

// ReviewSettings are the spans a review judges by. Zero fields take the
// defaults of DefaultReviewSettings.
type ReviewSettings struct {
	// DueWithinDays: an action is due soon when its deadline is today or
	// within this many days after today (default 7).
	DueWithinDays int `json:"due_within_days"`
	// SilentDays: an open engagement is silent when its last contact (or
	// its creation, with none) is more than this many days before the
	// review's instant (default 14, Rules.StaleAfter's default).
	SilentDays int `json:"silent_days"`
	// PeriodDays: the period is this many calendar days ending today, in
	// the team's zone (default 7); late contacts are counted when they
	// happened in it.
	PeriodDays int `json:"period_days"`
}

// Limits of ReviewSettings: a review looks at most a year ahead or back.
const (
	DefaultReviewDays = 7
	MaxReviewSpanDays = 366
	defaultSilentDays = int(DefaultStaleAfter / (24 * time.Hour))
)

// DefaultReviewSettings returns a week ahead, a week back, and 14 days of
// silence.
func DefaultReviewSettings() ReviewSettings {
	return ReviewSettings{DueWithinDays: DefaultReviewDays, SilentDays: defaultSilentDays, PeriodDays: DefaultReviewDays}
}

// WithDefaults returns s with zero fields replaced by the defaults.
func (s ReviewSettings) WithDefaults() ReviewSettings {
	d := DefaultReviewSettings()
	if s.DueWithinDays == 0 {
		s.DueWithinDays = d.DueWithinDays
	}
	if s.SilentDays == 0 {
		s.SilentDays = d.SilentDays
	}
	if s.PeriodDays == 0 {
		s.PeriodDays = d.PeriodDays
	}
	return s
}

// Validate refuses negative spans and spans longer than MaxReviewSpanDays;
// keys are "due_within_days", "silent_days", "period_days".
func (s ReviewSettings) Validate() error {
	fields := map[string]Message{}
	for key, n := range map[string]int{"due_within_days": s.DueWithinDays, "silent_days": s.SilentDays, "period_days": s.PeriodDays} {
		switch {
		case n < 0:
			fields[key] = msgNotNegative
		case n > MaxReviewSpanDays:
			fields[key] = msgReviewSpan(MaxReviewSpanDays)
		}
	}
	if len(fields) == 0 {
		return nil
	}
	return &ValidationError{Fields: fields}
}

// ReviewWindow is one review's instant and spans, with the calendar days
// they make in the team's zone.
type ReviewWindow struct {
	At       time.Time
	Loc      *time.Location
	Settings ReviewSettings
	// Today is At's day in Loc; DueBy is the last day an action is due
	// soon; PeriodFrom is the first day of the period (which ends today).
	Today, DueBy, PeriodFrom Date
}

// NewReviewWindow returns the window of a review at instant at in loc (nil
// means Asia/Shanghai) with settings s (zero fields take the defaults).
func NewReviewWindow(at time.Time, loc *time.Location, s ReviewSettings) ReviewWindow {
	if loc == nil {
		loc = shanghai
	}
	s = s.WithDefaults()
	today := DateOf(at.In(loc))
	return ReviewWindow{At: at, Loc: loc, Settings: s, Today: today,
		DueBy: today.AddDays(s.DueWithinDays), PeriodFrom: today.AddDays(1 - s.PeriodDays)}
}

// PeriodBounds returns the period as instants: from the start of
// PeriodFrom up to (not including) the start of the day after Today, in Loc.
func (w ReviewWindow) PeriodBounds() (from, until time.Time) {
	return w.PeriodFrom.In(w.Loc), w.Today.AddDays(1).In(w.Loc)
}

// SilentSince is the instant before which an open engagement's last
// contact makes it silent.
func (w ReviewWindow) SilentSince() time.Time {
	return w.At.Add(-time.Duration(w.Settings.SilentDays) * 24 * time.Hour)
}

// DueSoon reports whether action a of an engagement of status s is due
// soon: the engagement is open, the action is not done and its deadline is
// from today to DueBy. An overdue action is not due soon.
func (w ReviewWindow) DueSoon(a Action, s Status) bool {
	return s == StatusOpen && a.Status != ActionDone && !a.Deadline.IsZero() &&
		!a.Deadline.Before(w.Today) && !a.Deadline.After(w.DueBy)
}

// InPeriod reports whether instant t falls in the period.
func (w ReviewWindow) InPeriod(t time.Time) bool {
	from, until := w.PeriodBounds()
	return !t.Before(from) && t.Before(until)
}

// Silent reports whether an open engagement whose last contact (or
// creation) was at last is silent.
func (w ReviewWindow) Silent(last time.Time) bool {
	return !last.IsZero() && last.Before(w.SilentSince())
}

// FollowedUp reports whether a commitment made in a contact at t is
// followed up by an action whose deadline is lastDeadline, the latest
// deadline of the engagement's actions: as Findings judges it, some action
// is planned on or after the contact's day in loc.
func FollowedUp(lastDeadline Date, t time.Time, loc *time.Location) bool {
	if loc == nil {
		loc = shanghai
	}
	return !lastDeadline.IsZero() && !lastDeadline.Before(DateOf(t.In(loc)))
}

// LatestDeadline returns the latest deadline of the actions, done or not
// (zero when none has one).
func LatestDeadline(actions []Action) Date {
	var last Date
	for _, a := range actions {
		if last.Before(a.Deadline) {
			last = a.Deadline
		}
	}
	return last
}

// EngagementReview is what one engagement brings to its owner's review.
type EngagementReview struct {
	// Overdue and DueSoon index the engagement's actions.
	Overdue, DueSoon []int
	// LateContacts index the contacts of the period recorded late.
	LateContacts []int
	// UnfollowedContacts index the contacts of an open engagement holding
	// a commitment that no action follows up.
	UnfollowedContacts []int
	// Silent: the engagement is open and silent.
	Silent bool
	// NoLessons: the engagement is won or terminated and has no lessons.
	NoLessons bool
}

// IsZero reports whether the engagement brings nothing to the review.
func (r EngagementReview) IsZero() bool {
	return len(r.Overdue)+len(r.DueSoon)+len(r.LateContacts)+len(r.UnfollowedContacts) == 0 && !r.Silent && !r.NoLessons
}

// ReviewEngagement is the review's rule for one engagement in window w:
//   - overdue: its actions that IsOverdue;
//   - due soon: its actions that w.DueSoon;
//   - late contacts: its contacts that happened in the period and were
//     recorded late (Late, or recorded more than LateWindow after they
//     happened: Findings' late rule);
//   - unfollowed commitments: for an open engagement, its contacts with a
//     commitment point that FollowedUp does not cover (Findings' rule);
//   - silent: open, and its last contact (or creation) is more than
//     SilentDays before the instant;
//   - no lessons: won or terminated without lessons.
func (r Rules) ReviewEngagement(e Engagement, w ReviewWindow) EngagementReview {
	r = r.timing()
	var out EngagementReview
	for i, a := range e.Actions {
		switch {
		case a.IsOverdue(e.Status, w.At, w.Loc):
			out.Overdue = append(out.Overdue, i)
		case w.DueSoon(a, e.Status):
			out.DueSoon = append(out.DueSoon, i)
		}
	}
	last := LatestDeadline(e.Actions)
	for i, in := range e.Interactions {
		if (in.Late || r.recordedLate(in)) && w.InPeriod(in.OccurredAt) {
			out.LateContacts = append(out.LateContacts, i)
		}
		if e.Status == StatusOpen && Commitments(in) > 0 && !FollowedUp(last, in.OccurredAt, w.Loc) {
			out.UnfollowedContacts = append(out.UnfollowedContacts, i)
		}
	}
	if lc, ok := lastContact(e); ok && e.Status == StatusOpen {
		out.Silent = w.Silent(lc)
	}
	out.NoLessons = (e.Status == StatusWon || e.Status == StatusTerminated) && len(e.Lessons) == 0
	return out
}

// IsLate reports whether an interaction counts as recorded late (事后补录):
// marked Late, or recorded more than LateWindow after it happened.
func (r Rules) IsLate(in Interaction) bool { return in.Late || r.timing().recordedLate(in) }

// Commitments counts the commitment points of a contact.
func Commitments(in Interaction) int {
	n := 0
	for _, p := range in.Points {
		if p.Kind == PointCommitment {
			n++
		}
	}
	return n
}

// SortReview puts a review in its reading order: owners by name then id,
// each list by its date then engagement and item id, pipeline months and
// reasons by key.
func SortReview(rv *Review) {
	sort.Slice(rv.Owners, func(i, j int) bool {
		a, b := rv.Owners[i], rv.Owners[j]
		if a.OwnerName != b.OwnerName {
			return a.OwnerName < b.OwnerName
		}
		return a.OwnerID < b.OwnerID
	})
	for i := range rv.Owners {
		o := &rv.Owners[i]
		for _, l := range [][]ReviewAction{o.Overdue, o.DueSoon} {
			sort.Slice(l, func(i, j int) bool { return l[i].key() < l[j].key() })
		}
		for _, l := range [][]ReviewContact{o.LateContacts, o.UnfollowedCommitments} {
			sort.Slice(l, func(i, j int) bool { return l[i].key() < l[j].key() })
		}
		for _, l := range [][]ReviewEngagement{o.Silent, o.NoLessons} {
			sort.Slice(l, func(i, j int) bool { return l[i].key() < l[j].key() })
		}
	}
	p := &rv.Pipeline
	sort.Slice(p.WonByMonth, func(i, j int) bool {
		a, b := p.WonByMonth[i], p.WonByMonth[j]
		if a.Month != b.Month {
			return a.Month < b.Month
		}
		return a.Amount.Cur() < b.Amount.Cur()
	})
	sort.Slice(p.Reasons, func(i, j int) bool { return p.Reasons[i].Category < p.Reasons[j].Category })
}

// CanReview reports whether member m may read the review of ownerID
// (empty: the whole team) in team teamID. A manager or admin reviews their
// own team or any owner in it; a rep reviews only themselves. A store
// answers a refusal with ErrForbidden.
func CanReview(m Member, teamID, ownerID string) bool {
	if m.ID == "" || m.TeamID == "" || m.TeamID != teamID {
		return false
	}
	return m.Role.SeesTeam() || ownerID == m.ID
}
