package storagetest

import (
	"math"
	"testing"

	"github.com/dealtrail/dealtrail/salesrec"
)

// testAmountLimit: an amount above salesrec.MaxMinor is refused on every
// write that carries one, naming the field and leaving nothing behind; the
// largest amount itself is stored and read back exactly.
func testAmountLimit(t *testing.T, w *world) {
	e := w.create(t, w.rep1, w.engagement(w.rep1, w.custA1, w.today(3)))
	largest := salesrec.Money{Minor: salesrec.MaxMinor, Currency: "CNY"}
	over := salesrec.Money{Minor: salesrec.MaxMinor + 1, Currency: "CNY"}
	wonAt := func(m salesrec.Money) salesrec.Outcome { return salesrec.Outcome{Amount: m, SignedOn: w.today(0)} }
	wonEngagement := func(m salesrec.Money) salesrec.Engagement {
		x := w.engagement(w.rep1, w.custA2, w.today(3))
		x.Status = salesrec.StatusWon
		o := wonAt(m)
		x.Outcome = &o
		return x
	}

	before := w.footprint(t)
	cases := []struct {
		name, field string
		do          func() error
	}{
		{"closing won one fen above the largest amount", "outcome.amount", func() error {
			return second(w.s.CloseEngagement(w.ctx, w.rep1.ID, e.ID, e.Version, salesrec.StatusWon, wonAt(over)))
		}},
		{"closing won at the int64 maximum", "outcome.amount", func() error {
			return second(w.s.CloseEngagement(w.ctx, w.rep1.ID, e.ID, e.Version, salesrec.StatusWon,
				wonAt(salesrec.Money{Minor: math.MaxInt64, Currency: "CNY"})))
		}},
		{"creating a won engagement above the largest amount", "outcome.amount", func() error {
			return second(w.s.CreateEngagement(w.ctx, w.rep1.ID, wonEngagement(over)))
		}},
		{"bulk-inserting a won engagement above the largest amount", "", func() error {
			return second(w.s.BulkInsert(w.ctx, w.rep1.ID, []salesrec.Engagement{wonEngagement(largest), wonEngagement(over)}))
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.do()
			if tc.field != "" {
				err = namesField(err, tc.field)
			}
			wantErr(t, err, salesrec.ErrInvalid, tc.name)
		})
	}
	if after := w.footprint(t); after != before {
		t.Fatalf("refused amounts left a trace: before %+v, after %+v", before, after)
	}

	won, err := w.s.CloseEngagement(w.ctx, w.rep1.ID, e.ID, e.Version, salesrec.StatusWon, wonAt(largest))
	noErr(t, err, "closing won at the largest amount")
	bulk, err := w.s.BulkInsert(w.ctx, w.rep1.ID, []salesrec.Engagement{wonEngagement(largest)})
	noErr(t, err, "bulk-inserting a won engagement at the largest amount")
	for _, x := range []salesrec.Engagement{won, bulk[0]} {
		got, err := w.s.Engagement(w.ctx, w.managerA.ID, x.ID)
		noErr(t, err, "Engagement")
		if got.Outcome == nil || got.Outcome.Amount != largest {
			t.Fatalf("read back outcome %+v, want the amount %+v", got.Outcome, largest)
		}
		sameJSON(t, got, x, "engagement at the largest amount")
	}
}
