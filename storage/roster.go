package storage

import (
	"context"

	"github.com/jmoiron/sqlx"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage/internal/dialect"
)

// Roster is the acting member's team and its members.
type Roster struct {
	Team    salesrec.Team
	Members []salesrec.Member
}

// Roster reads the actor's team and its members, by name then id: what a
// file names people and times by (an importer maps 负责人 张伟 to a member
// id and reads times in the team's zone, an exporter writes names back).
// Any member may read it.
func (s *Store) Roster(ctx context.Context, actorID string) (Roster, error) {
	var rows []struct {
		ID     string `db:"id"`
		TeamID string `db:"team_id"`
		Name   string `db:"name"`
		Role   string `db:"role"`
	}
	var out Roster
	err := s.readAsActor(ctx, actorID, func(q dialect.Queryer, a actor) error {
		var err error
		if out.Team, err = s.team(ctx, q, a.TeamID); err != nil {
			return err
		}
		return sqlx.SelectContext(ctx, q, &rows, s.q(`SELECT id, team_id, name, role FROM dealtrail_members
			WHERE team_id = ? ORDER BY name, id`), a.TeamID)
	})
	if err != nil {
		return Roster{}, err
	}
	out.Members = make([]salesrec.Member, len(rows))
	for i, r := range rows {
		out.Members[i] = salesrec.Member{ID: r.ID, TeamID: r.TeamID, Name: r.Name, Role: salesrec.Role(r.Role)}
	}
	return out, nil
}
