package storagetest

import (
	"encoding/json"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/salesrec/salesrectest"
	"github.com/dealtrail/dealtrail/storage"
	"github.com/dealtrail/dealtrail/storage/internal/dialect"
)

// Bench runs the storage benchmarks. Each operation has two
// sub-benchmarks in the same run: "dealtrail", through the store, and
// "bare", database/sql doing the equivalent rows on the same schema with
// values prepared in advance. Read benchmarks also report the 99th
// percentile latency (p99-ns). Everything runs with -benchtime=1x.
func Bench(b *testing.B, open Opener) {
	const seeded = 2000
	f := newBenchFixture(b, open, seeded)

	b.Run("Save", func(b *testing.B) {
		b.Run("dealtrail", func(b *testing.B) {
			es := f.fresh(b.N, salesrectest.Shape{Interactions: 1, Actions: 2, Status: salesrec.StatusOpen})
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := f.s.CreateEngagement(f.ctx, f.manager, es[i]); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("bare", func(b *testing.B) {
			rows := f.bareRows(b, f.fresh(b.N, salesrectest.Shape{Interactions: 1, Actions: 2, Status: salesrec.StatusOpen}))
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				f.bareInsert(b, rows[i:i+1])
			}
		})
	})

	b.Run("ActionStatus", func(b *testing.B) {
		b.Run("dealtrail", func(b *testing.B) {
			targets := f.pick(b.N)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				e, err := f.s.Engagement(f.ctx, f.manager, targets[i])
				if err != nil {
					b.Fatal(err)
				}
				next := salesrec.ActionDone
				if e.Actions[0].Status == next {
					next = salesrec.ActionInProgress
				}
				if _, err := f.s.SetActionStatus(f.ctx, f.manager, e.ID, e.Version, e.Actions[0].ID, next); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("bare", func(b *testing.B) {
			targets := f.pick(b.N)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				f.bareActionStatus(b, targets[i])
			}
		})
	})

	b.Run("Get", func(b *testing.B) {
		b.Run("dealtrail", func(b *testing.B) {
			targets := f.pick(b.N)
			latencies(b, func(i int) error {
				_, err := f.s.Engagement(f.ctx, f.manager, targets[i])
				return err
			})
		})
		b.Run("bare", func(b *testing.B) {
			targets := f.pick(b.N)
			q := f.rebind(`SELECT id, team_id, owner_id, customer_id, stage, status, version, created_at, updated_at, doc FROM dealtrail_engagements WHERE id = ?`)
			latencies(b, func(i int) error {
				var r dialect.EngagementRow
				return f.db.QueryRowxContext(f.ctx, q, targets[i]).StructScan(&r)
			})
		})
		// The same query plus decoding the document: what any program
		// storing engagements as JSON pays to hand one back.
		b.Run("bare_decode", func(b *testing.B) {
			targets := f.pick(b.N)
			q := f.rebind(`SELECT id, team_id, owner_id, customer_id, stage, status, version, created_at, updated_at, doc FROM dealtrail_engagements WHERE id = ?`)
			latencies(b, func(i int) error {
				var r dialect.EngagementRow
				if err := f.db.QueryRowxContext(f.ctx, q, targets[i]).StructScan(&r); err != nil {
					return err
				}
				var e salesrec.Engagement
				return json.Unmarshal([]byte(r.Doc), &e)
			})
		})
	})

	b.Run("ListPage50", func(b *testing.B) {
		b.Run("dealtrail", func(b *testing.B) {
			latencies(b, func(int) error {
				p, err := f.s.ListEngagements(f.ctx, f.manager, storage.Filter{Status: salesrec.StatusOpen}, storage.PageRequest{Limit: 50})
				if err == nil && len(p.Items) != 50 {
					err = fmt.Errorf("page of %d", len(p.Items))
				}
				return err
			})
		})
		b.Run("bare", func(b *testing.B) {
			q := f.rebind(`SELECT id, team_id, owner_id, customer_id, stage, status, version, created_at, updated_at, doc
				FROM dealtrail_engagements WHERE team_id = ? AND status = 'open' ORDER BY updated_at DESC, id DESC LIMIT 50`)
			latencies(b, func(int) error {
				var rows []dialect.EngagementRow
				return sqlx.SelectContext(f.ctx, f.db, &rows, q, f.team)
			})
		})
		b.Run("bare_decode", func(b *testing.B) {
			q := f.rebind(`SELECT id, team_id, owner_id, customer_id, stage, status, version, created_at, updated_at, doc
				FROM dealtrail_engagements WHERE team_id = ? AND status = 'open' ORDER BY updated_at DESC, id DESC LIMIT 50`)
			latencies(b, func(int) error {
				var rows []dialect.EngagementRow
				if err := sqlx.SelectContext(f.ctx, f.db, &rows, q, f.team); err != nil {
					return err
				}
				for _, r := range rows {
					var e salesrec.Engagement
					if err := json.Unmarshal([]byte(r.Doc), &e); err != nil {
						return err
					}
				}
				return nil
			})
		})
	})

	b.Run("TeamOverdue", func(b *testing.B) {
		at := f.clock.Now()
		b.Run("dealtrail", func(b *testing.B) {
			latencies(b, func(int) error {
				_, err := f.s.Actions(f.ctx, f.manager, storage.ActionQuery{At: at, Overdue: true})
				return err
			})
		})
		b.Run("bare", func(b *testing.B) {
			q := f.rebind(`SELECT a.engagement_id, a.customer_id, a.id, a.owner_id, a.deadline, a.what, a.status
				FROM dealtrail_actions a
				WHERE a.team_id = ? AND a.status <> 'done' AND a.engagement_status = 'open' AND a.deadline < ?
				ORDER BY a.deadline, a.engagement_id, a.id`)
			today := salesrec.DateOf(at.In(shanghai)).String()
			latencies(b, func(int) error {
				var rows []dialect.ActionRow
				return sqlx.SelectContext(f.ctx, f.db, &rows, q, f.team, today)
			})
		})
	})

	b.Run("Bulk10000", func(b *testing.B) {
		const n = 10000
		b.Run("dealtrail", func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				es := f.fresh(n, salesrectest.Shape{})
				b.StartTimer()
				if _, err := f.s.BulkInsert(f.ctx, f.manager, es); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "engagements/s")
		})
		b.Run("bare", func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				rows := f.bareRows(b, f.fresh(n, salesrectest.Shape{}))
				b.StartTimer()
				f.bareInsert(b, rows)
			}
			b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "engagements/s")
		})
	})
}

// latencies runs op b.N times and reports the 99th percentile latency.
func latencies(b *testing.B, op func(i int) error) {
	b.Helper()
	d := make([]time.Duration, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		if err := op(i); err != nil {
			b.Fatal(err)
		}
		d[i] = time.Since(t0)
	}
	b.StopTimer()
	slices.Sort(d)
	b.ReportMetric(float64(d[(len(d)*99)/100].Nanoseconds()), "p99-ns")
}
