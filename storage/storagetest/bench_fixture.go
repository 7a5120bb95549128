package storagetest

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/salesrec/salesrectest"
	"github.com/dealtrail/dealtrail/storage"
)

// benchFixture is one store seeded with a generated team.
type benchFixture struct {
	ctx       context.Context
	h         Harness
	s         *storage.Store
	db        *sqlx.DB
	clock     *salesrec.ManualClock
	g         *salesrectest.Generator
	team      string
	manager   string
	teamV     salesrec.Team
	members   []salesrec.Member
	customers []salesrec.Customer
	ids       []string
	next      int
}

func newBenchFixture(b *testing.B, open Opener, n int) *benchFixture {
	b.Helper()
	opts := salesrectest.DefaultOptions()
	opts.EngagementsPerTeam = 1 << 30
	f := &benchFixture{ctx: context.Background(), g: salesrectest.NewWithOptions(7, opts)}
	f.clock = salesrec.NewManualClock(opts.Now.Add(time.Hour))
	f.h = open(b, storage.Options{Clock: f.clock})
	f.s = f.h.Store
	driver := "sqlite"
	if f.h.Dialect == "postgres" {
		driver = "postgres"
	}
	f.db = sqlx.NewDb(f.h.DB, driver)
	var batch []salesrec.Engagement
	err := f.g.Stream(n, func(it salesrectest.Item) error {
		if it.NewTeam {
			if _, err := f.s.CreateTeam(f.ctx, it.Team); err != nil {
				return err
			}
			for _, m := range it.Members {
				if _, err := f.s.AddMember(f.ctx, m); err != nil {
					return err
				}
			}
			f.teamV, f.members, f.team, f.manager = it.Team, it.Members, it.Team.ID, it.Members[0].ID
		}
		if it.NewCustomer {
			if _, err := f.s.CreateCustomer(f.ctx, f.manager, it.Customer); err != nil {
				return err
			}
			f.customers = append(f.customers, it.Customer)
		}
		batch = append(batch, it.Engagement)
		return nil
	})
	if err != nil {
		b.Fatalf("seeding: %v", err)
	}
	stored, err := f.s.BulkInsert(f.ctx, f.manager, batch)
	if err != nil {
		b.Fatalf("seeding: %v", err)
	}
	for _, e := range stored {
		f.ids = append(f.ids, e.ID)
	}
	return f
}

// fresh returns n new engagements of the seeded team, without ids.
func (f *benchFixture) fresh(n int, shape salesrectest.Shape) []salesrec.Engagement {
	out := make([]salesrec.Engagement, n)
	for i := range out {
		c := f.customers[i%len(f.customers)]
		e := f.g.EngagementWith(f.teamV, f.members, c, shape)
		e.ID = ""
		out[i] = e
	}
	return out
}

// pick returns n seeded engagement ids, round robin.
func (f *benchFixture) pick(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = f.ids[f.next%len(f.ids)]
		f.next++
	}
	return out
}

func (f *benchFixture) rebind(q string) string { return f.db.Rebind(q) }

// bareSet is the rows the store writes for one new engagement, prepared.
type bareSet struct {
	eng              []any
	parts, ins, acts [][]any
	hist, feed       []any
}

func (f *benchFixture) bareRows(b *testing.B, es []salesrec.Engagement) []bareSet {
	b.Helper()
	now := f.clock.Now()
	out := make([]bareSet, len(es))
	for i, e := range es {
		e.ID = fmt.Sprintf("bare-%d-%d", now.UnixNano(), f.next)
		f.next++
		e.Version, e.CreatedAt, e.UpdatedAt = 1, now, now
		doc, err := json.Marshal(e)
		noErr(b, err, "encoding")
		changes, err := salesrec.CreateChanges(e)
		noErr(b, err, "changes")
		ch, err := json.Marshal(changes)
		noErr(b, err, "encoding changes")
		us := now.UnixMicro()
		s := bareSet{
			eng:  []any{e.ID, e.TeamID, e.OwnerID, e.CustomerID, string(e.Stage), string(e.Status), e.Version, us, us, string(doc)},
			hist: []any{e.ID, int64(1), f.manager, us, "create", string(ch)},
			feed: []any{e.ID, e.TeamID, int64(1), "create", us},
		}
		seen := map[string]bool{}
		for _, m := range benchParticipants(e) {
			if !seen[m] {
				seen[m] = true
				s.parts = append(s.parts, []any{e.ID, m})
			}
		}
		for _, in := range e.Interactions {
			s.ins = append(s.ins, []any{e.ID, in.ID, in.OccurredAt.UnixMicro()})
		}
		for _, a := range e.Actions {
			s.acts = append(s.acts, []any{e.ID, a.ID, e.TeamID, a.OwnerID, a.Deadline.String(), a.What, string(a.Status), e.CustomerID, string(e.Status)})
		}
		out[i] = s
	}
	return out
}

func benchParticipants(e salesrec.Engagement) []string {
	out := []string{e.OwnerID}
	for _, in := range e.Interactions {
		for _, p := range in.SalesParticipants {
			if p.MemberID != "" {
				out = append(out, p.MemberID)
			}
		}
	}
	for _, a := range e.Actions {
		out = append(out, a.OwnerID)
	}
	return out
}

// bareInsert writes sets in one transaction with multi-row INSERTs.
func (f *benchFixture) bareInsert(b *testing.B, sets []bareSet) {
	b.Helper()
	tx, err := f.beginBare()
	noErr(b, err, "begin")
	var eng, parts, ins, acts, hist, feed [][]any
	for _, s := range sets {
		eng = append(eng, s.eng)
		parts = append(parts, s.parts...)
		ins = append(ins, s.ins...)
		acts = append(acts, s.acts...)
		hist = append(hist, s.hist)
		feed = append(feed, s.feed)
	}
	for _, t := range []struct {
		table string
		cols  string
		rows  [][]any
	}{
		{"dealtrail_engagements", "id, team_id, owner_id, customer_id, stage, status, version, created_at, updated_at, doc", eng},
		{"dealtrail_participants", "engagement_id, member_id", parts},
		{"dealtrail_interactions", "engagement_id, id, occurred_at", ins},
		{"dealtrail_actions", "engagement_id, id, team_id, owner_id, deadline, what, status, customer_id, engagement_status", acts},
		{"dealtrail_history", "engagement_id, version, actor_id, at, op, changes", hist},
		{"dealtrail_feed", "engagement_id, team_id, version, op, at", feed},
	} {
		noErr(b, multiInsert(f.ctx, tx, f.db.Rebind, t.table, t.cols, t.rows), "insert "+t.table)
	}
	noErr(b, tx.Commit(), "commit")
}

// beginBare begins a bare write transaction. The bare benchmarks write
// from one goroutine, so a deferred transaction is enough on SQLite. It
// takes the feed lock where the adapter has one: any transaction writing
// feed rows must (on PostgreSQL the feed's trigger refuses them otherwise).
func (f *benchFixture) beginBare() (*sql.Tx, error) {
	tx, err := f.h.DB.BeginTx(f.ctx, nil)
	if err != nil || f.h.LockFeed == nil {
		return tx, err
	}
	if err := f.h.LockFeed(f.ctx, tx); err != nil {
		return nil, errors.Join(err, tx.Rollback())
	}
	return tx, nil
}

func multiInsert(ctx context.Context, tx *sql.Tx, rebind func(string) string, table, cols string, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	per := 30000 / len(rows[0])
	tuple := "(?" + strings.Repeat(", ?", len(rows[0])-1) + ")"
	for len(rows) > 0 {
		n := min(per, len(rows))
		var b strings.Builder
		b.WriteString("INSERT INTO " + table + " (" + cols + ") VALUES ")
		args := make([]any, 0, n*len(rows[0]))
		for i, r := range rows[:n] {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(tuple)
			args = append(args, r...)
		}
		if _, err := tx.ExecContext(ctx, rebind(b.String()), args...); err != nil {
			return err
		}
		rows = rows[n:]
	}
	return nil
}

// bareActionStatus changes an action's status the bare way: read the
// document, change it, write the row, the action, a history and a feed row.
func (f *benchFixture) bareActionStatus(b *testing.B, id string) {
	b.Helper()
	tx, err := f.beginBare()
	noErr(b, err, "begin")
	lock := ""
	if f.h.Dialect == "postgres" {
		lock = " FOR UPDATE"
	}
	var doc string
	var version int64
	noErr(b, tx.QueryRowContext(f.ctx, f.rebind(`SELECT doc, version FROM dealtrail_engagements WHERE id = ?`+lock), id).Scan(&doc, &version), "select")
	var e salesrec.Engagement
	noErr(b, json.Unmarshal([]byte(doc), &e), "decode")
	e.Actions[0].Status = salesrec.ActionInProgress
	e.Version = version + 1
	nd, err := json.Marshal(e)
	noErr(b, err, "encode")
	us := f.clock.Now().UnixMicro()
	_, err = tx.ExecContext(f.ctx, f.rebind(`UPDATE dealtrail_engagements SET doc = ?, version = ?, updated_at = ? WHERE id = ? AND version = ?`), string(nd), e.Version, us, id, version)
	noErr(b, err, "update")
	_, err = tx.ExecContext(f.ctx, f.rebind(`UPDATE dealtrail_actions SET status = ? WHERE engagement_id = ? AND id = ?`), "in_progress", id, e.Actions[0].ID)
	noErr(b, err, "update action")
	_, err = tx.ExecContext(f.ctx, f.rebind(`INSERT INTO dealtrail_history (engagement_id, version, actor_id, at, op, changes) VALUES (?, ?, ?, ?, ?, ?)`),
		id, e.Version, f.manager, us, "action_status", `[{"field":"actions[0].status","before":"\"pending\"","after":"\"in_progress\""}]`)
	noErr(b, err, "history")
	_, err = tx.ExecContext(f.ctx, f.rebind(`INSERT INTO dealtrail_feed (engagement_id, team_id, version, op, at) VALUES (?, ?, ?, ?, ?)`),
		id, f.team, e.Version, "action_status", us)
	noErr(b, err, "feed")
	noErr(b, tx.Commit(), "commit")
}
