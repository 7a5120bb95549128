package storage

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage/internal/dialect"
)

// engagementRow is an engagement as stored (dialect.EngagementRow), which
// the store decodes.
type engagementRow dialect.EngagementRow

const engagementColumns = `e.id, e.team_id, e.owner_id, e.customer_id, e.stage, e.status, e.version, e.created_at, e.updated_at, e.doc`

func (r engagementRow) engagement() (salesrec.Engagement, error) {
	var e salesrec.Engagement
	if err := json.Unmarshal([]byte(r.Doc), &e); err != nil {
		return e, fmt.Errorf("decoding engagement %s: %w", r.ID, err)
	}
	return e, nil
}

func toRow(e salesrec.Engagement) (engagementRow, error) {
	doc, err := json.Marshal(e)
	if err != nil {
		return engagementRow{}, fmt.Errorf("encoding engagement: %w", err)
	}
	return rowOf(e, doc), nil
}

// rowOf is the row of e, whose json.Marshal encoding is doc.
func rowOf(e salesrec.Engagement, doc []byte) engagementRow {
	return engagementRow{
		ID: e.ID, TeamID: e.TeamID, OwnerID: e.OwnerID, CustomerID: e.CustomerID,
		Stage: string(e.Stage), Status: string(e.Status), Version: e.Version,
		CreatedAt: micros(e.CreatedAt), UpdatedAt: micros(e.UpdatedAt), Doc: string(doc),
	}
}

// loadEngagement reads an engagement without access checks; suffix is
// appended to the query (the dialect's FOR UPDATE when about to change it).
func (s *Store) loadEngagement(ctx context.Context, q dialect.Queryer, id, suffix string) (salesrec.Engagement, error) {
	row, err := rowByID[engagementRow](ctx, s, q, "engagement", `SELECT `+engagementColumns+` FROM dealtrail_engagements e WHERE e.id = ?`+suffix, id)
	if err != nil {
		return salesrec.Engagement{}, err
	}
	return row.engagement()
}

// newRows are the rows of one new engagement that do not depend on the
// transaction: its own row, its create history entry and its feed row.
// Encoding them (JSON, the field-by-field create changes) is the costly
// part of an insert, so a batch builds them in parallel before it begins.
type newRows struct {
	eng, hist []any
	feed      dialect.FeedRow
}

func buildNew(e salesrec.Engagement, actorID string) (newRows, error) {
	return buildNewFrom(e, actorID, "")
}

// buildNewFrom is buildNew whose create entry names its source (see
// historyRow).
func buildNewFrom(e salesrec.Engagement, actorID, source string) (newRows, error) {
	doc, changes, err := salesrec.MarshalWithCreateEntry(e)
	if err != nil {
		return newRows{}, fmt.Errorf("encoding engagement %s: %w", e.ID, err)
	}
	r := rowOf(e, doc)
	return newRows{
		eng:  []any{r.ID, r.TeamID, r.OwnerID, r.CustomerID, r.Stage, r.Status, r.Version, r.CreatedAt, r.UpdatedAt, r.Doc},
		hist: historyRowOf(e, actorID, salesrec.OpCreate, source, string(changes)),
		feed: dialect.FeedRow{EngagementID: e.ID, TeamID: e.TeamID, Version: e.Version, Op: salesrec.OpCreate, At: r.UpdatedAt},
	}, nil
}

// insertEngagements inserts new engagements with their projections, history
// (op create) and feed rows; rows[i] is buildNew(es[i]).
func (s *Store) insertEngagements(ctx context.Context, tx dialect.Queryer, es []salesrec.Engagement, rows []newRows) error {
	eng := make([][]any, len(rows))
	hist := make([][]any, len(rows))
	feed := make([]dialect.FeedRow, len(rows))
	for i, r := range rows {
		eng[i], hist[i], feed[i] = r.eng, r.hist, r.feed
	}
	if err := s.insertRows(ctx, tx, "dealtrail_engagements",
		[]string{"id", "team_id", "owner_id", "customer_id", "stage", "status", "version", "created_at", "updated_at", "doc"}, eng); err != nil {
		return err
	}
	if err := s.insertProjections(ctx, tx, es); err != nil {
		return err
	}
	if err := s.insertRows(ctx, tx, "dealtrail_history", historyColumns, hist); err != nil {
		return err
	}
	return s.d.InsertFeed(ctx, tx, feed)
}

// updateEngagement writes next over prev inside the transaction: the row
// (guarded by prev's version), the projections, one history entry and one
// feed row.
func (s *Store) updateEngagement(ctx context.Context, tx dialect.Queryer, actorID string, prev, next salesrec.Engagement, op salesrec.Op) error {
	return s.updateEngagementFrom(ctx, tx, actorID, prev, next, op, "")
}

// updateEngagementFrom is updateEngagement whose history entry names its
// source (see historyRow).
func (s *Store) updateEngagementFrom(ctx context.Context, tx dialect.Queryer, actorID string, prev, next salesrec.Engagement, op salesrec.Op, source string) error {
	r, err := toRow(next)
	if err != nil {
		return err
	}
	h, err := historyRow(prev, next, actorID, op, source)
	if err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, s.q(`UPDATE dealtrail_engagements
		SET owner_id = ?, customer_id = ?, stage = ?, status = ?, version = ?, updated_at = ?, doc = ?
		WHERE id = ? AND version = ?`),
		r.OwnerID, r.CustomerID, r.Stage, r.Status, r.Version, r.UpdatedAt, r.Doc, r.ID, prev.Version)
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n != 1 {
		return conflict("the engagement changed since it was read")
	}
	// Rewrite only the projections that changed: an action status change
	// touches dealtrail_actions alone.
	before, after := s.projections(prev), s.projections(next)
	for i, p := range after {
		if slices.EqualFunc(before[i].rows, p.rows, slices.Equal) {
			continue
		}
		if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM `+p.table+` WHERE engagement_id = ?`), next.ID); err != nil {
			return err
		}
		if err := s.insertRows(ctx, tx, p.table, p.cols, p.rows); err != nil {
			return err
		}
	}
	if err := s.withdrawReminders(ctx, tx, prev, next); err != nil {
		return err
	}
	if err := s.insertRows(ctx, tx, "dealtrail_history", historyColumns, [][]any{h}); err != nil {
		return err
	}
	return s.d.InsertFeed(ctx, tx, []dialect.FeedRow{{EngagementID: next.ID, TeamID: next.TeamID, Version: next.Version, Op: op, At: r.UpdatedAt}})
}

// projection is the rows of one child table that lists, filters and access
// checks query: participants (rep visibility), interaction times (range
// filters; late and commitment counts for the review), actions (overdue
// and due-soon lists) and the outcome of a closed engagement (the
// review's pipeline and lessons).
type projection struct {
	table string
	cols  []string
	rows  [][]any
}

const projectionCount = 4

func (s *Store) projections(e salesrec.Engagement) [projectionCount]projection {
	out := [projectionCount]projection{
		{table: "dealtrail_participants", cols: []string{"engagement_id", "member_id"}},
		{table: "dealtrail_interactions", cols: []string{"engagement_id", "id", "occurred_at", "late", "commitments"}},
		{table: "dealtrail_actions", cols: []string{"engagement_id", "id", "team_id", "owner_id", "deadline", "what", "status", "customer_id", "engagement_status"}},
		{table: "dealtrail_outcomes", cols: []string{"engagement_id", "team_id", "owner_id", "customer_id", "status", "signed_month", "amount_minor", "currency", "reason_category", "lessons"}},
	}
	for _, m := range e.Participants() {
		out[0].rows = append(out[0].rows, []any{e.ID, m})
	}
	for _, in := range e.Interactions {
		late := 0
		if s.rules.IsLate(in) {
			late = 1
		}
		out[1].rows = append(out[1].rows, []any{e.ID, in.ID, micros(in.OccurredAt), late, salesrec.Commitments(in)})
	}
	for _, a := range e.Actions {
		out[2].rows = append(out[2].rows, []any{e.ID, a.ID, e.TeamID, a.OwnerID, a.Deadline.String(), a.What, string(a.Status), e.CustomerID, string(e.Status)})
	}
	if e.Status == salesrec.StatusWon || e.Status == salesrec.StatusTerminated {
		var o salesrec.Outcome
		if e.Outcome != nil {
			o = *e.Outcome
		}
		month, currency := "", ""
		if e.Status == salesrec.StatusWon {
			month, currency = o.SignedOn.String(), o.Amount.Cur()
			if len(month) >= 7 {
				month = month[:7]
			}
		}
		out[3].rows = append(out[3].rows, []any{e.ID, e.TeamID, e.OwnerID, e.CustomerID, string(e.Status), month,
			o.Amount.Minor, currency, string(o.ReasonCategory), len(e.Lessons)})
	}
	return out
}

// insertProjections writes the projections of new engagements.
func (s *Store) insertProjections(ctx context.Context, tx dialect.Queryer, es []salesrec.Engagement) error {
	var all [projectionCount]projection
	for _, e := range es {
		for i, p := range s.projections(e) {
			all[i].table, all[i].cols = p.table, p.cols
			all[i].rows = append(all[i].rows, p.rows...)
		}
	}
	for _, p := range all {
		if err := s.insertRows(ctx, tx, p.table, p.cols, p.rows); err != nil {
			return err
		}
	}
	return nil
}
