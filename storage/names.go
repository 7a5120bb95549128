package storage

import (
	"context"
)

// maxIDsPerCall bounds the ids of one CustomerNames or Customers query (a
// search page or an export page is no larger; the bound keeps the IN list
// within every driver's limits).
const maxIDsPerCall = 500

// CustomerNames returns, keyed by engagement id, the customer's name of
// each of engagementIDs that the actor may read, under the same rule as
// Engagement, in one query. Engagements the actor may not read, ids that
// name nothing and every id for an actor who is no member, or was
// deactivated, are simply absent: a knowledge-base page asks for the names of its hits this way
// (kb.CustomerNamer) rather than reading each engagement whole.
func (s *Store) CustomerNames(ctx context.Context, actorID string, engagementIDs []string) (map[string]string, error) {
	out := make(map[string]string, len(engagementIDs))
	if len(engagementIDs) == 0 {
		return out, nil
	}
	if len(engagementIDs) > maxIDsPerCall {
		return nil, invalid("engagement_ids", msgTooManyNames)
	}
	// One statement, so one snapshot without a transaction: the member
	// row decides what it may see, as visibleClause does for a loaded
	// actor. An id that is no member joins nothing. The ids pin the
	// engagement rows; the team term must not be answered from the team
	// index (SQLite, without statistics, would scan the team).
	roles := make([]any, len(teamWideRoles))
	for i, r := range teamWideRoles {
		roles[i] = string(r)
	}
	var rows []struct {
		ID   string `db:"id"`
		Name string `db:"name"`
	}
	if err := s.selectIn(ctx, s.db, &rows, `SELECT e.id, c.name FROM dealtrail_members m
		JOIN dealtrail_engagements e ON `+s.d.Unindexed("e.team_id")+` = m.team_id
		JOIN dealtrail_customers c ON c.id = e.customer_id
		WHERE m.id = ? AND m.deactivated_at IS NULL AND e.id IN (?) AND (m.role IN (?) OR `+takesPart("m.id")+`)`,
		actorID, engagementIDs, roles); err != nil {
		return nil, err
	}
	for _, r := range rows {
		out[r.ID] = r.Name
	}
	return out, nil
}
