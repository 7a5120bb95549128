package postgres_test

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/lib/pq"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage"
	"github.com/dealtrail/dealtrail/storage/postgres"
)

// TestFeedTriggerRequiresTheLock: the feed's trigger refuses rows from a
// transaction that did not take the feed lock before it had a transaction
// id, or that names another transaction's id; rows from one that did are
// accepted and read.
func TestFeedTriggerRequiresTheLock(t *testing.T) {
	h := open(t, storage.Options{})
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
		changed := h.Store.Committed()
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
		select {
		case <-changed:
		case <-time.After(20 * time.Millisecond): // a row written by hand notifies nobody
		case <-rctx.Done():
			t.Fatal("the row written by hand never appeared in the feed")
		}
	}
}

// TestFeedLockIsPerSchema: two dealtrail schemas in one database each have
// a feed lock of their own, so a writer of one that stalls holding its
// lock does not hold the other's feed back.
func TestFeedLockIsPerSchema(t *testing.T) {
	a, b := open(t, storage.Options{}), open(t, storage.Options{})
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

	read := func(s *storage.Store) int {
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
	if n := read(b.Store); n != 1 {
		t.Fatalf("a stalled writer of another schema held this schema's feed back: %d changes read, want 1", n)
	}
	if n := read(a.Store); n != 0 {
		t.Fatalf("a stalled writer of this schema did not hold its feed back: %d changes read, want 0", n)
	}
}

// TestHorizonQueryHolders runs the horizon query over lock rows made up
// for the test in place of pg_lock_status(): a holder with a backend
// gives its transaction id; a holder without one (a prepared transaction,
// pid NULL) or whose backend has gone is unknown — never "every backend",
// which is what pg_stat_get_activity(NULL) returns.
func TestHorizonQueryHolders(t *testing.T) {
	h := open(t, storage.Options{})
	ctx := context.Background()
	holder, err := h.DB.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = holder.Rollback() }()
	var pid int
	var xid int64
	if err := holder.QueryRowContext(ctx, `SELECT pg_backend_pid(), pg_current_xact_id()::text::bigint % 4294967296`).Scan(&pid, &xid); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name        string
		pid         string
		wantXids    []int64
		wantUnknown bool
	}{
		{"a holder with a backend", strconv.Itoa(pid), []int64{xid}, false},
		{"a prepared transaction's lock (no pid)", "NULL", nil, true},
		{"a holder whose backend has gone", "2147483647", nil, true},
	} {
		locks := `(VALUES ('advisory'::text, (SELECT oid FROM pg_database WHERE datname = current_database()),
			1685349996::oid, to_regclass('dealtrail_feed')::oid, 1::int2, ` + c.pid + `::int)) l(locktype, database, classid, objid, objsubid, pid)`
		q := strings.Replace(postgres.HorizonSQL, "pg_lock_status() l", locks, 1)
		if q == postgres.HorizonSQL {
			t.Fatal("the horizon query no longer reads pg_lock_status() l")
		}
		var next, xmin string
		var xids pq.Int64Array
		var unknown bool
		if err := h.DB.QueryRowContext(ctx, q).Scan(&next, &xmin, &xids, &unknown); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if unknown != c.wantUnknown || !slices.Equal([]int64(xids), c.wantXids) {
			t.Errorf("%s: xids %v, unknown %v; want %v, %v", c.name, xids, unknown, c.wantXids, c.wantUnknown)
		}
	}
}
