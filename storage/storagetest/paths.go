package storagetest

import (
	"errors"
	"maps"
	"slices"
	"testing"
	"time"

	"github.com/dealtrail/dealtrail/salesrec"
)

// testFieldPaths: a field has one error path whichever call wrote it. A
// targeted write (LogInteraction, AddRemark, SetActionStatus,
// CloseEngagement, ReopenEngagement) names its fields by their place in the
// engagement, as CreateEngagement and UpdateEngagement do, so a host maps an
// error to one form field: LogInteraction's bad topic is
// "interactions[N].topic", N being the index the interaction would take.
func testFieldPaths(t *testing.T, w *world) {
	base := w.create(t, w.rep1, w.engagement(w.rep1, w.custA1, w.today(3)))
	n := len(base.Interactions) // the index a logged interaction would take
	if n != 1 || len(base.Remarks) != 0 || len(base.Actions) != 1 {
		t.Fatalf("fixture has %d interactions, %d remarks, %d actions; the paths below assume 1, 0, 1",
			n, len(base.Remarks), len(base.Actions))
	}
	won := w.create(t, w.rep1, w.engagement(w.rep1, w.custA1, w.today(3)))
	terminated := w.create(t, w.rep1, w.engagement(w.rep1, w.custA1, w.today(3)))
	terminated, err := w.s.CloseEngagement(w.ctx, w.rep1.ID, terminated.ID, terminated.Version, salesrec.StatusTerminated,
		salesrec.Outcome{Reason: "预算调整,暂缓采购", ReasonCategory: salesrec.ReasonBudget})
	noErr(t, err, "close")

	logWith := func(edit func(in *salesrec.Interaction)) error {
		in := interaction(w.clock.Now().Add(-2*time.Hour), w.rep1, "客户询问数据迁移的周期和费用")
		edit(&in)
		_, err := w.s.LogInteraction(w.ctx, w.rep1.ID, base.ID, base.Version, in)
		return err
	}
	cases := []struct {
		name string
		call func() error
		want []string
	}{
		{"CreateEngagement: blank topic", func() error {
			e := w.engagement(w.rep1, w.custA1, w.today(3))
			e.Interactions[0].Topic = ""
			_, err := w.s.CreateEngagement(w.ctx, w.rep1.ID, e)
			return err
		}, []string{"interactions[0].topic"}},
		{"UpdateEngagement: blank topic", func() error {
			e := base
			e.Interactions = slices.Clone(e.Interactions)
			e.Interactions[0].Topic = ""
			_, err := w.s.UpdateEngagement(w.ctx, w.rep1.ID, e)
			return err
		}, []string{"interactions[0].topic"}},
		{"LogInteraction: blank topic", func() error {
			return logWith(func(in *salesrec.Interaction) { in.Topic = "" })
		}, []string{"interactions[1].topic"}},
		{"LogInteraction: a NUL in the topic", func() error {
			return logWith(func(in *salesrec.Interaction) { in.Topic = "方案\x00演示" })
		}, []string{"interactions[1].topic"}},
		{"LogInteraction: an objection without handling", func() error {
			return logWith(func(in *salesrec.Interaction) {
				in.Points = append(in.Points, salesrec.Point{Speaker: salesrec.SpeakerCustomer, Kind: salesrec.PointObjection,
					Text: "担心系统稳定性", Result: "客户认可"})
			})
		}, []string{"interactions[1].points[1].handling"}},
		{"AddRemark: blank text", func() error {
			_, err := w.s.AddRemark(w.ctx, w.rep1.ID, base.ID, base.Version, salesrec.Remark{Text: " "})
			return err
		}, []string{"remarks[0].text"}},
		{"AddRemark: a NUL in the text", func() error {
			_, err := w.s.AddRemark(w.ctx, w.rep1.ID, base.ID, base.Version, salesrec.Remark{Text: "法务\x00审核"})
			return err
		}, []string{"remarks[0].text"}},
		{"SetActionStatus: unknown status", func() error {
			_, err := w.s.SetActionStatus(w.ctx, w.rep1.ID, base.ID, base.Version, base.Actions[0].ID, "finished")
			return err
		}, []string{"actions[0].status"}},
		{"CloseEngagement: won without amount or date", func() error {
			_, err := w.s.CloseEngagement(w.ctx, w.rep1.ID, won.ID, won.Version, salesrec.StatusWon, salesrec.Outcome{})
			return err
		}, []string{"outcome.amount", "outcome.signed_on"}},
		{"CloseEngagement: a NUL in the reason", func() error {
			_, err := w.s.CloseEngagement(w.ctx, w.rep1.ID, won.ID, won.Version, salesrec.StatusTerminated,
				salesrec.Outcome{Reason: "预算\x00调整", ReasonCategory: salesrec.ReasonBudget})
			return err
		}, []string{"outcome.reason"}},
		{"ReopenEngagement: blank reason", func() error {
			_, err := w.s.ReopenEngagement(w.ctx, w.rep1.ID, terminated.ID, terminated.Version, " ")
			return err
		}, []string{"reopen_reason"}},
		{"ReopenEngagement: a NUL in the reason", func() error {
			_, err := w.s.ReopenEngagement(w.ctx, w.rep1.ID, terminated.ID, terminated.Version, "客户\x00追加")
			return err
		}, []string{"reopen_reason"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.call()
			var ve *salesrec.ValidationError
			if !errors.As(err, &ve) || !errors.Is(err, salesrec.ErrInvalid) {
				t.Fatalf("err = %v, want a *ValidationError", err)
			}
			got := slices.Sorted(maps.Keys(ve.Fields))
			if !slices.Equal(got, tc.want) {
				t.Fatalf("fields %v (%v), want %v", got, ve.Fields, tc.want)
			}
		})
	}
}
