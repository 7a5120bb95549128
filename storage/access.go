package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage/internal/dialect"
)

// actor is the member a call is made on behalf of.
type actor struct {
	ID     string        `db:"id"`
	TeamID string        `db:"team_id"`
	Role   salesrec.Role `db:"role"`
	// Deactivated is true for a member who was deactivated: every call on
	// their behalf is refused (salesrec.ErrDeactivated).
	Deactivated bool `db:"deactivated"`
}

// actorColumns are the columns an actor is read with from members aliased
// m.
const actorColumns = `m.id, m.team_id, m.role, (m.deactivated_at IS NOT NULL) AS deactivated`

// check refuses an actor who was deactivated.
func (a actor) check() error {
	if a.Deactivated {
		return fmt.Errorf("member %s: %w", a.ID, salesrec.ErrDeactivated)
	}
	return nil
}

// teamWideRoles are the roles that see every engagement of their team
// (salesrec.Role.SeesTeam), for the queries that filter by role in SQL;
// other members (reps) see only those they take part in.
var teamWideRoles = slices.DeleteFunc(
	[]salesrec.Role{salesrec.RoleRep, salesrec.RoleManager, salesrec.RoleAdmin},
	func(r salesrec.Role) bool { return !r.SeesTeam() })

// seesTeam reports whether the actor's role sees the whole team.
func (a actor) seesTeam() bool { return a.Role.SeesTeam() }

// member is the actor as the domain's access rules take it (an actor the
// store acts for is active: loadActor refuses the others).
func (a actor) member() salesrec.Member {
	return salesrec.Member{ID: a.ID, TeamID: a.TeamID, Role: a.Role}
}

// takesPart is the SQL condition "the engagement whose id is the
// expression engagement has the member whose id is the expression member
// among its participants".
func takesPart(engagement, member string) string {
	return "EXISTS (SELECT 1 FROM dealtrail_participants p WHERE p.engagement_id = " + engagement + " AND p.member_id = " + member + ")"
}

// loadActor reads the acting member. An id that is no member is
// ErrForbidden on every call: it says nothing about any record. A
// deactivated member is salesrec.ErrDeactivated (which wraps ErrForbidden).
func (s *Store) loadActor(ctx context.Context, q dialect.Queryer, id string) (actor, error) {
	var a actor
	if id == "" {
		return a, forbidden("no acting member given")
	}
	err := s.getOne(ctx, q, &a, `SELECT `+actorColumns+` FROM dealtrail_members m WHERE m.id = ?`, id)
	if errors.Is(err, sql.ErrNoRows) {
		return a, forbidden("the acting member is not a member of any team")
	}
	if err != nil {
		return a, err
	}
	return a, a.check()
}

// asActor runs fn in one write transaction (inTx) with the acting member
// loaded first, so that every write checks who is asking the same way.
func (s *Store) asActor(ctx context.Context, actorID string, fn func(tx dialect.Queryer, a actor) error) error {
	return s.inTx(ctx, s.withActor(ctx, actorID, fn))
}

// readAsActor is asActor for a read transaction (inReadTx).
func (s *Store) readAsActor(ctx context.Context, actorID string, fn func(q dialect.Queryer, a actor) error) error {
	return s.inReadTx(ctx, s.withActor(ctx, actorID, fn))
}

// withActor is fn run after loading the acting member in the same
// transaction.
func (s *Store) withActor(ctx context.Context, actorID string, fn func(q dialect.Queryer, a actor) error) func(q dialect.Queryer) error {
	return func(q dialect.Queryer) error {
		a, err := s.loadActor(ctx, q, actorID)
		if err != nil {
			return err
		}
		return fn(q, a)
	}
}

// canSee reports whether the actor may read an engagement
// (salesrec.CanRead).
func (a actor) canSee(e salesrec.Engagement) bool { return salesrec.CanRead(a.member(), e) }

// visibleClause restricts engagements aliased e to those the actor may see
// (salesrec.CanRead, in SQL),
// returning the SQL and its arguments. team is how the clause names
// e.team_id: the column itself, or Dialect.Unindexed of it where the rows
// are already pinned by id.
func (a actor) visibleClause(team string) (string, []any) {
	if a.seesTeam() {
		return team + " = ?", []any{a.TeamID}
	}
	return team + " = ? AND " + takesPart("e.id", "?"), []any{a.TeamID, a.ID}
}

// seesContacts reports whether the actor may see the phone and email of the
// customer's contacts (salesrec.CanSeeContacts).
func (s *Store) seesContacts(ctx context.Context, q dialect.Queryer, a actor, c salesrec.Customer) (bool, error) {
	return salesrec.CanSeeContacts(a.member(), c, s.ownsEngagement(ctx, q, a, c))
}

// mayUpdateCustomer reports whether the actor may update the customer as
// stored (salesrec.CanUpdateCustomer).
func (s *Store) mayUpdateCustomer(ctx context.Context, q dialect.Queryer, a actor, c salesrec.Customer) (bool, error) {
	return salesrec.CanUpdateCustomer(a.member(), c, s.ownsEngagement(ctx, q, a, c))
}

// ownsEngagement is the question the customer rules ask of the database:
// does the actor own an engagement with the customer.
func (s *Store) ownsEngagement(ctx context.Context, q dialect.Queryer, a actor, c salesrec.Customer) func() (bool, error) {
	return func() (bool, error) {
		var n int
		err := s.getOne(ctx, q, &n, `SELECT COUNT(*) FROM (SELECT 1 FROM dealtrail_engagements
			WHERE customer_id = ? AND owner_id = ? LIMIT 1) owned`, c.ID, a.ID)
		if err != nil {
			return false, fmt.Errorf("checking contact access: %w", err)
		}
		return n > 0, nil
	}
}
