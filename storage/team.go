package storage

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage/internal/dialect"
)

type teamRow struct {
	ID       string `db:"id"`
	Name     string `db:"name"`
	TimeZone string `db:"time_zone"`
	Version  int64  `db:"version"`
}

func (r teamRow) team() salesrec.Team {
	return salesrec.Team{ID: r.ID, Name: r.Name, TimeZone: r.TimeZone, Version: r.Version}
}

// CreateTeam stores a team at version 1; an empty ID is generated. It is
// an administrative call by the host: its history entry names no actor,
// and like every setup of something new it is not in the feed.
func (s *Store) CreateTeam(ctx context.Context, t salesrec.Team) (salesrec.Team, error) {
	if t.ID == "" {
		t.ID = newID()
	}
	t.Version = 1
	if err := validateTeam(t); err != nil {
		return salesrec.Team{}, err
	}
	err := s.inTx(ctx, func(tx dialect.Queryer) error {
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO dealtrail_teams (id, name, time_zone, version) VALUES (?, ?, ?, 1)`),
			t.ID, t.Name, t.TimeZone); err != nil {
			return err
		}
		changes, err := salesrec.CreateRecordChanges(t)
		if err != nil {
			return err
		}
		return s.insertTeamHistory(ctx, tx, teamChange{team: t.ID, version: 1, op: salesrec.OpCreate, changes: changes})
	})
	if err != nil {
		return salesrec.Team{}, fmt.Errorf("creating team: %w", err)
	}
	return t, nil
}

func validateTeam(t salesrec.Team) error {
	if err := checkStrings(t); err != nil {
		return err
	}
	if err := t.Validate(); err != nil {
		return err
	}
	if _, err := t.Location(); err != nil {
		return invalid("time_zone", msgUnknownZone)
	}
	return nil
}

// Team reads a team for a member of it: every active member reads their
// own team (salesrec.CanReadTeam); another team is ErrNotFound, as one
// that does not exist.
func (s *Store) Team(ctx context.Context, actorID, teamID string) (salesrec.Team, error) {
	var t salesrec.Team
	err := s.readAsActor(ctx, actorID, func(q dialect.Queryer, a actor) error {
		if !salesrec.CanReadTeam(a.member(), teamID) {
			return notFound("team")
		}
		var err error
		t, err = s.team(ctx, q, teamID, "")
		return err
	})
	if err != nil {
		return salesrec.Team{}, fmt.Errorf("reading team: %w", err)
	}
	return t, nil
}

// UpdateTeam renames a team or moves it to another time zone. t.Version
// must be the team's current version (ErrConflict otherwise: the team or
// one of its members changed since it was read); only a manager or admin
// of the team may (salesrec.CanManageTeam; a rep is ErrForbidden). The
// change is in the team's history and the feed; the new version is
// returned.
func (s *Store) UpdateTeam(ctx context.Context, actorID string, t salesrec.Team) (salesrec.Team, error) {
	if err := validateTeam(t); err != nil {
		return salesrec.Team{}, err
	}
	err := s.teamAdmin(ctx, actorID, t.ID, func(tx dialect.Queryer, a actor, cur salesrec.Team) (teamChange, error) {
		if cur.Version != t.Version {
			return teamChange{}, conflict(fmt.Sprintf("the team is at version %d, the change was made from version %d", cur.Version, t.Version))
		}
		t.Version = cur.Version + 1
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE dealtrail_teams SET name = ?, time_zone = ? WHERE id = ?`),
			t.Name, t.TimeZone, t.ID); err != nil {
			return teamChange{}, err
		}
		changes, err := salesrec.DiffRecord(withoutVersion(cur), withoutVersion(t))
		return teamChange{op: salesrec.OpTeamUpdate, changes: changes}, err
	})
	if err != nil {
		return salesrec.Team{}, fmt.Errorf("updating team: %w", err)
	}
	return t, nil
}

// withoutVersion is t as its history compares it: the version is the
// entry's own.
func withoutVersion(t salesrec.Team) salesrec.Team {
	t.Version = 0
	return t
}

// teamChange is one change to a team or one of its members, as its
// history entry and feed row record it.
type teamChange struct {
	team    string
	version int64
	actor   string
	member  string
	op      salesrec.Op
	changes []salesrec.FieldChange
	// feed is true for a change the feed carries: a change to what is
	// already there (teamAdmin's), not the host's setup of a new team or
	// member.
	feed bool
}

// teamAdmin runs a change to a team by a manager or admin of it, in one
// write transaction: it loads the actor, locks the team's row (team
// changes queue behind each other), refuses an actor who may not manage
// the team, runs fn and records the change fn describes: the team's
// version goes up by one, with one history entry and one feed row.
func (s *Store) teamAdmin(ctx context.Context, actorID, teamID string,
	fn func(tx dialect.Queryer, a actor, cur salesrec.Team) (teamChange, error)) error {
	if err := salesrec.CheckID("team_id", teamID); err != nil {
		return err
	}
	err := s.asActor(ctx, actorID, func(tx dialect.Queryer, a actor) error {
		if a.TeamID != teamID {
			return notFound("team")
		}
		cur, err := s.team(ctx, tx, teamID, s.d.ForUpdate())
		if err != nil {
			return err
		}
		if !salesrec.CanManageTeam(a.member(), teamID) {
			return forbidden("only a manager or an admin of the team may change it")
		}
		c, err := fn(tx, a, cur)
		if err != nil {
			return err
		}
		c.actor, c.feed = a.ID, true
		return s.recordTeamChange(ctx, tx, cur, c)
	})
	if err == nil {
		s.wake.broadcast()
	}
	return err
}

// recordTeamChange moves team cur (read for update) to its next version
// and records change c there.
func (s *Store) recordTeamChange(ctx context.Context, tx dialect.Queryer, cur salesrec.Team, c teamChange) error {
	c.team, c.version = cur.ID, cur.Version+1
	if _, err := tx.ExecContext(ctx, s.q(`UPDATE dealtrail_teams SET version = ? WHERE id = ?`), c.version, cur.ID); err != nil {
		return err
	}
	return s.insertTeamHistory(ctx, tx, c)
}

// insertTeamHistory writes a team change's history entry and, if the feed
// carries it, its feed row (no engagement, the team's version).
func (s *Store) insertTeamHistory(ctx context.Context, tx dialect.Queryer, c teamChange) error {
	at := micros(s.now())
	if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO dealtrail_team_history (team_id, version, actor_id, at, op, member_id, changes)
		VALUES (?, ?, ?, ?, ?, ?, ?)`), c.team, c.version, c.actor, at, string(c.op), c.member, encodeChanges(c.changes)); err != nil {
		return err
	}
	if !c.feed {
		return nil
	}
	return s.d.InsertFeed(ctx, tx, []dialect.FeedRow{{TeamID: c.team, Version: c.version, Op: c.op, At: at}})
}

// AddMember stores an active member of an existing team; an empty ID is
// generated. It is an administrative call by the host: its history entry
// (op member_add) names no actor, and it is not in the feed.
func (s *Store) AddMember(ctx context.Context, m salesrec.Member) (salesrec.Member, error) {
	if m.ID == "" {
		m.ID = newID()
	}
	m.DeactivatedAt = time.Time{}
	if err := checkStrings(m); err != nil {
		return salesrec.Member{}, err
	}
	if err := m.Validate(); err != nil {
		return salesrec.Member{}, err
	}
	if _, err := salesrec.Parse[salesrec.Role](string(m.Role)); err != nil || m.Role == "" {
		return salesrec.Member{}, invalid("role", msgUnknownRole)
	}
	err := s.inTx(ctx, func(tx dialect.Queryer) error {
		t, err := s.team(ctx, tx, m.TeamID, s.d.ForUpdate())
		if err != nil {
			if errors.Is(err, salesrec.ErrNotFound) {
				return invalid("team_id", msgNoSuchTeam)
			}
			return err
		}
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO dealtrail_members (id, team_id, name, role) VALUES (?, ?, ?, ?)`),
			m.ID, m.TeamID, m.Name, string(m.Role)); err != nil {
			return err
		}
		changes, err := salesrec.CreateRecordChanges(m)
		if err != nil {
			return err
		}
		return s.recordTeamChange(ctx, tx, t, teamChange{member: m.ID, op: salesrec.OpMemberAdd, changes: changes})
	})
	if err != nil {
		return salesrec.Member{}, fmt.Errorf("adding member: %w", err)
	}
	return m, nil
}

// team reads a team; suffix is appended to the query (the dialect's FOR
// UPDATE when about to change it).
func (s *Store) team(ctx context.Context, q dialect.Queryer, id, suffix string) (salesrec.Team, error) {
	row, err := rowByID[teamRow](ctx, s, q, "team", `SELECT id, name, time_zone, version FROM dealtrail_teams WHERE id = ?`+suffix, id)
	if err != nil {
		return salesrec.Team{}, err
	}
	return row.team(), nil
}

// membersIn returns which of ids are active members of the team, for
// reference checks of new engagements.
func (s *Store) membersIn(ctx context.Context, q dialect.Queryer, teamID string, ids []string) (map[string]bool, error) {
	return s.idsIn(ctx, q, `SELECT id FROM dealtrail_members WHERE team_id = ? AND deactivated_at IS NULL AND id IN (?)`, teamID, ids)
}

// customersIn returns which of ids are customers of the team.
func (s *Store) customersIn(ctx context.Context, q dialect.Queryer, teamID string, ids []string) (map[string]bool, error) {
	// The ids pin the rows, not the team (see Customers).
	return s.idsIn(ctx, q, `SELECT id FROM dealtrail_customers WHERE `+s.d.Unindexed("team_id")+` = ? AND id IN (?)`, teamID, ids)
}

// idsIn runs query (team, then an IN list) over ids in chunks and returns
// the ids it found.
func (s *Store) idsIn(ctx context.Context, q dialect.Queryer, query, teamID string, ids []string) (map[string]bool, error) {
	out := make(map[string]bool, len(ids))
	for len(ids) > 0 {
		n := min(len(ids), 1000)
		var found []string
		if err := s.selectIn(ctx, q, &found, query, teamID, ids[:n]); err != nil {
			return nil, err
		}
		for _, id := range found {
			out[id] = true
		}
		ids = ids[n:]
	}
	return out, nil
}
