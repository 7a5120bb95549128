package workbook

import (
	"io"
	"strconv"

	"github.com/xuri/excelize/v2"
)

// FormSheetName is formSheetName, for the tests.
var FormSheetName = formSheetName

// SetRunBytes makes Read of b sort in runs of n bytes, so that a small
// test file goes through temporary files.
func SetRunBytes(b *Book, n int) { b.runBytes = n }

// SetWriterRunBytes makes w queue its customers in runs of n bytes; call
// it before the first Add.
func SetWriterRunBytes(w *Writer, n int) { w.customers = newSorter(n) }

// NewChunkedXLSXWriter is NewXLSXWriter with chunks of about limit bytes
// of XML, so that a small register is written in many.
func NewChunkedXLSXWriter(w io.Writer, team Team, limit int) (*Writer, error) {
	return newXLSXWriter(w, team, limit)
}

// StreamRegister writes cells, by sheet name, as the register's writer did
// before its sheets were written in chunks: one File, one StreamWriter per
// sheet, each with the register's widths and panes and its header row
// styled. Rows are padded to the sheet's columns.
func StreamRegister(w io.Writer, cells map[string][][]string) error {
	f := excelize.NewFile()
	defer f.Close()
	head, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}})
	if err != nil {
		return err
	}
	for i, s := range registerSheets {
		if i == 0 {
			err = f.SetSheetName("Sheet1", s.zh)
		} else {
			_, err = f.NewSheet(s.zh)
		}
		if err != nil {
			return err
		}
		sw, err := f.NewStreamWriter(s.zh)
		if err != nil {
			return err
		}
		for j, c := range s.cols {
			if err := sw.SetColWidth(j+1, j+1, width(c)); err != nil {
				return err
			}
		}
		if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
			return err
		}
		for r, row := range cells[s.zh] {
			row = append(row, make([]string, max(0, len(s.cols)-len(row)))...)
			style := 0
			if r == 0 {
				style = head
			}
			if err := sw.SetRow("A"+strconv.Itoa(r+1), styledRow(row, style, len(row))); err != nil {
				return err
			}
		}
		if err := sw.Flush(); err != nil {
			return err
		}
	}
	return f.Write(w)
}
