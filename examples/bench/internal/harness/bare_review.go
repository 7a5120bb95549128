package harness

import (
	"context"
	"database/sql"
	"time"

	"github.com/dealtrail/dealtrail/salesrec"
)

// bareReview computes the team review's lists and pipeline with the plain
// statements a programmer would write against the same schema and
// indexes: the action rows due by the window's last day (split at today),
// the late contacts of the period, the contacts with commitments and their
// engagement's latest deadline (judged by salesrec.FollowedUp, as the store
// does), the silent open engagements, the outcomes without lessons, counts
// by status, won sums by month and terminations by reason, each row with
// its customer's name. What it leaves out is what the store adds: the
// actor and access check, the team and member reads, filing by owner and
// sorting.
type bareReview struct {
	overdue, dueSoon, late, unfollowed, silent, noLessons, groups int
}

func (b *bareSQL) review(ctx context.Context, teamID string, w salesrec.ReviewWindow) (bareReview, error) {
	var out bareReview
	from, until := w.PeriodBounds()
	today := w.Today.String()
	lastContact := `COALESCE((SELECT MAX(x.occurred_at) FROM dealtrail_interactions x WHERE x.engagement_id = e.id), e.created_at)`
	steps := []struct {
		query string
		args  []any
		row   func(rows *sql.Rows) error
	}{
		{`SELECT a.engagement_id, a.id, a.owner_id, a.what, a.deadline, c.name FROM dealtrail_actions a
			JOIN dealtrail_customers c ON c.id = a.customer_id
			WHERE a.team_id = ? AND a.status <> 'done' AND a.engagement_status = 'open' AND a.deadline <= ?`,
			[]any{teamID, w.DueBy.String()}, func(rows *sql.Rows) error {
				var eid, id, owner, what, deadline, name string
				if err := rows.Scan(&eid, &id, &owner, &what, &deadline, &name); err != nil {
					return err
				}
				if deadline < today {
					out.overdue++
				} else {
					out.dueSoon++
				}
				return nil
			}},
		{`SELECT e.id, e.owner_id, i.id, i.occurred_at, c.name FROM dealtrail_interactions i
			JOIN dealtrail_engagements e ON e.id = i.engagement_id JOIN dealtrail_customers c ON c.id = e.customer_id
			WHERE i.late = 1 AND i.occurred_at >= ? AND i.occurred_at < ? AND e.team_id = ?`,
			[]any{from.UnixMicro(), until.UnixMicro(), teamID}, func(rows *sql.Rows) error {
				var eid, owner, id, name string
				var at int64
				out.late++
				return rows.Scan(&eid, &owner, &id, &at, &name)
			}},
		{`SELECT e.id, e.owner_id, i.id, i.occurred_at, i.commitments, c.name,
				COALESCE((SELECT MAX(a.deadline) FROM dealtrail_actions a WHERE a.engagement_id = e.id), '')
			FROM dealtrail_engagements e JOIN dealtrail_interactions i ON i.engagement_id = e.id AND i.commitments > 0
			JOIN dealtrail_customers c ON c.id = e.customer_id
			WHERE e.team_id = ? AND e.status = 'open'`,
			[]any{teamID}, func(rows *sql.Rows) error {
				var eid, owner, id, name, deadline string
				var at int64
				var n int
				if err := rows.Scan(&eid, &owner, &id, &at, &n, &name, &deadline); err != nil {
					return err
				}
				last, _ := salesrec.ParseDate(deadline)
				if !salesrec.FollowedUp(last, time.UnixMicro(at), w.Loc) {
					out.unfollowed++
				}
				return nil
			}},
		{`SELECT e.id, e.owner_id, c.name, ` + lastContact + ` FROM dealtrail_engagements e
			JOIN dealtrail_customers c ON c.id = e.customer_id
			WHERE e.team_id = ? AND e.status = 'open' AND ` + lastContact + ` < ?`,
			[]any{teamID, w.SilentSince().UnixMicro()}, func(rows *sql.Rows) error {
				var eid, owner, name string
				var at int64
				out.silent++
				return rows.Scan(&eid, &owner, &name, &at)
			}},
		{`SELECT o.engagement_id, o.owner_id, o.status, c.name FROM dealtrail_outcomes o
			JOIN dealtrail_customers c ON c.id = o.customer_id WHERE o.team_id = ? AND o.lessons = 0`,
			[]any{teamID}, func(rows *sql.Rows) error {
				var eid, owner, status, name string
				out.noLessons++
				return rows.Scan(&eid, &owner, &status, &name)
			}},
		{`SELECT status, COUNT(*) FROM dealtrail_engagements WHERE team_id = ? GROUP BY status`,
			[]any{teamID}, groupRow(&out.groups)},
		{`SELECT signed_month || ' ' || currency, SUM(amount_minor) FROM dealtrail_outcomes
			WHERE team_id = ? AND status = 'won' GROUP BY signed_month, currency`,
			[]any{teamID}, groupRow(&out.groups)},
		{`SELECT reason_category, COUNT(*) FROM dealtrail_outcomes
			WHERE team_id = ? AND status = 'terminated' GROUP BY reason_category`,
			[]any{teamID}, groupRow(&out.groups)},
	}
	tx, err := b.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return out, err
	}
	defer func() { _ = tx.Rollback() }()
	for _, st := range steps {
		if err := scanAll(ctx, tx, b.q(st.query), st.args, st.row); err != nil {
			return out, err
		}
	}
	return out, tx.Commit()
}

// groupRow counts the rows of a GROUP BY whose rows are a key and a number.
func groupRow(n *int) func(rows *sql.Rows) error {
	return func(rows *sql.Rows) error {
		var key string
		var v int64
		*n++
		return rows.Scan(&key, &v)
	}
}

// scanAll runs query in tx and calls row for each row.
func scanAll(ctx context.Context, tx *sql.Tx, query string, args []any, row func(*sql.Rows) error) error {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := row(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}
