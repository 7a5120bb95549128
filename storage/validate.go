package storage

import (
	"context"
	"errors"
	"slices"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage/internal/dialect"
)

// validate runs the store's own text guard and the rules over a whole
// engagement, as it is about to be stored.
func (s *Store) validate(e salesrec.Engagement) error {
	if err := checkStrings(e); err != nil {
		return err
	}
	return s.validateChecked(e)
}

// validateChecked is validate for an engagement whose strings were already
// guarded (a create: prepareNew guards the caller's input and adds only
// generated ids and times).
func (s *Store) validateChecked(e salesrec.Engagement) error {
	// The owner and unique item ids are domain rules: Rules.Validate checks them.
	return s.rules.Validate(e)
}

// checkRefs makes sure the customer belongs to the engagement's team and
// that the owner, the action owners and the linked sales participants are
// members of it: active members, or deactivated ones who already took
// part in the stored engagement (kept, its participants before the
// change), whose past the record keeps.
func (s *Store) checkRefs(ctx context.Context, q dialect.Queryer, e salesrec.Engagement, kept []string) error {
	return s.checkRefsAs(ctx, q, e, nil, kept)
}

// checkRefsAs is checkRefs that, with a non-nil actor, also re-reads the
// actor (sameActor) in the same statement: a create's transaction makes
// one round trip for both.
func (s *Store) checkRefsAs(ctx context.Context, q dialect.Queryer, e salesrec.Engagement, a *actor, kept []string) error {
	ids := e.Participants()
	// One round trip: the customer (kind c), the active members (kind m),
	// the deactivated ones (kind d) and the unchanged actor (kind a) found.
	stmt := `SELECT 'c' AS kind, id FROM dealtrail_customers WHERE id = ? AND team_id = ?
		UNION ALL SELECT CASE WHEN deactivated_at IS NULL THEN 'm' ELSE 'd' END AS kind, id
			FROM dealtrail_members WHERE team_id = ? AND id IN (?)`
	params := []any{e.CustomerID, e.TeamID, e.TeamID, ids}
	if a != nil {
		stmt += ` UNION ALL SELECT 'a' AS kind, id FROM dealtrail_members WHERE id = ? AND team_id = ? AND role = ? AND deactivated_at IS NULL`
		params = append(params, a.ID, a.TeamID, string(a.Role))
	}
	var found []struct {
		Kind string `db:"kind"`
		ID   string `db:"id"`
	}
	if err := s.selectIn(ctx, q, &found, stmt, params...); err != nil {
		return err
	}
	customer, sameActor, members := false, false, map[string]bool{}
	for _, f := range found {
		switch f.Kind {
		case "c":
			customer = true
		case "a":
			sameActor = true
		case "d":
			members[f.ID] = slices.Contains(kept, f.ID)
		default:
			members[f.ID] = true
		}
	}
	if a != nil && !sameActor {
		return conflict("the acting member's team or role changed")
	}
	// The membership rule is salesrec's; the store only answers who is a member.
	err := e.CheckMembers(func(id string) bool { return members[id] })
	if customer {
		return err
	}
	var verr *salesrec.ValidationError
	if !errors.As(err, &verr) {
		return invalid("customer_id", msgNoSuchCustomer)
	}
	verr.Fields["customer_id"] = msgNoSuchCustomer
	return verr
}
