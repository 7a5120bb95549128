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
	s, a, g := prepareFixture(salesrec.DefaultRules(), 3)
	es := make([]salesrec.Engagement, 200)
	for i := range es {
		es[i] = g.engagement()
	}
	now := time.Now()
	for i := 0; b.Loop(); i++ {
		if _, _, err := s.prepareCreate(a, es[i%len(es)], now); err != nil {
			b.Fatal(err)
		}
	}
}

// prepareCreate first stamps by the clock alone and validates the whole
// engagement once; it must accept exactly what the full sequence (each
// interaction validated by its stamp, then the whole) accepts, and refuse
// with the full sequence's error.
func TestPrepareCreateAcceptsWhatTheFullSequenceAccepts(t *testing.T) {
	rules := salesrec.DefaultRules()
	rules.LateMode = salesrec.LateRefuse
	s, a, g := prepareFixture(rules, 5)
	spoils := map[string]func(e *salesrec.Engagement, in *salesrec.Interaction){
		"nothing":          func(*salesrec.Engagement, *salesrec.Interaction) {},
		"blank topic":      func(_ *salesrec.Engagement, in *salesrec.Interaction) { in.Topic = " " },
		"vague point":      func(_ *salesrec.Engagement, in *salesrec.Interaction) { in.Points[0].Text = "有需求" },
		"no customer side": func(_ *salesrec.Engagement, in *salesrec.Interaction) { in.CustomerParticipants = nil },
		"in the future":    func(_ *salesrec.Engagement, in *salesrec.Interaction) { in.OccurredAt = time.Now().Add(48 * time.Hour) },
		"recorded too late": func(_ *salesrec.Engagement, in *salesrec.Interaction) {
			in.OccurredAt = time.Now().Add(-72 * time.Hour)
		},
		"late and blank topic": func(_ *salesrec.Engagement, in *salesrec.Interaction) {
			in.OccurredAt, in.Topic = time.Now().Add(-72*time.Hour), ""
		},
		"vague goal": func(e *salesrec.Engagement, _ *salesrec.Interaction) { e.Goal = "跟进客户" },
		"vague goal and no sales side": func(e *salesrec.Engagement, in *salesrec.Interaction) {
			e.Goal, in.SalesParticipants = "跟进客户", nil
		},
	}
	for name, spoil := range spoils {
		for k := range 5 {
			e := g.engagement()
			for i := range e.Interactions {
				e.Interactions[i].OccurredAt = time.Now().Add(-time.Hour) // not late
			}
			if len(e.Interactions) == 0 {
				continue
			}
			spoil(&e, &e.Interactions[0])
			now := time.Now()
			_, _, got := s.prepareCreate(a, e, now)
			_, want := s.prepareChecked(a, e, now, s.stampInWhole)
			if (got == nil) != (want == nil) || got != nil && got.Error() != want.Error() {
				t.Errorf("%s #%d: prepareCreate: %v; the full sequence: %v", name, k, got, want)
			}
			if (got == nil) != (name == "nothing") {
				t.Errorf("%s #%d: prepareCreate: %v", name, k, got)
			}
		}
	}
}

// prepareFixture is a store without a database, with rules as a store
// built with them has them, the manager of a generated team as the actor,
// and a generator of that team's engagements.
func prepareFixture(rules salesrec.Rules, seed uint64) (*Store, actor, teamGen) {
	stamp := rules
	stamp.VagueActions, stamp.VagueContent = nil, nil
	g := teamGen{Generator: salesrectest.New(seed)}
	g.team = g.Team()
	g.members = g.Members(g.team, 6)
	a := actor{ID: g.members[0].ID, TeamID: g.team.ID, Role: g.members[0].Role}
	return &Store{rules: rules.Prepared(), stampRules: stamp.Prepared()}, a, g
}

type teamGen struct {
	*salesrectest.Generator
	team    salesrec.Team
	members []salesrec.Member
}

func (g teamGen) engagement() salesrec.Engagement {
	return g.Engagement(g.team, g.members, g.Customer(g.team))
}
