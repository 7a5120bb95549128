package harness

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/dealtrail/dealtrail/salesrec"
)

// bareSQL is the bare side of the storage rows: plain database/sql
// statements that write and read the same rows, in the same tables and with
// the same indexes, as the dealtrail store (the database is migrated with the
// adapter's own migrations). What it leaves out is what dealtrail adds:
// validation, access checks, version checks against the caller, field-by-
// field history diffs, masking.
type bareSQL struct {
	db *sql.DB
	// dollar is true for PostgreSQL's $1 placeholders.
	dollar bool
	// forUpdate locks the row read before a change (PostgreSQL).
	forUpdate string
	// lockFeed, when set, begins every write transaction: PostgreSQL's
	// feed lock, which any transaction writing feed rows must take first.
	lockFeed func(ctx context.Context, tx *sql.Tx) error
	// getStmt is the prepared get by id, made on first use: dealtrail
	// prepares its get, so the bare side does too.
	getStmt *sql.Stmt
}

// close closes the prepared statement and the database.
func (b *bareSQL) close() error {
	var err error
	if b.getStmt != nil {
		err = b.getStmt.Close()
	}
	return joinErr(b.db.Close(), err)
}

// maxBareParams bounds the placeholders of one multi-row INSERT, under
// SQLite's and PostgreSQL's limits.
const maxBareParams = 30000

// q rewrites ? placeholders as $n for PostgreSQL.
func (b *bareSQL) q(query string) string {
	if !b.dollar {
		return query
	}
	var s strings.Builder
	n := 0
	for _, r := range query {
		if r == '?' {
			n++
			s.WriteString("$" + strconv.Itoa(n))
			continue
		}
		s.WriteRune(r)
	}
	return s.String()
}

// insert runs multi-row INSERTs of rows into table, as many rows per
// statement as the placeholder limit allows.
func (b *bareSQL) insert(ctx context.Context, tx *sql.Tx, table string, cols []string, rows [][]any) error {
	per := maxBareParams / len(cols)
	tuple := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ") + ")"
	head := "INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES "
	for len(rows) > 0 {
		n := min(per, len(rows))
		query := head + strings.Repeat(tuple+", ", n-1) + tuple
		if _, err := tx.ExecContext(ctx, b.q(query), slices.Concat(rows[:n]...)...); err != nil {
			return fmt.Errorf("bare insert into %s: %w", table, err)
		}
		rows = rows[n:]
	}
	return nil
}

// inTx runs f in a transaction and commits it.
func (b *bareSQL) inTx(ctx context.Context, f func(tx *sql.Tx) error) error {
	tx, err := b.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if b.lockFeed != nil {
		if err := b.lockFeed(ctx, tx); err != nil {
			return errors.Join(err, tx.Rollback())
		}
	}
	if err := f(tx); err != nil {
		return errors.Join(err, tx.Rollback())
	}
	return tx.Commit()
}

// setup writes a team, its members and customers as the store stores them
// (not measured).
func (b *bareSQL) createTeam(ctx context.Context, t salesrec.Team, ms []salesrec.Member) error {
	return b.inTx(ctx, func(tx *sql.Tx) error {
		if err := b.insert(ctx, tx, "dealtrail_teams", []string{"id", "name", "time_zone"},
			[][]any{{t.ID, t.Name, teamZone(t)}}); err != nil {
			return err
		}
		rows := make([][]any, len(ms))
		for i, m := range ms {
			rows[i] = []any{m.ID, m.TeamID, m.Name, string(m.Role)}
		}
		return b.insert(ctx, tx, "dealtrail_members", []string{"id", "team_id", "name", "role"}, rows)
	})
}

func teamZone(t salesrec.Team) string {
	if t.TimeZone == "" {
		return salesrec.DefaultTimeZone
	}
	return t.TimeZone
}

func (b *bareSQL) createCustomer(ctx context.Context, c salesrec.Customer) error {
	doc, err := json.Marshal(c)
	if err != nil {
		return err
	}
	return b.inTx(ctx, func(tx *sql.Tx) error {
		return b.insert(ctx, tx, "dealtrail_customers", []string{"id", "team_id", "name", "industry", "doc"},
			[][]any{{c.ID, c.TeamID, c.Name, c.Industry, string(doc)}})
	})
}

// save inserts engagements with all their rows in one transaction: the row
// with its JSON document, participants, interactions, actions, one history
// row and one feed row each. Called with one engagement it is the bare
// insert-and-commit; with many, the bare multi-row INSERT.
func (b *bareSQL) save(ctx context.Context, actorID string, es []salesrec.Engagement, now time.Time) error {
	var eng, parts, ins, acts, outs, hist, feed [][]any
	at := now.UnixMicro()
	rules := salesrec.DefaultRules()
	for i := range es {
		e := &es[i]
		e.Version, e.CreatedAt, e.UpdatedAt = 1, now, now
		doc, err := json.Marshal(e)
		if err != nil {
			return err
		}
		eng = append(eng, []any{e.ID, e.TeamID, e.OwnerID, e.CustomerID, string(e.Stage), string(e.Status), e.Version, at, at, string(doc)})
		for _, m := range e.Participants() {
			parts = append(parts, []any{e.ID, m})
		}
		for _, in := range e.Interactions {
			late := 0 // recorded now, as the store stamps an imported contact
			if rules.IsLate(salesrec.Interaction{OccurredAt: in.OccurredAt, RecordedAt: now}) {
				late = 1
			}
			ins = append(ins, []any{e.ID, in.ID, in.OccurredAt.UnixMicro(), late, salesrec.Commitments(in)})
		}
		for _, a := range e.Actions {
			acts = append(acts, []any{e.ID, a.ID, e.TeamID, a.OwnerID, a.Deadline.String(), a.What, string(a.Status), e.CustomerID, string(e.Status)})
		}
		if o := e.Outcome; o != nil && e.Status != salesrec.StatusOpen {
			month, currency := "", ""
			if e.Status == salesrec.StatusWon {
				month, currency = o.SignedOn.String()[:7], o.Amount.Cur()
			}
			outs = append(outs, []any{e.ID, e.TeamID, e.OwnerID, e.CustomerID, string(e.Status), month, o.Amount.Minor, currency, string(o.ReasonCategory), len(e.Lessons)})
		}
		hist = append(hist, []any{e.ID, e.Version, actorID, at, string(salesrec.OpCreate), string(doc)})
		feed = append(feed, []any{e.ID, e.TeamID, e.Version, string(salesrec.OpCreate), at})
	}
	return b.inTx(ctx, func(tx *sql.Tx) error {
		for _, t := range []struct {
			table string
			cols  []string
			rows  [][]any
		}{
			{"dealtrail_engagements", []string{"id", "team_id", "owner_id", "customer_id", "stage", "status", "version", "created_at", "updated_at", "doc"}, eng},
			{"dealtrail_participants", []string{"engagement_id", "member_id"}, parts},
			{"dealtrail_interactions", []string{"engagement_id", "id", "occurred_at", "late", "commitments"}, ins},
			{"dealtrail_actions", []string{"engagement_id", "id", "team_id", "owner_id", "deadline", "what", "status", "customer_id", "engagement_status"}, acts},
			{"dealtrail_outcomes", []string{"engagement_id", "team_id", "owner_id", "customer_id", "status", "signed_month", "amount_minor", "currency", "reason_category", "lessons"}, outs},
			{"dealtrail_history", []string{"engagement_id", "version", "actor_id", "at", "op", "changes"}, hist},
			{"dealtrail_feed", []string{"engagement_id", "team_id", "version", "op", "at"}, feed},
		} {
			if err := b.insert(ctx, tx, t.table, t.cols, t.rows); err != nil {
				return err
			}
		}
		return nil
	})
}

// get reads one engagement by id with a prepared statement and decodes its
// document.
func (b *bareSQL) get(ctx context.Context, id string) (salesrec.Engagement, error) {
	var e salesrec.Engagement
	if b.getStmt == nil {
		st, err := b.db.PrepareContext(ctx, b.q(`SELECT doc FROM dealtrail_engagements WHERE id = ?`))
		if err != nil {
			return e, err
		}
		b.getStmt = st
	}
	var doc string
	if err := b.getStmt.QueryRowContext(ctx, id).Scan(&doc); err != nil {
		return e, err
	}
	return e, json.Unmarshal([]byte(doc), &e)
}

// list reads the first page of a team's engagements, most recently updated
// first, and decodes the documents.
func (b *bareSQL) list(ctx context.Context, teamID string, limit int) ([]salesrec.Engagement, error) {
	rows, err := b.db.QueryContext(ctx, b.q(`SELECT id, updated_at, doc FROM dealtrail_engagements
		WHERE team_id = ? ORDER BY updated_at DESC, id DESC LIMIT ?`), teamID, limit+1)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make([]salesrec.Engagement, 0, limit)
	for rows.Next() {
		var id, doc string
		var at int64
		if err := rows.Scan(&id, &at, &doc); err != nil {
			return nil, err
		}
		if len(out) == limit {
			break // the extra row only says there is a next page
		}
		var e salesrec.Engagement
		if err := json.Unmarshal([]byte(doc), &e); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// bareAction is one row of the overdue list.
type bareAction struct {
	EngagementID, CustomerID, ID, OwnerID, Deadline, What, Status string
}

// overdue lists the not-done actions of a team's open engagements whose
// deadline is before today, from the action rows alone (they carry their
// engagement's customer and status) through the partial index on
// (team_id, deadline).
func (b *bareSQL) overdue(ctx context.Context, teamID string, today salesrec.Date) ([]bareAction, error) {
	rows, err := b.db.QueryContext(ctx, b.q(`SELECT engagement_id, customer_id, id, owner_id, deadline, what, status
		FROM dealtrail_actions
		WHERE team_id = ? AND status <> 'done' AND engagement_status = 'open' AND deadline < ?
		ORDER BY deadline, engagement_id, id`), teamID, today.String())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []bareAction
	for rows.Next() {
		var a bareAction
		if err := rows.Scan(&a.EngagementID, &a.CustomerID, &a.ID, &a.OwnerID, &a.Deadline, &a.What, &a.Status); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// setActionStatus changes one action's status the way the schema needs it:
// read and rewrite the engagement's document under its version, update the
// action row, append a history row and a feed row, in one transaction.
func (b *bareSQL) setActionStatus(ctx context.Context, actorID, id, actionID string, status salesrec.ActionStatus, now time.Time) error {
	return b.inTx(ctx, func(tx *sql.Tx) error {
		var doc string
		var version int64
		if err := tx.QueryRowContext(ctx, b.q(`SELECT doc, version FROM dealtrail_engagements WHERE id = ?`+b.forUpdate), id).Scan(&doc, &version); err != nil {
			return err
		}
		var e salesrec.Engagement
		if err := json.Unmarshal([]byte(doc), &e); err != nil {
			return err
		}
		field, before := "", ""
		for i := range e.Actions {
			if e.Actions[i].ID == actionID {
				field, before = "actions["+strconv.Itoa(i)+"].status", string(e.Actions[i].Status)
				e.Actions[i].Status = status
			}
		}
		if field == "" {
			return sql.ErrNoRows
		}
		e.Version, e.UpdatedAt = version+1, now
		next, err := json.Marshal(e)
		if err != nil {
			return err
		}
		at := now.UnixMicro()
		res, err := tx.ExecContext(ctx, b.q(`UPDATE dealtrail_engagements SET version = ?, updated_at = ?, doc = ? WHERE id = ? AND version = ?`),
			e.Version, at, string(next), id, version)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n != 1 {
			return errors.Join(err, fmt.Errorf("bare status change: engagement %s changed underneath", id))
		}
		if _, err := tx.ExecContext(ctx, b.q(`UPDATE dealtrail_actions SET status = ? WHERE engagement_id = ? AND id = ?`), string(status), id, actionID); err != nil {
			return err
		}
		changes := fmt.Sprintf(`[{"field":%q,"before":"\"%s\"","after":"\"%s\""}]`, field, before, status)
		if err := b.insert(ctx, tx, "dealtrail_history", []string{"engagement_id", "version", "actor_id", "at", "op", "changes"},
			[][]any{{id, e.Version, actorID, at, string(salesrec.OpActionStatus), changes}}); err != nil {
			return err
		}
		return b.insert(ctx, tx, "dealtrail_feed", []string{"engagement_id", "team_id", "version", "op", "at"},
			[][]any{{id, e.TeamID, e.Version, string(salesrec.OpActionStatus), at}})
	})
}
