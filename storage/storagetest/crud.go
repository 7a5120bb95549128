package storagetest

import (
	"testing"
	"time"

	"github.com/dealtrail/dealtrail/salesrec"
)

func testTeamsAndMembers(t *testing.T, w *world) {
	got, err := w.s.Member(w.ctx, w.rep1.ID)
	noErr(t, err, "Member")
	sameJSON(t, got, w.rep1, "member")

	_, err = w.s.Member(w.ctx, "no-such-member")
	wantErr(t, err, salesrec.ErrNotFound, "Member of an unknown id")

	_, err = w.s.AddMember(w.ctx, salesrec.Member{TeamID: "no-such-team", Name: "某人", Role: salesrec.RoleRep})
	wantErr(t, err, salesrec.ErrInvalid, "AddMember to an unknown team")

	_, err = w.s.AddMember(w.ctx, salesrec.Member{TeamID: w.teamA.ID, Name: "某人", Role: "boss"})
	wantErr(t, err, salesrec.ErrInvalid, "AddMember with an unknown role")

	_, err = w.s.CreateTeam(w.ctx, salesrec.Team{ID: w.teamA.ID, Name: "重复"})
	wantErr(t, err, salesrec.ErrConflict, "CreateTeam with a taken id")

	_, err = w.s.CreateTeam(w.ctx, salesrec.Team{Name: "火星组", TimeZone: "Mars/Olympus"})
	wantErr(t, err, salesrec.ErrInvalid, "CreateTeam with an unknown zone")
}

func testCustomers(t *testing.T, w *world) {
	got, err := w.s.Customer(w.ctx, w.managerA.ID, w.custA1.ID)
	noErr(t, err, "Customer")
	sameJSON(t, got, w.custA1, "customer read by its team's manager")

	_, err = w.s.CreateCustomer(w.ctx, w.rep1.ID, newCustomer(w.custA1.Name, "制造业"))
	wantErr(t, err, salesrec.ErrConflict, "a second customer with the same name in the team")

	// The same name in another team is another customer.
	_, err = w.s.CreateCustomer(w.ctx, w.repB.ID, newCustomer(w.custA1.Name, "制造业"))
	noErr(t, err, "the same name in another team")

	upd := got
	upd.Industry = "智能制造"
	upd.ShortNames = []string{"星辰"}
	upd, err = w.s.UpdateCustomer(w.ctx, w.managerA.ID, upd)
	noErr(t, err, "UpdateCustomer")
	got, err = w.s.Customer(w.ctx, w.adminA.ID, upd.ID)
	noErr(t, err, "Customer after update")
	sameJSON(t, got, upd, "updated customer")

	_, err = w.s.Customer(w.ctx, w.managerB.ID, w.custA1.ID)
	wantErr(t, err, salesrec.ErrNotFound, "another team's customer")
	_, err = w.s.UpdateCustomer(w.ctx, w.managerB.ID, upd)
	wantErr(t, err, salesrec.ErrNotFound, "updating another team's customer")
	_, err = w.s.UpdateCustomer(w.ctx, w.rep3.ID, upd)
	wantErr(t, err, salesrec.ErrForbidden, "a rep who may not see the contacts updating the customer")
	_, err = w.s.CreateCustomer(w.ctx, w.rep1.ID, salesrec.Customer{Kind: salesrec.CustomerNew, Industry: "零售"})
	wantErr(t, err, salesrec.ErrInvalid, "a customer without a name")
}

func testEngagementRoundTrip(t *testing.T, w *world) {
	in := w.engagement(w.rep1, w.custA1, w.today(3), w.rep2)
	in.Proposal = &salesrec.Proposal{Summary: "实时数据中台+三个月驻场实施", Collaboration: []salesrec.Collaboration{salesrec.CollabTechnicalSupport}}
	in.Remarks = []salesrec.Remark{{Text: "技术支持已确认下周可安排测试环境", Collaboration: salesrec.CollabTechnicalSupport}}
	e := w.create(t, w.rep1, in)

	if e.ID == "" || e.Version != 1 || e.Status != salesrec.StatusOpen || e.TeamID != w.teamA.ID {
		t.Fatalf("created engagement: id %q version %d status %q team %q", e.ID, e.Version, e.Status, e.TeamID)
	}
	if !e.CreatedAt.Equal(w.clock.Now()) || !e.UpdatedAt.Equal(w.clock.Now()) {
		t.Fatalf("created/updated at %v/%v, want the clock's %v", e.CreatedAt, e.UpdatedAt, w.clock.Now())
	}
	if e.Interactions[0].ID == "" || e.Actions[0].ID == "" || e.Remarks[0].ID == "" {
		t.Fatal("the store did not give ids to the interaction, the action and the remark")
	}
	if !e.Interactions[0].RecordedAt.Equal(w.clock.Now()) {
		t.Fatalf("recorded at %v, want the store's clock %v", e.Interactions[0].RecordedAt, w.clock.Now())
	}
	if e.Remarks[0].AuthorID != w.rep1.ID || !e.Remarks[0].At.Equal(w.clock.Now()) {
		t.Fatalf("remark author %q at %v, want the actor at the clock's time", e.Remarks[0].AuthorID, e.Remarks[0].At)
	}
	got, err := w.s.Engagement(w.ctx, w.rep1.ID, e.ID)
	noErr(t, err, "Engagement")
	sameJSON(t, got, e, "engagement read back")

	w.clock.Advance(time.Hour)
	got.Goal = "推动客户确认方案"
	got.Needs = append(got.Needs, salesrec.Need{Class: salesrec.NeedExpected, Priority: salesrec.PriorityMedium, Content: "需要提供三年免费运维"})
	upd, err := w.s.UpdateEngagement(w.ctx, w.rep1.ID, got)
	noErr(t, err, "UpdateEngagement")
	if upd.Version != 2 || !upd.UpdatedAt.Equal(w.clock.Now()) || !upd.CreatedAt.Equal(e.CreatedAt) {
		t.Fatalf("after update: version %d updated %v created %v", upd.Version, upd.UpdatedAt, upd.CreatedAt)
	}
	if !upd.Interactions[0].RecordedAt.Equal(e.Interactions[0].RecordedAt) {
		t.Fatal("an update re-stamped an interaction already stored")
	}
	again, err := w.s.Engagement(w.ctx, w.managerA.ID, e.ID)
	noErr(t, err, "Engagement after update")
	sameJSON(t, again, upd, "updated engagement read back")

	outsider := again
	outsider.Actions = append(outsider.Actions, salesrec.Action{What: "安排伦敦团队演示", OwnerID: w.repB.ID, Deadline: w.today(5), Status: salesrec.ActionPending})
	_, err = w.s.UpdateEngagement(w.ctx, w.rep1.ID, outsider)
	wantErr(t, err, salesrec.ErrInvalid, "an update adding an action owned by someone outside the team")
	moved := again
	moved.CustomerID = w.custB.ID
	_, err = w.s.UpdateEngagement(w.ctx, w.rep1.ID, moved)
	wantErr(t, err, salesrec.ErrInvalid, "an update moving the engagement to another team's customer")

	_, err = w.s.Engagement(w.ctx, w.rep1.ID, "no-such-engagement")
	wantErr(t, err, salesrec.ErrNotFound, "an unknown engagement")

	dup := w.engagement(w.rep1, w.custA1, w.today(3))
	dup.ID = e.ID
	_, err = w.s.CreateEngagement(w.ctx, w.rep1.ID, dup)
	wantErr(t, err, salesrec.ErrConflict, "an engagement with a taken id")

	twice := w.engagement(w.rep1, w.custA1, w.today(3))
	twice.Actions = append(twice.Actions, twice.Actions[0])
	twice.Actions[0].ID, twice.Actions[1].ID = "a-1", "a-1"
	_, err = w.s.CreateEngagement(w.ctx, w.rep1.ID, twice)
	wantErr(t, err, salesrec.ErrInvalid, "two actions with the same id")

	noOwner := w.engagement(w.rep1, w.custA1, w.today(3))
	noOwner.OwnerID = ""
	_, err = w.s.CreateEngagement(w.ctx, w.managerA.ID, noOwner)
	wantErr(t, err, salesrec.ErrInvalid, "an engagement without an owner")

	bad := w.engagement(w.rep1, w.custB, w.today(3))
	_, err = w.s.CreateEngagement(w.ctx, w.rep1.ID, bad)
	wantErr(t, err, salesrec.ErrInvalid, "an engagement of another team's customer")

	bad = w.engagement(w.rep1, w.custA1, w.today(3))
	bad.Actions[0].OwnerID = w.repB.ID
	_, err = w.s.CreateEngagement(w.ctx, w.rep1.ID, bad)
	wantErr(t, err, salesrec.ErrInvalid, "an action owned by someone outside the team")
}

func testTargetedWrites(t *testing.T, w *world) {
	e := w.create(t, w.rep1, w.engagement(w.rep1, w.custA1, w.today(3)))

	w.clock.Advance(time.Hour)
	at := w.clock.Now().Add(-30 * time.Minute).In(time.FixedZone("", -5*3600))
	e2, err := w.s.LogInteraction(w.ctx, w.rep1.ID, e.ID, e.Version, interaction(at, w.rep2, "客户询问能否在三月底前完成测试部署"))
	noErr(t, err, "LogInteraction")
	if e2.Version != 2 || len(e2.Interactions) != 2 || e2.Interactions[1].ID == "" {
		t.Fatalf("after LogInteraction: version %d, %d interactions", e2.Version, len(e2.Interactions))
	}
	// rep2 takes part now and so sees the engagement.
	_, err = w.s.Engagement(w.ctx, w.rep2.ID, e.ID)
	noErr(t, err, "a sales participant reading the engagement")

	e3, err := w.s.SetActionStatus(w.ctx, w.rep1.ID, e.ID, e2.Version, e2.Actions[0].ID, salesrec.ActionDone)
	noErr(t, err, "SetActionStatus")
	if e3.Version != 3 || e3.Actions[0].Status != salesrec.ActionDone {
		t.Fatalf("after SetActionStatus: version %d status %q", e3.Version, e3.Actions[0].Status)
	}
	_, err = w.s.SetActionStatus(w.ctx, w.rep1.ID, e.ID, e3.Version, "no-such-action", salesrec.ActionDone)
	wantErr(t, err, salesrec.ErrNotFound, "SetActionStatus of an unknown action")
	_, err = w.s.SetActionStatus(w.ctx, w.rep1.ID, e.ID, e3.Version, e3.Actions[0].ID, "finished")
	wantErr(t, err, salesrec.ErrInvalid, "SetActionStatus to an unknown status")

	e4, err := w.s.AddRemark(w.ctx, w.rep2.ID, e.ID, e3.Version, salesrec.Remark{Text: "法务已审核合同第三条", Collaboration: salesrec.CollabLegalReview})
	noErr(t, err, "AddRemark")
	if e4.Version != 4 || len(e4.Remarks) != 1 || e4.Remarks[0].AuthorID != w.rep2.ID || !e4.Remarks[0].At.Equal(w.clock.Now()) {
		t.Fatalf("after AddRemark: version %d remarks %+v", e4.Version, e4.Remarks)
	}
	got, err := w.s.Engagement(w.ctx, w.rep1.ID, e.ID)
	noErr(t, err, "Engagement")
	sameJSON(t, got, e4, "engagement after the targeted writes")

	future := interaction(w.clock.Now().Add(48*time.Hour), w.rep1, "客户询问能否在三月底前完成测试部署")
	_, err = w.s.LogInteraction(w.ctx, w.rep1.ID, e.ID, e4.Version, future)
	wantErr(t, err, salesrec.ErrInvalid, "an interaction in the future")
}

func testCloseAndReopen(t *testing.T, w *world) {
	e := w.create(t, w.rep1, w.engagement(w.rep1, w.custA1, w.today(3)))

	_, err := w.s.CloseEngagement(w.ctx, w.rep1.ID, e.ID, e.Version, salesrec.StatusWon, salesrec.Outcome{})
	wantErr(t, err, salesrec.ErrInvalid, "won without an amount")

	won, err := w.s.CloseEngagement(w.ctx, w.rep1.ID, e.ID, e.Version, salesrec.StatusWon,
		salesrec.Outcome{Amount: salesrec.CNY(80000, 0), SignedOn: w.today(0)})
	noErr(t, err, "CloseEngagement won")
	if won.Status != salesrec.StatusWon || won.Outcome == nil || won.Outcome.Amount != salesrec.CNY(80000, 0) {
		t.Fatalf("after close: status %q outcome %+v", won.Status, won.Outcome)
	}
	_, err = w.s.CloseEngagement(w.ctx, w.rep1.ID, e.ID, won.Version, salesrec.StatusTerminated,
		salesrec.Outcome{Reason: "预算调整,暂缓采购", ReasonCategory: salesrec.ReasonBudget})
	wantErr(t, err, salesrec.ErrInvalidTransition, "terminating a won engagement")

	e2 := w.create(t, w.rep1, w.engagement(w.rep1, w.custA2, w.today(3)))
	term, err := w.s.CloseEngagement(w.ctx, w.rep1.ID, e2.ID, e2.Version, salesrec.StatusTerminated,
		salesrec.Outcome{Reason: "预算调整,暂缓采购", ReasonCategory: salesrec.ReasonBudget})
	noErr(t, err, "CloseEngagement terminated")
	re, err := w.s.ReopenEngagement(w.ctx, w.rep1.ID, e2.ID, term.Version, "客户重新获批预算")
	noErr(t, err, "ReopenEngagement")
	if re.Status != salesrec.StatusOpen || re.ReopenReason != "客户重新获批预算" || re.Outcome != nil {
		t.Fatalf("after reopen: status %q reason %q outcome %+v", re.Status, re.ReopenReason, re.Outcome)
	}
	got, err := w.s.Engagement(w.ctx, w.managerA.ID, e2.ID)
	noErr(t, err, "Engagement")
	sameJSON(t, got, re, "reopened engagement read back")
}
