package storage

import (
	"context"
	"maps"
	"slices"
	"strings"
)

// maxIDsPerCall bounds the ids of one CustomerNames or Customers query (a
// search page or an export page is no larger; the bound keeps the IN list
// within every driver's limits).
const maxIDsPerCall = 500

// nameBatches are the lengths of the hit lists CustomerNames prepares a
// statement for: a call's hits are padded to the next of them (repeating
// its last hit, which matches the same row), so a few prepared statements
// serve every call, and no call parses and plans its statement again. A
// knowledge-base page of 10 hits takes the first.
var nameBatches = []int{10, 25, 100, maxIDsPerCall}

// CustomerNames returns, keyed by engagement id, the names of the
// customers of engagements that the caller already knows: customerOf maps
// each engagement id to the id of its customer as the caller recorded it
// (a knowledge-base index keeps it beside each lesson, kb.CustomerNamer).
// A name comes back when the actor may read that customer
// (salesrec.CanReadCustomer: an active member of its team) and, for a role
// that sees only the engagements it takes part in, takes part in that
// engagement. Everything else is simply absent, as is every entry for an
// actor who is no member or was deactivated; neither is an error.
//
// The store does not read the engagements to check the pairs: a pair that
// is not, or no longer, right names a customer the actor may read all the
// same, and nothing more. That is what lets a search page of 10 hits
// cost 10 lookups in the customers' index and none in the much larger
// engagements' one. More than 500 entries in one call are refused
// (salesrec.ErrInvalid, field engagement_ids).
func (s *Store) CustomerNames(ctx context.Context, actorID string, customerOf map[string]string) (map[string]string, error) {
	out := make(map[string]string, len(customerOf))
	if len(customerOf) == 0 {
		return out, nil
	}
	if len(customerOf) > maxIDsPerCall {
		return nil, invalid("engagement_ids", msgTooManyNames)
	}
	n := nameBatches[len(nameBatches)-1]
	for _, b := range nameBatches {
		if len(customerOf) <= b {
			n = b
			break
		}
	}
	engagements := slices.Sorted(maps.Keys(customerOf))
	args := make([]any, 0, 2*n+1+len(teamWideRoles))
	for i := range n {
		e := engagements[min(i, len(engagements)-1)]
		args = append(args, e, customerOf[e])
	}
	args = append(args, actorID)
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

// customerNamesQuery is CustomerNames' statement for n hits, each an
// engagement id and its customer's id. It is one statement, so one
// snapshot without a transaction: the member row decides what it may see,
// as visibleClause does for a loaded actor; an id that is no member joins
// nothing. Each customer is found by the member's team and its id in the
// index holding its name (migration 0010), so naming a hit reads index
// pages only, and only those of customers: the engagements' index, the
// larger and the colder of the two on a big store, is not read at all. A
// role that sees only its own engagements also needs its participation,
// one lookup in the participants' key; a team-wide role never makes it.
// The CROSS JOINs keep that order on SQLite (the member, then each hit,
// then its customer) at every list length; the CASTs give the listed
// values a type on PostgreSQL.
func customerNamesQuery(n int) string {
	return `WITH hit (engagement_id, customer_id) AS (VALUES ` +
		strings.TrimSuffix(strings.Repeat("(CAST(? AS TEXT), CAST(? AS TEXT)), ", n), ", ") + `)
		SELECT hit.engagement_id AS id, c.name FROM dealtrail_members m
		CROSS JOIN hit CROSS JOIN dealtrail_customers c
		WHERE m.id = ? AND m.deactivated_at IS NULL AND c.team_id = m.team_id AND c.id = hit.customer_id
		AND (m.role IN (` + placeholders(len(teamWideRoles)) + `) OR ` + takesPart("hit.engagement_id", "m.id") + `)`
}

// placeholders is n comma-separated ? bindvars.
func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}
