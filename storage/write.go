package storage

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage/internal/dialect"
)

// modify is the pipeline of every change to a stored engagement, in one
// transaction: read the current state (locked where the database needs it),
// check access and the caller's version, apply the change, validate the
// result, then write the row (guarded by the version), the projections, one
// history entry and one feed row.
func (s *Store) modify(ctx context.Context, actorID, id string, version int64, op salesrec.Op,
	apply func(cur salesrec.Engagement, now time.Time) (salesrec.Engagement, error)) (salesrec.Engagement, error) {
	if err := salesrec.CheckID("engagement_id", id); err != nil {
		return salesrec.Engagement{}, fmt.Errorf("%s engagement: %w", op, err)
	}
	var next salesrec.Engagement
	err := s.inEngagementTx(ctx, func(tx dialect.Queryer) (string, error) {
		a, cur, err := s.loadForWrite(ctx, tx, actorID, id)
		if err != nil {
			return "", err
		}
		// Taken once the engagement is locked, so its versions get their
		// times in commit order even when writers queue.
		now := s.now()
		if !salesrec.CanWrite(a.member(), cur) {
			return "", notFound("engagement")
		}
		if cur.Version != version {
			return "", conflict(fmt.Sprintf("the engagement is at version %d, the change was made from version %d", cur.Version, version))
		}
		next, err = apply(cur, now)
		if err != nil {
			return "", err
		}
		next.ID, next.TeamID, next.CreatedAt = cur.ID, cur.TeamID, cur.CreatedAt
		next.Version, next.UpdatedAt = cur.Version+1, now
		if err := s.validate(next); err != nil {
			return "", err
		}
		if refsChanged(cur, next) {
			if err := s.checkRefs(ctx, tx, next, cur.Participants()); err != nil {
				return "", err
			}
		}
		return id, s.updateEngagement(ctx, tx, actorID, cur, next, op)
	})
	if err != nil {
		return salesrec.Engagement{}, fmt.Errorf("%s engagement: %w", op, err)
	}
	return next, nil
}

// LogInteraction appends an interaction, stamped with the store's clock.
// Its errors name fields by their path in the engagement, as
// CreateEngagement's do: "interactions[N].topic", N being the index the
// interaction would take.
func (s *Store) LogInteraction(ctx context.Context, actorID, engagementID string, version int64, in salesrec.Interaction) (salesrec.Engagement, error) {
	now := s.now()
	in.ID = ""
	err := checkStrings(in)
	var stamped salesrec.Interaction
	if err == nil {
		stamped, err = s.stamp(in, now)
	}
	return s.modify(ctx, actorID, engagementID, version, salesrec.OpInteraction, func(cur salesrec.Engagement, _ time.Time) (salesrec.Engagement, error) {
		if err != nil {
			return cur, prefixErr(itemPath("interactions", len(cur.Interactions)), err)
		}
		cur.Interactions = append(cloneSlice(cur.Interactions), stamped)
		return cur, nil
	})
}

// SetActionStatus changes the status of one action. An unknown action id is
// ErrNotFound; an unknown status is reported as "actions[i].status".
func (s *Store) SetActionStatus(ctx context.Context, actorID, engagementID string, version int64, actionID string, status salesrec.ActionStatus) (salesrec.Engagement, error) {
	if err := salesrec.CheckID("action_id", actionID); err != nil {
		return salesrec.Engagement{}, err
	}
	_, err := salesrec.Parse[salesrec.ActionStatus](string(status))
	known := err == nil && status != ""
	return s.modify(ctx, actorID, engagementID, version, salesrec.OpActionStatus, func(cur salesrec.Engagement, _ time.Time) (salesrec.Engagement, error) {
		cur.Actions = cloneSlice(cur.Actions)
		for i := range cur.Actions {
			if cur.Actions[i].ID == actionID {
				if !known {
					return cur, invalid(itemPath("actions", i)+".status", msgUnknownActionStatus)
				}
				cur.Actions[i].Status = status
				return cur, nil
			}
		}
		return cur, notFound("action")
	})
}

// AddRemark appends a remark by the actor, timed by the store's clock. Its
// errors name fields as "remarks[N].text", N being the index the remark
// would take.
func (s *Store) AddRemark(ctx context.Context, actorID, engagementID string, version int64, r salesrec.Remark) (salesrec.Engagement, error) {
	err := checkStrings(r)
	now := s.now()
	r.ID, r.AuthorID, r.At = newID(), actorID, now
	return s.modify(ctx, actorID, engagementID, version, salesrec.OpRemark, func(cur salesrec.Engagement, _ time.Time) (salesrec.Engagement, error) {
		if err != nil {
			return cur, prefixErr(itemPath("remarks", len(cur.Remarks)), err)
		}
		cur.Remarks = append(cloneSlice(cur.Remarks), r)
		return cur, nil
	})
}

// CloseEngagement closes an engagement as won or terminated with its
// outcome, through salesrec's status rules. Errors name fields as
// "outcome.amount".
func (s *Store) CloseEngagement(ctx context.Context, actorID, engagementID string, version int64, to salesrec.Status, o salesrec.Outcome) (salesrec.Engagement, error) {
	if err := checkStrings(o); err != nil {
		return salesrec.Engagement{}, prefixErr("outcome", err)
	}
	return s.modify(ctx, actorID, engagementID, version, salesrec.OpClose, func(cur salesrec.Engagement, now time.Time) (salesrec.Engagement, error) {
		if err := salesrec.CheckTransition(cur.Status, to); err != nil {
			return cur, err
		}
		return cur.Close(o, to, now)
	})
}

// ReopenEngagement reopens a closed engagement with a reason, through
// salesrec's status rules.
func (s *Store) ReopenEngagement(ctx context.Context, actorID, engagementID string, version int64, reason string) (salesrec.Engagement, error) {
	if err := checkStrings(struct {
		Reason string `json:"reopen_reason"`
	}{reason}); err != nil {
		return salesrec.Engagement{}, err
	}
	return s.modify(ctx, actorID, engagementID, version, salesrec.OpReopen, func(cur salesrec.Engagement, now time.Time) (salesrec.Engagement, error) {
		return cur.Reopen(reason, now)
	})
}

// itemPath is the path of item i of an engagement's list ("remarks[2]"):
// a targeted write names its fields the way a whole-engagement write does,
// so a host maps each error to one form field whichever call it made.
func itemPath(list string, i int) string { return list + "[" + strconv.Itoa(i) + "]" }

// refsChanged reports whether a change can have introduced a reference that
// was not checked before: another customer or another set of members taking
// part. Members are never removed, so references checked once stay valid.
func refsChanged(prev, next salesrec.Engagement) bool {
	if prev.CustomerID != next.CustomerID {
		return true
	}
	before := prev.Participants()
	for _, m := range next.Participants() {
		if !slices.Contains(before, m) {
			return true
		}
	}
	return false
}
