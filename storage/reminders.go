package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage/internal/dialect"
)

// The reminder outbox (docs/reminders.md). ProduceReminders writes what
// salesrec says to remind, once per subject, kind and day; the host claims
// reminders with a lease, delivers them and acknowledges each; a claim
// that is not acknowledged lapses and the reminder is handed out again. An
// engagement write withdraws the reminders its change made moot (a done
// action, a new contact, a closed engagement) in the same transaction.

// Limits of a claim.
const (
	MaxClaim      = 1000
	MinLease      = time.Second
	MaxLease      = 24 * time.Hour
	maxConsumer   = 200
	reminderState = `r.state IN ('pending', 'claimed')`
)

var reminderColumns = []string{"id", "team_id", "member_id", "kind", "subject", "day", "engagement_id", "action_id",
	"text_zh", "text_en", "state", "created_at", "lease_until", "claimed_by", "attempts", "done_at"}

// ProduceReminders writes the reminders of a team due at instant at (zero:
// the store's clock), judged in the team's time zone: actions due tomorrow
// and overdue actions (to the action's owner), open engagements silent for
// Rules.StaleAfter (to the owner), logged meetings with no contact recorded
// within the late window (to the member who logged it). Each reminder is
// written once per subject, kind and day (salesrec.Reminder): running it
// again, or from any number of processes at once, adds nothing already
// there. It returns how many reminders it added. It is a system call of
// the host (a timer), not on behalf of a member.
func (s *Store) ProduceReminders(ctx context.Context, teamID string, at time.Time) (int, error) {
	if at.IsZero() {
		at = s.now()
	}
	var added int64
	err := s.inQueueTx(ctx, func(tx dialect.Queryer) error {
		team, err := s.team(ctx, tx, teamID, "")
		if err != nil {
			return err
		}
		loc, err := team.Location()
		if err != nil {
			return err
		}
		p := producer{s: s, ctx: ctx, tx: tx, team: teamID, at: at, loc: loc, now: micros(s.now())}
		for _, step := range []func() error{p.actions, p.silent, p.meetings} {
			if err := step(); err != nil {
				return err
			}
		}
		added, err = s.insertValues(ctx, tx, "dealtrail_reminders", reminderColumns, p.rows,
			" ON CONFLICT (subject, kind, day) DO NOTHING")
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("producing reminders: %w", err)
	}
	return int(added), nil
}

// producer gathers one team's new reminders.
type producer struct {
	s    *Store
	ctx  context.Context
	tx   dialect.Queryer
	team string
	at   time.Time
	loc  *time.Location
	now  int64
	rows [][]any
}

func (p *producer) add(kind salesrec.ReminderKind, member, subject string, day salesrec.Date, engagementID, actionID string, m salesrec.Message) {
	p.rows = append(p.rows, []any{newID(), p.team, member, string(kind), subject, day.String(), engagementID, actionID,
		m.Zh, m.En, "pending", p.now, int64(0), "", 0, int64(0)})
}

// sel is Store.selectAll in the producer's transaction.
func (p *producer) sel(dst any, query string, args ...any) error {
	return p.s.selectAll(p.ctx, p.tx, dst, query, args...)
}

// actions: not-done actions of open engagements due tomorrow or overdue,
// without their reminder yet (the day of an action's reminder is its
// deadline).
func (p *producer) actions() error {
	today := salesrec.DateOf(p.at.In(p.loc))
	var rows []reviewRow
	err := p.sel(&rows, `SELECT a.engagement_id, c.name AS customer_name, a.owner_id, a.id AS item_id, a.what, a.deadline, a.status
		FROM dealtrail_actions a JOIN dealtrail_customers c ON c.id = a.customer_id
		WHERE a.team_id = ? AND a.status <> 'done' AND a.engagement_status = 'open'
		AND (a.deadline < ? OR a.deadline = ?)
		AND NOT EXISTS (SELECT 1 FROM dealtrail_reminders r WHERE r.subject = 'action:' || a.engagement_id || ':' || a.id
			AND r.day = a.deadline AND r.kind = CASE WHEN a.deadline < ? THEN 'action_overdue' ELSE 'action_due_tomorrow' END)`,
		p.team, today.String(), today.AddDays(1).String(), today.String())
	if err != nil {
		return err
	}
	for _, r := range rows {
		a, err := r.action()
		if err != nil {
			return err
		}
		kind, ok := salesrec.ActionReminder(a, salesrec.StatusOpen, p.at, p.loc)
		if !ok {
			continue
		}
		p.add(kind, r.OwnerID, salesrec.ActionSubject(r.EngagementID, r.ItemID), a.Deadline, r.EngagementID, r.ItemID,
			p.s.rules.ReminderMessage(kind, r.CustomerName, r.What, a.Deadline, time.Time{}, 0, p.loc))
	}
	return nil
}

// silent: open engagements silent for StaleAfter with no reminder since
// their last contact (the day of the reminder is the last contact's).
func (p *producer) silent() error {
	var rows []reviewRow
	err := p.sel(&rows, `SELECT e.id AS engagement_id, c.name AS customer_name, e.owner_id, `+lastContactSQL+` AS at
		FROM dealtrail_engagements e JOIN dealtrail_customers c ON c.id = e.customer_id
		WHERE e.team_id = ? AND e.status = 'open' AND `+lastContactSQL+` < ?
		AND NOT EXISTS (SELECT 1 FROM dealtrail_reminders r WHERE r.subject = 'engagement:' || e.id
			AND r.kind = 'engagement_silent' AND r.created_at >= `+lastContactSQL+`)`,
		p.team, micros(p.at.Add(-p.s.rules.StaleAfter)))
	if err != nil {
		return err
	}
	for _, r := range rows {
		last := dialect.FromMicros(r.At)
		if !p.s.rules.SilentSince(last, p.at) {
			continue
		}
		days := int(p.at.Sub(last) / (24 * time.Hour))
		p.add(salesrec.ReminderSilent, r.OwnerID, salesrec.EngagementSubject(r.EngagementID), salesrec.DateOf(last.In(p.loc)),
			r.EngagementID, "", p.s.rules.ReminderMessage(salesrec.ReminderSilent, r.CustomerName, "", salesrec.Date{}, last, days, p.loc))
	}
	return nil
}

// meetings: meetings of open engagements logged more than the late window
// ago with no contact within MeetingMatchWindow of them and no reminder.
func (p *producer) meetings() error {
	var rows []reviewRow
	match := int64(salesrec.MeetingMatchWindow / time.Microsecond)
	err := p.sel(&rows, `SELECT m.engagement_id, c.name AS customer_name, m.member_id AS owner_id, m.id AS item_id, m.at
		FROM dealtrail_meetings m
		JOIN dealtrail_engagements e ON e.id = m.engagement_id
		JOIN dealtrail_customers c ON c.id = e.customer_id
		WHERE m.team_id = ? AND m.at < ? AND e.status = 'open'
		AND NOT EXISTS (SELECT 1 FROM dealtrail_interactions i WHERE i.engagement_id = m.engagement_id
			AND i.occurred_at >= m.at - ? AND i.occurred_at <= m.at + ?)
		AND NOT EXISTS (SELECT 1 FROM dealtrail_reminders r WHERE r.subject = 'meeting:' || m.id AND r.kind = 'contact_not_recorded')`,
		p.team, micros(p.at.Add(-p.s.rules.LateWindow)), match, match)
	if err != nil {
		return err
	}
	for _, r := range rows {
		at := dialect.FromMicros(r.At)
		if !p.s.rules.MeetingUnrecorded(at, nil, p.at) {
			continue
		}
		p.add(salesrec.ReminderUnrecorded, r.OwnerID, salesrec.MeetingSubject(r.ItemID), salesrec.DateOf(at.In(p.loc)),
			r.EngagementID, "", p.s.rules.ReminderMessage(salesrec.ReminderUnrecorded, r.CustomerName, "", salesrec.Date{}, at, 0, p.loc))
	}
	return nil
}

// withdrawReminders withdraws, inside an engagement write, the reminders of
// the engagement that next no longer calls for: an action's once it is
// done, gone, moved to another deadline or its engagement closed; a silent
// engagement's once it has a newer contact or is closed; a meeting's once
// a contact near it is recorded or the engagement is closed. The actions
// and interactions of next are already written.
func (s *Store) withdrawReminders(ctx context.Context, tx dialect.Queryer, prev, next salesrec.Engagement) error {
	var n int
	if err := s.getOne(ctx, tx, &n, `SELECT COUNT(*) FROM (SELECT 1 FROM dealtrail_reminders r
		WHERE r.engagement_id = ? AND `+reminderState+` LIMIT 1) pending`, next.ID); err != nil || n == 0 {
		return err
	}
	open := next.Status == salesrec.StatusOpen
	match := int64(salesrec.MeetingMatchWindow / time.Microsecond)
	_, err := tx.ExecContext(ctx, s.q(`UPDATE dealtrail_reminders SET state = 'withdrawn'
		WHERE engagement_id = ? AND state IN ('pending', 'claimed') AND (
			(action_id <> '' AND NOT EXISTS (SELECT 1 FROM dealtrail_actions a
				WHERE a.engagement_id = dealtrail_reminders.engagement_id AND a.id = dealtrail_reminders.action_id
				AND a.status <> 'done' AND a.engagement_status = 'open' AND a.deadline = dealtrail_reminders.day))
			OR (kind = 'engagement_silent' AND (? OR ?))
			OR (kind = 'contact_not_recorded' AND (? OR EXISTS (SELECT 1 FROM dealtrail_meetings m
				JOIN dealtrail_interactions i ON i.engagement_id = m.engagement_id
				WHERE 'meeting:' || m.id = dealtrail_reminders.subject
				AND i.occurred_at >= m.at - ? AND i.occurred_at <= m.at + ?))))`),
		next.ID, !open, newContact(prev, next), !open, match, match)
	return err
}

// newContact reports whether next has a contact later than any of prev's.
func newContact(prev, next salesrec.Engagement) bool {
	var last time.Time
	for _, in := range prev.Interactions {
		if in.OccurredAt.After(last) {
			last = in.OccurredAt
		}
	}
	for _, in := range next.Interactions {
		if in.OccurredAt.After(last) {
			return true
		}
	}
	return false
}
