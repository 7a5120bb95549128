package storage

import (
	"context"
	"strings"
)

// maxIDsPerCall bounds the ids of one CustomerNames or Customers query (a
// search page or an export page is no larger; the bound keeps the IN list
// within every driver's limits).
const maxIDsPerCall = 500

// nameBatches are the lengths of the id lists CustomerNames prepares a
// statement for: a call's ids are padded to the next of them (repeating
// its last id, which matches the same row), so a few prepared statements
// serve every call, and no call parses and plans its statement again. A
// knowledge-base page of 10 hits takes the first.
var nameBatches = []int{10, 25, 100, maxIDsPerCall}

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
	n := nameBatches[len(nameBatches)-1]
	for _, b := range nameBatches {
		if len(engagementIDs) <= b {
			n = b
			break
		}
	}
	args := make([]any, 0, 1+n+len(teamWideRoles))
	args = append(args, actorID)
	for i := range n {
		args = append(args, engagementIDs[min(i, len(engagementIDs)-1)])
	}
	for _, r := range teamWideRoles {
		args = append(args, string(r))
	}
	st, err := s.prepared(ctx, customerNamesQuery(n))
	if err != nil {
		return nil, s.mapErr(err)
	}
	var rows []struct {
		ID   string `db:"id"`
		Name string `db:"name"`
	}
	if err := st.SelectContext(ctx, &rows, args...); err != nil {
		return nil, s.mapErr(err)
	}
	for _, r := range rows {
		out[r.ID] = r.Name
	}
	return out, nil
}

// customerNamesQuery is CustomerNames' statement for n engagement ids. It
// is one statement, so one snapshot without a transaction: the member row
// decides what it may see, as visibleClause does for a loaded actor; an id
// that is no member joins nothing. Each engagement is found by its team
// and id and each customer by its team and id, both in indexes holding
// what the statement reads (migration 0010: the engagement's customer,
// the customer's name), so a hit costs two index lookups and no
// table read. A customer is always of its engagement's team (checkRefs);
// the statement says so too, so that no name of another team can come
// out of it.
func customerNamesQuery(n int) string {
	return `SELECT e.id, c.name FROM dealtrail_members m
		JOIN dealtrail_engagements e ON e.team_id = m.team_id
		JOIN dealtrail_customers c ON c.team_id = e.team_id AND c.id = e.customer_id
		WHERE m.id = ? AND m.deactivated_at IS NULL AND e.id IN (` + placeholders(n) + `)
		AND (m.role IN (` + placeholders(len(teamWideRoles)) + `) OR ` + takesPart("m.id") + `)`
}

// placeholders is n comma-separated ? bindvars.
func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}
