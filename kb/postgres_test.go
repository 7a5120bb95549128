package kb

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage"
	"github.com/dealtrail/dealtrail/storage/postgres"
	"github.com/dealtrail/dealtrail/storage/storagetest"
)

// PostgreSQL tests run against DEALTRAIL_TEST_POSTGRES_DSN, each in a
// schema of its own; DEALTRAIL_REQUIRE_POSTGRES=1 makes a missing DSN fail
// (storagetest.PostgresDSN).

// postgresAdmin returns the test server's DSN, a pool on it closed at
// cleanup, and a random suffix for a name of the test's own.
func postgresAdmin(t *testing.T) (base string, admin *sql.DB, suffix string) {
	t.Helper()
	base = storagetest.PostgresDSNOrSkip(t)
	var b [6]byte
	_, _ = rand.Read(b[:])
	admin, err := sql.Open(postgres.DriverName, base)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = admin.Close() })
	return base, admin, hex.EncodeToString(b[:])
}

// isURL reports whether dsn is a postgres:// URL rather than key=value.
func isURL(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// postgresSchema creates an empty schema, dropped at cleanup, and returns
// a DSN whose search_path names it.
func postgresSchema(t *testing.T) string {
	t.Helper()
	base, admin, suffix := postgresAdmin(t)
	schema := "dealtrail_kb_test_" + suffix
	if _, err := admin.Exec(`CREATE SCHEMA ` + schema); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		if _, err := admin.Exec(`DROP SCHEMA ` + schema + ` CASCADE`); err != nil {
			t.Errorf("drop schema: %v", err)
		}
	})
	if isURL(base) {
		u, err := url.Parse(base)
		if err != nil {
			t.Fatal(err)
		}
		q := u.Query()
		q.Set("search_path", schema)
		u.RawQuery = q.Encode()
		return u.String()
	}
	return base + " search_path=" + schema
}

func openPostgres(t *testing.T, dsn string) *storage.Store {
	t.Helper()
	s, err := postgres.Open(context.Background(), dsn, postgres.Options{Options: storage.Options{Clock: storeClock}})
	if err != nil {
		t.Fatalf("postgres.Open: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// follower is one knowledge base following the database on its own
// connection and in its own directory, as a separate process would.
type follower struct {
	x       *Index
	commits chan string
	done    chan error
}

func startFollower(t *testing.T, dsn, dir string, page int, ctx context.Context) *follower {
	t.Helper()
	f := &follower{commits: make(chan string, 4096), done: make(chan error, 1)}
	x, err := Open(dir, openPostgres(t, dsn), Options{
		FeedPage:     page,
		PollInterval: 200 * time.Millisecond,
		Committed:    func(pos string, _ int) { f.commits <- pos },
		SyncError:    func(err error) { t.Errorf("follower %s: %v", dir, err) },
	})
	if err != nil {
		t.Fatal(err)
	}
	f.x = x
	go func() { f.done <- x.Follow(ctx) }()
	return f
}

// waitFor returns once the follower has committed the feed up to pos,
// failing after a minute.
func (f *follower) waitFor(t *testing.T, pos string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := waitPosition(ctx, f.x, pos, f.commits); err != nil {
		got, _ := f.x.Position()
		t.Fatalf("follower stuck at %q, want %q: %v", got, pos, err)
	}
}

// waitPosition returns once x has applied the feed up to pos, or with
// ctx's error. It rechecks after every commit and on a short ticker.
func waitPosition(ctx context.Context, x *Index, pos string, commits <-chan string) error {
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		got, err := x.Position()
		if err != nil {
			return err
		}
		if got == pos {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-commits:
		case <-tick.C:
		}
	}
}

// feedEnd returns the position of the last change in the database once
// the feed shows every change written so far. PostgreSQL's feed holds back
// changes above the horizon of the transactions holding the feed lock, so
// while a writer is in flight (or held open by holdHorizon) the feed may
// show fewer rows than the table holds: wait, bounded, until it shows
// them all.
func feedEnd(t *testing.T, src *storage.Store, dsn string) string {
	t.Helper()
	db, err := sql.Open(postgres.DriverName, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var want int
	if err := db.QueryRow(`SELECT count(*) FROM dealtrail_feed`).Scan(&want); err != nil {
		t.Fatalf("count feed rows: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	last, seen := "", 0
	for {
		changes, err := src.ReadFeed(ctx, last, 500)
		if err != nil {
			t.Fatalf("feed shows %d of %d changes: %v", seen, want, err)
		}
		if len(changes) > 0 {
			last = changes[len(changes)-1].Pos
			seen += len(changes)
			continue
		}
		if seen >= want {
			return last
		}
		hint(ctx, src, 100*time.Millisecond) // a hint; the loop reads the feed again either way
		if ctx.Err() != nil {
			t.Fatalf("feed shows %d of %d changes after a minute", seen, want)
		}
	}
}

// TestPostgresFollowersConverge has two knowledge bases, each with its own
// store connection, listener and index directory, follow one PostgreSQL
// database while several writers commit concurrently; both must end with
// identical indexes and answers.
func TestPostgresFollowersConverge(t *testing.T) {
	dsn := postgresSchema(t)
	app := openPostgres(t, dsn)
	w := newWorld(t, app, "华东")
	for i := range 6 {
		w.addEngagement(t, i)
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	dir := t.TempDir()
	a := startFollower(t, dsn, filepath.Join(dir, "a"), 2, ctx)
	b := startFollower(t, dsn, filepath.Join(dir, "b"), 64, ctx)

	// A dealtrail writer stalls across the writes: until it ends the feed
	// shows none of them.
	holdHorizon(t, dsn, 300*time.Millisecond)

	// Concurrent writers, each on its own engagements.
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := writeSome(w, g, 6); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if t.Failed() {
		t.FailNow()
	}

	last := feedEnd(t, app, dsn)
	a.waitFor(t, last)
	b.waitFor(t, last)
	cancel()
	<-a.done
	<-b.done

	assertSameIndex(t, a.x, b.x)
	assertSameAnswers(t, a.x, b.x, w.manager.ID)
	if n := docCount(t, a.x); n < 30 {
		t.Errorf("only %d documents indexed", n)
	}
	_ = a.x.Close()
	_ = b.x.Close()
}

// writeSome creates n engagements for writer g and rewrites each once,
// closing some, without touching the world's shared state.
func writeSome(w *world, g, n int) error {
	now := storeClock.Now()
	for i := range n {
		e := salesrec.Engagement{
			OwnerID: w.rep.ID, CustomerID: w.customers[(g+i)%len(w.customers)].ID, Stage: salesrec.StageNewCustomer,
			Goal:  "确认客户的采购预算和决策流程",
			Needs: []salesrec.Need{{Class: salesrec.NeedCore, Priority: salesrec.PriorityHigh, Content: "多数据源实时对接"}},
			Actions: []salesrec.Action{{What: "发送定制方案初稿", OwnerID: w.rep.ID,
				Deadline: salesrec.DateOf(now).AddDays(7), Status: salesrec.ActionPending}},
			Lessons: []salesrec.Lesson{{Kind: salesrec.LessonSuccess, Text: storeLessons[(g+i)%len(storeLessons)]}},
		}
		e, err := w.s.CreateEngagement(w.ctx, w.rep.ID, e)
		if err != nil {
			return fmt.Errorf("writer %d: create: %w", g, err)
		}
		e.Lessons = append(e.Lessons, salesrec.Lesson{Kind: salesrec.LessonImprovement, Text: storeLessons[(g+i+2)%len(storeLessons)]})
		if e, err = w.s.UpdateEngagement(w.ctx, w.rep.ID, e); err != nil {
			return fmt.Errorf("writer %d: update: %w", g, err)
		}
		if i%2 == 0 {
			r := storeReasons[(g+i)%len(storeReasons)]
			if _, err := w.s.CloseEngagement(w.ctx, w.rep.ID, e.ID, e.Version, salesrec.StatusTerminated,
				salesrec.Outcome{Reason: r.text, ReasonCategory: r.cat}); err != nil {
				return fmt.Errorf("writer %d: close: %w", g, err)
			}
		}
	}
	return nil
}

// holdHorizon opens a transaction that takes the feed lock and a
// transaction id, holding the feed's horizon back, and rolls it back after
// d: a stand-in for a dealtrail writer that stalls (an unrelated
// transaction no longer holds the feed). Nothing waits on it; the test
// must simply cope with the feed lagging meanwhile.
func holdHorizon(t *testing.T, dsn string, d time.Duration) {
	t.Helper()
	db, err := sql.Open(postgres.DriverName, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	if err := postgres.LockFeed(context.Background(), tx); err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(`SELECT pg_current_xact_id()`); err != nil {
		t.Fatal(err)
	}
	end := time.AfterFunc(d, func() { _ = tx.Rollback() })
	t.Cleanup(func() { end.Stop(); _ = tx.Rollback() })
}
