package storagetest

import (
	"testing"
	"time"

	"github.com/dealtrail/dealtrail/salesrec"
)

func testHistory(t *testing.T, w *world) {
	v1 := w.create(t, w.rep1, w.engagement(w.rep1, w.custA1, w.today(3)))
	w.clock.Advance(time.Hour)
	v2 := v1
	v2.Goal = "推动客户确认方案"
	v2, err := w.s.UpdateEngagement(w.ctx, w.rep1.ID, v2)
	noErr(t, err, "update")
	w.clock.Advance(time.Hour)
	v3, err := w.s.SetActionStatus(w.ctx, w.managerA.ID, v1.ID, v2.Version, v1.Actions[0].ID, salesrec.ActionInProgress)
	noErr(t, err, "action status")
	v4, err := w.s.AddRemark(w.ctx, w.rep1.ID, v1.ID, v3.Version, salesrec.Remark{Text: "法务已审核合同第三条", Collaboration: salesrec.CollabLegalReview})
	noErr(t, err, "remark")
	v5, err := w.s.CloseEngagement(w.ctx, w.rep1.ID, v1.ID, v4.Version, salesrec.StatusTerminated,
		salesrec.Outcome{Reason: "预算调整,暂缓采购", ReasonCategory: salesrec.ReasonBudget})
	noErr(t, err, "close")
	v6, err := w.s.ReopenEngagement(w.ctx, w.managerA.ID, v1.ID, v5.Version, "客户重新获批预算")
	noErr(t, err, "reopen")
	w.clock.Advance(time.Hour)
	v7, err := w.s.LogInteraction(w.ctx, w.rep1.ID, v1.ID, v6.Version, interaction(w.clock.Now().Add(-time.Hour), w.rep1, "客户询问三年运维费用如何计算"))
	noErr(t, err, "log interaction")

	hist, err := w.s.History(w.ctx, w.rep1.ID, v1.ID)
	noErr(t, err, "History")
	wantOps := []struct {
		op    salesrec.Op
		actor salesrec.Member
		field string // one field the entry must record
	}{
		{salesrec.OpCreate, w.rep1, "goal"},
		{salesrec.OpUpdate, w.rep1, "goal"},
		{salesrec.OpActionStatus, w.managerA, "actions[0].status"},
		{salesrec.OpRemark, w.rep1, "remarks[0].text"},
		{salesrec.OpClose, w.rep1, "status"},
		{salesrec.OpReopen, w.managerA, "reopen_reason"},
		{salesrec.OpInteraction, w.rep1, "interactions[1].topic"},
	}
	if len(hist) != len(wantOps) {
		t.Fatalf("%d history entries, want %d", len(hist), len(wantOps))
	}
	versions := []salesrec.Engagement{v1, v2, v3, v4, v5, v6, v7}
	for i, h := range hist {
		want := wantOps[i]
		if h.Op != want.op || h.ActorID != want.actor.ID || h.Version != int64(i+1) || h.EngagementID != v1.ID {
			t.Fatalf("entry %d: op %q actor %q version %d, want %q %q %d", i, h.Op, h.ActorID, h.Version, want.op, want.actor.ID, i+1)
		}
		if !h.At.Equal(versions[i].UpdatedAt) {
			t.Fatalf("entry %d at %v, want %v", i, h.At, versions[i].UpdatedAt)
		}
		found := false
		for _, c := range h.Changes {
			if c.Field == want.field {
				found = true
			}
		}
		if !found {
			t.Fatalf("entry %d (%s) does not record %s: %+v", i, h.Op, want.field, h.Changes)
		}
		if i > 0 && h.Seq <= hist[i-1].Seq {
			t.Fatalf("entry %d: seq %d after %d", i, h.Seq, hist[i-1].Seq)
		}
	}
	for i, v := range versions {
		got, err := salesrec.Replay(hist, int64(i+1))
		noErr(t, err, "Replay")
		sameJSON(t, got, v, "engagement rebuilt from history at version "+v.UpdatedAt.String())
	}

	_, err = w.s.History(w.ctx, w.rep3.ID, v1.ID)
	wantErr(t, err, salesrec.ErrNotFound, "history of an engagement the rep may not see")
	_, err = w.s.History(w.ctx, w.managerB.ID, v1.ID)
	wantErr(t, err, salesrec.ErrNotFound, "history of another team's engagement")
}

func testHistoryAppendOnly(t *testing.T, w *world) {
	e := w.create(t, w.rep1, w.engagement(w.rep1, w.custA1, w.today(3)))
	w.refuse(t, e.ID, []rawStatement{
		{"", `UPDATE dealtrail_history SET actor_id = 'someone-else' WHERE engagement_id = ?`},
		{"", `DELETE FROM dealtrail_history WHERE engagement_id = ?`},
	})
	hist, err := w.s.History(w.ctx, w.rep1.ID, e.ID)
	noErr(t, err, "History")
	if len(hist) != 1 || hist[0].ActorID != w.rep1.ID {
		t.Fatalf("history changed: %+v", hist)
	}
}
