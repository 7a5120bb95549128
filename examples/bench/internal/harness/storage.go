package harness

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/salesrec/salesrectest"
	"github.com/dealtrail/dealtrail/storage"
)

// backend is one database measured: a dealtrail store and, in a separate
// database or schema with the same migrations, the bare side.
type backend struct {
	name string
	dt   *storage.Store
	// dtDB opens another pool on the dealtrail database, for verifyRows.
	dtDB func() (*sql.DB, error)
	bare *bareSQL
}

// team is what the timed operations need of a loaded team.
type team struct {
	id, manager string
	loc         *time.Location
	// industry is that of the team's first customer, for filtered searches.
	industry string
}

// target is an engagement picked for the get and status-change samples.
type target struct {
	id, manager, action string
}

// loaded is what loading left for the timed operations.
type loaded struct {
	teams []team
	// gets and changes are uniform samples of the loaded engagements: any
	// for gets, open ones with a not-done action for status changes.
	gets, changes []target
	// last is the last team and customer, for the single saves.
	lastTeam     salesrec.Team
	lastMembers  []salesrec.Member
	lastCustomer salesrec.Customer
	bulkDT       Measure
	bulkBare     Measure
}

// loadStorage loads cfg.Size engagements into both sides of be and returns
// the bulk-insert row with what the timed operations need.
func loadStorage(ctx context.Context, cfg Config, be backend) (Row, *loaded, error) {
	cfg.logf("%s: loading %d engagements (bulk, batches of %d)", be.name, cfg.Size, BatchSize)
	ld, err := load(ctx, cfg, be)
	if err != nil {
		return Row{}, nil, fmt.Errorf("%s: loading: %w", be.name, err)
	}
	return Row{
		Area: be.name, Op: fmt.Sprintf("bulk insert (batches of %d)", BatchSize), Kind: Throughput,
		Bare: "multi-row INSERT of the same rows, one transaction per batch", DT: ld.bulkDT, Base: ld.bulkBare, Target: atLeast(0.6),
	}, ld, nil
}

// The storage operations that write.
const (
	opSave         = "save (1 interaction + 2 actions)"
	opStatusChange = "action status change"
)

// measureStorage times every storage operation on both sides of a loaded
// backend; without writes it leaves out the operations that change the
// store.
func measureStorage(ctx context.Context, cfg Config, be backend, ld *loaded, writes bool) ([]Row, error) {
	var rows []Row
	now := cfg.Now
	if now.IsZero() {
		now = salesrectest.DefaultOptions().Now
	}
	n := cfg.samples()
	steps := []struct {
		op, bare string
		kind     Kind
		target   Target
		run      func(i int) (dt, bare func() error)
	}{
		{opSave, "INSERT engagement, participants, interaction, actions, history, feed; COMMIT", Throughput, atLeast(0.5), saveStep(ctx, cfg, be, ld)},
		{opStatusChange, "SELECT doc; UPDATE doc + action row; INSERT history, feed; COMMIT", Latency, Target{}, func(i int) (func() error, func() error) {
			t := ld.changes[i%len(ld.changes)]
			return func() error {
					_, err := be.dt.SetActionStatus(ctx, t.manager, t.id, 1, t.action, salesrec.ActionDone)
					return err
				}, func() error {
					return be.bare.setActionStatus(ctx, t.manager, t.id, t.action, salesrec.ActionDone, time.Now().UTC())
				}
		}},
		{"get by id", "prepared SELECT doc WHERE id = ?; decode", Latency, atMost(2), func(i int) (func() error, func() error) {
			t := ld.gets[i%len(ld.gets)]
			return func() error { _, err := be.dt.Engagement(ctx, t.manager, t.id); return err },
				func() error { _, err := be.bare.get(ctx, t.id); return err }
		}},
		{"list page of 50", "SELECT … WHERE team_id = ? ORDER BY updated_at DESC, id DESC LIMIT 51; decode 50", Latency, atMost(2), func(i int) (func() error, func() error) {
			t := ld.teams[i%len(ld.teams)]
			return func() error {
					_, err := be.dt.ListEngagements(ctx, t.manager, storage.Filter{TeamID: t.id}, storage.PageRequest{Limit: 50})
					return err
				},
				func() error { _, err := be.bare.list(ctx, t.id, 50); return err }
		}},
		{"team overdue actions", "SELECT action rows WHERE team_id, not done, engagement open, deadline < today (partial index)", Latency, atMost(2), func(i int) (func() error, func() error) {
			t := ld.teams[i%len(ld.teams)]
			return func() error {
					_, err := be.dt.Actions(ctx, t.manager, storage.ActionQuery{TeamID: t.id, At: now, Overdue: true})
					return err
				},
				func() error { _, err := be.bare.overdue(ctx, t.id, salesrec.DateOf(now.In(t.loc))); return err }
		}},
		{"team review (周复盘)", "8 SELECTs in one read transaction: due actions, late contacts, commitments with the latest deadline, silent, no lessons, 3 pipeline groups", Latency, atMost(2), func(i int) (func() error, func() error) {
			t := ld.teams[i%len(ld.teams)]
			return func() error {
					_, err := be.dt.Review(ctx, t.manager, storage.ReviewQuery{TeamID: t.id, At: now})
					return err
				},
				func() error {
					_, err := be.bare.review(ctx, t.id, salesrec.NewReviewWindow(now, t.loc, salesrec.ReviewSettings{}))
					return err
				}
		}},
	}
	for _, s := range steps {
		if !writes && (s.op == opSave || s.op == opStatusChange) {
			continue
		}
		count := n
		if s.op == opStatusChange {
			count = min(n, len(ld.changes)) // each engagement changes once, from version 1
		}
		if count == 0 {
			continue
		}
		cfg.logf("%s: %s ×%d", be.name, s.op, count)
		var tdt, tbare Timings
		warm := warmups(count)
		if s.op == opStatusChange {
			warm = 0 // every sample is a different engagement: nothing to warm
		}
		for i := range warm + count {
			dt, bare := s.run(i)
			if i < warm {
				if err := dt(); err != nil {
					return nil, fmt.Errorf("%s: %s (dealtrail, warm-up): %w", be.name, s.op, err)
				}
				if err := bare(); err != nil {
					return nil, fmt.Errorf("%s: %s (bare, warm-up): %w", be.name, s.op, err)
				}
				continue
			}
			if err := pair(i, labelled("dealtrail", dt), labelled("bare", bare), &tdt, &tbare); err != nil {
				return nil, fmt.Errorf("%s: %s: %w", be.name, s.op, err)
			}
		}
		rows = append(rows, Row{Area: be.name, Op: s.op, Bare: s.bare, Kind: s.kind, DT: tdt.Measure(), Base: tbare.Measure(), Target: s.target})
		logRows(cfg, rows[len(rows)-1:])
	}
	return rows, nil
}

// labelled prefixes f's error with the side it ran on.
func labelled(side string, f func() error) func() error {
	return func() error {
		if err := f(); err != nil {
			return fmt.Errorf("%s: %w", side, err)
		}
		return nil
	}
}

// saveStep saves new engagements of one interaction and two actions of the
// last loaded customer, the same engagement on both sides.
func saveStep(ctx context.Context, cfg Config, be backend, ld *loaded) func(i int) (func() error, func() error) {
	g := salesrectest.New(cfg.Seed + 1)
	shape := salesrectest.Shape{Interactions: 1, Actions: 2, Status: salesrec.StatusOpen}
	actor := ld.lastMembers[0].ID
	return func(int) (func() error, func() error) {
		e := g.EngagementWith(ld.lastTeam, ld.lastMembers, ld.lastCustomer, shape)
		return func() error { _, err := be.dt.CreateEngagement(ctx, actor, e); return err },
			func() error {
				return be.bare.save(ctx, actor, []salesrec.Engagement{cloneEngagement(e)}, time.Now().UTC())
			}
	}
}

// cloneEngagement copies the slices bare.save may touch.
func cloneEngagement(e salesrec.Engagement) salesrec.Engagement {
	e.Interactions = slices.Clone(e.Interactions)
	e.Actions = slices.Clone(e.Actions)
	return e
}

// load streams cfg.Size engagements into both sides: teams, members and
// customers one by one (not timed), engagements in batches through the
// store's BulkInsert and the bare multi-row INSERT (timed, alternating which
// goes first). It keeps uniform samples of engagements for the timed
// operations.
func load(ctx context.Context, cfg Config, be backend) (*loaded, error) {
	smp := newSampler(cfg)
	var tdt, tbare Timings
	err := streamBatches(ctx, cfg, sink{
		team: func(t salesrec.Team, ms []salesrec.Member) error {
			if err := createTeam(ctx, be, t, ms); err != nil {
				return err
			}
			return smp.team(t, ms)
		},
		customer: func(actor string, c salesrec.Customer) error {
			if _, err := be.dt.CreateCustomer(ctx, actor, c); err != nil {
				return fmt.Errorf("dealtrail: creating customer: %w", err)
			}
			if err := be.bare.createCustomer(ctx, c); err != nil {
				return fmt.Errorf("bare: creating customer: %w", err)
			}
			return smp.customer(actor, c)
		},
		each: smp.each,
		insert: func(actor string, batch []salesrec.Engagement) error {
			bareBatch := make([]salesrec.Engagement, len(batch))
			for i, e := range batch {
				bareBatch[i] = cloneEngagement(e)
			}
			now := time.Now().UTC()
			dt := func() error { _, err := be.dt.BulkInsert(ctx, actor, batch); return err }
			bare := func() error { return be.bare.save(ctx, actor, bareBatch, now) }
			return pair(len(tdt.d), labelled("dealtrail", dt), labelled("bare", bare), &tdt, &tbare)
		},
	})
	if err != nil {
		return nil, err
	}
	ld := smp.ld
	ld.bulkDT, ld.bulkBare = tdt.Measure(), tbare.Measure()
	ld.bulkDT.N, ld.bulkBare.N = cfg.Size, cfg.Size // engagements, not batches
	ld.bulkDT.P50, ld.bulkDT.P95, ld.bulkDT.P99 = 0, 0, 0
	ld.bulkBare.P50, ld.bulkBare.P95, ld.bulkBare.P99 = 0, 0, 0
	return ld, smp.check(cfg)
}

// replay streams the data set of a store loaded earlier without writing
// anything, to collect what load would have left for the timed operations.
func replay(ctx context.Context, cfg Config) (*loaded, error) {
	smp := newSampler(cfg)
	err := streamBatches(ctx, cfg, sink{
		team:     smp.team,
		customer: smp.customer,
		each:     smp.each,
		insert:   func(string, []salesrec.Engagement) error { return nil },
	})
	if err != nil {
		return nil, err
	}
	return smp.ld, smp.check(cfg)
}

// sampler collects, while a data set streams, the teams and the uniform
// samples of engagements the timed operations use. The same seed gives
// the same samples, whether the stream is loaded or replayed.
type sampler struct {
	ld             *loaded
	pick           *rand.Rand
	n              int
	seen, seenOpen int
}

func newSampler(cfg Config) *sampler {
	return &sampler{ld: &loaded{}, pick: rand.New(rand.NewPCG(cfg.Seed, 17)), n: cfg.samples()}
}

func (s *sampler) team(t salesrec.Team, ms []salesrec.Member) error {
	loc, err := t.Location()
	if err != nil {
		return err
	}
	s.ld.teams = append(s.ld.teams, team{id: t.ID, manager: ms[0].ID, loc: loc})
	s.ld.lastTeam, s.ld.lastMembers = t, ms
	return nil
}

func (s *sampler) customer(_ string, c salesrec.Customer) error {
	s.ld.lastCustomer = c
	if t := &s.ld.teams[len(s.ld.teams)-1]; t.industry == "" {
		t.industry = c.Industry
	}
	return nil
}

func (s *sampler) each(actor string, e salesrec.Engagement) {
	// Reservoir samples: every engagement equally likely to be picked.
	s.seen++
	t := target{id: e.ID, manager: actor}
	if len(s.ld.gets) < s.n {
		s.ld.gets = append(s.ld.gets, t)
	} else if j := s.pick.IntN(s.seen); j < s.n {
		s.ld.gets[j] = t
	}
	if a := openAction(e); a != "" {
		s.seenOpen++
		t.action = a
		if len(s.ld.changes) < s.n {
			s.ld.changes = append(s.ld.changes, t)
		} else if j := s.pick.IntN(s.seenOpen); j < s.n {
			s.ld.changes[j] = t
		}
	}
}

func (s *sampler) check(cfg Config) error {
	if len(s.ld.gets) == 0 {
		return fmt.Errorf("no engagements loaded (size %d)", cfg.Size)
	}
	return nil
}

// openAction returns the id of a not-done action of an open engagement, or "".
func openAction(e salesrec.Engagement) string {
	if e.Status != salesrec.StatusOpen {
		return ""
	}
	for _, a := range e.Actions {
		if a.Status != salesrec.ActionDone {
			return a.ID
		}
	}
	return ""
}

// createTeam creates a team and its members on both sides.
func createTeam(ctx context.Context, be backend, t salesrec.Team, ms []salesrec.Member) error {
	if _, err := be.dt.CreateTeam(ctx, t); err != nil {
		return fmt.Errorf("dealtrail: creating team: %w", err)
	}
	for _, m := range ms {
		if _, err := be.dt.AddMember(ctx, m); err != nil {
			return fmt.Errorf("dealtrail: adding member: %w", err)
		}
	}
	if err := be.bare.createTeam(ctx, t, ms); err != nil {
		return fmt.Errorf("bare: creating team: %w", err)
	}
	return nil
}
