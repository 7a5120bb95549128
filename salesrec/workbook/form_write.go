package workbook

import (
	"errors"
	"io"
	"strconv"

	"github.com/xuri/excelize/v2"
)

// NewFormXLSXWriter writes a workbook of forms to w when closed: one sheet
// per engagement added, laid out as the template's table (docs/template.md,
// "The form"), each ready to print: A4 landscape fitted to the page's
// width, headers shaded, text wrapped, the engagement's rows frozen at the
// top. It formats and guards cells as the register does; each form is
// streamed out as it is added.
func NewFormXLSXWriter(w io.Writer, team Team) (*Writer, error) {
	f := excelize.NewFile()
	fw := &formWriter{f: f}
	border := []excelize.Border{{Type: "left", Color: "A6A6A6", Style: 1}, {Type: "right", Color: "A6A6A6", Style: 1},
		{Type: "top", Color: "A6A6A6", Style: 1}, {Type: "bottom", Color: "A6A6A6", Style: 1}}
	for _, st := range []struct {
		id    *int
		style excelize.Style
	}{
		{&fw.title, excelize.Style{Font: &excelize.Font{Bold: true, Size: 16}, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}}},
		{&fw.section, excelize.Style{Font: &excelize.Font{Bold: true, Size: 12, Color: "FFFFFF"},
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"2F5597"}}, Alignment: &excelize.Alignment{Vertical: "center"}}},
		{&fw.head, excelize.Style{Font: &excelize.Font{Bold: true}, Border: border,
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
			Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}}},
		{&fw.data, excelize.Style{Border: border, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}},
	} {
		id, err := f.NewStyle(&st.style)
		if err != nil {
			return nil, errors.Join(err, f.Close())
		}
		*st.id = id
	}
	wr := newWriter(team)
	wr.form = fw
	wr.finish = func() error { return writeXLSX(f, w, nil) }
	wr.discard = f.Close
	return wr.ready(wr.discard), nil
}

// formWriter lays out one engagement's register rows as a form sheet.
type formWriter struct {
	f                          *excelize.File
	n                          int
	title, section, head, data int
}

// formFrozen is how many rows stay at the top of a form when it scrolls:
// the title and the 业务信息 block.
const formFrozen = 4

// add writes one form from the rows the register's Writer made of an
// engagement and its customer.
func (fw *formWriter) add(rows map[*sheet][][]string) error {
	fw.n++
	name := formSheetName(fw.n, rows[sheetCustomers][0][0])
	var err error
	if fw.n == 1 {
		err = fw.f.SetSheetName("Sheet1", name)
	} else {
		_, err = fw.f.NewSheet(name)
	}
	if err != nil {
		return err
	}
	// Page setup goes before the stream writer, which writes it out.
	one, zero, a4, landscape, fit := 1, 0, 9, "landscape", true
	if err := fw.f.SetPageLayout(name, &excelize.PageLayoutOptions{Size: &a4, Orientation: &landscape, FitToWidth: &one, FitToHeight: &zero}); err != nil {
		return err
	}
	if err := fw.f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	sw, err := fw.f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	if err := sw.SetColWidth(1, 1, 24); err != nil {
		return err
	}
	if err := sw.SetColWidth(2, formWidth, 16); err != nil {
		return err
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: formFrozen, TopLeftCell: "A" + strconv.Itoa(formFrozen+1), ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	out := &formRows{sw: sw}
	if err := out.line([]string{titleText(formTitle)}, fw.title); err != nil {
		return err
	}
	for _, b := range formBlocks {
		if b.title.Zh != "" {
			if err := out.line([]string{titleText(b.title)}, fw.section); err != nil {
				return err
			}
		}
		if err := out.line(b.heads(), fw.head); err != nil {
			return err
		}
		data := rows[b.s]
		if b.s == sheetEngagements {
			data = data[:1]
		}
		if len(data) == 0 {
			data = [][]string{make([]string, len(b.s.cols))} // a row to fill in by hand
		}
		for _, row := range data {
			cells := make([]string, len(b.cols))
			for k, i := range b.cols {
				cells[k] = row[i]
			}
			if err := out.line(cells, fw.data); err != nil {
				return err
			}
		}
	}
	return sw.Flush()
}

// formRows writes a form's rows one after the other, the last cell of
// each merged over the columns the row does not use.
type formRows struct {
	sw *excelize.StreamWriter
	n  int
}

func (o *formRows) line(cells []string, style int) error {
	o.n++
	row := strconv.Itoa(o.n)
	// The cells under the merge carry the style too, for its borders.
	if err := o.sw.SetRow("A"+row, styledRow(cells, style, formWidth)); err != nil {
		return err
	}
	if len(cells) == formWidth {
		return nil
	}
	return o.sw.MergeCell(colName(len(cells)-1)+row, colName(formWidth-1)+row)
}
