package transfer_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/salesrec/workbook"
	"github.com/dealtrail/dealtrail/storage"
	"github.com/dealtrail/dealtrail/storage/transfer"
)

// exportForms writes the engagements actor may see as forms.
func (o *office) exportForms(t *testing.T, actor salesrec.Member) []byte {
	t.Helper()
	var buf bytes.Buffer
	if _, err := transfer.WriteFormsXLSX(context.Background(), o.st, actor.ID, storage.Filter{}, &buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// importForms imports a workbook of forms as actor.
func importForms(t *testing.T, st *storage.Store, actor salesrec.Member, file []byte, opts transfer.Options) workbook.Report {
	t.Helper()
	b, err := workbook.OpenFormXLSX(bytes.NewReader(file), "记录表.xlsx", workbook.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	rep, err := transfer.Import(context.Background(), st, actor.ID, b, opts)
	if err != nil {
		t.Fatalf("Import: %v\n%s", err, rep.Text(salesrec.EN))
	}
	return rep
}

// TestFormRoundTripThroughStores: a team's engagements exported as forms
// and imported into another store are the same engagements (ids, text,
// formats, outcomes, late marks), each with its form in the history;
// importing the forms again changes nothing.
func TestFormRoundTripThroughStores(t *testing.T) {
	ctx := context.Background()
	from := newOffice(t, 8)
	file := from.exportForms(t, from.manager)
	to := newOffice(t, 0)
	rep := importForms(t, to.st, to.manager, file, transfer.Options{})
	if !rep.OK() || rep.Created != len(from.es) {
		t.Fatalf("import of forms into a fresh store: %s", rep.Text(salesrec.EN))
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
		if err != nil || len(h) != 1 || !strings.HasPrefix(h[0].Source, "记录表.xlsx ") || !strings.HasSuffix(h[0].Source, "!A4") {
			t.Fatalf("history of %s: %+v %v, want one entry naming its form's 业务编号 cell", want.ID, h, err)
		}
	}
	again := importForms(t, to.st, to.manager, file, transfer.Options{})
	if again.Unchanged != len(from.es) || again.Created+again.Updated+again.Refused != 0 {
		t.Fatalf("the same forms again: %s", again.Text(salesrec.EN))
	}
}

// TestExportFormAsTheMember: one engagement's form, exported as a rep who
// takes part in it, shows its customer's contacts as the store masks them
// for that rep; the rep's forms are only the engagements they may see.
func TestExportFormAsTheMember(t *testing.T) {
	ctx := context.Background()
	o := newOffice(t, 6)
	e := o.es[0] // the manager's, with o.customer
	e.Interactions[0].SalesParticipants = append(e.Interactions[0].SalesParticipants,
		salesrec.SalesParticipant{MemberID: o.rep2.ID, Name: o.rep2.Name, Role: "技术支持"})
	if _, err := o.st.UpdateEngagement(ctx, o.manager.ID, e); err != nil {
		t.Fatal(err)
	}
	masked, err := o.st.Customer(ctx, o.rep2.ID, o.customer.ID)
	if err != nil {
		t.Fatal(err)
	}
	real := o.customer.Contacts[0]
	if masked.Contacts[0].Phone == real.Phone {
		t.Fatal("the store does not mask this customer for the rep: the test is void")
	}
	team, err := transfer.Team(ctx, o.st, o.rep2.ID)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	w, err := workbook.NewFormXLSXWriter(&buf, team)
	if err != nil {
		t.Fatal(err)
	}
	if err := transfer.ExportEngagement(ctx, o.st, o.rep2.ID, e.ID, w); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if sheets := f.GetSheetList(); len(sheets) != 1 {
		t.Fatalf("one engagement's export has sheets %v", sheets)
	}
	rows, err := f.GetRows(f.GetSheetList()[0])
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range rows {
		if len(r) > 9 && r[6] == real.Name {
			found = true
			if r[8] != masked.Contacts[0].Phone || r[9] != masked.Contacts[0].Email || strings.Contains(strings.Join(r, " "), real.Phone) {
				t.Fatalf("rep's form has phone %q email %q, want the masks %q %q", r[8], r[9], masked.Contacts[0].Phone, masked.Contacts[0].Email)
			}
		}
	}
	if !found {
		t.Fatal("the customer's contact is missing from the rep's form")
	}
	all, err := excelize.OpenReader(bytes.NewReader(o.exportForms(t, o.rep2)))
	if err != nil {
		t.Fatal(err)
	}
	if n := len(all.GetSheetList()); n != 3 {
		t.Fatalf("rep's forms: %d sheets, want 3 (two owned, one taken part in)", n)
	}
	if err := transfer.ExportEngagement(ctx, o.st, o.rep2.ID, o.es[1].ID, w); err == nil {
		t.Fatal("a rep exported a form of an engagement they may not see")
	}
}

// TestExportStopsWithItsContext: an export whose context ends returns its
// error, with the store's reads stopped.
func TestExportStopsWithItsContext(t *testing.T) {
	o := newOffice(t, 3)
	team, err := transfer.Team(context.Background(), o.st, o.manager.ID)
	if err != nil {
		t.Fatal(err)
	}
	w, err := workbook.NewXLSXWriter(&bytes.Buffer{}, team)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if n, err := transfer.ExportRegister(ctx, o.st, o.manager.ID, storage.Filter{}, w); !errors.Is(err, context.Canceled) || n != 0 {
		t.Fatalf("export with an ended context: %d written, err %v", n, err)
	}
}
