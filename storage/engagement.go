package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage/internal/dialect"
)

// CreateEngagement stores a new engagement at version 1. Empty ids are
// generated, interactions are stamped with the store's clock, an empty
// TeamID is the actor's team and an empty Status is open. A rep may create
// only an engagement they take part in.
func (s *Store) CreateEngagement(ctx context.Context, actorID string, e salesrec.Engagement) (salesrec.Engagement, error) {
	a, err := s.loadActor(ctx, s.db, actorID)
	if err != nil {
		return salesrec.Engagement{}, err
	}
	e, rows, err := s.prepareCreate(a, e, s.now())
	if err != nil {
		return salesrec.Engagement{}, err
	}
	// Validation and encoding are done: the transaction only checks what
	// can change meanwhile and writes, so the write lock is held briefly.
	err = s.inEngagementTx(ctx, func(tx dialect.Queryer) (string, error) {
		if err := s.checkRefsAs(ctx, tx, e, &a, nil); err != nil {
			return "", err
		}
		return e.ID, s.insertEngagements(ctx, tx, []salesrec.Engagement{e}, []newRows{rows})
	})
	if err != nil {
		return salesrec.Engagement{}, fmt.Errorf("creating engagement: %w", err)
	}
	return e, nil
}

// prepareCreate prepares, checks and encodes a new engagement of the
// actor's team: everything that does not need the transaction.
//
// Stamping an interaction validates it (stampInWhole), and so does the
// validation of the whole engagement after it, with the store's rules,
// which are the stamp's plus the phrase lists. The first try stamps by the
// clock rules alone (stampClock) and validates once: it accepts exactly
// what the full sequence accepts. When it refuses, the full sequence runs
// again, so a caller gets the same error it always got: the first
// interaction that fails its stamp, before the rest of the engagement.
func (s *Store) prepareCreate(a actor, e salesrec.Engagement, now time.Time) (salesrec.Engagement, newRows, error) {
	out, err := s.prepareChecked(a, e, now, s.stampClock)
	if err != nil {
		out, err = s.prepareChecked(a, e, now, s.stampInWhole)
	}
	if err != nil {
		return out, newRows{}, err
	}
	rows, err := buildNew(out, a.ID)
	return out, rows, err
}

// prepareChecked fills and checks a new engagement, its interactions
// stamped by stamp.
func (s *Store) prepareChecked(a actor, e salesrec.Engagement, now time.Time, stamp stampFunc) (salesrec.Engagement, error) {
	e, err := s.prepareNew(e, a.ID, now, stamp)
	if err != nil {
		return e, err
	}
	if e.TeamID == "" {
		e.TeamID = a.TeamID
	}
	if e.TeamID != a.TeamID {
		return e, forbidden("a member may only create engagements of their own team")
	}
	if !salesrec.CanCreate(a.member(), e) {
		return e, forbidden("a rep may only create an engagement they take part in")
	}
	return e, s.validateChecked(e) // prepareNew guarded the strings
}

// sameActor re-reads the actor inside the write transaction: a team or
// role that changed since the checks before it is a conflict.
func (s *Store) sameActor(ctx context.Context, tx dialect.Queryer, a actor) error {
	cur, err := s.loadActor(ctx, tx, a.ID)
	if err != nil {
		return err
	}
	if cur != a {
		return conflict("the acting member's team or role changed")
	}
	return nil
}

// UpdateEngagement replaces an engagement the actor may see, if e.Version is
// still the stored version. What the store owns is kept: id, team, creation
// time, and the recorded-at stamps of interactions already stored; new
// interactions are stamped now. A status change must be a valid transition.
func (s *Store) UpdateEngagement(ctx context.Context, actorID string, e salesrec.Engagement) (salesrec.Engagement, error) {
	if err := checkStrings(e); err != nil {
		return salesrec.Engagement{}, err
	}
	if err := salesrec.CheckID("id", e.ID); err != nil {
		return salesrec.Engagement{}, err
	}
	return s.modify(ctx, actorID, e.ID, e.Version, salesrec.OpUpdate, func(cur salesrec.Engagement, now time.Time) (salesrec.Engagement, error) {
		if e.TeamID != "" && e.TeamID != cur.TeamID {
			return e, invalid("team_id", msgCannotChange)
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
			stamped, err := s.stampInWhole(in, now)
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

// loadForWrite reads the actor and the engagement about to change in one
// statement, locking the engagement's row where the database needs it. No
// row means the actor is no member or the engagement does not exist;
// loadActor tells which (rare, so it costs a second statement only then).
func (s *Store) loadForWrite(ctx context.Context, tx dialect.Queryer, actorID, id string) (actor, salesrec.Engagement, error) {
	var row struct {
		ActorID          string        `db:"actor_id"`
		ActorTeamID      string        `db:"actor_team_id"`
		ActorRole        salesrec.Role `db:"actor_role"`
		ActorDeactivated bool          `db:"actor_deactivated"`
		engagementRow
	}
	err := s.getOne(ctx, tx, &row, `SELECT m.id AS actor_id, m.team_id AS actor_team_id, m.role AS actor_role,
		(m.deactivated_at IS NOT NULL) AS actor_deactivated, `+engagementColumns+`
		FROM dealtrail_members m JOIN dealtrail_engagements e ON e.id = ?
		WHERE m.id = ?`+s.d.ForUpdateOf("e"), id, actorID)
	if errors.Is(err, sql.ErrNoRows) || actorID == "" {
		if _, err := s.loadActor(ctx, tx, actorID); err != nil {
			return actor{}, salesrec.Engagement{}, err
		}
		return actor{}, salesrec.Engagement{}, notFound("engagement")
	}
	if err != nil {
		return actor{}, salesrec.Engagement{}, err
	}
	a := actor{ID: row.ActorID, TeamID: row.ActorTeamID, Role: row.ActorRole, Deactivated: row.ActorDeactivated}
	if err := a.check(); err != nil {
		return actor{}, salesrec.Engagement{}, err
	}
	e, err := row.engagementRow.engagement()
	if err != nil {
		return actor{}, salesrec.Engagement{}, err
	}
	return a, e, nil
}

// Engagement reads an engagement the actor may see. One the actor may not
// see is ErrNotFound, exactly like one that does not exist. The actor and
// the engagement are read in one statement.
func (s *Store) Engagement(ctx context.Context, actorID, id string) (salesrec.Engagement, error) {
	return s.engagement(ctx, nil, actorID, id)
}

const engagementForActor = `SELECT ` + actorColumns + `,
			COALESCE(e.id, '') AS engagement_id, COALESCE(e.doc, '') AS doc
		FROM dealtrail_members m LEFT JOIN dealtrail_engagements e ON e.id = ?
		WHERE m.id = ?`

// engagement reads an engagement as actorID inside q, or with the store's
// prepared statement when q is nil (a get outside a transaction).
func (s *Store) engagement(ctx context.Context, q dialect.Queryer, actorID, id string) (salesrec.Engagement, error) {
	var row struct {
		actor
		EngagementID string `db:"engagement_id"`
		Doc          string `db:"doc"`
	}
	var err error
	if q == nil {
		var st *sqlx.Stmt
		if st, err = s.prepared(ctx, engagementForActor); err == nil {
			err = st.GetContext(ctx, &row, id, actorID)
		}
	} else {
		err = s.getOne(ctx, q, &row, engagementForActor, id, actorID)
	}
	if errors.Is(err, sql.ErrNoRows) || actorID == "" {
		return salesrec.Engagement{}, forbidden("the acting member is not a member of any team")
	}
	if err != nil {
		return salesrec.Engagement{}, s.mapErr(err)
	}
	if err := row.actor.check(); err != nil {
		return salesrec.Engagement{}, err
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
