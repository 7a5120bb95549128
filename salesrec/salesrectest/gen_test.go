package salesrectest_test

import (
	"encoding/json"
	"testing"

	"github.com/dealtrail/dealtrail/salesrec/salesrectest"
)

// streamJSON returns the JSON of every item Stream yields.
func streamJSON(t *testing.T, g *salesrectest.Generator, n int) []string {
	t.Helper()
	var out []string
	err := g.Stream(n, func(it salesrectest.Item) error {
		b, err := json.Marshal(it)
		if err != nil {
			return err
		}
		out = append(out, string(b))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestSameSeedSameOutput(t *testing.T) {
	a := streamJSON(t, salesrectest.New(7), 300)
	b := streamJSON(t, salesrectest.New(7), 300)
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("item %d differs between two runs with seed 7:\n%s\n%s", i, a[i], b[i])
		}
	}
}

func TestDifferentSeedsDiffer(t *testing.T) {
	a := streamJSON(t, salesrectest.New(7), 20)
	b := streamJSON(t, salesrectest.New(8), 20)
	same := 0
	for i := range a {
		if a[i] == b[i] {
			same++
		}
	}
	if same > 0 {
		t.Errorf("%d of %d items are identical for seeds 7 and 8", same, len(a))
	}
}

func TestStreamPrefixDoesNotDependOnN(t *testing.T) {
	short := streamJSON(t, salesrectest.New(3), 50)
	long := streamJSON(t, salesrectest.New(3), 120)
	for i := range short {
		if short[i] != long[i] {
			t.Fatalf("item %d of Stream(50) differs from item %d of Stream(120)", i, i)
		}
	}
}

func TestSingleCallsAreDeterministic(t *testing.T) {
	build := func() string {
		g := salesrectest.New(11)
		team := g.Team()
		members := g.Members(team, 5)
		c := g.Customer(team)
		e := g.Engagement(team, members, c)
		b, err := json.Marshal([]any{team, members, c, e})
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	if a, b := build(), build(); a != b {
		t.Errorf("same seed, different output:\n%s\n%s", a, b)
	}
}

func TestStreamStopsAtCallbackError(t *testing.T) {
	stop := errStop{}
	seen := 0
	err := salesrectest.New(1).Stream(100, func(salesrectest.Item) error {
		seen++
		if seen == 10 {
			return stop
		}
		return nil
	})
	if err != stop {
		t.Fatalf("Stream returned %v, want the callback's error", err)
	}
	if seen != 10 {
		t.Errorf("callback ran %d times after returning an error at 10", seen)
	}
}

type errStop struct{}

func (errStop) Error() string { return "stop" }
