package kb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage"
	"github.com/dealtrail/dealtrail/storage/postgres"
)

// The unrelated-transaction test: how long each unrelated transaction stays
// open, how many dealtrail writes commit meanwhile, and how soon after its
// commit each must be searchable. CI runs it with these values.
const (
	unrelatedHold    = 60 * time.Second
	unrelatedWrites  = 1000
	searchableWithin = 2 * time.Second
)

// TestPostgresUnrelatedTransactionsDoNotHoldTheFeed: a transaction that
// holds a transaction id but writes no dealtrail table — in another
// database of the same server, or in the same database — stays open for
// unrelatedHold while unrelatedWrites writes commit; each write must be
// applied by a following index within searchableWithin of its commit.
// Under a cluster-wide horizon (pg_snapshot_xmin) none would be until the
// transaction ended.
func TestPostgresUnrelatedTransactionsDoNotHoldTheFeed(t *testing.T) {
	cases := []struct {
		name string
		hold func(t *testing.T, dsn string) *heldTx
	}{
		{"another database", func(t *testing.T, dsn string) *heldTx {
			other := scratchDatabase(t)
			return holdTx(t, other,
				`CREATE TABLE nightly_report (n int)`,
				`INSERT INTO nightly_report VALUES (1)`)
		}},
		{"same database, no dealtrail table", func(t *testing.T, dsn string) *heldTx {
			return holdTx(t, dsn,
				`CREATE TEMP TABLE nightly_report (n int)`,
				`INSERT INTO nightly_report VALUES (1)`)
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			dsn := postgresSchema(t)
			s := openPostgres(t, dsn)
			w := newWorld(t, s, "华南")

			held := c.hold(t, dsn)
			start := time.Now()
			lat := followWrites(t, s, w, start)
			held.stillHolding(t, dsn)
			// The transaction stays open for the whole hold even when the
			// writes finished early; what matters is that it was open
			// across every one of them, which stillHolding checked.
			<-time.After(time.Until(start.Add(unrelatedHold)))
			held.end(t)
			t.Logf("%d writes while a transaction held its id for %v: commit → applied p50 %v, p99 %v, max %v",
				len(lat), time.Since(start).Round(time.Second), pct(lat, 50), pct(lat, 99), lat[len(lat)-1])
		})
	}
}

// written is one committed write a following index must apply.
type written struct {
	id        string
	version   int64
	committed time.Time
}

// followWrites commits unrelatedWrites writes spread over most of
// unrelatedHold while an index follows the store, and returns, sorted,
// how long after each commit the index had applied it. It fails as soon as
// one write is not applied within searchableWithin.
func followWrites(t *testing.T, s *storage.Store, w *world, start time.Time) []time.Duration {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	batches := make(chan struct{}, 1)
	x, err := Open(filepath.Join(t.TempDir(), "kb"), s, Options{
		PollInterval: 200 * time.Millisecond,
		Committed: func(string, int) {
			select {
			case batches <- struct{}{}:
			default:
			}
		},
		SyncError: func(err error) { t.Errorf("follow: %v", err) },
	})
	if err != nil {
		t.Fatal(err)
	}
	var running sync.WaitGroup
	defer func() { // nothing outlives the test
		cancel()
		running.Wait()
		_ = x.Close()
	}()
	running.Add(2)
	go func() { defer running.Done(); _ = x.Follow(ctx) }()
	writes := make(chan written, unrelatedWrites)
	wrote := make(chan error, 1)
	go func() {
		defer running.Done()
		defer close(writes)
		wrote <- writeSpread(ctx, w, start, writes)
	}()

	// Check the pending writes after every batch the index commits, and on
	// a short tick so that a write the index never applies is noticed.
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	var pending []written
	var lat []time.Duration
	in := writes
	for in != nil || len(pending) > 0 {
		select {
		case wr, ok := <-in:
			if !ok {
				in = nil
				continue
			}
			pending = append(pending, wr)
		case <-batches:
		case <-tick.C:
		}
		keep := pending[:0]
		for _, p := range pending {
			v, err := x.Applied(ctx, p.id)
			if err != nil {
				t.Fatalf("Applied: %v", err)
			}
			if v >= p.version {
				lat = append(lat, time.Since(p.committed))
				continue
			}
			if since := time.Since(p.committed); since > searchableWithin {
				t.Fatalf("write %d of %s committed %v ago and is still not applied (index at version %d): the unrelated transaction holds the feed back",
					p.version, p.id, since.Round(time.Millisecond), v)
			}
			keep = append(keep, p)
		}
		pending = keep
	}
	if err := <-wrote; err != nil {
		t.Fatal(err)
	}
	if len(lat) != unrelatedWrites {
		t.Fatalf("%d writes applied, want %d", len(lat), unrelatedWrites)
	}
	slices.Sort(lat)
	return lat
}

// writeSpread makes unrelatedWrites writes, the i-th at start + i ×
// (unrelatedHold − 5 s) / unrelatedWrites so that they span the hold (back
// to back when the machine is slower than that), on four goroutines so
// that one slow commit does not delay the rest. Each goroutine creates an
// engagement for every tenth of its writes and adds remarks to its own
// engagements otherwise. It sends each write with the time its commit
// returned.
func writeSpread(ctx context.Context, w *world, start time.Time, out chan<- written) error {
	const writers = 4
	every := (unrelatedHold - 5*time.Second) / unrelatedWrites
	var wg sync.WaitGroup
	errs := make([]error, writers)
	for g := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var open []salesrec.Engagement
			for i, k := g, 0; i < unrelatedWrites; i, k = i+writers, k+1 {
				if d := time.Until(start.Add(time.Duration(i) * every)); d > 0 {
					select {
					case <-time.After(d):
					case <-ctx.Done():
						errs[g] = ctx.Err()
						return
					}
				}
				var e salesrec.Engagement
				var err error
				if k%10 == 0 {
					e, err = w.s.CreateEngagement(ctx, w.rep.ID, horizonEngagement(w, i))
					if err == nil {
						open = append(open, e)
					}
				} else {
					j := k % len(open)
					e, err = w.s.AddRemark(ctx, w.rep.ID, open[j].ID, open[j].Version,
						salesrec.Remark{Text: fmt.Sprintf("第%d次跟进：客户确认了测试环境的接口清单", i)})
					if err == nil {
						open[j] = e
					}
				}
				if err != nil {
					errs[g] = fmt.Errorf("write %d: %w", i, err)
					return
				}
				out <- written{id: e.ID, version: e.Version, committed: time.Now()}
			}
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

func horizonEngagement(w *world, i int) salesrec.Engagement {
	now := storeClock.Now()
	return salesrec.Engagement{
		OwnerID: w.rep.ID, CustomerID: w.customers[i%len(w.customers)].ID, Stage: salesrec.StageNewCustomer,
		Goal:  "确认客户的采购预算和决策流程",
		Needs: []salesrec.Need{{Class: salesrec.NeedCore, Priority: salesrec.PriorityHigh, Content: "多数据源实时对接"}},
		Actions: []salesrec.Action{{What: "发送定制方案初稿", OwnerID: w.rep.ID,
			Deadline: salesrec.DateOf(now).AddDays(7), Status: salesrec.ActionPending}},
		Lessons: []salesrec.Lesson{{Kind: salesrec.LessonSuccess, Text: storeLessons[i%len(storeLessons)]}},
	}
}

// heldTx is an open transaction outside dealtrail that holds a
// transaction id.
type heldTx struct {
	tx   *sql.Tx
	xid  string
	once sync.Once
}

// holdTx begins a transaction on dsn, runs stmts in it and takes its
// transaction id; it is rolled back by end or at cleanup.
func holdTx(t *testing.T, dsn string, stmts ...string) *heldTx {
	t.Helper()
	db, err := sql.Open(postgres.DriverName, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	tx, err := db.Begin()
	if err != nil {
		t.Fatalf("begin the unrelated transaction: %v", err)
	}
	h := &heldTx{tx: tx}
	t.Cleanup(func() { h.once.Do(func() { _ = tx.Rollback() }) })
	for _, q := range stmts {
		if _, err := tx.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if err := tx.QueryRow(`SELECT pg_current_xact_id()::text`).Scan(&h.xid); err != nil {
		t.Fatal(err)
	}
	return h
}

// stillHolding checks that the transaction is still open with the same id
// and that the server's horizon is at or below it: every write made so far
// was made while it held the cluster back.
func (h *heldTx) stillHolding(t *testing.T, dsn string) {
	t.Helper()
	db, err := sql.Open(postgres.DriverName, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var xid string
	if err := h.tx.QueryRow(`SELECT pg_current_xact_id()::text`).Scan(&xid); err != nil || xid != h.xid {
		t.Fatalf("the unrelated transaction is no longer the one that started (%q, %v), want %s", xid, err, h.xid)
	}
	var held bool
	if err := db.QueryRow(`SELECT pg_snapshot_xmin(pg_current_snapshot()) <= $1::xid8`, h.xid).Scan(&held); err != nil || !held {
		t.Fatalf("the server's horizon is above the unrelated transaction %s (%v)", h.xid, err)
	}
}

func (h *heldTx) end(t *testing.T) {
	t.Helper()
	h.once.Do(func() {
		if err := h.tx.Rollback(); err != nil {
			t.Errorf("ending the unrelated transaction: %v", err)
		}
	})
}

// scratchDatabase creates an empty database on the test server, dropped
// at cleanup, and returns a DSN naming it.
func scratchDatabase(t *testing.T) string {
	t.Helper()
	base, admin, suffix := postgresAdmin(t)
	name := "dealtrail_kb_scratch_" + suffix
	if _, err := admin.Exec(`CREATE DATABASE ` + name + ` TEMPLATE template0`); err != nil {
		t.Fatalf("create database: %v", err)
	}
	// Registered before the holder's cleanups, so it runs after them; FORCE
	// ends a connection that is still open all the same.
	t.Cleanup(func() {
		if _, err := admin.Exec(`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`); err != nil {
			t.Errorf("drop database: %v", err)
		}
	})
	if isURL(base) {
		u, err := url.Parse(base)
		if err != nil {
			t.Fatal(err)
		}
		u.Path = "/" + name
		return u.String()
	}
	return base + " dbname=" + name
}

// pct returns the p-th percentile of sorted durations.
func pct(sorted []time.Duration, p int) time.Duration {
	return sorted[(len(sorted)-1)*p/100]
}
