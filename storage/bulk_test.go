package storage

import (
	"testing"
	"time"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/salesrec/salesrectest"
)

// BenchmarkPrepareCreate is BulkInsert's work per engagement before the
// transaction (stamping, the text guard, validation, the JSON document and
// the create history entry): the part of a bulk load that is dealtrail's
// own and no database's. Run it with -cpu 1 to read the cost per core.
func BenchmarkPrepareCreate(b *testing.B) {
	rules := salesrec.DefaultRules()
	stamp := rules
	stamp.VagueActions, stamp.VagueContent = nil, nil
	s := &Store{rules: rules.Prepared(), stampRules: stamp.Prepared()}
	g := salesrectest.New(3)
	team := g.Team()
	members := g.Members(team, 8)
	es := make([]salesrec.Engagement, 200)
	for i := range es {
		es[i] = g.Engagement(team, members, g.Customer(team))
	}
	a, now := actor{ID: members[0].ID, TeamID: team.ID, Role: members[0].Role}, time.Now()
	for i := 0; b.Loop(); i++ {
		if _, _, err := s.prepareCreate(a, es[i%len(es)], now); err != nil {
			b.Fatal(err)
		}
	}
}
