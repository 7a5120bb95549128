package storagetest

import (
	"errors"
	"testing"
	"time"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage"
)

// importItem is an engagement of the world's team A as a file would give
// it: its own id, a customer by name, no recorded-at time, a contact that
// occurred three days before the clock (事后补录 if it were entered now).
func (w *world) importItem(id, customer string, owner salesrec.Member) storage.ImportItem {
	e := w.engagement(owner, salesrec.Customer{}, w.today(7))
	e.ID = id
	e.Interactions[0].ID = id + "-c1"
	e.Interactions[0].OccurredAt = w.clock.Now().Add(-72 * time.Hour).In(shanghai)
	e.Actions[0].ID = id + "-a1"
	return storage.ImportItem{Engagement: e, Customer: salesrec.Customer{Name: customer}, Source: "台账.xlsx 业务!A2"}
}

func (w *world) importAs(t *testing.T, actor salesrec.Member, o storage.ImportOptions, items ...storage.ImportItem) []storage.ImportResult {
	t.Helper()
	res, err := w.s.Import(w.ctx, actor.ID, items, o)
	if err != nil && !errors.Is(err, storage.ErrImportRefused) {
		t.Fatalf("Import: %v", err)
	}
	if len(res) != len(items) {
		t.Fatalf("Import returned %d results for %d items", len(res), len(items))
	}
	return res
}

func wantOutcome(t *testing.T, r storage.ImportResult, want storage.ImportOutcome, what string) {
	t.Helper()
	if r.Outcome != want {
		t.Fatalf("%s: outcome %s (err %v), want %s", what, r.Outcome, r.Err, want)
	}
}

func (w *world) countEngagements(t *testing.T) int {
	t.Helper()
	n, err := w.s.CountEngagements(w.ctx, w.managerA.ID, storage.Filter{})
	noErr(t, err, "CountEngagements")
	return n
}

// testImport: imported engagements are created with their source in the
// history and without the 事后补录 mark; the same file again changes
// nothing; an edited row updates from its version; a dry run writes
// nothing.
func testImport(t *testing.T, w *world) {
	item := w.importItem("B001", w.custA1.Name, w.rep1)
	res := w.importAs(t, w.managerA, storage.ImportOptions{}, item)
	wantOutcome(t, res[0], storage.ImportCreated, "first import")
	got, err := w.s.Engagement(w.ctx, w.managerA.ID, "B001")
	noErr(t, err, "reading the import")
	if got.CustomerID != w.custA1.ID {
		t.Fatalf("customer %q, want %q matched by name", got.CustomerID, w.custA1.ID)
	}
	if in := got.Interactions[0]; in.Late || !in.RecordedAt.Equal(w.clock.Now()) {
		t.Fatalf("imported contact without 记录时间: late %v recorded %v, want not late, recorded now", in.Late, in.RecordedAt)
	}
	hist, err := w.s.History(w.ctx, w.managerA.ID, "B001")
	noErr(t, err, "History")
	if len(hist) != 1 || hist[0].Op != salesrec.OpCreate || hist[0].Source != item.Source {
		t.Fatalf("history %+v, want one create entry from %q", hist, item.Source)
	}

	w.clock.Advance(time.Hour)
	res = w.importAs(t, w.managerA, storage.ImportOptions{}, item)
	wantOutcome(t, res[0], storage.ImportUnchanged, "same file again")
	again, err := w.s.Engagement(w.ctx, w.managerA.ID, "B001")
	noErr(t, err, "reading after the second import")
	sameJSON(t, again, got, "engagement after importing the same file twice")

	edited := item
	edited.Engagement.Goal = "确认客户的采购预算与决策链"
	edited.Source = "台账.xlsx 业务!A3"
	res = w.importAs(t, w.managerA, storage.ImportOptions{}, edited)
	wantOutcome(t, res[0], storage.ImportRefused, "edited row from no version")
	wantErr(t, res[0].Err, salesrec.ErrConflict, "edited row from no version")

	edited.Engagement.Version = got.Version
	res = w.importAs(t, w.managerA, storage.ImportOptions{DryRun: true}, edited)
	wantOutcome(t, res[0], storage.ImportUpdated, "dry run of the edit")
	unchanged, err := w.s.Engagement(w.ctx, w.managerA.ID, "B001")
	noErr(t, err, "reading after the dry run")
	sameJSON(t, unchanged, got, "engagement after a dry run")

	res = w.importAs(t, w.managerA, storage.ImportOptions{}, edited)
	wantOutcome(t, res[0], storage.ImportUpdated, "edited row")
	if res[0].Engagement.Version != 2 || res[0].Engagement.Goal != edited.Engagement.Goal {
		t.Fatalf("after the edit: version %d goal %q", res[0].Engagement.Version, res[0].Engagement.Goal)
	}
	hist, err = w.s.History(w.ctx, w.managerA.ID, "B001")
	noErr(t, err, "History after the edit")
	if len(hist) != 2 || hist[1].Op != salesrec.OpUpdate || hist[1].Source != edited.Source {
		t.Fatalf("history %+v, want an update entry from %q", hist, edited.Source)
	}
	if !hist[1].At.Equal(w.clock.Now()) || !res[0].Engagement.Interactions[0].RecordedAt.Equal(got.Interactions[0].RecordedAt) {
		t.Fatal("the update must be stamped now and keep the contact's recorded-at time")
	}
}

// testImportRecordedAt: a contact's own 记录时间 is kept and lateness is
// judged against it; one later than now is refused.
func testImportRecordedAt(t *testing.T, w *world) {
	onTime := w.importItem("B010", w.custA1.Name, w.rep1)
	onTime.Engagement.Interactions[0].RecordedAt = onTime.Engagement.Interactions[0].OccurredAt.Add(2 * time.Hour)
	late := w.importItem("B011", w.custA1.Name, w.rep1)
	late.Engagement.Interactions[0].RecordedAt = late.Engagement.Interactions[0].OccurredAt.Add(30 * time.Hour)
	future := w.importItem("B012", w.custA1.Name, w.rep1)
	future.Engagement.Interactions[0].RecordedAt = w.clock.Now().Add(time.Hour)
	res := w.importAs(t, w.managerA, storage.ImportOptions{}, onTime, late, future)
	wantOutcome(t, res[0], storage.ImportCreated, "recorded two hours after")
	wantOutcome(t, res[1], storage.ImportCreated, "recorded thirty hours after")
	if in := res[0].Engagement.Interactions[0]; in.Late || !in.RecordedAt.Equal(onTime.Engagement.Interactions[0].RecordedAt) {
		t.Fatalf("on-time contact: late %v recorded %v", in.Late, in.RecordedAt)
	}
	if !res[1].Engagement.Interactions[0].Late {
		t.Fatal("a contact recorded thirty hours after it happened is 事后补录")
	}
	wantOutcome(t, res[2], storage.ImportRefused, "recorded in the future")
	var ve *salesrec.ValidationError
	if !errors.As(res[2].Err, &ve) || ve.Fields["interactions[0].recorded_at"].Zh == "" {
		t.Fatalf("future recorded-at: %v, want interactions[0].recorded_at", res[2].Err)
	}
}

// testImportRefusals: each item is all-or-nothing (a refused one leaves
// not even its new customer), Atomic makes the call all-or-nothing, and a
// file cannot reach another team's engagement or assign what the
// importer may not.
func testImportRefusals(t *testing.T, w *world) {
	newCust := salesrec.Customer{Name: "杭州云帆科技有限公司", Kind: salesrec.CustomerNew, Industry: "互联网"}
	bad := w.importItem("B020", newCust.Name, w.rep1)
	bad.Customer = newCust
	bad.Engagement.Goal = "跟进客户" // vague: refused by the rules
	good := w.importItem("B021", w.custA2.Name, w.rep1)
	res := w.importAs(t, w.managerA, storage.ImportOptions{}, bad, good)
	wantOutcome(t, res[0], storage.ImportRefused, "vague goal")
	wantErr(t, res[0].Err, salesrec.ErrInvalid, "vague goal")
	wantOutcome(t, res[1], storage.ImportCreated, "good item beside a bad one")
	again := w.importItem("B022", newCust.Name, w.rep1)
	res = w.importAs(t, w.managerA, storage.ImportOptions{}, again)
	wantOutcome(t, res[0], storage.ImportRefused, "customer of a refused item")
	var ve *salesrec.ValidationError
	if !errors.As(res[0].Err, &ve) || ve.Fields["customer_name"].Zh == "" {
		t.Fatalf("the refused item's customer must not exist: %v", res[0].Err)
	}

	n := w.countEngagements(t)
	good2 := w.importItem("B023", w.custA2.Name, w.rep1)
	res, err := w.s.Import(w.ctx, w.managerA.ID, []storage.ImportItem{good2, bad}, storage.ImportOptions{Atomic: true})
	wantErr(t, err, storage.ErrImportRefused, "atomic import with a bad item")
	wantErr(t, err, salesrec.ErrInvalid, "atomic import with a bad item")
	wantOutcome(t, res[1], storage.ImportRefused, "atomic: the bad item")
	if got := w.countEngagements(t); got != n {
		t.Fatalf("atomic import with a bad item wrote %d engagements", got-n)
	}

	theirs := w.create(t, w.managerB, w.engagement(w.managerB, w.custB, w.today(3)))
	forged := w.importItem(theirs.ID, w.custA1.Name, w.rep1)
	forged.Engagement.Version = theirs.Version
	res = w.importAs(t, w.managerA, storage.ImportOptions{}, forged)
	wantOutcome(t, res[0], storage.ImportRefused, "another team's id")
	wantErr(t, res[0].Err, salesrec.ErrNotFound, "another team's id")
	still, err := w.s.Engagement(w.ctx, w.managerB.ID, theirs.ID)
	noErr(t, err, "reading team B's engagement")
	sameJSON(t, still, theirs, "team B's engagement after team A imported its id")

	notMine := w.importItem("B024", w.custA1.Name, w.rep2)
	res = w.importAs(t, w.rep1, storage.ImportOptions{}, notMine)
	wantOutcome(t, res[0], storage.ImportRefused, "a rep importing another rep's engagement")
	wantErr(t, res[0].Err, salesrec.ErrForbidden, "a rep importing another rep's engagement")

	outsider := w.importItem("B025", w.custA1.Name, w.rep1)
	outsider.Engagement.Actions[0].OwnerID = w.repB.ID
	res = w.importAs(t, w.managerA, storage.ImportOptions{}, outsider)
	wantOutcome(t, res[0], storage.ImportRefused, "an action owned by another team's member")
	wantErr(t, res[0].Err, salesrec.ErrInvalid, "an action owned by another team's member")
}

// testRoster: the roster is the actor's own team.
func testRoster(t *testing.T, w *world) {
	r, err := w.s.Roster(w.ctx, w.rep1.ID)
	noErr(t, err, "Roster")
	team, err := w.s.Team(w.ctx, w.rep1.ID, w.teamA.ID)
	noErr(t, err, "Team")
	if r.Team != team {
		t.Fatalf("roster of team %+v, want %+v", r.Team, team)
	}
	ms := r.Members
	if len(ms) != 5 {
		t.Fatalf("team A has %d members listed, want 5", len(ms))
	}
	for _, m := range ms {
		if m.TeamID != w.teamA.ID {
			t.Fatalf("member %q of another team listed", m.Name)
		}
	}
	_, err = w.s.Roster(w.ctx, "nobody")
	wantErr(t, err, salesrec.ErrForbidden, "Roster of no member")
}
