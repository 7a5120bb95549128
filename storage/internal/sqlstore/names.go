package sqlstore

import (
	"context"
	"errors"

	"github.com/jmoiron/sqlx"

	"github.com/dealtrail/dealtrail/salesrec"
)

// maxNamesPerCall bounds one CustomerNames query (a search page is far
// smaller; the bound keeps the IN list within every driver's limits).
const maxNamesPerCall = 500

// CustomerNames returns, keyed by engagement id, the customer's name of
// each of engagementIDs that the actor may read, under the same rule as
// Engagement, in one query. Engagements the actor may not read, ids that
// name nothing and every id for an actor who is no member are simply
// absent: a knowledge-base page asks for the names of its hits this way
// (kb.CustomerNamer) rather than reading each engagement whole.
func (s *Store) CustomerNames(ctx context.Context, actorID string, engagementIDs []string) (map[string]string, error) {
	out := make(map[string]string, len(engagementIDs))
	if len(engagementIDs) == 0 {
		return out, nil
	}
	if len(engagementIDs) > maxNamesPerCall {
		return nil, invalid("engagement_ids", "asks for too many names at once")
	}
	err := s.inReadTx(ctx, func(q Queryer) error {
		a, err := s.loadActor(ctx, q, actorID)
		if errors.Is(err, salesrec.ErrForbidden) {
			return nil // no member: no names, and nothing revealed
		}
		if err != nil {
			return err
		}
		// The ids pin the rows; the team index must not be chosen to
		// find them (SQLite, without statistics, would scan the team).
		where, args := a.visibleClause(s.d.Unindexed("e.team_id"))
		query, all, err := sqlx.In(`SELECT e.id, c.name FROM dealtrail_engagements e
			JOIN dealtrail_customers c ON c.id = e.customer_id
			WHERE e.id IN (?) AND `+where, append([]any{engagementIDs}, args...)...)
		if err != nil {
			return err
		}
		var rows []struct {
			ID   string `db:"id"`
			Name string `db:"name"`
		}
		if err := sqlx.SelectContext(ctx, q, &rows, sqlx.Rebind(s.d.BindType(), query), all...); err != nil {
			return s.mapErr(err)
		}
		for _, r := range rows {
			out[r.ID] = r.Name
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
