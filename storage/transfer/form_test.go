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
	return o.exportWith(t, actor, transfer.WriteFormsXLSX).Bytes()
}

// importForms imports a workbook of forms as actor.
func importForms(t *testing.T, st *storage.Store, actor salesrec.Member, file []byte, opts transfer.Options) workbook.Report {
	t.Helper()
	return importWith(t, st, actor, file, opts, workbook.OpenFormXLSX, "记录表.xlsx")
}

// TestFormRoundTripThroughStores: a team's engagements exported as forms
// and imported into another store are the same engagements (ids, text,
// formats, outcomes, late marks), each with its form in the history;
// importing the forms again changes nothing.
func TestFormRoundTripThroughStores(t *testing.T) {
	from := newOffice(t, 8)
	file := from.exportForms(t, from.manager)
	to := newOffice(t, 0)
	rep := importForms(t, to.st, to.manager, file, transfer.Options{})
	checkCopied(t, from, to, rep, func(source string) bool {
		return strings.HasPrefix(source, "记录表.xlsx ") && strings.HasSuffix(source, "!A4")
	})
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
	real, masked := o.rep2TakesPart(t)
	team, err := transfer.Team(ctx, o.st, o.rep2.ID)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	w, err := workbook.NewFormXLSXWriter(&buf, team)
	if err != nil {
		t.Fatal(err)
	}
	if err := transfer.ExportEngagement(ctx, o.st, o.rep2.ID, o.es[0].ID, w); err != nil {
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
	checkMasked(t, rows, real, masked)
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
