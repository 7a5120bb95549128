package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/jmoiron/sqlx"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage/internal/dialect"
)

type teamRow struct {
	ID       string `db:"id"`
	Name     string `db:"name"`
	TimeZone string `db:"time_zone"`
}

// CreateTeam stores a team; an empty ID is generated.
func (s *Store) CreateTeam(ctx context.Context, t salesrec.Team) (salesrec.Team, error) {
	if t.ID == "" {
		t.ID = newID()
	}
	if err := validateTeam(t); err != nil {
		return salesrec.Team{}, err
	}
	err := s.inTx(ctx, func(tx dialect.Queryer) error {
		_, err := tx.ExecContext(ctx, s.q(`INSERT INTO dealtrail_teams (id, name, time_zone) VALUES (?, ?, ?)`),
			t.ID, t.Name, t.TimeZone)
		return err
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

// AddMember stores a member of an existing team; an empty ID is generated.
func (s *Store) AddMember(ctx context.Context, m salesrec.Member) (salesrec.Member, error) {
	if m.ID == "" {
		m.ID = newID()
	}
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
		if _, err := s.team(ctx, tx, m.TeamID); err != nil {
			if errors.Is(err, salesrec.ErrNotFound) {
				return invalid("team_id", msgNoSuchTeam)
			}
			return err
		}
		_, err := tx.ExecContext(ctx, s.q(`INSERT INTO dealtrail_members (id, team_id, name, role) VALUES (?, ?, ?, ?)`),
			m.ID, m.TeamID, m.Name, string(m.Role))
		return err
	})
	if err != nil {
		return salesrec.Member{}, fmt.Errorf("adding member: %w", err)
	}
	return m, nil
}

// Member reads a member. It is an administrative read by the host.
func (s *Store) Member(ctx context.Context, id string) (salesrec.Member, error) {
	var row struct {
		ID     string `db:"id"`
		TeamID string `db:"team_id"`
		Name   string `db:"name"`
		Role   string `db:"role"`
	}
	err := sqlx.GetContext(ctx, s.db, &row, s.q(`SELECT id, team_id, name, role FROM dealtrail_members WHERE id = ?`), id)
	if errors.Is(err, sql.ErrNoRows) {
		return salesrec.Member{}, notFound("member")
	}
	if err != nil {
		return salesrec.Member{}, s.mapErr(err)
	}
	return salesrec.Member{ID: row.ID, TeamID: row.TeamID, Name: row.Name, Role: salesrec.Role(row.Role)}, nil
}

// team reads a team.
func (s *Store) team(ctx context.Context, q dialect.Queryer, id string) (salesrec.Team, error) {
	var row teamRow
	err := sqlx.GetContext(ctx, q, &row, s.q(`SELECT id, name, time_zone FROM dealtrail_teams WHERE id = ?`), id)
	if errors.Is(err, sql.ErrNoRows) {
		return salesrec.Team{}, notFound("team")
	}
	if err != nil {
		return salesrec.Team{}, s.mapErr(err)
	}
	return salesrec.Team{ID: row.ID, Name: row.Name, TimeZone: row.TimeZone}, nil
}

// membersIn returns which of ids are members of the team, for reference
// checks.
func (s *Store) membersIn(ctx context.Context, q dialect.Queryer, teamID string, ids []string) (map[string]bool, error) {
	return s.idsIn(ctx, q, `SELECT id FROM dealtrail_members WHERE team_id = ? AND id IN (?)`, teamID, ids)
}

// customersIn returns which of ids are customers of the team.
func (s *Store) customersIn(ctx context.Context, q dialect.Queryer, teamID string, ids []string) (map[string]bool, error) {
	return s.idsIn(ctx, q, `SELECT id FROM dealtrail_customers WHERE team_id = ? AND id IN (?)`, teamID, ids)
}

// idsIn runs query (team, then an IN list) over ids in chunks and returns
// the ids it found.
func (s *Store) idsIn(ctx context.Context, q dialect.Queryer, query, teamID string, ids []string) (map[string]bool, error) {
	out := make(map[string]bool, len(ids))
	for len(ids) > 0 {
		n := min(len(ids), 1000)
		expanded, args, err := sqlx.In(query, teamID, ids[:n])
		if err != nil {
			return nil, err
		}
		var found []string
		if err := sqlx.SelectContext(ctx, q, &found, sqlx.Rebind(s.d.BindType(), expanded), args...); err != nil {
			return nil, s.mapErr(err)
		}
		for _, id := range found {
			out[id] = true
		}
		ids = ids[n:]
	}
	return out, nil
}
