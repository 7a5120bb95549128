package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage/internal/dialect"
)

// actionRow is a row of dealtrail_actions as Actions lists it.
type actionRow dialect.ActionRow

// Actions lists the not-done actions of open engagements the actor may see,
// of the actor's team (or one owner in it), that are overdue or due within
// q.DueWithin days, judged at q.At (the store's clock when zero) in the
// team's time zone. Deadlines are calendar days: an action is overdue from
// the day after its deadline.
func (s *Store) Actions(ctx context.Context, actorID string, q ActionQuery) ([]ActionItem, error) {
	if q.DueWithin < 0 {
		return nil, invalid("due_within", msgNotNegative)
	}
	var row struct {
		actor
		TimeZone string `db:"time_zone"`
	}
	err := s.getOne(ctx, s.db, &row, `SELECT m.id, m.team_id, m.role, t.time_zone
		FROM dealtrail_members m JOIN dealtrail_teams t ON t.id = m.team_id WHERE m.id = ?`, actorID)
	if errors.Is(err, sql.ErrNoRows) || actorID == "" {
		return nil, forbidden("the acting member is not a member of any team")
	}
	if err != nil {
		return nil, err
	}
	a := row.actor
	if (q.TeamID != "" && q.TeamID != a.TeamID) || (!q.Overdue && q.DueWithin == 0) {
		return []ActionItem{}, nil
	}
	loc, err := salesrec.Team{ID: a.TeamID, TimeZone: row.TimeZone}.Location()
	if err != nil {
		return nil, err
	}
	at := q.At
	if at.IsZero() {
		at = s.now()
	}
	today := salesrec.DateOf(at.In(loc))

	conds := []string{"a.team_id = ?", "a.status <> 'done'", "a.engagement_status = 'open'"}
	args := []any{a.TeamID}
	switch {
	case q.Overdue && q.DueWithin > 0:
		conds = append(conds, "a.deadline <= ?")
		args = append(args, today.AddDays(q.DueWithin).String())
	case q.Overdue:
		conds = append(conds, "a.deadline < ?")
		args = append(args, today.String())
	default:
		conds = append(conds, "a.deadline >= ?", "a.deadline <= ?")
		args = append(args, today.String(), today.AddDays(q.DueWithin).String())
	}
	if q.OwnerID != "" {
		conds = append(conds, "a.owner_id = ?")
		args = append(args, q.OwnerID)
	}
	if !a.seesTeam() {
		conds = append(conds, "a.engagement_id IN (SELECT p.engagement_id FROM dealtrail_participants p WHERE p.member_id = ?)")
		args = append(args, a.ID)
	}
	query := `SELECT a.engagement_id, a.customer_id, a.id, a.owner_id, a.deadline, a.what, a.status
		FROM dealtrail_actions a
		WHERE ` + strings.Join(conds, " AND ") + `
		ORDER BY a.deadline, a.engagement_id, a.id`
	var rows []actionRow
	if err := s.selectAll(ctx, s.db, &rows, query, args...); err != nil {
		return nil, err
	}
	out := make([]ActionItem, 0, len(rows))
	for _, r := range rows {
		var deadline salesrec.Date
		if err := deadline.UnmarshalText([]byte(r.Deadline)); err != nil {
			return nil, fmt.Errorf("decoding deadline of action %s: %w", r.ID, err)
		}
		act := salesrec.Action{ID: r.ID, What: r.What, OwnerID: r.OwnerID, Deadline: deadline, Status: salesrec.ActionStatus(r.Status)}
		out = append(out, ActionItem{EngagementID: r.EngagementID, CustomerID: r.CustomerID,
			Action: act, Overdue: act.Overdue(at, loc)})
	}
	return out, nil
}
