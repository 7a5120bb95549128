package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"

	"github.com/jmoiron/sqlx"

	"github.com/dealtrail/dealtrail/salesrec"
)

// actor is the member a call is made on behalf of.
type actor struct {
	ID     string        `db:"id"`
	TeamID string        `db:"team_id"`
	Role   salesrec.Role `db:"role"`
}

// teamWideRoles are the roles that see every engagement of their team
// (managers and admins); other members (reps) see only those they take
// part in.
var teamWideRoles = []salesrec.Role{salesrec.RoleManager, salesrec.RoleAdmin}

// seesTeam reports whether the actor's role is one of teamWideRoles.
func (a actor) seesTeam() bool { return slices.Contains(teamWideRoles, a.Role) }

// takesPart is the SQL condition "engagement e has the member whose id is
// the expression member among its participants".
func takesPart(member string) string {
	return "EXISTS (SELECT 1 FROM dealtrail_participants p WHERE p.engagement_id = e.id AND p.member_id = " + member + ")"
}

// loadActor reads the acting member. An id that is no member is
// ErrForbidden on every call: it says nothing about any record.
func (s *Store) loadActor(ctx context.Context, q Queryer, id string) (actor, error) {
	var a actor
	if id == "" {
		return a, forbidden("no acting member given")
	}
	err := sqlx.GetContext(ctx, q, &a, s.q(`SELECT id, team_id, role FROM dealtrail_members WHERE id = ?`), id)
	if errors.Is(err, sql.ErrNoRows) {
		return a, forbidden("the acting member is not a member of any team")
	}
	if err != nil {
		return a, s.mapErr(err)
	}
	return a, nil
}

// canSee reports whether the actor may read (and so write) an engagement.
func (a actor) canSee(e salesrec.Engagement) bool {
	if e.TeamID != a.TeamID {
		return false
	}
	if a.seesTeam() {
		return true
	}
	for _, id := range e.Participants() {
		if id == a.ID {
			return true
		}
	}
	return false
}

// visibleClause restricts engagements aliased e to those the actor may see,
// returning the SQL and its arguments. team is how the clause names
// e.team_id: the column itself, or Dialect.Unindexed of it where the rows
// are already pinned by id.
func (a actor) visibleClause(team string) (string, []any) {
	if a.seesTeam() {
		return team + " = ?", []any{a.TeamID}
	}
	return team + " = ? AND " + takesPart("?"), []any{a.TeamID, a.ID}
}

// seesContacts reports whether the actor may see the phone and email of the
// customer's contacts: managers and admins of the customer's team, and a rep
// who owns an engagement with that customer.
func (s *Store) seesContacts(ctx context.Context, q Queryer, a actor, c salesrec.Customer) (bool, error) {
	if c.TeamID != a.TeamID {
		return false, nil
	}
	if a.seesTeam() {
		return true, nil
	}
	var n int
	err := sqlx.GetContext(ctx, q, &n, s.q(`SELECT COUNT(*) FROM (SELECT 1 FROM dealtrail_engagements
		WHERE customer_id = ? AND owner_id = ? LIMIT 1) owned`), c.ID, a.ID)
	if err != nil {
		return false, fmt.Errorf("checking contact access: %w", s.mapErr(err))
	}
	return n > 0, nil
}
