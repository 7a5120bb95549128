package kb

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dealtrail/dealtrail/storage"
	"github.com/dealtrail/dealtrail/storage/sqlite"
)

// Environment of the crash child (TestCrashChild).
const (
	crashDBEnv      = "DEALTRAIL_KB_CRASH_DB"
	crashIndexEnv   = "DEALTRAIL_KB_CRASH_INDEX"
	crashLine       = "kbcrash: batch committed"
	crashBegun      = "kbcrash: syncing"
	crashCommitting = "kbcrash: committing"
	crashDone       = "kbcrash: done"
)

// TestCrashDuringSync kills a syncing process with SIGKILL at varied
// points, then reopens its index, syncs, and requires the result to equal
// a fresh index built from the same store.
func TestCrashDuringSync(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "dealtrail.db")
	indexDir := filepath.Join(dir, "kb")
	s := openSQLite(t, dbPath)
	w := newWorld(t, s, "华东")
	for i := range 4 {
		w.addEngagement(t, i)
	}

	const rounds = 22
	killed := 0 // rounds whose child was killed before it finished
	for round := range rounds {
		// New work for this round: engagements to add and lessons to
		// rewrite, so the child always has several batches to commit.
		for range 3 {
			w.addEngagement(t, len(w.engagements))
		}
		for j := range 2 {
			w.rewrite(t, (round*2+j)%len(w.engagements), (round+j)%4 == 0)
		}
		// Kill after the k-th batch was committed, or (odd rounds) as the
		// k-th batch is being committed; k = 0 kills as the sync begins.
		k := round % 8
		during := round%2 == 1
		if runAndKill(t, dbPath, indexDir, k, during) {
			killed++
		}

		x, err := Open(indexDir, s, Options{})
		if err != nil {
			t.Fatalf("round %d: reopen after SIGKILL: %v", round, err)
		}
		if err := x.Sync(context.Background()); err != nil {
			t.Fatalf("round %d: sync after SIGKILL: %v", round, err)
		}
		fresh, err := Open(filepath.Join(dir, fmt.Sprintf("fresh-%d", round)), s, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if err := fresh.Sync(context.Background()); err != nil {
			t.Fatal(err)
		}
		assertSameIndex(t, fresh, x)
		assertSameAnswers(t, fresh, x, w.manager.ID)
		if err := x.Close(); err != nil {
			t.Fatal(err)
		}
		if err := fresh.Close(); err != nil {
			t.Fatal(err)
		}
		if t.Failed() {
			t.Fatalf("round %d (kill at batch %d, during commit: %v) diverged from a fresh rebuild", round, k, during)
		}
	}
	if killed < 20 {
		t.Errorf("only %d of %d children were killed in the middle of a sync", killed, rounds)
	}
	t.Logf("%d of %d syncs killed mid-way; each recovered to a fresh rebuild's state", killed, rounds)
}

// runAndKill starts the crash child on the shared store and index and
// kills it with SIGKILL right after it reports its k-th committed batch,
// or when during is set, right as it starts committing its k-th batch.
// It reports whether the kill came before the child finished its sync.
func runAndKill(t *testing.T, dbPath, indexDir string, k int, during bool) bool {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashDBEnv+"="+dbPath, crashIndexEnv+"="+indexDir)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := bufio.NewScanner(out)
	seen, begun, finished := 0, false, false
	for lines.Scan() {
		line := lines.Text()
		switch {
		case strings.HasPrefix(line, crashLine) && !during,
			strings.HasPrefix(line, crashCommitting) && during:
			seen++
		case line == crashBegun:
			begun = true
		case line == crashDone:
			finished = true
		}
		if finished || (begun && seen >= k) {
			break
		}
	}
	_ = cmd.Process.Kill() // SIGKILL on Unix
	// Drain what the child printed between the last line read and the
	// kill (the pipe ends when it dies): a "done" there means it finished
	// first.
	for lines.Scan() {
		if lines.Text() == crashDone {
			finished = true
		}
	}
	_ = cmd.Wait()
	return !finished
}

// TestCrashChild is the process TestCrashDuringSync kills. It only runs
// when started by that test.
func TestCrashChild(t *testing.T) {
	dbPath, indexDir := os.Getenv(crashDBEnv), os.Getenv(crashIndexEnv)
	if dbPath == "" || indexDir == "" {
		t.Skip("helper process of TestCrashDuringSync")
	}
	s, err := sqlite.Open(context.Background(), dbPath, sqlite.Options{Options: storage.Options{Clock: storeClock, SkipMigrate: true}})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	x, err := Open(indexDir, s, Options{FeedPage: 1, Committed: func(pos string, _ int) {
		fmt.Printf("%s %s\n", crashLine, pos)
	}})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	x.beforeCommit = func() { fmt.Println(crashCommitting) }
	x.gatherLimit = 1 // commit every page on its own, so kills land between pages
	fmt.Println(crashBegun)
	if err := x.Sync(context.Background()); err != nil {
		t.Fatal(err)
	}
	fmt.Println(crashDone)
}

// assertSameAnswers runs a set of searches on both indexes and requires
// identical hits, totals and facets.
func assertSameAnswers(t *testing.T, want, got *Index, actor string) {
	t.Helper()
	for _, q := range []Query{
		{Text: "预算 competitor prices", Facets: true},
		{Text: "价", PageSize: 20},
		{Kinds: []Kind{KindObjection}, PageSize: 20, Sort: SortDate},
	} {
		w, err := want.Search(context.Background(), actor, q)
		if err != nil {
			t.Fatal(err)
		}
		g, err := got.Search(context.Background(), actor, q)
		if err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(ids(g), g.Total, g.Facets) != fmt.Sprint(ids(w), w.Total, w.Facets) {
			t.Errorf("%q answers differ:\n got %v %d %v\nwant %v %d %v", q.Text, ids(g), g.Total, g.Facets, ids(w), w.Total, w.Facets)
		}
	}
}
