package sqlstore

import (
	"context"
	"fmt"
	"strconv"

	"github.com/dealtrail/dealtrail/salesrec"
)

// BulkInsert stores many new engagements in one transaction with multi-row
// INSERTs: all of them or none. Each is prepared and validated like
// CreateEngagement before anything is written; a *ValidationError names the
// offending one by index ("[12].goal").
func (s *Store) BulkInsert(ctx context.Context, actorID string, es []salesrec.Engagement) ([]salesrec.Engagement, error) {
	if len(es) == 0 {
		return nil, nil
	}
	now := s.now()
	out := make([]salesrec.Engagement, len(es))
	for i, e := range es {
		p, err := s.prepareNew(e, actorID, now)
		if err != nil {
			return nil, prefixErr("["+strconv.Itoa(i)+"]", err)
		}
		out[i] = p
	}
	err := s.inEngagementTx(ctx, func(tx Queryer) (string, error) {
		a, err := s.loadActor(ctx, tx, actorID)
		if err != nil {
			return "", err
		}
		customers := map[string]bool{}
		ids := map[string]bool{}
		for i := range out {
			e := &out[i]
			if e.TeamID == "" {
				e.TeamID = a.TeamID
			}
			if e.TeamID != a.TeamID {
				return "", forbidden("a member may only create engagements of their own team")
			}
			if !a.canSee(*e) {
				return "", forbidden("a rep may only create engagements they take part in")
			}
			if err := s.validate(*e); err != nil {
				return "", prefixErr("["+strconv.Itoa(i)+"]", err)
			}
			customers[e.CustomerID] = true
			for _, m := range participants(*e) {
				ids[m] = true
			}
		}
		if err := s.checkBulkRefs(ctx, tx, a.TeamID, out, customers, ids); err != nil {
			return "", err
		}
		return "", s.insertEngagements(ctx, tx, actorID, out)
	})
	if err != nil {
		return nil, fmt.Errorf("bulk insert: %w", err)
	}
	return out, nil
}

// checkBulkRefs is checkRefs for a batch, with one query per kind of
// reference instead of one per engagement.
func (s *Store) checkBulkRefs(ctx context.Context, q Queryer, teamID string, es []salesrec.Engagement, customers, members map[string]bool) error {
	known, err := s.customersIn(ctx, q, teamID, keys(customers))
	if err != nil {
		return err
	}
	isMember, err := s.membersIn(ctx, q, teamID, keys(members))
	if err != nil {
		return err
	}
	for i, e := range es {
		if !known[e.CustomerID] {
			return invalid("["+strconv.Itoa(i)+"].customer_id", "names no customer of the team")
		}
		for _, m := range participants(e) {
			if !isMember[m] {
				return invalid("["+strconv.Itoa(i)+"]", "names a member who is not in the team")
			}
		}
	}
	return nil
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}
