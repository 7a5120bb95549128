package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/dealtrail/dealtrail/examples/bench/internal/harness"
	"github.com/dealtrail/dealtrail/storage/storagetest"
)

// TestMain lets the harness re-run this test binary as a memory child.
func TestMain(m *testing.M) {
	if harness.IsChild() {
		if err := harness.RunChild(context.Background(), os.Stdout); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestSmoke runs the whole harness at a tiny size (120 engagements): every row must be there
// with a finite, positive ratio. It does not check the targets: a tiny data
// set on a shared machine says nothing about them.
func TestSmoke(t *testing.T) {
	args := []string{"-size", "120", "-samples", "5", "-mem", "120", "-verify", "-dir", t.TempDir()}
	dsn := storagetest.PostgresDSN(t) // "" leaves the PostgreSQL rows out
	if dsn != "" {
		args = append(args, "-pg", dsn)
	}
	var out bytes.Buffer
	rep, err := run(context.Background(), args, &out, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{
		"sqlite": {"bulk insert (batches of 1000)", "save (1 interaction + 2 actions)", "action status change", "get by id", "list page of 50", "team overdue actions"},
		"kb":     {"sync", "plain search", "plain search, bare with the same synonyms", "filtered search + 2 facets"},
		"memory": {"bulk insert, sqlite, 120 engagements", "kb rebuild, 120 engagements"},
	}
	if dsn != "" {
		want["postgres"] = want["sqlite"]
	}
	for area, ops := range want {
		for _, op := range ops {
			r, ok := rep.Find(area, op)
			if !ok {
				t.Errorf("report has no row %s / %s", area, op)
				continue
			}
			if x := r.Ratio(); math.IsNaN(x) || math.IsInf(x, 0) || x <= 0 {
				t.Errorf("%s / %s: ratio %v, want a finite positive number (dealtrail %+v, bare %+v)", area, op, x, r.DT, r.Base)
			}
		}
	}
	if !strings.Contains(out.String(), "| sqlite | get by id |") {
		t.Errorf("printed report lacks the get-by-id row:\n%s", out.String())
	}
}

func TestUpdateFileReplacesOnlyItsSection(t *testing.T) {
	path := t.TempDir() + "/b.md"
	prose := "# Benchmarks\n\nprose before\n"
	if err := os.WriteFile(path, []byte(prose), 0o644); err != nil {
		t.Fatal(err)
	}
	small := &harness.Report{Size: 7}
	for range 2 { // the second write must replace the first, not append
		if err := small.UpdateFile(path); err != nil {
			t.Fatal(err)
		}
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// Prose after the reports stays after them when a new size is added.
	if err := os.WriteFile(path, append(b, "\n## prose after\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := (&harness.Report{Size: 70}).UpdateFile(path); err != nil {
		t.Fatal(err)
	}
	if b, err = os.ReadFile(path); err != nil {
		t.Fatal(err)
	}
	s := string(b)
	if !strings.HasPrefix(s, prose) {
		t.Errorf("prose before the section changed:\n%s", s)
	}
	if n := strings.Count(s, "<!-- bench:begin size=7 -->"); n != 1 {
		t.Errorf("section 7 appears %d times, want once:\n%s", n, s)
	}
	i7, i70, after := strings.Index(s, "size=7 -->"), strings.Index(s, "<!-- bench:begin size=70 -->"), strings.Index(s, "## prose after")
	if i7 < 0 || i70 < i7 || after < i70 {
		t.Errorf("want section 7, then section 70, then the prose after them:\n%s", s)
	}
}

func TestMemSizes(t *testing.T) {
	for _, c := range []struct {
		in   string
		want string
		err  bool
	}{
		{"", "[500]", false},
		{"none", "[]", false},
		{"10000, 100000", "[10000 100000]", false},
		{"10k", "", true},
		{"0", "", true},
	} {
		got, err := memSizes(c.in, 500)
		if (err != nil) != c.err {
			t.Errorf("memSizes(%q) error %v, want error %v", c.in, err, c.err)
			continue
		}
		if !c.err && fmt.Sprint(got) != c.want {
			t.Errorf("memSizes(%q) = %v, want %s", c.in, got, c.want)
		}
	}
}

// TestReuse runs twice on one work directory with -reuse: the first run
// loads (and has the bulk-insert row), the second reuses the store (no bulk
// row); neither run times writes or loads a store in a memory child.
func TestReuse(t *testing.T) {
	dir := t.TempDir()
	args := []string{"-size", "150", "-samples", "3", "-mem", "150", "-skip-workbook", "-reuse", "-dir", dir}
	for i := range 2 {
		rep, err := run(context.Background(), args, io.Discard, io.Discard)
		if err != nil {
			t.Fatalf("run %d: %v", i+1, err)
		}
		_, bulk := rep.Find("sqlite", "bulk insert (batches of 1000)")
		if want := i == 0; bulk != want {
			t.Errorf("run %d: bulk-insert row present %v, want %v", i+1, bulk, want)
		}
		// The kb rebuild child reads the kept store: no child loads one.
		if _, ok := rep.Find("memory", "bulk insert, sqlite, 150 engagements"); ok {
			t.Errorf("run %d: a -reuse run measured a bulk load in a child", i+1)
		}
		for _, op := range []string{"save (1 interaction + 2 actions)", "action status change"} {
			if _, ok := rep.Find("sqlite", op); ok {
				t.Errorf("run %d: a -reuse run timed the write %q", i+1, op)
			}
		}
		for _, op := range []string{"get by id", "list page of 50"} {
			if _, ok := rep.Find("sqlite", op); !ok {
				t.Errorf("run %d: row %q missing", i+1, op)
			}
		}
		if _, ok := rep.Find("memory", "kb rebuild, 150 engagements"); !ok {
			t.Errorf("run %d: kb rebuild memory row missing", i+1)
		}
		if _, ok := rep.Find("kb", "filtered search + 2 facets"); !ok {
			t.Errorf("run %d: kb rows missing", i+1)
		}
	}
}
