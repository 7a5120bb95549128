package salesrec_test

import (
	"encoding/json"
	"testing"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/salesrec/salesrectest"
)

// The rules run on every write, so their cost is part of every store
// benchmark; these isolate it.

func benchEngagement() salesrec.Engagement {
	g := salesrectest.New(7)
	team := g.Team()
	members := g.Members(team, 6)
	return g.Engagement(team, members, g.Customer(team))
}

func BenchmarkValidate(b *testing.B) {
	e, rules := benchEngagement(), salesrec.DefaultRules()
	for b.Loop() {
		if err := rules.Validate(e); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMarshal is the bare building block of the three above: the one
// encoding a store without dealtrail's rules does per engagement (the
// bench harness's bare bulk insert). Read Validate and
// MarshalWithCreateEntry against it.
func BenchmarkMarshal(b *testing.B) {
	e := benchEngagement()
	for b.Loop() {
		if _, err := json.Marshal(e); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMarshalWithCreateEntry(b *testing.B) {
	e := benchEngagement()
	for b.Loop() {
		if _, _, err := salesrec.MarshalWithCreateEntry(e); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCreateChanges(b *testing.B) {
	e := benchEngagement()
	for b.Loop() {
		if _, err := salesrec.CreateChanges(e); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDiff(b *testing.B) {
	before := benchEngagement()
	after := before
	after.Goal += "(已更新)"
	for b.Loop() {
		if _, err := salesrec.Diff(before, after); err != nil {
			b.Fatal(err)
		}
	}
}
