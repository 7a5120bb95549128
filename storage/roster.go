package storage

import (
	"context"

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
	var out Roster
	err := s.readAsActor(ctx, actorID, func(q dialect.Queryer, a actor) error {
		var err error
		if out.Team, err = s.team(ctx, q, a.TeamID, ""); err != nil {
			return err
		}
		out.Members, err = s.teamMembers(ctx, q, a.TeamID)
		return err
	})
	if err != nil {
		return Roster{}, err
	}
	return out, nil
}
