package postgres_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage"
	"github.com/dealtrail/dealtrail/storage/postgres"
)

// pgxTeam is a team with a manager and a customer, written through s.
type pgxTeam struct {
	manager  salesrec.Member
	customer salesrec.Customer
}

func newPgxTeam(t *testing.T, ctx context.Context, s *storage.Store) pgxTeam {
	t.Helper()
	team, err := s.CreateTeam(ctx, salesrec.Team{Name: "华东一组"})
	if err != nil {
		t.Fatalf("CreateTeam: %v", err)
	}
	m, err := s.AddMember(ctx, salesrec.Member{TeamID: team.ID, Name: "王经理", Role: salesrec.RoleManager})
	if err != nil {
		t.Fatalf("AddMember: %v", err)
	}
	c, err := s.CreateCustomer(ctx, m.ID, salesrec.Customer{Name: "上海星辰制造有限公司", Kind: salesrec.CustomerNew, Industry: "制造业"})
	if err != nil {
		t.Fatalf("CreateCustomer: %v", err)
	}
	return pgxTeam{manager: m, customer: c}
}

// migratedPgxStore is a store built with New over a host pool of pgx's
// stdlib driver on a fresh, migrated schema; it also returns the schema's DSN.
func migratedPgxStore(t *testing.T) (*storage.Store, string) {
	t.Helper()
	dsn := freshSchema(t)
	db := hostPool(t, pgxDriver, dsn)
	if err := postgres.Migrate(context.Background(), db); err != nil {
		t.Fatalf("Migrate over pgx: %v", err)
	}
	return hostStore(t, db, postgres.Options{}), dsn
}

// TestPgxUniqueViolationIsConflict: over a pgx pool, a taken customer name
// answers salesrec.ErrConflict (an HTTP layer's 409), like over lib/pq,
// without echoing the name.
func TestPgxUniqueViolationIsConflict(t *testing.T) {
	ctx := context.Background()
	s, _ := migratedPgxStore(t)
	w := newPgxTeam(t, ctx, s)
	_, err := s.CreateCustomer(ctx, w.manager.ID, salesrec.Customer{Name: w.customer.Name, Kind: salesrec.CustomerNew, Industry: "制造业"})
	if !errors.Is(err, salesrec.ErrConflict) {
		t.Fatalf("a taken customer name over pgx: %v, want an error wrapping %v", err, salesrec.ErrConflict)
	}
	if strings.Contains(err.Error(), "星辰") {
		t.Fatalf("the error echoes the confidential name: %v", err)
	}
}

// TestPgxBulkInsert: over a pgx pool (no COPY through database/sql) a bulk
// load goes through multi-row INSERTs; a batch larger than one statement's
// placeholders is stored whole, once, with its history and feed rows.
func TestPgxBulkInsert(t *testing.T) {
	// Engagement history rows have 6 columns: past 5000 rows (30000
	// placeholders) they take more than one INSERT statement.
	const n = 5200
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	s, dsn := migratedPgxStore(t)
	w := newPgxTeam(t, ctx, s)
	batch := make([]salesrec.Engagement, n)
	for i := range batch {
		batch[i] = salesrec.Engagement{OwnerID: w.manager.ID, CustomerID: w.customer.ID,
			Stage: salesrec.StageNewCustomer, Goal: fmt.Sprintf("第%d轮：挖掘客户的采购预算", i+1)}
	}
	stored, err := s.BulkInsert(ctx, w.manager.ID, batch)
	if err != nil {
		t.Fatalf("BulkInsert over pgx: %v", err)
	}
	if len(stored) != n {
		t.Fatalf("BulkInsert returned %d engagements, want %d", len(stored), n)
	}
	cnt, err := s.CountEngagements(ctx, w.manager.ID, storage.Filter{})
	if err != nil {
		t.Fatalf("CountEngagements: %v", err)
	}
	if cnt != n {
		t.Fatalf("%d engagements stored, want %d", cnt, n)
	}
	last, err := s.Engagement(ctx, w.manager.ID, stored[n-1].ID)
	if err != nil {
		t.Fatalf("Engagement: %v", err)
	}
	if last.Goal != batch[n-1].Goal {
		t.Fatalf("the last engagement's goal is %q, want %q", last.Goal, batch[n-1].Goal)
	}
	// Every engagement has its history row (past 5000 rows, a second INSERT)
	// and its feed entry, written by the same transaction.
	db := hostPool(t, pgxDriver, dsn)
	for _, table := range []string{"dealtrail_history", "dealtrail_feed"} {
		var rows int
		if err := db.QueryRowContext(ctx, `SELECT count(*) FROM `+table).Scan(&rows); err != nil {
			t.Fatalf("counting %s: %v", table, err)
		}
		if rows != n {
			t.Fatalf("%d rows in %s, want %d", rows, table, n)
		}
	}
	// Again: every id is taken, the whole batch is refused as a conflict.
	if _, err := s.BulkInsert(ctx, w.manager.ID, stored); !errors.Is(err, salesrec.ErrConflict) {
		t.Fatalf("a batch already stored, over pgx: %v, want %v", err, salesrec.ErrConflict)
	}
}

// TestPgxCommittedAcrossPools: a store over a host's pgx pool, given a listen
// DSN, hears another pool's commits (as another process's would be) through
// LISTEN/NOTIFY.
func TestPgxCommittedAcrossPools(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	writer, dsn := migratedPgxStore(t)
	reader := hostStore(t, hostPool(t, pgxDriver, dsn), postgres.Options{ListenDSN: dsn})
	w := newPgxTeam(t, ctx, writer)
	commitUntilHeard(t, ctx, reader, func() {
		_, err := writer.CreateEngagement(ctx, w.manager.ID, salesrec.Engagement{OwnerID: w.manager.ID, CustomerID: w.customer.ID,
			Stage: salesrec.StageNewCustomer, Goal: "挖掘客户的采购预算"})
		if err != nil {
			t.Fatalf("CreateEngagement: %v", err)
		}
	})
}

// TestListenDSNRefusedFailsNew: a listen DSN the LISTEN connection cannot
// use — here a pgx pool's DSN with a pgx-only parameter, which lib/pq sends
// to the server as a setting — makes New fail with the server's SQLSTATE
// instead of waiting forever for a connection.
func TestListenDSNRefusedFailsNew(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	_, dsn := migratedPgxStore(t)
	pgxDSN := dsn + "&default_query_exec_mode=simple_protocol"
	db := hostPool(t, pgxDriver, pgxDSN)
	if err := db.PingContext(ctx); err != nil {
		t.Fatalf("the pgx pool cannot connect: %v", err)
	}
	s, err := postgres.New(ctx, db, postgres.Options{ListenDSN: pgxDSN})
	if err == nil {
		_ = s.Close()
		t.Fatal("New listened on a DSN the server refuses")
	}
	if ctx.Err() != nil {
		t.Fatalf("New returned only when its context ended: %v", err)
	}
	if !strings.Contains(err.Error(), "42704") { // undefined_object: no such setting
		t.Fatalf("New: %v, want the server's refusal (SQLSTATE 42704)", err)
	}
}
