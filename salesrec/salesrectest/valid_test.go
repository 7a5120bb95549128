package salesrectest_test

import (
	"testing"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/salesrec/salesrectest"
)

// TestGeneratedRecordsAreValid runs salesrec's own validation over thousands
// of generated records: everything the generator makes must be accepted.
func TestGeneratedRecordsAreValid(t *testing.T) {
	n := 5000
	if testing.Short() {
		n = 500
	}
	rules := salesrec.DefaultRules()
	failures := 0
	report := func(what string, i int, err error) {
		failures++
		if failures <= 10 {
			t.Errorf("%s of item %d is refused: %v", what, i, err)
		}
	}
	err := salesrectest.New(2026).Stream(n, func(it salesrectest.Item) error {
		if it.NewTeam {
			if err := it.Team.Validate(); err != nil {
				report("team", it.Index, err)
			}
			for _, m := range it.Members {
				if err := m.Validate(); err != nil {
					report("member", it.Index, err)
				}
			}
		}
		if it.NewCustomer {
			if err := it.Customer.Validate(); err != nil {
				report("customer", it.Index, err)
			}
		}
		if err := rules.Validate(it.Engagement); err != nil {
			report("engagement", it.Index, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if failures > 0 {
		t.Errorf("%d of %d generated records are refused", failures, n)
	}
}

// TestShapeIsHonoured checks the fixed shape the storage benchmarks rely on.
func TestShapeIsHonoured(t *testing.T) {
	g := salesrectest.New(5)
	team := g.Team()
	members := g.Members(team, 4)
	for i := range 200 {
		c := g.Customer(team)
		e := g.EngagementWith(team, members, c, salesrectest.Shape{Interactions: 1, Actions: 2, Status: salesrec.StatusOpen})
		if len(e.Interactions) != 1 || len(e.Actions) != 2 || e.Status != salesrec.StatusOpen || e.Outcome != nil {
			t.Fatalf("engagement %d: %d interactions, %d actions, status %s, outcome %v; want 1, 2, open, none",
				i, len(e.Interactions), len(e.Actions), e.Status, e.Outcome)
		}
		if err := e.Validate(); err != nil {
			t.Fatalf("engagement %d is refused: %v", i, err)
		}
	}
}

// TestValidationIsLive guards the validity test itself: a generated record
// spoiled the way the template forbids must be refused, or the test above
// would pass against a validator that accepts everything.
func TestValidationIsLive(t *testing.T) {
	g := salesrectest.New(9)
	team := g.Team()
	members := g.Members(team, 3)
	e := g.EngagementWith(team, members, g.Customer(team), salesrectest.Shape{Actions: 1})
	e.Actions[0].What = "跟进"
	if err := salesrec.DefaultRules().Validate(e); err == nil {
		t.Fatal(`an action that only says "跟进" was accepted`)
	}
}
