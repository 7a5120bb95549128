package storagetest

import (
	"fmt"
	"testing"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage"
)

// testOverdueListMatchesRule: the overdue list (Actions with Overdue set)
// holds exactly the actions salesrec's one rule, Action.IsOverdue, calls
// overdue — for open, won and terminated engagements alike — and Findings
// reports the same ones.
func testOverdueListMatchesRule(t *testing.T, w *world) {
	openE := w.create(t, w.rep1, w.engagement(w.rep1, w.custA1, w.today(-2)))
	won := w.create(t, w.rep1, w.engagement(w.rep1, w.custA1, w.today(-2)))
	_, err := w.s.CloseEngagement(w.ctx, w.rep1.ID, won.ID, won.Version, salesrec.StatusWon,
		salesrec.Outcome{Amount: salesrec.CNY(80000, 0), SignedOn: w.today(0)})
	noErr(t, err, "close as won")
	terminated := w.create(t, w.rep1, w.engagement(w.rep1, w.custA1, w.today(-2)))
	_, err = w.s.CloseEngagement(w.ctx, w.rep1.ID, terminated.ID, terminated.Version, salesrec.StatusTerminated,
		salesrec.Outcome{Reason: "预算调整,暂缓采购", ReasonCategory: salesrec.ReasonBudget})
	noErr(t, err, "close as terminated")
	notYet := w.create(t, w.rep1, w.engagement(w.rep1, w.custA1, w.today(1)))

	at := w.clock.Now()
	items, err := w.s.Actions(w.ctx, w.managerA.ID, storage.ActionQuery{At: at, Overdue: true})
	noErr(t, err, "Actions")
	listed := map[string]bool{}
	for _, it := range items {
		listed[it.EngagementID+"/"+it.Action.ID] = true
	}
	var ruled []string
	for _, id := range []string{openE.ID, won.ID, terminated.ID, notYet.ID} {
		e, err := w.s.Engagement(w.ctx, w.managerA.ID, id)
		noErr(t, err, "Engagement")
		found := map[string]bool{}
		for _, f := range salesrec.DefaultRules().Findings(e, at, shanghai) {
			if f.Code == salesrec.FindingOverdueAction {
				found[f.Item] = true
			}
		}
		for i, a := range e.Actions {
			key := e.ID + "/" + a.ID
			rule := a.IsOverdue(e.Status, at, shanghai)
			if rule {
				ruled = append(ruled, key)
			}
			if listed[key] != rule {
				t.Errorf("%s engagement, action due %s: listed as overdue %v, the rule says %v", e.Status, a.Deadline, listed[key], rule)
			}
			if item := fmt.Sprintf("actions[%d]", i); found[item] != rule {
				t.Errorf("%s engagement, action due %s: overdue finding %v, the rule says %v", e.Status, a.Deadline, found[item], rule)
			}
		}
	}
	if len(ruled) != 1 || len(listed) != 1 {
		t.Fatalf("want exactly the open engagement's action overdue; rule %v, list %v", ruled, listed)
	}
}
