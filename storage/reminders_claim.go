package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage/internal/dialect"
)

// ClaimReminders hands consumer up to n reminders of every team to deliver,
// each leased to it for lease: pending ones, and claimed ones whose lease
// has lapsed (a consumer that stopped between claim and acknowledgement),
// oldest first. Until the lease ends no other claim returns them. An
// action's reminder whose action is done, gone or moved, or whose
// engagement closed, is withdrawn instead of handed out. Deliver each, then
// AckReminder it; a reminder may come back after a lapsed lease, so a
// consumer that can deliver twice after a crash should deliver idempotently
// by Reminder.ID (docs/reminders.md). It is a system call of the host: a
// host must not expose it to users (ClaimRemindersFor is the member's own).
//
// consumer names the process claiming (at most 200 characters); n is 1 to
// MaxClaim; lease is MinLease to MaxLease. PostgreSQL consumers skip each
// other's rows (FOR UPDATE SKIP LOCKED); SQLite's take turns (BEGIN
// IMMEDIATE).
func (s *Store) ClaimReminders(ctx context.Context, consumer string, n int, lease time.Duration) ([]salesrec.Reminder, error) {
	return s.claim(ctx, consumer, "", n, lease)
}

// ClaimRemindersFor is ClaimReminders for the reminders addressed to one
// member, claimed on their behalf: a host's inbox for the member, or an
// app that pulls its user's reminders. An id that is no member is
// ErrForbidden.
func (s *Store) ClaimRemindersFor(ctx context.Context, actorID, consumer string, n int, lease time.Duration) ([]salesrec.Reminder, error) {
	if actorID == "" {
		return nil, forbidden("no acting member given")
	}
	if _, err := s.loadActor(ctx, s.db, actorID); err != nil {
		return nil, err
	}
	return s.claim(ctx, consumer, actorID, n, lease)
}

func checkClaim(consumer string, n int, lease time.Duration) error {
	fields := map[string]salesrec.Message{}
	if consumer == "" || len([]rune(consumer)) > maxConsumer || checkStrings(struct{ C string }{consumer}) != nil {
		fields["consumer"] = msgConsumer
	}
	if n < 1 || n > MaxClaim {
		fields["n"] = msgClaimCount
	}
	if lease < MinLease || lease > MaxLease {
		fields["lease"] = msgLease
	}
	if len(fields) == 0 {
		return nil
	}
	return &salesrec.ValidationError{Fields: fields}
}

// reminderRow is a row of dealtrail_reminders as a claim reads it; Due is
// 0 for an action's reminder that its action no longer calls for.
type reminderRow struct {
	ID           string `db:"id"`
	TeamID       string `db:"team_id"`
	MemberID     string `db:"member_id"`
	Kind         string `db:"kind"`
	Subject      string `db:"subject"`
	Day          string `db:"day"`
	EngagementID string `db:"engagement_id"`
	ActionID     string `db:"action_id"`
	TextZh       string `db:"text_zh"`
	TextEn       string `db:"text_en"`
	CreatedAt    int64  `db:"created_at"`
	Attempts     int    `db:"attempts"`
	Due          int    `db:"due"`
}

func (s *Store) claim(ctx context.Context, consumer, memberID string, n int, lease time.Duration) ([]salesrec.Reminder, error) {
	if err := checkClaim(consumer, n, lease); err != nil {
		return nil, err
	}
	now := s.now()
	until := now.Add(lease)
	var out []salesrec.Reminder
	err := s.inQueueTx(ctx, func(tx dialect.Queryer) error {
		cond, args := "", []any{micros(now)}
		if memberID != "" {
			cond, args = " AND r.member_id = ?", append(args, memberID)
		}
		var rows []reminderRow
		err := s.selectAll(ctx, tx, &rows, `SELECT r.id, r.team_id, r.member_id, r.kind, r.subject, r.day,
				r.engagement_id, r.action_id, r.text_zh, r.text_en, r.created_at, r.attempts,
				CASE WHEN r.action_id = '' OR EXISTS (SELECT 1 FROM dealtrail_actions a
					WHERE a.engagement_id = r.engagement_id AND a.id = r.action_id AND a.status <> 'done'
					AND a.engagement_status = 'open' AND a.deadline = r.day) THEN 1 ELSE 0 END AS due
			FROM dealtrail_reminders r
			WHERE `+reminderState+` AND r.lease_until <= ?`+cond+`
			ORDER BY r.lease_until, r.created_at, r.id LIMIT ?`+s.d.SkipLocked(), append(args, n)...)
		if err != nil {
			return err
		}
		var claimed, withdrawn []string
		for _, r := range rows {
			if r.Due == 0 {
				withdrawn = append(withdrawn, r.ID)
				continue
			}
			rem, err := r.reminder(until)
			if err != nil {
				return err
			}
			out = append(out, rem)
			claimed = append(claimed, r.ID)
		}
		if err := s.setReminders(ctx, tx, `state = 'withdrawn'`, nil, withdrawn); err != nil {
			return err
		}
		return s.setReminders(ctx, tx, `state = 'claimed', claimed_by = ?, lease_until = ?, attempts = attempts + 1`,
			[]any{consumer, micros(until)}, claimed)
	})
	if err != nil {
		return nil, fmt.Errorf("claiming reminders: %w", err)
	}
	return out, nil
}

func (r reminderRow) reminder(until time.Time) (salesrec.Reminder, error) {
	var day salesrec.Date
	if err := day.UnmarshalText([]byte(r.Day)); err != nil {
		return salesrec.Reminder{}, fmt.Errorf("decoding day of reminder %s: %w", r.ID, err)
	}
	return salesrec.Reminder{ID: r.ID, TeamID: r.TeamID, MemberID: r.MemberID, Kind: salesrec.ReminderKind(r.Kind),
		Subject: r.Subject, Day: day, EngagementID: r.EngagementID, ActionID: r.ActionID,
		Message:   salesrec.Message{Zh: r.TextZh, En: r.TextEn},
		CreatedAt: dialect.FromMicros(r.CreatedAt), Attempts: r.Attempts + 1, LeaseUntil: until.UTC()}, nil
}

// setReminders runs UPDATE … SET set WHERE id IN ids.
func (s *Store) setReminders(ctx context.Context, tx dialect.Queryer, set string, args []any, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	query, all, err := sqlx.In(`UPDATE dealtrail_reminders SET `+set+` WHERE id IN (?)`, append(args, ids)...)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, sqlx.Rebind(s.d.BindType(), query), all...)
	return err
}

// AckReminder records that consumer delivered reminder id: it is done and
// never handed out again. Acknowledging twice is fine. It fails with
// ErrNotFound for an id that names no reminder, and with ErrConflict when
// the reminder is not (or no longer) claimed by consumer: its lease lapsed
// and another consumer claimed it, or it was withdrawn.
func (s *Store) AckReminder(ctx context.Context, consumer, id string) error {
	err := s.inQueueTx(ctx, func(tx dialect.Queryer) error {
		res, err := tx.ExecContext(ctx, s.q(`UPDATE dealtrail_reminders SET state = 'done', done_at = ?
			WHERE id = ? AND claimed_by = ? AND state = 'claimed'`), micros(s.now()), id, consumer)
		if err != nil {
			return err
		}
		if k, err := res.RowsAffected(); err != nil || k == 1 {
			return err
		}
		var row struct {
			State      string `db:"state"`
			ClaimedBy  string `db:"claimed_by"`
			LeaseUntil int64  `db:"lease_until"`
		}
		err = s.getOne(ctx, tx, &row, `SELECT state, claimed_by, lease_until FROM dealtrail_reminders WHERE id = ?`, id)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return notFound("reminder")
		case err != nil:
			return err
		case row.State == "done" && row.ClaimedBy == consumer:
			return nil
		}
		return conflict("the reminder is not claimed by this consumer")
	})
	if err != nil {
		return fmt.Errorf("acknowledging reminder: %w", err)
	}
	return nil
}

// LogMeeting logs a meeting time on an engagement the actor may write: if
// no contact within salesrec.MeetingMatchWindow of it is recorded within
// the late window, ProduceReminders reminds the actor to record it. A zero
// time is a *ValidationError on "at".
func (s *Store) LogMeeting(ctx context.Context, actorID, engagementID string, at time.Time) (salesrec.Meeting, error) {
	if at.IsZero() {
		return salesrec.Meeting{}, invalid("at", msgMeetingAt)
	}
	m := salesrec.Meeting{ID: newID(), EngagementID: engagementID, MemberID: actorID, At: at.UTC().Truncate(time.Microsecond)}
	err := s.asActor(ctx, actorID, func(tx dialect.Queryer, a actor) error {
		e, err := s.loadEngagement(ctx, tx, engagementID, "")
		if err != nil {
			return err
		}
		if !salesrec.CanWrite(a.member(), e) {
			return notFound("engagement")
		}
		m.TeamID = e.TeamID
		_, err = tx.ExecContext(ctx, s.q(`INSERT INTO dealtrail_meetings (id, engagement_id, team_id, member_id, at) VALUES (?, ?, ?, ?, ?)`),
			m.ID, m.EngagementID, m.TeamID, m.MemberID, micros(m.At))
		return err
	})
	if err != nil {
		return salesrec.Meeting{}, fmt.Errorf("logging meeting: %w", err)
	}
	return m, nil
}
