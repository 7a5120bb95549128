package workbook

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/dealtrail/dealtrail/salesrec"
)

// Writer writes a register, one engagement at a time, as an .xlsx
// workbook (NewXLSXWriter, through excelize's StreamWriter) or as CSV files
// (NewCSVWriter). Rows go out as they are added, but for the 客户 sheet:
// a customer's rows are written once, the first time it comes, when the
// writer is closed; until then they wait in a sorter (a temporary file past
// 4 MiB, removed by Close), so the writer keeps nothing per engagement or
// customer. For an .xlsx, excelize's StreamWriter keeps up to 16 MiB of
// each sheet in memory before it moves the sheet to a temporary file. Every text cell that a spreadsheet would
// take for a formula (= + - @) is written after an apostrophe.
type Writer struct {
	team  Team
	names map[string]string // member id → name, when the name is unique
	// customers queues each customer's 客户 rows under its id and the
	// order it came in (write_rows.go): the sheet is written when the
	// register is closed, each customer once, without a set of the ids in
	// memory.
	customers *sorter
	lastID    string // the customer of the engagement added last
	queued    int    // customers queued so far
	queue     []byte // the rows of the customer being queued, when not nil
	queueBuf  []byte
	sheets    []sheetWriter
	finish    func() error
	finished  bool
	// form lays out each engagement's rows, gathered in collect, as a
	// form (NewFormXLSXWriter); nil for a register.
	form    *formWriter
	collect map[*sheet][][]string
}

// sheetWriter writes the rows of one sheet.
type sheetWriter interface {
	row(cells []string) error
}

// NewXLSXWriter writes a register workbook to w when closed; team gives
// the names of members and the zone times are written in.
func NewXLSXWriter(w io.Writer, team Team) (*Writer, error) {
	f := excelize.NewFile()
	head, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}})
	if err != nil {
		return nil, err
	}
	wr := newWriter(team)
	for i, s := range registerSheets {
		if i == 0 {
			err = f.SetSheetName("Sheet1", s.zh)
		} else {
			_, err = f.NewSheet(s.zh)
		}
		if err != nil {
			return nil, err
		}
		sw, err := f.NewStreamWriter(s.zh)
		if err != nil {
			return nil, err
		}
		x := &xlsxSheet{sw: sw}
		for j, c := range s.cols {
			if err := sw.SetColWidth(j+1, j+1, width(c)); err != nil {
				return nil, err
			}
		}
		if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
			return nil, err
		}
		if err := x.styled(headers(s), head); err != nil {
			return nil, err
		}
		wr.sheets = append(wr.sheets, x)
	}
	wr.finish = func() error {
		for _, s := range wr.sheets {
			if err := s.(*xlsxSheet).sw.Flush(); err != nil {
				return err
			}
		}
		return writeXLSX(f, w)
	}
	return wr, nil
}

// writeXLSX writes f to w, zipping it straight into w. excelize's own
// WriteTo zips the whole workbook into a buffer in memory first and then
// copies the buffer to w, so the memory it takes grows with the file;
// here its ZipWriter hook, which it calls with that buffer, gets a zip
// writer over w instead, and the buffer stays empty. (What excelize would
// patch in the buffer afterwards, the zip64 version of parts over 4 GiB
// and encryption, a register never needs.) It closes f.
func writeXLSX(f *excelize.File, w io.Writer) error {
	var zw *zip.Writer
	f.ZipWriter = func(io.Writer) excelize.ZipWriter {
		zw = zip.NewWriter(w)
		return zw
	}
	var buf bytes.Buffer
	err := f.Write(&buf)
	if err == nil && (zw == nil || buf.Len() > 0) {
		err = errors.New("workbook: excelize did not zip the workbook through its ZipWriter")
	}
	return errors.Join(err, f.Close())
}

// width is a column's width in characters: long text columns are wide.
func width(c column) float64 {
	switch c.field {
	case "goal", "topic", "point", "content", "text", "what", "proposal.summary", "outcome.reason",
		"customer_participants", "sales_participants", "place.address":
		return 40
	case "id", "engagement_id", "interaction_id":
		return 34
	}
	return 14
}

type xlsxSheet struct {
	sw   *excelize.StreamWriter
	rows int
}

func (x *xlsxSheet) styled(cells []string, style int) error {
	x.rows++
	return x.sw.SetRow("A"+strconv.Itoa(x.rows), styledRow(cells, style, len(cells)))
}

// styledRow is a row of cells in style (0: none) for a StreamWriter,
// padded with empty cells in the style up to width.
func styledRow(cells []string, style, width int) []any {
	vals := make([]any, max(len(cells), width))
	for i := range vals {
		c := ""
		if i < len(cells) {
			c = cells[i]
		}
		if style != 0 {
			vals[i] = excelize.Cell{Value: c, StyleID: style}
		} else {
			vals[i] = c
		}
	}
	return vals
}

func (x *xlsxSheet) row(cells []string) error { return x.styled(cells, 0) }

// NewCSVWriter writes a register as CSV files, one per sheet, each
// created by create with the sheet's name and ".csv" (客户.csv, …), UTF-8
// with a byte-order mark so that Excel reads the Chinese.
func NewCSVWriter(create func(name string) (io.WriteCloser, error), team Team) (*Writer, error) {
	wr := newWriter(team)
	var files []io.WriteCloser
	var writers []*csv.Writer
	for _, s := range registerSheets {
		f, err := create(s.zh + ".csv")
		if err != nil {
			for _, f := range files {
				_ = f.Close()
			}
			return nil, err
		}
		files = append(files, f)
		if _, err := io.WriteString(f, "\ufeff"); err != nil {
			return nil, err
		}
		cw := csv.NewWriter(f)
		writers = append(writers, cw)
		c := &csvSheet{w: cw}
		if err := c.row(headers(s)); err != nil {
			return nil, err
		}
		wr.sheets = append(wr.sheets, c)
	}
	wr.finish = func() error {
		var first error
		for i, cw := range writers {
			cw.Flush()
			if err := cw.Error(); err != nil && first == nil {
				first = err
			}
			if err := files[i].Close(); err != nil && first == nil {
				first = err
			}
		}
		return first
	}
	return wr, nil
}

type csvSheet struct{ w *csv.Writer }

func (c *csvSheet) row(cells []string) error { return c.w.Write(cells) }

func headers(s *sheet) []string {
	out := make([]string, len(s.cols))
	for i, c := range s.cols {
		out[i] = c.zh
	}
	return out
}

func newWriter(team Team) *Writer {
	if team.Location == nil {
		team.Location = time.FixedZone("CST", 8*3600)
	}
	count := map[string]int{}
	for _, m := range team.Members {
		count[m.Name]++
	}
	names := map[string]string{}
	for _, m := range team.Members {
		if count[m.Name] == 1 {
			names[m.ID] = m.Name
		}
	}
	return &Writer{team: team, names: names, customers: newSorter(0), queueBuf: make([]byte, 0, 1024)}
}

// name is how a member is written: their name, or their id when the name
// is not unique in the team (or they are not in it).
func (w *Writer) name(id string) string {
	if n, ok := w.names[id]; ok {
		return n
	}
	return id
}

// write sends one row to sheet s, guarding every cell.
func (w *Writer) write(s *sheet, cells ...string) error {
	for i, c := range cells {
		cells[i] = guard(c)
	}
	if w.queue != nil && s == sheetCustomers {
		w.queue = appendRow(w.queue, 0, cells)
		return nil
	}
	if w.collect != nil {
		w.collect[s] = append(w.collect[s], cells)
		return nil
	}
	for i, rs := range registerSheets {
		if rs == s {
			return w.sheets[i].row(cells)
		}
	}
	return fmt.Errorf("workbook: no sheet %s", s.zh)
}

// Close finishes the register (an .xlsx is written out now), and removes
// its temporary files.
func (w *Writer) Close() error {
	if w.finished {
		return nil
	}
	w.finished = true
	err := w.writeCustomers()
	if err == nil {
		err = w.finish()
	}
	return errors.Join(err, w.customers.close())
}

func labels[E interface{ Label(salesrec.Lang) string }](vs []E) string {
	parts := make([]string, len(vs))
	for i, v := range vs {
		parts[i] = v.Label(salesrec.ZH)
	}
	return strings.Join(parts, "、")
}

func label[E interface {
	~string
	Label(salesrec.Lang) string
}](v E) string {
	if v == "" {
		return ""
	}
	return v.Label(salesrec.ZH)
}
