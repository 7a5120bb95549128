package storage

import (
	"context"

	"github.com/jmoiron/sqlx"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage/internal/dialect"
)

// TeamMembers lists the members of the actor's team, by name then id: the
// roster a file names people from (an importer maps 负责人 张伟 to a
// member id, an exporter writes the name back). Any member may read it.
func (s *Store) TeamMembers(ctx context.Context, actorID string) ([]salesrec.Member, error) {
	var rows []struct {
		ID     string `db:"id"`
		TeamID string `db:"team_id"`
		Name   string `db:"name"`
		Role   string `db:"role"`
	}
	err := s.readAsActor(ctx, actorID, func(q dialect.Queryer, a actor) error {
		return sqlx.SelectContext(ctx, q, &rows, s.q(`SELECT id, team_id, name, role FROM dealtrail_members
			WHERE team_id = ? ORDER BY name, id`), a.TeamID)
	})
	if err != nil {
		return nil, err
	}
	out := make([]salesrec.Member, len(rows))
	for i, r := range rows {
		out[i] = salesrec.Member{ID: r.ID, TeamID: r.TeamID, Name: r.Name, Role: salesrec.Role(r.Role)}
	}
	return out, nil
}
