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

type memberRow struct {
	ID            string        `db:"id"`
	TeamID        string        `db:"team_id"`
	Name          string        `db:"name"`
	Role          string        `db:"role"`
	DeactivatedAt sql.NullInt64 `db:"deactivated_at"`
}

const memberColumns = `id, team_id, name, role, deactivated_at`

func (r memberRow) member() salesrec.Member {
	m := salesrec.Member{ID: r.ID, TeamID: r.TeamID, Name: r.Name, Role: salesrec.Role(r.Role)}
	if r.DeactivatedAt.Valid {
		m.DeactivatedAt = dialect.FromMicros(r.DeactivatedAt.Int64)
	}
	return m
}

// Member reads a member, active or deactivated. It is an administrative
// read by the host, and the first read of every knowledge-base search
// (whose team the actor is in), so its statement is prepared once.
func (s *Store) Member(ctx context.Context, id string) (salesrec.Member, error) {
	st, err := s.prepared(ctx, memberByID)
	if err != nil {
		return salesrec.Member{}, s.mapErr(err)
	}
	var row memberRow
	err = st.GetContext(ctx, &row, id)
	if errors.Is(err, sql.ErrNoRows) {
		return salesrec.Member{}, notFound("member")
	}
	if err != nil {
		return salesrec.Member{}, s.mapErr(err)
	}
	return row.member(), nil
}

const memberByID = `SELECT ` + memberColumns + ` FROM dealtrail_members WHERE id = ?`

// member reads a member without access checks; suffix is appended to the
// query (the dialect's FOR UPDATE when about to change it).
func (s *Store) member(ctx context.Context, q dialect.Queryer, id, suffix string) (salesrec.Member, error) {
	row, err := rowByID[memberRow](ctx, s, q, "member", memberByID+suffix, id)
	if err != nil {
		return salesrec.Member{}, err
	}
	return row.member(), nil
}

// Members lists the members of a team, active and deactivated, by name
// then id, for an active member of it (salesrec.CanReadTeam); another
// team is ErrNotFound.
func (s *Store) Members(ctx context.Context, actorID, teamID string) ([]salesrec.Member, error) {
	var out []salesrec.Member
	err := s.readAsActor(ctx, actorID, func(q dialect.Queryer, a actor) error {
		if !salesrec.CanReadTeam(a.member(), teamID) {
			return notFound("team")
		}
		var err error
		out, err = s.teamMembers(ctx, q, teamID)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("listing members: %w", err)
	}
	return out, nil
}

// teamMembers reads a team's members, active and deactivated, by name then
// id.
func (s *Store) teamMembers(ctx context.Context, q dialect.Queryer, teamID string) ([]salesrec.Member, error) {
	var rows []memberRow
	if err := s.selectAll(ctx, q, &rows, `SELECT `+memberColumns+` FROM dealtrail_members
		WHERE team_id = ? ORDER BY name, id`, teamID); err != nil {
		return nil, err
	}
	out := make([]salesrec.Member, len(rows))
	for i, r := range rows {
		out[i] = r.member()
	}
	return out, nil
}

// SetMemberRole gives a member of the actor's team another role. Only a
// manager or admin may, and only an admin may change an admin's role or
// make someone an admin (salesrec.CanChangeRole; ErrForbidden); a member
// of another team is ErrNotFound, a deactivated one ErrConflict, and a
// change that leaves the team without an active manager or admin is
// refused on "role" (ErrInvalid). The change is in the team's history and
// the feed.
func (s *Store) SetMemberRole(ctx context.Context, actorID, memberID string, role salesrec.Role) (salesrec.Member, error) {
	if err := salesrec.CheckID("member_id", memberID); err != nil {
		return salesrec.Member{}, err
	}
	if _, err := salesrec.Parse[salesrec.Role](string(role)); err != nil || role == "" {
		return salesrec.Member{}, invalid("role", msgUnknownRole)
	}
	out, err := s.memberAdmin(ctx, actorID, memberID, salesrec.OpMemberRole, func(tx dialect.Queryer, a actor, m salesrec.Member) (salesrec.Member, error) {
		if !salesrec.CanChangeRole(a.member(), m, role) {
			return m, forbidden("only an admin may change an admin's role or make an admin; only a manager or an admin may change roles")
		}
		if err := s.checkKeepsManager(ctx, tx, m, role.SeesTeam(), "role"); err != nil {
			return m, err
		}
		m.Role = role
		_, err := tx.ExecContext(ctx, s.q(`UPDATE dealtrail_members SET role = ? WHERE id = ?`), string(role), m.ID)
		return m, err
	})
	if err != nil {
		return salesrec.Member{}, fmt.Errorf("changing role: %w", err)
	}
	return out, nil
}

// memberAdmin is teamAdmin for a change to one member of the actor's
// team, read for update: a member of another team is ErrNotFound, and one
// already deactivated ErrConflict. fn returns the member as it changed
// it; the change from the member as read goes into the team's history as
// op, and the changed member is returned.
func (s *Store) memberAdmin(ctx context.Context, actorID, memberID string, op salesrec.Op,
	fn func(tx dialect.Queryer, a actor, m salesrec.Member) (salesrec.Member, error)) (salesrec.Member, error) {
	a, err := s.loadActor(ctx, s.db, actorID)
	if err != nil {
		return salesrec.Member{}, err
	}
	var out salesrec.Member
	err = s.teamAdmin(ctx, actorID, a.TeamID, func(tx dialect.Queryer, a actor, _ salesrec.Team) (teamChange, error) {
		m, err := s.member(ctx, tx, memberID, s.d.ForUpdate())
		if err != nil {
			return teamChange{}, err
		}
		if m.TeamID != a.TeamID {
			return teamChange{}, notFound("member")
		}
		if !m.Active() {
			return teamChange{}, conflict("the member is already deactivated")
		}
		if out, err = fn(tx, a, m); err != nil {
			return teamChange{}, err
		}
		changes, err := salesrec.DiffRecord(m, out)
		return teamChange{op: op, member: m.ID, changes: changes}, err
	})
	return out, err
}

// checkKeepsManager refuses a change to member m after which the team has
// no active manager or admin (salesrec.CheckKeepsManager).
func (s *Store) checkKeepsManager(ctx context.Context, q dialect.Queryer, m salesrec.Member, stillManages bool, field string) error {
	var others int
	err := s.getOne(ctx, q, &others, `SELECT COUNT(*) FROM dealtrail_members
		WHERE team_id = ? AND id <> ? AND deactivated_at IS NULL AND role IN (?, ?)`,
		m.TeamID, m.ID, string(salesrec.RoleManager), string(salesrec.RoleAdmin))
	if err != nil {
		return err
	}
	return salesrec.CheckKeepsManager(others, stillManages, field)
}

// DeactivateMember deactivates a member of the actor's team: from then on
// every call on their behalf is refused (salesrec.ErrDeactivated), and
// they can no longer be named as an owner or a participant; their name
// stays in every history. The open engagements they own and their actions
// that are not done on open engagements are handed to handTo, an active
// member of the team, in the same transaction, one history entry (op
// reassign) per engagement touched; with open work and no handTo the call
// is a *salesrec.OpenWorkError on "hand_to" and nothing changes. Closed
// engagements keep their owner: they record who won or lost them. The
// rights are salesrec.CanDeactivate's (ErrForbidden), a member of another
// team is ErrNotFound, one already deactivated ErrConflict, and the team
// must keep an active manager or admin. The deactivation is in the
// team's history and the feed.
func (s *Store) DeactivateMember(ctx context.Context, actorID, memberID, handTo string) (salesrec.Member, error) {
	if err := salesrec.CheckID("member_id", memberID); err != nil {
		return salesrec.Member{}, err
	}
	if handTo != "" {
		if err := salesrec.CheckID("hand_to", handTo); err != nil {
			return salesrec.Member{}, err
		}
	}
	out, err := s.memberAdmin(ctx, actorID, memberID, salesrec.OpMemberDeactivate, func(tx dialect.Queryer, a actor, m salesrec.Member) (salesrec.Member, error) {
		if !salesrec.CanDeactivate(a.member(), m) {
			return m, forbidden("only an admin may deactivate an admin; only a manager or an admin may deactivate members")
		}
		if err := s.checkKeepsManager(ctx, tx, m, false, "member_id"); err != nil {
			return m, err
		}
		if err := s.handOver(ctx, tx, a.ID, m, handTo); err != nil {
			return m, err
		}
		m.DeactivatedAt = s.now()
		_, err := tx.ExecContext(ctx, s.q(`UPDATE dealtrail_members SET deactivated_at = ? WHERE id = ?`), micros(m.DeactivatedAt), m.ID)
		return m, err
	})
	if err != nil {
		return salesrec.Member{}, fmt.Errorf("deactivating member: %w", err)
	}
	return out, nil
}

// handOver gives handTo what member m holds on open engagements: those m
// owns, and m's actions that are not done (salesrec.Reassign), each
// engagement one new version with an entry of op reassign by actorID.
func (s *Store) handOver(ctx context.Context, tx dialect.Queryer, actorID string, m salesrec.Member, handTo string) error {
	var ids []string
	if err := s.selectAll(ctx, tx, &ids, `SELECT id FROM dealtrail_engagements WHERE owner_id = ? AND status = ?
		UNION SELECT engagement_id FROM dealtrail_actions WHERE owner_id = ? AND status <> ? AND engagement_status = ?`,
		m.ID, string(salesrec.StatusOpen), m.ID, string(salesrec.ActionDone), string(salesrec.StatusOpen)); err != nil {
		return err
	}
	if handTo != "" {
		active, err := s.membersIn(ctx, tx, m.TeamID, []string{handTo})
		if err != nil {
			return err
		}
		if err := salesrec.CheckHandTo(m, handTo, func(id string) bool { return active[id] }); err != nil {
			return err
		}
	}
	if len(ids) == 0 {
		return nil
	}
	slices.Sort(ids) // one lock order for every writer
	if handTo == "" {
		return s.openWork(ctx, tx, m.ID, len(ids))
	}
	now := s.now()
	for _, id := range ids {
		cur, err := s.loadEngagement(ctx, tx, id, s.d.ForUpdate())
		if err != nil {
			return err
		}
		next, changed := salesrec.Reassign(cur, m.ID, handTo)
		if !changed {
			continue
		}
		next.Version, next.UpdatedAt = cur.Version+1, now
		if err := s.updateEngagement(ctx, tx, actorID, cur, next, salesrec.OpReassign); err != nil {
			return err
		}
	}
	return nil
}

// openWork is the *salesrec.OpenWorkError of member id, who holds open
// work on n engagements.
func (s *Store) openWork(ctx context.Context, q dialect.Queryer, id string, n int) error {
	var counts struct {
		Engagements int `db:"engagements"`
		Actions     int `db:"actions"`
	}
	err := s.getOne(ctx, q, &counts, `SELECT
		(SELECT COUNT(*) FROM dealtrail_engagements WHERE owner_id = ? AND status = ?) AS engagements,
		(SELECT COUNT(*) FROM dealtrail_actions WHERE owner_id = ? AND status <> ? AND engagement_status = ?) AS actions`,
		id, string(salesrec.StatusOpen), id, string(salesrec.ActionDone), string(salesrec.StatusOpen))
	if err != nil {
		return err
	}
	if counts.Engagements == 0 && counts.Actions == 0 {
		return fmt.Errorf("member %s holds work on %d engagements that no count finds", id, n)
	}
	return &salesrec.OpenWorkError{Engagements: counts.Engagements, Actions: counts.Actions}
}

// TeamHistory returns every change to a team and its members, oldest
// first, for a manager or admin of the team (salesrec.CanManageTeam; a rep
// is ErrForbidden, another team ErrNotFound).
func (s *Store) TeamHistory(ctx context.Context, actorID, teamID string) ([]salesrec.TeamHistoryEntry, error) {
	type row struct {
		changeRow
		TeamID   string `db:"team_id"`
		MemberID string `db:"member_id"`
	}
	var rows []row
	err := s.readAsActor(ctx, actorID, func(q dialect.Queryer, a actor) error {
		if !salesrec.CanReadTeam(a.member(), teamID) {
			return notFound("team")
		}
		if !salesrec.CanManageTeam(a.member(), teamID) {
			return forbidden("only a manager or an admin of the team reads its history")
		}
		return s.selectAll(ctx, q, &rows, `SELECT seq, team_id, version, actor_id, at, op, member_id, changes
			FROM dealtrail_team_history WHERE team_id = ? ORDER BY version`, teamID)
	})
	if err != nil {
		return nil, fmt.Errorf("reading team history: %w", err)
	}
	return historyEntries(rows, func(r row, changes []salesrec.FieldChange) salesrec.TeamHistoryEntry {
		return salesrec.TeamHistoryEntry{Seq: r.Seq, TeamID: r.TeamID, Version: r.Version, ActorID: r.ActorID,
			At: dialect.FromMicros(r.At), Op: salesrec.Op(r.Op), MemberID: r.MemberID, Changes: changes}
	})
}
