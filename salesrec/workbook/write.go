package workbook

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/dealtrail/dealtrail/salesrec"
)

// Writer writes a register, one engagement at a time, as an .xlsx
// workbook (NewXLSXWriter) or as CSV files (NewCSVWriter). Rows go out as
// they are added, but for the 客户 sheet: a customer's rows are written
// once, the first time it comes, when the writer is closed; until then
// they wait in a sorter (a temporary file past 4 MiB), so the writer keeps
// nothing per engagement or customer. An .xlsx register's rows are
// encoded as excelize's StreamWriter encodes them, compressed to a
// temporary file of their sheet every 256 KiB, and zipped into the
// workbook at Close (write_sheet.go), so its memory does not grow with the
// rows either.
// Every text cell that a spreadsheet would take for a formula (= + - @)
// is written after an apostrophe.
//
// Close writes the workbook out and removes the temporary files; a writer
// given up before that (an export that failed half-way) is dropped with
// Abort, which removes them without writing. Abort after Close does
// nothing, so a deferred Abort is always safe. A writer dropped without
// either has its temporary files removed when the garbage collector finds
// it; do not count on that, it may take long or not happen before the
// program exits.
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
	finish    func() error // writes out what the writer holds
	discard   func() error // removes temporary files and closes what is open
	finished  bool
	abandoned runtime.Cleanup // ready
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
	return newXLSXWriter(w, team, chunkBytes)
}

func newXLSXWriter(w io.Writer, team Team, limit int) (*Writer, error) {
	f := excelize.NewFile()
	wr := newWriter(team)
	var sheets []*xlsxSheet
	wr.discard = func() error {
		err := f.Close()
		for _, x := range sheets {
			err = errors.Join(err, x.close())
		}
		return err
	}
	fail := func(err error) (*Writer, error) { return nil, errors.Join(err, wr.Abort()) }
	head, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}})
	if err != nil {
		return fail(err)
	}
	for i, s := range registerSheets {
		if i == 0 {
			err = f.SetSheetName("Sheet1", s.zh)
		} else {
			_, err = f.NewSheet(s.zh)
		}
		if err != nil {
			return fail(err)
		}
		x, err := newXLSXSheet(s, "xl/worksheets/sheet"+strconv.Itoa(i+1)+".xml", i == 0, limit, func(sw *excelize.StreamWriter) error {
			for j, c := range s.cols {
				if err := sw.SetColWidth(j+1, j+1, width(c)); err != nil {
					return err
				}
			}
			return sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
		})
		if x != nil {
			sheets = append(sheets, x)
		}
		if err != nil {
			return fail(err)
		}
		wr.sheets = append(wr.sheets, x)
		if err := x.styled(headers(s), head); err != nil {
			return fail(err)
		}
	}
	wr.finish = func() error {
		for _, x := range sheets {
			if err := x.end(); err != nil {
				return err
			}
		}
		return writeXLSX(f, w, sheets)
	}
	return wr.ready(wr.discard), nil
}

// writeXLSX writes f to w, zipping it straight into w, with the sheets
// written already in place of f's own. excelize's own WriteTo zips the
// whole workbook into a buffer in memory first and then copies the buffer
// to w, so the memory it takes grows with the file; here its ZipWriter
// hook, which it calls with that buffer, gets a zip writer over w instead,
// and the buffer stays empty. (What excelize would patch in the buffer
// afterwards, the zip64 version of parts over 4 GiB and encryption, a
// register never needs.)
func writeXLSX(f *excelize.File, w io.Writer, sheets []*xlsxSheet) error {
	zw := &withParts{zw: zip.NewWriter(w), done: map[string]bool{}}
	for _, x := range sheets {
		if err := x.copyTo(zw.zw); err != nil {
			return err
		}
		zw.done[x.part] = false
	}
	hooked := false
	f.ZipWriter = func(io.Writer) excelize.ZipWriter {
		hooked = true
		return zw
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return err
	}
	if !hooked || buf.Len() > 0 {
		return errors.New("workbook: excelize did not zip the workbook through its ZipWriter")
	}
	for part, came := range zw.done {
		if !came {
			return fmt.Errorf("workbook: excelize has no sheet %s", part)
		}
	}
	return nil
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

// NewCSVWriter writes a register as CSV files, one per sheet, each
// created by create with the sheet's name and ".csv" (客户.csv, …), UTF-8
// with a byte-order mark so that Excel reads the Chinese.
func NewCSVWriter(create func(name string) (io.WriteCloser, error), team Team) (*Writer, error) {
	wr := newWriter(team)
	var files []io.WriteCloser
	var writers []*csv.Writer
	wr.discard = func() error {
		var err error
		for _, f := range files {
			err = errors.Join(err, f.Close())
		}
		files = nil
		return err
	}
	for _, s := range registerSheets {
		f, err := create(s.zh + ".csv")
		if err != nil {
			return nil, errors.Join(err, wr.Abort())
		}
		files = append(files, f)
		if _, err := io.WriteString(f, "\ufeff"); err != nil {
			return nil, errors.Join(err, wr.Abort())
		}
		cw := csv.NewWriter(f)
		writers = append(writers, cw)
		c := &csvSheet{w: cw}
		if err := c.row(headers(s)); err != nil {
			return nil, errors.Join(err, wr.Abort())
		}
		wr.sheets = append(wr.sheets, c)
	}
	wr.finish = func() error {
		var err error
		for _, cw := range writers {
			cw.Flush()
			err = errors.Join(err, cw.Error())
		}
		return err // drop closes the files
	}
	return wr.ready(nil), nil
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
// its temporary files, also when it fails.
func (w *Writer) Close() error {
	if w.finished {
		return nil
	}
	w.finished = true
	err := w.writeCustomers()
	if err == nil {
		err = w.finish()
	}
	return errors.Join(err, w.drop())
}

// Abort gives the writer up without writing anything more, and removes its
// temporary files (the CSV files a CSV writer created are closed, not
// removed). After Close it does nothing.
func (w *Writer) Abort() error {
	if w.finished {
		return nil
	}
	w.finished = true
	return w.drop()
}

func (w *Writer) drop() error {
	w.abandoned.Stop()
	return dropAll(w.customers, w.discard)
}

func dropAll(customers *sorter, discard func() error) error {
	err := customers.close()
	if discard != nil {
		err = errors.Join(err, discard())
	}
	return err
}

// ready makes the garbage collector remove w's temporary files should w be
// dropped without Close or Abort (a host's export that returned early):
// the safety net under the rule that every writer ends in one of them.
// temps removes the files w made beside the customers' queue (nil when
// there are none); what belongs to the host, such as a CSV writer's
// files, is left to the host.
func (w *Writer) ready(temps func() error) *Writer {
	w.abandoned = runtime.AddCleanup(w, func(d dropped) { _ = dropAll(d.customers, d.temps) },
		dropped{w.customers, temps})
	return w
}

// dropped is what an abandoned writer's cleanup removes; it must not
// point back at the writer, or the writer would never be collected.
type dropped struct {
	customers *sorter
	temps     func() error
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
