package postgres_test

import (
	"context"
	"database/sql"
	"errors"
	"testing"
	"time"

	"github.com/lib/pq"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage/postgres"
)

// TestFeedTriggerRequiresTheLock: the feed's trigger refuses rows from a
// transaction that did not take the feed lock before it had a transaction
// id, or that names another transaction's id; rows from one that did are
// accepted and read.
func TestFeedTriggerRequiresTheLock(t *testing.T) {
	h := open(t)
	ctx := context.Background()
	team, err := h.Store.CreateTeam(ctx, salesrec.Team{Name: "华东一组"})
	if err != nil {
		t.Fatal(err)
	}
	insert := `INSERT INTO dealtrail_feed (engagement_id, team_id, version, op, at) VALUES ('e1', $1, 1, 'create', 0)`
	refused := func(name string, steps ...func(tx *sql.Tx) error) {
		t.Helper()
		tx, err := h.DB.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer func() { _ = tx.Rollback() }()
		for _, step := range steps {
			if err := step(tx); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
		}
		_, err = tx.ExecContext(ctx, insert, team.ID)
		var pe *pq.Error
		if !errors.As(err, &pe) || pe.Code != "55000" {
			t.Fatalf("%s: the feed row was not refused by the trigger: %v", name, err)
		}
	}
	lock := func(tx *sql.Tx) error { return postgres.LockFeed(ctx, tx) }
	exec := func(q string) func(tx *sql.Tx) error {
		return func(tx *sql.Tx) error { _, err := tx.ExecContext(ctx, q); return err }
	}

	refused("without the lock")
	refused("the lock taken after the transaction had an id", exec(`SELECT pg_current_xact_id()`), lock)
	refused("the lock taken in a savepoint rolled back", exec(`SAVEPOINT s`), lock, exec(`ROLLBACK TO SAVEPOINT s`))
	tx, err := h.DB.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = tx.Rollback() }()
	if err := postgres.LockFeed(ctx, tx); err != nil {
		t.Fatal(err)
	}
	var xid uint64
	if err := tx.QueryRowContext(ctx, `SELECT pg_current_xact_id()::text::bigint`).Scan(&xid); err != nil {
		t.Fatal(err)
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO dealtrail_feed (xid, engagement_id, team_id, version, op, at) VALUES ($1::xid8, 'e1', $2, 1, 'create', 0)`,
		xid-1, team.ID)
	var pe *pq.Error
	if !errors.As(err, &pe) || pe.Code != "55000" {
		t.Fatalf("a feed row naming another transaction's id was not refused: %v", err)
	}
	_ = tx.Rollback()

	// The way docs/storage.md tells a host to write the feed by hand.
	tx, err = h.DB.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := postgres.LockFeed(ctx, tx); err != nil {
		t.Fatal(err)
	}
	if _, err := tx.ExecContext(ctx, `SAVEPOINT s`); err != nil { // a subtransaction writes the row
		t.Fatal(err)
	}
	if _, err := tx.ExecContext(ctx, insert, team.ID); err != nil {
		t.Fatalf("a feed row written after LockFeed: %v", err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	rctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	for {
		got, err := h.Store.ReadFeed(rctx, "", 10)
		if err != nil {
			t.Fatalf("ReadFeed: %v", err)
		}
		if len(got) == 1 && got[0].EngagementID == "e1" {
			break
		}
		if len(got) != 0 {
			t.Fatalf("ReadFeed = %+v, want the row written by hand", got)
		}
		tick, stop := context.WithTimeout(rctx, 20*time.Millisecond) // a row written by hand notifies nobody
		_ = h.Store.WaitChange(tick)
		stop()
		if rctx.Err() != nil {
			t.Fatal("the row written by hand never appeared in the feed")
		}
	}
}

// TestFeedLockIsPerSchema: two dealtrail schemas in one database each have
// a feed lock of their own, so a writer of one that stalls holding its
// lock does not hold the other's feed back.
func TestFeedLockIsPerSchema(t *testing.T) {
	a, b := open(t), open(t)
	ctx := context.Background()
	stalled, err := a.DB.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = stalled.Rollback() }()
	if err := postgres.LockFeed(ctx, stalled); err != nil {
		t.Fatal(err)
	}
	if _, err := stalled.ExecContext(ctx, `SELECT pg_current_xact_id()`); err != nil {
		t.Fatal(err)
	}

	read := func(s *postgres.Store) int {
		t.Helper()
		team, err := s.CreateTeam(ctx, salesrec.Team{Name: "华东一组"})
		if err != nil {
			t.Fatal(err)
		}
		mgr, err := s.AddMember(ctx, salesrec.Member{TeamID: team.ID, Name: "王经理", Role: salesrec.RoleManager})
		if err != nil {
			t.Fatal(err)
		}
		c, err := s.CreateCustomer(ctx, mgr.ID, salesrec.Customer{Name: "上海星辰制造有限公司", Kind: salesrec.CustomerNew, Industry: "制造业"})
		if err != nil {
			t.Fatal(err)
		}
		now := time.Now()
		_, err = s.CreateEngagement(ctx, mgr.ID, salesrec.Engagement{OwnerID: mgr.ID, CustomerID: c.ID, Stage: salesrec.StageNewCustomer,
			Goal:    "确认客户的采购预算和决策流程",
			Actions: []salesrec.Action{{What: "发送定制方案初稿", OwnerID: mgr.ID, Deadline: salesrec.DateOf(now).AddDays(7), Status: salesrec.ActionPending}}})
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.ReadFeed(ctx, "", 10)
		if err != nil {
			t.Fatal(err)
		}
		return len(got)
	}
	if n := read(b.Store.(*postgres.Store)); n != 1 {
		t.Fatalf("a stalled writer of another schema held this schema's feed back: %d changes read, want 1", n)
	}
	if n := read(a.Store.(*postgres.Store)); n != 0 {
		t.Fatalf("a stalled writer of this schema did not hold its feed back: %d changes read, want 0", n)
	}
}
