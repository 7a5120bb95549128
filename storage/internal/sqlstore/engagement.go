package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/dealtrail/dealtrail/salesrec"
)

// CreateEngagement stores a new engagement at version 1. Empty ids are
// generated, interactions are stamped with the store's clock, an empty
// TeamID is the actor's team and an empty Status is open. A rep may create
// only an engagement they take part in.
func (s *Store) CreateEngagement(ctx context.Context, actorID string, e salesrec.Engagement) (salesrec.Engagement, error) {
	now := s.now()
	e, err := s.prepareNew(e, actorID, now)
	if err != nil {
		return salesrec.Engagement{}, err
	}
	err = s.inEngagementTx(ctx, func(tx Queryer) (string, error) {
		a, err := s.loadActor(ctx, tx, actorID)
		if err != nil {
			return "", err
		}
		if e.TeamID == "" {
			e.TeamID = a.TeamID
		}
		if e.TeamID != a.TeamID {
			return "", forbidden("a member may only create engagements of their own team")
		}
		if !a.canSee(e) {
			return "", forbidden("a rep may only create an engagement they take part in")
		}
		if err := s.validate(e); err != nil {
			return "", err
		}
		if err := s.checkRefs(ctx, tx, e); err != nil {
			return "", err
		}
		rows, err := buildNew(e, actorID)
		if err != nil {
			return "", err
		}
		return e.ID, s.insertEngagements(ctx, tx, []salesrec.Engagement{e}, []newRows{rows})
	})
	if err != nil {
		return salesrec.Engagement{}, fmt.Errorf("creating engagement: %w", err)
	}
	return e, nil
}

// prepareNew fills what the store owns in a new engagement: ids, version,
// timestamps, interaction stamps, remark authors.
func (s *Store) prepareNew(e salesrec.Engagement, actorID string, now time.Time) (salesrec.Engagement, error) {
	if err := checkStrings(e); err != nil {
		return e, err
	}
	if e.ID == "" {
		e.ID = newID()
	}
	if e.Status == "" {
		e.Status = salesrec.StatusOpen
	}
	e.Version = 1
	e.CreatedAt, e.UpdatedAt = now, now
	e.Interactions = cloneSlice(e.Interactions)
	for i, in := range e.Interactions {
		stamped, err := s.stamp(in, now)
		if err != nil {
			return e, prefixErr("interactions["+strconv.Itoa(i)+"]", err)
		}
		e.Interactions[i] = stamped
	}
	e.Actions = fillActions(e.Actions)
	e.Remarks = fillRemarks(e.Remarks, nil, actorID, now)
	return e, nil
}

// UpdateEngagement replaces an engagement the actor may see, if e.Version is
// still the stored version. What the store owns is kept: id, team, creation
// time, and the recorded-at stamps of interactions already stored; new
// interactions are stamped now. A status change must be a valid transition.
func (s *Store) UpdateEngagement(ctx context.Context, actorID string, e salesrec.Engagement) (salesrec.Engagement, error) {
	if err := checkStrings(e); err != nil {
		return salesrec.Engagement{}, err
	}
	return s.modify(ctx, actorID, e.ID, e.Version, salesrec.OpUpdate, func(cur salesrec.Engagement, now time.Time) (salesrec.Engagement, error) {
		if e.TeamID != "" && e.TeamID != cur.TeamID {
			return e, invalid("team_id", "cannot change")
		}
		next := e
		next.TeamID, next.CreatedAt = cur.TeamID, cur.CreatedAt
		if next.Status == "" {
			next.Status = cur.Status
		}
		if next.Status != cur.Status {
			if err := salesrec.CheckTransition(cur.Status, next.Status); err != nil {
				return next, err
			}
		}
		stored := make(map[string]salesrec.Interaction, len(cur.Interactions))
		for _, in := range cur.Interactions {
			stored[in.ID] = in
		}
		next.Interactions = cloneSlice(e.Interactions)
		for i, in := range next.Interactions {
			if old, ok := stored[in.ID]; ok && in.ID != "" {
				in.RecordedAt, in.Late = old.RecordedAt, old.Late
				next.Interactions[i] = in
				continue
			}
			stamped, err := s.stamp(in, now)
			if err != nil {
				return next, prefixErr("interactions["+strconv.Itoa(i)+"]", err)
			}
			next.Interactions[i] = stamped
		}
		next.Actions = fillActions(e.Actions)
		next.Remarks = fillRemarks(e.Remarks, cur.Remarks, actorID, now)
		return next, nil
	})
}

// Engagement reads an engagement the actor may see. One the actor may not
// see is ErrNotFound, exactly like one that does not exist. The actor and
// the engagement are read in one statement.
func (s *Store) Engagement(ctx context.Context, actorID, id string) (salesrec.Engagement, error) {
	return s.engagement(ctx, s.db, actorID, id)
}

func (s *Store) engagement(ctx context.Context, q Queryer, actorID, id string) (salesrec.Engagement, error) {
	var row struct {
		actor
		EngagementID string `db:"engagement_id"`
		Doc          string `db:"doc"`
	}
	err := sqlx.GetContext(ctx, q, &row, s.q(`SELECT m.id, m.team_id, m.role,
			COALESCE(e.id, '') AS engagement_id, COALESCE(e.doc, '') AS doc
		FROM dealtrail_members m LEFT JOIN dealtrail_engagements e ON e.id = ?
		WHERE m.id = ?`), id, actorID)
	if errors.Is(err, sql.ErrNoRows) || actorID == "" {
		return salesrec.Engagement{}, forbidden("the acting member is not a member of any team")
	}
	if err != nil {
		return salesrec.Engagement{}, s.mapErr(err)
	}
	if row.EngagementID == "" {
		return salesrec.Engagement{}, notFound("engagement")
	}
	e, err := engagementRow{ID: row.EngagementID, Doc: row.Doc}.engagement()
	if err != nil {
		return salesrec.Engagement{}, err
	}
	if !row.actor.canSee(e) {
		return salesrec.Engagement{}, notFound("engagement")
	}
	return e, nil
}

// stamp gives an interaction an id and its recorded-at time and lateness
// from the store's clock, through the rules.
func (s *Store) stamp(in salesrec.Interaction, now time.Time) (salesrec.Interaction, error) {
	if in.ID == "" {
		in.ID = newID()
	}
	in.SalesParticipants = cloneSlice(in.SalesParticipants)
	return s.rules.StampInteraction(in, now)
}

// validate runs the store's own text guard and the rules over a whole
// engagement, as it is about to be stored.
func (s *Store) validate(e salesrec.Engagement) error {
	if err := checkStrings(e); err != nil {
		return err
	}
	if err := s.rules.Validate(e); err != nil {
		return err
	}
	if e.OwnerID == "" {
		return invalid("owner_id", "is required: the member who owns the engagement")
	}
	return nil
}

// checkRefs makes sure the customer belongs to the engagement's team and
// that the owner, the action owners and the linked sales participants are
// members of it.
func (s *Store) checkRefs(ctx context.Context, q Queryer, e salesrec.Engagement) error {
	ids := participants(e)
	// One round trip: the customer (kind c) and the members (kind m) found.
	query, args, err := sqlx.In(`SELECT 'c' AS kind, id FROM dealtrail_customers WHERE id = ? AND team_id = ?
		UNION ALL SELECT 'm' AS kind, id FROM dealtrail_members WHERE team_id = ? AND id IN (?)`,
		e.CustomerID, e.TeamID, e.TeamID, ids)
	if err != nil {
		return err
	}
	var found []struct {
		Kind string `db:"kind"`
		ID   string `db:"id"`
	}
	if err := sqlx.SelectContext(ctx, q, &found, sqlx.Rebind(s.d.BindType(), query), args...); err != nil {
		return s.mapErr(err)
	}
	customer, members := false, map[string]bool{}
	for _, f := range found {
		if f.Kind == "c" {
			customer = true
		} else {
			members[f.ID] = true
		}
	}
	fields := map[string]string{}
	if !customer {
		fields["customer_id"] = "names no customer of the team"
	}
	if !members[e.OwnerID] {
		fields["owner_id"] = "is not a member of the team"
	}
	for i, a := range e.Actions {
		if !members[a.OwnerID] {
			fields["actions["+strconv.Itoa(i)+"].owner_id"] = "is not a member of the team"
		}
	}
	for i, in := range e.Interactions {
		for j, p := range in.SalesParticipants {
			if p.MemberID != "" && !members[p.MemberID] {
				fields["interactions["+strconv.Itoa(i)+"].sales_participants["+strconv.Itoa(j)+"].member_id"] = "is not a member of the team"
			}
		}
	}
	if len(fields) > 0 {
		return &salesrec.ValidationError{Fields: fields}
	}
	return nil
}

// fillActions gives new actions an id and the pending status.
func fillActions(in []salesrec.Action) []salesrec.Action {
	out := cloneSlice(in)
	for i := range out {
		if out[i].ID == "" {
			out[i].ID = newID()
		}
		if out[i].Status == "" {
			out[i].Status = salesrec.ActionPending
		}
	}
	return out
}

// fillRemarks gives new remarks an id, the actor as author and now as time;
// remarks already stored keep their author and time.
func fillRemarks(in, stored []salesrec.Remark, actorID string, now time.Time) []salesrec.Remark {
	old := make(map[string]salesrec.Remark, len(stored))
	for _, r := range stored {
		old[r.ID] = r
	}
	out := cloneSlice(in)
	for i, r := range out {
		if o, ok := old[r.ID]; ok && r.ID != "" {
			r.AuthorID, r.At = o.AuthorID, o.At
			out[i] = r
			continue
		}
		if r.ID == "" {
			r.ID = newID()
		}
		r.AuthorID, r.At = actorID, now
		out[i] = r
	}
	return out
}

func cloneSlice[T any](s []T) []T {
	if s == nil {
		return nil
	}
	return append([]T(nil), s...)
}
