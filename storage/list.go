package storage

import (
	"context"
	"encoding/base64"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage/internal/dialect"
)

// ListEngagements returns one page of the engagements the actor may see that
// match f, most recently updated first, paginated by keyset (updated_at, id).
func (s *Store) ListEngagements(ctx context.Context, actorID string, f Filter, p PageRequest) (Page, error) {
	limit, err := listPage.limit(p.Limit)
	if err != nil {
		return Page{}, err
	}
	var rows []engagementRow
	err = s.readAsActor(ctx, actorID, func(q dialect.Queryer, a actor) error {
		where, args, err := filterClause(a, f)
		if err != nil {
			return err
		}
		where, args, err = afterCursor(where, args, p.After, "(e.updated_at, e.id)", "<", decodeCursor)
		if err != nil {
			return err
		}
		query := `SELECT ` + engagementColumns + ` FROM dealtrail_engagements e WHERE ` + where +
			` ORDER BY e.updated_at DESC, e.id DESC LIMIT ?`
		args = append(args, limit+1)
		return s.selectAll(ctx, q, &rows, query, args...)
	})
	if err != nil {
		return Page{}, err
	}
	var page Page
	rows, page.Next = keysetPage(rows, limit, func(r engagementRow) string { return encodeCursor(r.UpdatedAt, r.ID) })
	page.Items = make([]salesrec.Engagement, len(rows))
	for i, r := range rows {
		e, err := r.engagement()
		if err != nil {
			return Page{}, err
		}
		page.Items[i] = e
	}
	return page, nil
}

// CountEngagements counts the engagements the actor may see that match f.
func (s *Store) CountEngagements(ctx context.Context, actorID string, f Filter) (int, error) {
	var n int
	err := s.readAsActor(ctx, actorID, func(q dialect.Queryer, a actor) error {
		where, args, err := filterClause(a, f)
		if err != nil {
			return err
		}
		return s.getOne(ctx, q, &n, `SELECT COUNT(*) FROM dealtrail_engagements e WHERE `+where, args...)
	})
	return n, err
}

// filterClause turns a filter into a WHERE clause over engagements aliased
// e, always restricted to what the actor may see. Every value is a bound
// argument; the customer-name prefix compares a substring, so %, _ and \
// are plain characters.
func filterClause(a actor, f Filter) (string, []any, error) {
	if err := checkStrings(f); err != nil {
		return "", nil, err
	}
	if f.Status != "" && !f.Status.Valid() {
		return "", nil, invalid("status", msgUnknownStatus)
	}
	if f.Stage != "" && !f.Stage.Valid() {
		return "", nil, invalid("stage", msgUnknownStage)
	}
	if !f.OccurredFrom.IsZero() && !f.OccurredTo.IsZero() && !f.OccurredFrom.Before(f.OccurredTo) {
		return "", nil, invalid("occurred_to", msgRangeReversed)
	}
	where, args := a.visibleClause("e.team_id")
	conds := []string{where}
	add := func(cond string, vals ...any) {
		conds = append(conds, cond)
		args = append(args, vals...)
	}
	if f.TeamID != "" {
		add("e.team_id = ?", f.TeamID)
	}
	if f.OwnerID != "" {
		add("e.owner_id = ?", f.OwnerID)
	}
	if f.Status != "" {
		add("e.status = ?", string(f.Status))
	}
	if f.CustomerID != "" {
		add("e.customer_id = ?", f.CustomerID)
	}
	if f.Stage != "" {
		add("e.stage = ?", string(f.Stage))
	}
	if f.Industry != "" {
		add("e.customer_id IN (SELECT c.id FROM dealtrail_customers c WHERE c.team_id = e.team_id AND c.industry = ?)", f.Industry)
	}
	if f.CustomerPrefix != "" {
		n := utf8.RuneCountInString(f.CustomerPrefix)
		add("e.customer_id IN (SELECT c.id FROM dealtrail_customers c WHERE c.team_id = e.team_id AND substr(c.name, 1, ?) = ?)", n, f.CustomerPrefix)
	}
	if !f.OccurredFrom.IsZero() || !f.OccurredTo.IsZero() {
		cond := "EXISTS (SELECT 1 FROM dealtrail_interactions i WHERE i.engagement_id = e.id"
		var vals []any
		if !f.OccurredFrom.IsZero() {
			cond += " AND i.occurred_at >= ?"
			vals = append(vals, micros(f.OccurredFrom))
		}
		if !f.OccurredTo.IsZero() {
			cond += " AND i.occurred_at < ?"
			vals = append(vals, micros(f.OccurredTo))
		}
		add(cond+")", vals...)
	}
	return strings.Join(conds, " AND "), args, nil
}

// A cursor is the (updated_at, id) of the last item of a page, encoded so
// callers treat it as opaque.
func encodeCursor(updatedAt int64, id string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(strconv.FormatInt(updatedAt, 10) + "." + id))
}

func decodeCursor(c string) (int64, string, error) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return 0, "", invalid("after", msgBadCursor)
	}
	at, id, ok := strings.Cut(string(b), ".")
	n, err := strconv.ParseInt(at, 10, 64)
	if !ok || err != nil || id == "" {
		return 0, "", invalid("after", msgBadCursor)
	}
	return n, id, nil
}
