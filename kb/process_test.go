package kb

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dealtrail/dealtrail/storage"
	"github.com/dealtrail/dealtrail/storage/postgres"
)

// Environment and protocol of the follower child (TestFollowerChild).
const (
	followDSNEnv    = "DEALTRAIL_KB_FOLLOW_DSN"
	followIndexEnv  = "DEALTRAIL_KB_FOLLOW_INDEX"
	followPageEnv   = "DEALTRAIL_KB_FOLLOW_PAGE"
	followReady     = "kbfollow: following"
	followResult    = "kbfollow: result "
	followTargetFmt = "%s %s\n" // feed position to reach, actor to search as
)

// childAnswer is what a follower child reports once caught up.
type childAnswer struct {
	Pos     string
	Docs    map[string]string
	Answers []string
}

// TestPostgresProcessesConverge runs two OS processes, each following one
// PostgreSQL database into its own index directory with its own page
// size, while writers commit concurrently; once both report they reached
// the end of the feed, their indexes and answers must be identical, and
// equal to an index synced here from scratch.
func TestPostgresProcessesConverge(t *testing.T) {
	dsn := postgresSchema(t)
	app := openPostgres(t, dsn)
	w := newWorld(t, app, "华东")
	for i := range 4 {
		w.addEngagement(t, i)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	dir := t.TempDir()
	a := startChild(ctx, t, dsn, filepath.Join(dir, "a"), 2)
	b := startChild(ctx, t, dsn, filepath.Join(dir, "b"), 64)

	holdHorizon(t, dsn, 300*time.Millisecond)
	var wg sync.WaitGroup
	for g := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := writeSome(w, g, 4); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if t.Failed() {
		t.FailNow()
	}
	last := feedEnd(t, app, dsn)
	ra, rb := a.answer(t, last, w.manager.ID), b.answer(t, last, w.manager.ID)

	fresh, err := Open(filepath.Join(dir, "fresh"), app, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.Close()
	if err := syncTo(ctx, fresh, app, last); err != nil {
		t.Fatalf("fresh index: %v", err)
	}
	want := childAnswer{Pos: last, Docs: dump(t, fresh), Answers: answers(t, fresh, w.manager.ID)}
	for name, got := range map[string]childAnswer{"a": ra, "b": rb} {
		if g, w := fmt.Sprint(got), fmt.Sprint(want); g != w {
			t.Errorf("process %s differs from a fresh index:\n got %s\nwant %s", name, g, w)
		}
	}
	if n := docCount(t, fresh); n < 20 {
		t.Errorf("only %d documents indexed", n)
	}
}

// child is a running follower process.
type child struct {
	cmd   *exec.Cmd
	in    io.WriteCloser
	lines *bufio.Scanner
}

func startChild(ctx context.Context, t *testing.T, dsn, indexDir string, page int) *child {
	t.Helper()
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestFollowerChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), followDSNEnv+"="+dsn, followIndexEnv+"="+indexDir, followPageEnv+"="+strconv.Itoa(page))
	cmd.Stderr = os.Stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	c := &child{cmd: cmd, in: in, lines: bufio.NewScanner(out)}
	c.lines.Buffer(nil, 16<<20)
	t.Cleanup(func() {
		_ = in.Close()
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	if _, ok := c.expect(followReady); !ok {
		t.Fatalf("follower %s did not start", indexDir)
	}
	return c
}

// expect reads lines until one starts with prefix and returns the rest.
func (c *child) expect(prefix string) (string, bool) {
	for c.lines.Scan() {
		if rest, ok := strings.CutPrefix(c.lines.Text(), prefix); ok {
			return rest, true
		}
	}
	return "", false
}

// answer tells the child the position to reach and the actor to search
// as, and returns its report.
func (c *child) answer(t *testing.T, pos, actor string) childAnswer {
	t.Helper()
	if _, err := fmt.Fprintf(c.in, followTargetFmt, pos, actor); err != nil {
		t.Fatalf("tell follower: %v", err)
	}
	raw, ok := c.expect(followResult)
	if !ok {
		t.Fatalf("follower ended without a result")
	}
	var got childAnswer
	if err := json.Unmarshal([]byte(raw), &got); err != nil {
		t.Fatalf("follower result: %v", err)
	}
	return got
}

// TestFollowerChild is the process TestPostgresProcessesConverge starts:
// it follows the database until it reaches the position read from stdin,
// then reports its index and answers on stdout.
func TestFollowerChild(t *testing.T) {
	dsn, indexDir := os.Getenv(followDSNEnv), os.Getenv(followIndexEnv)
	if dsn == "" || indexDir == "" {
		t.Skip("helper process of TestPostgresProcessesConverge")
	}
	page, _ := strconv.Atoi(os.Getenv(followPageEnv))
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	s, err := postgres.Open(ctx, dsn, postgres.Options{Options: storage.Options{Clock: storeClock, SkipMigrate: true}})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	commits := make(chan string, 4096)
	x, err := Open(indexDir, s, Options{
		FeedPage:     page,
		PollInterval: 200 * time.Millisecond,
		Committed:    func(pos string, _ int) { commits <- pos },
		SyncError:    func(err error) { t.Errorf("follow: %v", err) },
	})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	fctx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- x.Follow(fctx) }()
	fmt.Println(followReady)

	var pos, actor string
	if _, err := fmt.Fscanf(os.Stdin, followTargetFmt, &pos, &actor); err != nil {
		t.Fatalf("read target: %v", err)
	}
	if err := waitPosition(ctx, x, pos, commits); err != nil {
		got, _ := x.Position()
		t.Fatalf("stuck at %q, want %q: %v", got, pos, err)
	}
	stop()
	<-done
	got, err := x.Position()
	if err != nil {
		t.Fatal(err)
	}
	raw, err := json.Marshal(childAnswer{Pos: got, Docs: dump(t, x), Answers: answers(t, x, actor)})
	if err != nil {
		t.Fatal(err)
	}
	fmt.Printf("%s%s\n", followResult, raw)
}

// answers runs the queries assertSameAnswers compares and renders each
// answer (hits, total, facets) as text.
func answers(t *testing.T, x *Index, actor string) []string {
	t.Helper()
	var out []string
	for _, q := range []Query{
		{Text: "预算 competitor prices", Facets: true},
		{Text: "价", PageSize: 20},
		{Kinds: []Kind{KindObjection}, PageSize: 20, Sort: SortDate},
	} {
		r, err := x.Search(context.Background(), actor, q)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprint(ids(r), r.Total, r.Facets))
	}
	return out
}

// hint returns when src signals a write, after d, or when ctx ends,
// whichever comes first.
func hint(ctx context.Context, src ChangeNotifier, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-src.Committed():
	case <-t.C:
	case <-ctx.Done():
	}
}

// syncTo syncs x until it has applied the feed up to pos, rechecking when
// the source signals a write or after a short wait, until ctx ends.
func syncTo(ctx context.Context, x *Index, src ChangeNotifier, pos string) error {
	for {
		if err := x.Sync(ctx); err != nil {
			return err
		}
		got, err := x.Position()
		if err != nil {
			return err
		}
		if got == pos {
			return nil
		}
		hint(ctx, src, 100*time.Millisecond) // a hint; Sync reads the feed either way
		if ctx.Err() != nil {
			return fmt.Errorf("at %q, want %q: %w", got, pos, ctx.Err())
		}
	}
}
