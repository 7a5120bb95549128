package storagetest

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage"
)

// wantFieldErr fails the test unless err is ErrInvalid naming field.
func wantFieldErr(t testing.TB, err error, field, what string) {
	t.Helper()
	wantErr(t, namesField(err, field), salesrec.ErrInvalid, what)
	var ve *salesrec.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("%s: %v is no *salesrec.ValidationError naming %s", what, err, field)
	}
}

// teamChanges returns the feed's changes after pos that name no
// engagement: the team's own.
func teamChanges(changes []salesrec.Change) []salesrec.Change {
	var out []salesrec.Change
	for _, c := range changes {
		if c.EngagementID == "" {
			out = append(out, c)
		}
	}
	return out
}

// testTeamAdmin: a team reads back for its members; only its managers and
// admins rename it or change its zone (version-checked) and change roles,
// a manager never makes an admin, the team keeps a manager, and every
// change is in the team's history and the feed.
func testTeamAdmin(t *testing.T, w *world) {
	got, err := w.s.Team(w.ctx, w.rep1.ID, w.teamA.ID)
	noErr(t, err, "Team as a rep of the team")
	if got.Name != "华东一组" || got.TimeZone != "Asia/Shanghai" || got.Version != 6 {
		t.Fatalf("Team = %+v, want 华东一组 in Asia/Shanghai at version 6 (created, five members added)", got)
	}
	_, err = w.s.Team(w.ctx, w.managerB.ID, w.teamA.ID)
	wantErr(t, err, salesrec.ErrNotFound, "another team's manager reading the team")
	_, err = w.s.Team(w.ctx, "", w.teamA.ID)
	wantErr(t, err, salesrec.ErrForbidden, "reading a team with no actor")

	head, err := w.s.FeedHead(w.ctx)
	noErr(t, err, "FeedHead")
	upd := got
	upd.Name, upd.TimeZone = "华东销售一组", "Asia/Urumqi"
	_, err = w.s.UpdateTeam(w.ctx, w.rep1.ID, upd)
	wantErr(t, err, salesrec.ErrForbidden, "a rep renaming the team")
	_, err = w.s.UpdateTeam(w.ctx, w.managerB.ID, upd)
	wantErr(t, err, salesrec.ErrNotFound, "another team's manager renaming it")
	bad := upd
	bad.TimeZone = "Mars/Olympus"
	_, err = w.s.UpdateTeam(w.ctx, w.managerA.ID, bad)
	wantFieldErr(t, err, "time_zone", "an unknown time zone")
	stale := upd
	stale.Version--
	_, err = w.s.UpdateTeam(w.ctx, w.managerA.ID, stale)
	wantErr(t, err, salesrec.ErrConflict, "renaming from a stale version")
	done, err := w.s.UpdateTeam(w.ctx, w.managerA.ID, upd)
	noErr(t, err, "UpdateTeam")
	if done.Version != got.Version+1 {
		t.Fatalf("UpdateTeam returned version %d, want %d", done.Version, got.Version+1)
	}
	got, err = w.s.Team(w.ctx, w.rep2.ID, w.teamA.ID)
	noErr(t, err, "Team after the rename")
	sameJSON(t, got, done, "the renamed team")

	// Roles: a rep may not, a manager may not make or touch an admin, an
	// admin may; the team keeps an active manager or admin.
	_, err = w.s.SetMemberRole(w.ctx, w.rep1.ID, w.rep1.ID, salesrec.RoleManager)
	wantErr(t, err, salesrec.ErrForbidden, "a rep making themselves manager")
	_, err = w.s.SetMemberRole(w.ctx, w.managerA.ID, w.managerA.ID, salesrec.RoleAdmin)
	wantErr(t, err, salesrec.ErrForbidden, "a manager making themselves admin")
	_, err = w.s.SetMemberRole(w.ctx, w.managerA.ID, w.adminA.ID, salesrec.RoleRep)
	wantErr(t, err, salesrec.ErrForbidden, "a manager demoting an admin")
	_, err = w.s.SetMemberRole(w.ctx, w.managerA.ID, w.repB.ID, salesrec.RoleManager)
	wantErr(t, err, salesrec.ErrNotFound, "a manager changing another team's member")
	_, err = w.s.SetMemberRole(w.ctx, w.managerA.ID, w.rep2.ID, "boss")
	wantFieldErr(t, err, "role", "an unknown role")
	_, err = w.s.SetMemberRole(w.ctx, w.managerB.ID, w.managerB.ID, salesrec.RoleRep)
	wantFieldErr(t, err, "role", "the last manager of a team stepping down")
	m, err := w.s.SetMemberRole(w.ctx, w.adminA.ID, w.rep2.ID, salesrec.RoleManager)
	noErr(t, err, "an admin making a rep manager")
	if m.Role != salesrec.RoleManager {
		t.Fatalf("SetMemberRole returned %+v", m)
	}
	// rep2 now reads the whole team.
	e := w.create(t, w.rep1, w.engagement(w.rep1, w.custA1, w.today(3)))
	_, err = w.s.Engagement(w.ctx, w.rep2.ID, e.ID)
	noErr(t, err, "the new manager reading a rep's engagement")

	members, err := w.s.Members(w.ctx, w.rep3.ID, w.teamA.ID)
	noErr(t, err, "Members")
	var names []string
	for _, m := range members {
		names = append(names, m.Name)
		if m.TeamID != w.teamA.ID || !m.Active() {
			t.Errorf("Members lists %+v", m)
		}
	}
	if !slices.IsSorted(names) || len(names) != 5 {
		t.Errorf("Members of team A: %v, want its five members by name", names)
	}
	_, err = w.s.Members(w.ctx, w.repB.ID, w.teamA.ID)
	wantErr(t, err, salesrec.ErrNotFound, "listing another team's members")

	hist, err := w.s.TeamHistory(w.ctx, w.managerA.ID, w.teamA.ID)
	noErr(t, err, "TeamHistory")
	var ops []salesrec.Op
	for i, h := range hist {
		ops = append(ops, h.Op)
		if h.Version != int64(i+1) || h.TeamID != w.teamA.ID {
			t.Errorf("history entry %d: %+v", i, h)
		}
	}
	wantOps := []salesrec.Op{salesrec.OpCreate, salesrec.OpMemberAdd, salesrec.OpMemberAdd, salesrec.OpMemberAdd,
		salesrec.OpMemberAdd, salesrec.OpMemberAdd, salesrec.OpTeamUpdate, salesrec.OpMemberRole}
	if !slices.Equal(ops, wantOps) {
		t.Fatalf("team history ops %v, want %v", ops, wantOps)
	}
	last := hist[len(hist)-1]
	if last.ActorID != w.adminA.ID || last.MemberID != w.rep2.ID ||
		!slices.Contains(last.Changes, salesrec.FieldChange{Field: "role", Before: `"rep"`, After: `"manager"`}) {
		t.Errorf("the role change is recorded as %+v", last)
	}
	_, err = w.s.TeamHistory(w.ctx, w.rep1.ID, w.teamA.ID)
	wantErr(t, err, salesrec.ErrForbidden, "a rep reading the team's history")

	changes, _ := waitFeed(t, w.s, head, 3) // the rename, the role, the engagement
	own := teamChanges(changes)
	if len(own) != 2 || own[0].Op != salesrec.OpTeamUpdate || own[1].Op != salesrec.OpMemberRole ||
		own[0].TeamID != w.teamA.ID || own[1].Version != last.Version {
		t.Fatalf("the feed's team changes %+v, want the rename and the role change of team A", own)
	}

	w.refuse(t, w.teamA.ID, []rawStatement{
		{"", `UPDATE dealtrail_team_history SET op = 'x' WHERE team_id = ?`},
		{"", `DELETE FROM dealtrail_team_history WHERE team_id = ?`},
	})
}

// testDeactivateMember: a deactivated member can no longer act; their
// open work is handed to an active member of the team in the same call,
// with history on each engagement; the refusals name what is wrong.
func testDeactivateMember(t *testing.T, w *world) {
	mine := w.create(t, w.rep1, w.engagement(w.rep1, w.custA1, w.today(3)))
	// rep2's engagement with an open action of rep1 and a done one.
	theirs := w.engagement(w.rep2, w.custA2, w.today(4))
	theirs.Actions = append(theirs.Actions,
		salesrec.Action{What: "安排技术交流会", OwnerID: w.rep1.ID, Deadline: w.today(5), Status: salesrec.ActionPending},
		salesrec.Action{What: "寄送产品手册", OwnerID: w.rep1.ID, Deadline: w.today(-1), Status: salesrec.ActionDone})
	theirs = w.create(t, w.rep2, theirs)
	won := w.create(t, w.rep1, w.engagement(w.rep1, w.custA2, w.today(6)))
	won, err := w.s.CloseEngagement(w.ctx, w.rep1.ID, won.ID, won.Version, salesrec.StatusWon, salesrec.Outcome{
		Amount: salesrec.Money{Minor: 30000000, Currency: "CNY"}, SignedOn: w.today(0)})
	noErr(t, err, "closing an engagement as won")

	_, err = w.s.DeactivateMember(w.ctx, w.rep2.ID, w.rep1.ID, w.rep2.ID)
	wantErr(t, err, salesrec.ErrForbidden, "a rep deactivating another")
	_, err = w.s.DeactivateMember(w.ctx, w.managerB.ID, w.rep1.ID, w.managerB.ID)
	wantErr(t, err, salesrec.ErrNotFound, "another team's manager deactivating a member")
	_, err = w.s.DeactivateMember(w.ctx, w.managerA.ID, w.adminA.ID, "")
	wantErr(t, err, salesrec.ErrForbidden, "a manager deactivating an admin")
	_, err = w.s.DeactivateMember(w.ctx, w.managerB.ID, w.managerB.ID, "")
	wantFieldErr(t, err, "member_id", "the last manager of a team deactivating themselves")

	// Open work and nobody named to take it.
	_, err = w.s.DeactivateMember(w.ctx, w.managerA.ID, w.rep1.ID, "")
	var work *salesrec.OpenWorkError
	if !errors.As(err, &work) || work.Engagements != 1 || work.Actions != 2 {
		t.Fatalf("deactivating with open work and no hand_to: %v, want an OpenWorkError of 1 engagement and 2 actions", err)
	}
	wantFieldErr(t, err, "hand_to", "open work and no hand_to")
	// Nobody unsuitable takes it.
	noErr(t, second(w.s.DeactivateMember(w.ctx, w.managerA.ID, w.rep3.ID, "")), "deactivating a rep with no open work")
	for _, to := range []string{w.rep1.ID, w.repB.ID, w.rep3.ID, "no-such-member"} {
		_, err = w.s.DeactivateMember(w.ctx, w.managerA.ID, w.rep1.ID, to)
		wantFieldErr(t, err, "hand_to", "handing over to "+to)
	}
	m, err := w.s.Member(w.ctx, w.rep1.ID)
	noErr(t, err, "Member")
	if !m.Active() {
		t.Fatal("a refused deactivation deactivated the member")
	}

	head, err := w.s.FeedHead(w.ctx)
	noErr(t, err, "FeedHead")
	m, err = w.s.DeactivateMember(w.ctx, w.managerA.ID, w.rep1.ID, w.rep2.ID)
	noErr(t, err, "DeactivateMember handing over to rep2")
	if m.Active() || !m.DeactivatedAt.Equal(w.clock.Now()) {
		t.Fatalf("DeactivateMember returned %+v, want deactivated now", m)
	}
	e, err := w.s.Engagement(w.ctx, w.managerA.ID, mine.ID)
	noErr(t, err, "reading the handed-over engagement")
	if e.OwnerID != w.rep2.ID || e.Actions[0].OwnerID != w.rep2.ID || e.Version != mine.Version+1 {
		t.Fatalf("rep1's engagement after the handover: owner %s, action owner %s, version %d", e.OwnerID, e.Actions[0].OwnerID, e.Version)
	}
	e, err = w.s.Engagement(w.ctx, w.managerA.ID, theirs.ID)
	noErr(t, err, "reading rep2's engagement")
	if e.Actions[1].OwnerID != w.rep2.ID || e.Actions[2].OwnerID != w.rep1.ID {
		t.Fatalf("rep2's engagement: open action owner %s, done action owner %s; want rep2, and rep1 kept", e.Actions[1].OwnerID, e.Actions[2].OwnerID)
	}
	h, err := w.s.History(w.ctx, w.managerA.ID, theirs.ID)
	noErr(t, err, "History")
	if last := h[len(h)-1]; last.Op != salesrec.OpReassign || last.ActorID != w.managerA.ID {
		t.Fatalf("the handover's history entry: %+v", last)
	}
	e, err = w.s.Engagement(w.ctx, w.managerA.ID, won.ID)
	noErr(t, err, "reading the won engagement")
	if e.OwnerID != w.rep1.ID || e.Version != won.Version {
		t.Fatalf("a closed engagement was handed over: owner %s, version %d", e.OwnerID, e.Version)
	}
	changes, _ := waitFeed(t, w.s, head, 3)
	var ops []salesrec.Op
	for _, c := range changes {
		ops = append(ops, c.Op)
	}
	if !slices.Equal(ops, []salesrec.Op{salesrec.OpReassign, salesrec.OpReassign, salesrec.OpMemberDeactivate}) {
		t.Fatalf("the feed after the deactivation: %v", ops)
	}

	// The deactivated member's session can do nothing.
	for what, err := range map[string]error{
		"Engagement":       second(w.s.Engagement(w.ctx, w.rep1.ID, won.ID)),
		"AddRemark":        second(w.s.AddRemark(w.ctx, w.rep1.ID, won.ID, won.Version, salesrec.Remark{Text: "补充"})),
		"CreateCustomer":   second(w.s.CreateCustomer(w.ctx, w.rep1.ID, newCustomer("苏州新客户有限公司", "制造业"))),
		"Customer":         second(w.s.Customer(w.ctx, w.rep1.ID, w.custA1.ID)),
		"ListEngagements":  second(w.s.ListEngagements(w.ctx, w.rep1.ID, storage.Filter{}, storage.PageRequest{})),
		"ListCustomers":    second(w.s.ListCustomers(w.ctx, w.rep1.ID, storage.CustomerQuery{})),
		"Team":             second(w.s.Team(w.ctx, w.rep1.ID, w.teamA.ID)),
		"CreateEngagement": second(w.s.CreateEngagement(w.ctx, w.rep1.ID, w.engagement(w.rep1, w.custA1, w.today(2)))),
	} {
		wantErr(t, err, salesrec.ErrDeactivated, "a deactivated member's "+what)
		wantErr(t, err, salesrec.ErrForbidden, "a deactivated member's "+what)
	}
	if names, err := w.s.CustomerNames(w.ctx, w.rep1.ID, map[string]string{won.ID: won.CustomerID, mine.ID: mine.CustomerID}); err != nil || len(names) != 0 {
		t.Errorf("a deactivated member reads customer names %v (%v)", names, err)
	}
	// Nobody names them anew; what they did stays theirs.
	_, err = w.s.CreateEngagement(w.ctx, w.managerA.ID, w.engagement(w.rep1, w.custA1, w.today(2)))
	wantFieldErr(t, err, "owner_id", "a new engagement owned by a deactivated member")
	e, err = w.s.Engagement(w.ctx, w.managerA.ID, mine.ID)
	noErr(t, err, "Engagement")
	_, err = w.s.LogInteraction(w.ctx, w.managerA.ID, e.ID, e.Version, interaction(w.clock.Now().Add(-time.Hour), w.managerA, "经理跟进了客户的采购安排"))
	noErr(t, err, "logging a contact on an engagement a deactivated member took part in")
	_, err = w.s.DeactivateMember(w.ctx, w.managerA.ID, w.rep1.ID, w.rep2.ID)
	wantErr(t, err, salesrec.ErrConflict, "deactivating a member twice")
	_, err = w.s.SetMemberRole(w.ctx, w.managerA.ID, w.rep1.ID, salesrec.RoleManager)
	wantErr(t, err, salesrec.ErrConflict, "changing a deactivated member's role")
}
