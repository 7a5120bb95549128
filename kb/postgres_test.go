package kb

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage"
	"github.com/dealtrail/dealtrail/storage/postgres"
)

// PostgreSQL tests run against DEALTRAIL_TEST_POSTGRES_DSN, each in a
// schema of its own; DEALTRAIL_REQUIRE_POSTGRES=1 makes a missing DSN fail.
const (
	postgresDSNEnv     = "DEALTRAIL_TEST_POSTGRES_DSN"
	postgresRequireEnv = "DEALTRAIL_REQUIRE_POSTGRES"
)

// postgresSchema creates an empty schema, dropped at cleanup, and returns
// a DSN whose search_path names it.
func postgresSchema(t *testing.T) string {
	t.Helper()
	base := os.Getenv(postgresDSNEnv)
	if base == "" {
		if os.Getenv(postgresRequireEnv) == "1" {
			t.Fatal(postgresDSNEnv + " is not set but " + postgresRequireEnv + "=1")
		}
		t.Skip(postgresDSNEnv + " is not set: skipping the PostgreSQL test")
	}
	var b [6]byte
	_, _ = rand.Read(b[:])
	schema := "dealtrail_kb_test_" + hex.EncodeToString(b[:])
	admin, err := sql.Open(postgres.DriverName, base)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = admin.Close() })
	if _, err := admin.Exec(`CREATE SCHEMA ` + schema); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		if _, err := admin.Exec(`DROP SCHEMA ` + schema + ` CASCADE`); err != nil {
			t.Errorf("drop schema: %v", err)
		}
	})
	if strings.HasPrefix(base, "postgres://") || strings.HasPrefix(base, "postgresql://") {
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

func openPostgres(t *testing.T, dsn string) *postgres.Store {
	t.Helper()
	s, err := postgres.Open(context.Background(), dsn, storage.WithClock(storeClock))
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

// waitFor returns once the follower has committed the feed up to pos.
func (f *follower) waitFor(t *testing.T, pos string) {
	t.Helper()
	if got, _ := f.x.Position(); got == pos {
		return
	}
	timeout := time.After(60 * time.Second)
	for {
		select {
		case got := <-f.commits:
			if got == pos {
				return
			}
		case <-timeout:
			got, _ := f.x.Position()
			t.Fatalf("follower stuck at %q, want %q", got, pos)
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

	last := ""
	for {
		changes, err := app.ReadFeed(context.Background(), last, 500)
		if err != nil {
			t.Fatal(err)
		}
		if len(changes) == 0 {
			break
		}
		last = changes[len(changes)-1].Pos
	}
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
