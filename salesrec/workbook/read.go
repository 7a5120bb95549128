package workbook

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dealtrail/dealtrail/salesrec"
)

// Team is what reading a register needs to know about the importing team.
type Team struct {
	// ID is the team's id: the ids of new records are derived from it and
	// the file's keys, so two teams' B001 never meet.
	ID string
	// Members is the team's roster: people are named in a file by name
	// (张伟) or by member id.
	Members []salesrec.Member
	// Location is the team's time zone, for dates and times without an
	// offset; nil means Asia/Shanghai.
	Location *time.Location
}

// Entry is one engagement read from a register, ready for a store.
type Entry struct {
	// Engagement has ids derived from the file's keys (see docs/template.md)
	// and people resolved to member ids; CustomerID is empty (Customer
	// names it).
	Engagement salesrec.Engagement
	// Customer is the engagement's customer by full name, with what the
	// 客户 sheet says about it when it has a row for it.
	Customer salesrec.Customer
	// Source names the file and the engagement's row: "台账.xlsx 业务!A5".
	Source string
	// Problems found while reading it; an entry with problems is not to be
	// imported.
	Problems []Problem

	cells       map[string]rowRef
	contactKeys []string // 沟通编号 of each interaction, while reading
}

// rowRef is where a part of an entry was read from.
type rowRef struct {
	sheet *sheet
	table string
	h     header
	row   int
	// base is the path of the record the row holds within what Locate is
	// given ("customer." for a row of 客户).
	base string
}

// Locate names the cell holding field, a JSON path in the engagement as
// the rules and the store report it ("interactions[1].topic",
// "outcome.amount", "customer.contacts[0].title"), so that a refusal
// becomes a problem at 沟通记录!J17.
func (e *Entry) Locate(field string, msg salesrec.Message) Problem {
	prefix, rest := longestPrefix(e.cells, field)
	ref := e.cells[prefix]
	if ref.base != "" {
		rest = strings.TrimPrefix(field, ref.base)
	}
	p := Problem{Sheet: ref.table, Cell: ref.h.cellName(-1, ref.row), Field: field, Msg: msg}
	if ref.sheet == nil {
		return p
	}
	if i := ref.sheet.fieldCol(rest); i >= 0 {
		p.Cell = ref.h.cellName(i, ref.row)
	}
	return p
}

// Read reads a register: every engagement with its rows from the child
// sheets, in the order of the 业务 sheet, handed to each as an Entry. It
// reads each sheet once. The first pass files every row under its key (the
// 业务编号 it belongs to, and for the 客户 sheet the customer's name) in a
// sorter (sorted.go), which keeps a few MiB in memory and the rest in
// temporary files; joining the sorted keys finds the rows that belong to no
// engagement and an engagement's customer, and files the rows again in the
// order of the 业务 sheet. It then calls total with the number of
// engagements, and the second pass reads the rows back in that order. So
// memory holds no key per engagement, and what Read holds does not grow
// with the number of rows; the temporary files are removed before Read
// returns. Problems that belong to no engagement (a missing sheet or
// column, a row naming an unknown 业务编号) are in the returned Report, in
// the order of the sheets and their rows; an entry's own are in the
// Entry. each may stop the read by returning an error, which Read returns.
//
// A book of forms (OpenFormXLSX) is read the same way, one form sheet at a
// time, each as a register of one engagement; total is called once with
// the number of forms.
func Read(ctx context.Context, b *Book, team Team, total func(int), each func(Entry) error) (Report, error) {
	if b.form {
		return readForms(ctx, b, team, total, each)
	}
	r := newReader(b, team, &Report{})
	err := r.passes(ctx, total, each)
	return *r.report, err
}

// passes reads the register in its two passes, then removes what the
// first pass filed.
func (r *reader) passes(ctx context.Context, total func(int), each func(Entry) error) error {
	r.keys, r.out, r.notes = newSorter(r.book.runBytes), newSorter(r.book.runBytes), newSorter(r.book.runBytes)
	err := r.firstPass(ctx)
	if err == nil {
		if total != nil {
			total(r.total)
		}
		err = r.secondPass(ctx, each)
	}
	return errors.Join(err, r.keys.close(), r.out.close(), r.notes.close(), r.customers.close())
}

// newReader prepares a read of b for team, adding its problems to report.
func newReader(b *Book, team Team, report *Report) *reader {
	if team.Location == nil {
		team.Location = time.FixedZone("CST", 8*3600)
	}
	r := &reader{book: b, team: team, report: report, rules: salesrec.DefaultRules().Prepared()}
	r.members = map[string][]string{}
	for _, m := range team.Members {
		r.members[m.Name] = append(r.members[m.Name], m.ID)
		r.memberIDs = append(r.memberIDs, m.ID)
	}
	return r
}

// reader is one Read.
type reader struct {
	book      *Book
	team      Team
	rules     salesrec.Rules // compiled once: ParseNotes would compile per call
	report    *Report
	members   map[string][]string // name → member ids
	memberIDs []string

	// sheets are the register's sheets as the first pass found them, by
	// phase (phaseCustomers, phaseEngagements, then the child sheets).
	sheets    [2 + 6]sheetRead
	keys      *sorter   // every row under its key (join.go)
	out       *sorter   // the rows of each engagement, in the 业务 sheet's order
	notes     *sorter   // the first pass's problems, in the sheets' order
	noteSeq   int       // orders the problems of one row
	customers customers // the 客户 sheet's rows, by customer (customers.go)
	total     int       // engagements found by the first pass
}

// sheetRead is a sheet of the register as the first pass found it.
type sheetRead struct {
	s    *sheet
	name string // as the file has it
	h    header
	ok   bool // found, with its key column
}

// The first pass reads the sheets in phases, in this order; a problem's
// phase and row place it in the report.
const (
	phaseCustomers   = 0
	phaseEngagements = 1
	phaseChildren    = 2 // + the index in childSheets
)

type customerRows struct {
	c    salesrec.Customer
	refs []rowRef // the customer's first row, then one per contact
}

// note files a problem of the first pass at its phase and row, to be added
// to the report in the sheets' order when the pass is done.
func (r *reader) note(phase, row int, p Problem) error {
	r.noteSeq++
	key := appendNum(appendNum([]byte{byte(phase)}, row), r.noteSeq)
	return r.notes.add(key, appendRow(nil, 0, []string{p.Sheet, p.Cell, p.Field, p.Msg.Zh, p.Msg.En}))
}

// drain adds the filed problems to the report, in order.
func (r *reader) drain() error {
	m, err := r.notes.merged()
	if err != nil {
		return err
	}
	for m.next() {
		_, f, _, err := nextRow(m.val())
		if err != nil {
			return err
		}
		if len(f) != 5 {
			return errBadSpill
		}
		r.report.Add(Problem{Sheet: f[0], Cell: f[1], Field: f[2], Msg: salesrec.Message{Zh: f[3], En: f[4]}})
	}
	return m.err
}

// openSheet opens s for phase; a missing sheet is a problem for 业务, an
// empty table for the others.
func (r *reader) openSheet(phase int, s *sheet) (*table, header, bool, error) {
	t, found, err := r.book.open(s)
	if err != nil {
		return nil, header{}, false, err
	}
	if !found {
		if s == sheetEngagements {
			return nil, header{}, false, r.note(phase, 0, Problem{Sheet: s.zh, Msg: msgNoSheet(s.zh, s.en)})
		}
		return nil, header{}, false, nil
	}
	row, _, ok := t.read()
	if !ok {
		return t, header{}, false, t.err()
	}
	h, missing := s.readHeader(row)
	h.place = t.place
	for _, c := range missing {
		if c.field == s.cols[0].field || s == sheetEngagements && c.field == "customer_name" {
			return t, h, false, r.note(phase, 1, Problem{Sheet: t.name, Cell: "1", Msg: msgNoColumn(c.zh, c.en)})
		}
	}
	r.sheets[phase] = sheetRead{s: s, name: t.name, h: h, ok: true}
	return t, h, true, nil
}

// stopped returns ctx's error on every 1,024th row n, and nil on the
// others: a long read stops soon after ctx ends without asking on each
// row.
func stopped(ctx context.Context, n int) error {
	if n%1024 != 0 {
		return nil
	}
	return ctx.Err()
}

// rows calls f for every non-blank row of t after the header, carrying a
// blank key cell down from the row above (a merged cell), and stops at
// the row limit.
func (r *reader) rows(ctx context.Context, phase int, t *table, h header, f func(row []string, num int, key string) error) error {
	prevKey := ""
	for n := 0; ; n++ {
		if err := stopped(ctx, n); err != nil {
			return err
		}
		row, num, ok := t.read()
		if !ok {
			return t.err()
		}
		if num > r.book.limits.MaxRows {
			err := r.note(phase, num, Problem{Sheet: t.name, Cell: h.cellName(-1, num), Msg: msgTooManyRows(r.book.limits.MaxRows)})
			return errors.Join(fmt.Errorf("%s: %w", t.name, errTooLarge), err)
		}
		if blankRow(row) {
			continue
		}
		key := h.cell(row, 0)
		if key == "" {
			key = prevKey
		}
		prevKey = key
		if err := f(row, num, key); err != nil {
			return err
		}
	}
}

func blankRow(row []string) bool {
	for _, c := range row {
		if cleanText(c) != "" {
			return false
		}
	}
	return true
}

func closeTable(t *table) {
	if t != nil {
		_ = t.close()
	}
}

// firstPass reads every sheet into the sorter, joins the keys and adds the
// problems found to the report. A sheet over the row limit stops the
// reading, but what was read before it is still joined, so that the report
// names the problems of the rows before the limit.
func (r *reader) firstPass(ctx context.Context) error {
	err := r.fileSheets(ctx)
	if err == nil || errors.Is(err, errTooLarge) {
		err = errors.Join(err, r.join(ctx))
	}
	// The second pass needs only the output sorter: the others' memory and
	// files go now.
	return errors.Join(err, r.keys.close(), r.drain(), r.notes.close())
}

// fileSheets reads the 客户 sheet, the 业务 sheet and the child sheets into
// the key sorter.
func (r *reader) fileSheets(ctx context.Context) error {
	if err := r.fileCustomers(ctx); err != nil {
		return err
	}
	t, h, ok, err := r.openSheet(phaseEngagements, sheetEngagements)
	if err == nil && ok {
		err = r.rows(ctx, phaseEngagements, t, h, func(row []string, num int, _ string) error {
			key := h.cell(row, 0)
			if key == "" {
				return r.note(phaseEngagements, num, Problem{Sheet: t.name, Cell: h.cellName(0, num), Msg: msgKeyRequired})
			}
			enc := appendRow(nil, num, row)
			if err := r.keys.add(keyOfRow(nsKey, key, 0, num), enc); err != nil {
				return err
			}
			return r.keys.add(keyOfRow(nsCustomer, r.fitting(h.cell(row, 1)), kindCustomerEngagement, num), nil)
		})
	}
	closeTable(t)
	if err != nil || !ok {
		return err
	}
	for i, s := range childSheets {
		if err := r.fileChildren(ctx, i, s); err != nil {
			return err
		}
	}
	return nil
}

// fileChildren files the rows of child sheet s under their 业务编号.
func (r *reader) fileChildren(ctx context.Context, i int, s *sheet) error {
	phase := phaseChildren + i
	t, h, ok, err := r.openSheet(phase, s)
	defer closeTable(t)
	if err != nil || !ok {
		return err
	}
	return r.rows(ctx, phase, t, h, func(row []string, num int, key string) error {
		if key == "" {
			return r.note(phase, num, Problem{Sheet: t.name, Cell: h.cellName(0, num), Msg: msgKeyRequired})
		}
		return r.keys.add(keyOfRow(nsKey, key, byte(1+i), num), appendRow(nil, num, row))
	})
}

// fitting is v, or "" when it is over the cell limit (as text reads it).
func (r *reader) fitting(v string) string {
	if len(v) > r.book.limits.MaxCellChars && utf8.RuneCountInString(v) > r.book.limits.MaxCellChars {
		return ""
	}
	return v
}

// secondPass reads the engagements back from the join, in the order of
// the 业务 sheet, each with its customer and its rows, and hands each on.
func (r *reader) secondPass(ctx context.Context, each func(Entry) error) error {
	m, err := r.out.merged()
	if err != nil {
		return err
	}
	eng := r.sheets[phaseEngagements]
	var (
		e       *Entry
		at      int      // the 业务 row of e, or of the row waiting
		waiting []string // a 业务 row whose customer may follow
	)
	build := func(cr *customerRows) {
		entry := r.entry(eng.name, eng.h, waiting, at, eng.h.cell(waiting, 0), cr)
		e, waiting = &entry, nil
	}
	done := func() error {
		if waiting != nil {
			build(nil)
		}
		if e == nil {
			return nil
		}
		r.finish(e)
		err := each(*e)
		e = nil
		return err
	}
	for n := 0; m.next(); n++ {
		if err := stopped(ctx, n); err != nil {
			return err
		}
		k := m.key()
		num, kind := int(binary.BigEndian.Uint64(k)), k[8]
		switch {
		case kind == outEngagement:
			if err := done(); err != nil {
				return err
			}
			if _, waiting, _, err = nextRow(m.val()); err != nil {
				return err
			}
			at = num
		case num != at:
			// The customer of a 业务 row that was refused: its 业务编号
			// repeats an earlier row's.
		case kind == outCustomer:
			if waiting != nil {
				cr, err := r.customer(r.fitting(eng.h.cell(waiting, 1)), m.val())
				if err != nil {
					return err
				}
				build(cr)
			}
		default:
			if waiting != nil {
				build(nil)
			}
			cnum, row, _, err := nextRow(m.val())
			if err != nil {
				return err
			}
			r.child(e, r.sheets[phaseChildren+int(kind-outChildren)], heldRow{row: row, num: cnum})
		}
	}
	if m.err != nil {
		return m.err
	}
	return done()
}

type heldRow struct {
	row []string
	num int
}

// text reads layout column i of a row, refusing a cell over the limit.
func (r *reader) text(e *Entry, ref rowRef, row []string, i int) string {
	v := ref.h.cell(row, i)
	if len(v) > r.book.limits.MaxCellChars && utf8.RuneCountInString(v) > r.book.limits.MaxCellChars {
		e.Problems = append(e.Problems, cellProblem(ref, i, msgTooLong(r.book.limits.MaxCellChars)))
		return ""
	}
	return v
}

func cellProblem(ref rowRef, i int, msg salesrec.Message) Problem {
	return Problem{Sheet: ref.table, Cell: ref.h.cellName(i, ref.row), Field: ref.sheet.cols[i].field, Msg: msg}
}
