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

// BenchmarkEncode sets what a store encodes for a new engagement (its
// document and create entry) against the bare building block: the one
// json.Marshal a bare insert does per engagement (the bench harness's bare
// bulk insert). Read BenchmarkValidate against json.Marshal too.
func BenchmarkEncode(b *testing.B) {
	e := benchEngagement()
	for _, c := range []struct {
		name   string
		encode func() error
	}{
		{"json.Marshal", func() error { _, err := json.Marshal(e); return err }},
		{"MarshalWithCreateEntry", func() error { _, _, err := salesrec.MarshalWithCreateEntry(e); return err }},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if err := c.encode(); err != nil {
					b.Fatal(err)
				}
			}
		})
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
