package workbook

import (
	"context"
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
// makes two passes over the file: the first reads the keys (and the 客户
// sheet whole) and calls total with the number of engagements; the second
// reads the rows. Memory holds the keys (业务编号 → position, and a count
// per child sheet) and where each customer's rows are (the rows themselves
// go to a temporary file past 1 MiB, customers.go), plus the rows of child
// sheets that come before their engagement's turn (none when the sheets
// follow the order of 业务, as an export writes them). Problems that
// belong to no engagement (a missing sheet or column, a row naming an
// unknown 业务编号) are in the returned Report; an entry's own are in the
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

// passes reads the register in its two passes, then lets go of what the
// first pass kept.
func (r *reader) passes(ctx context.Context, total func(int), each func(Entry) error) error {
	err := r.firstPass(ctx)
	if err == nil {
		if total != nil {
			total(len(r.order))
		}
		err = r.secondPass(ctx, each)
	}
	if r.customers != nil {
		err = errors.Join(err, r.customers.spill.close())
	}
	return err
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

	customers *customers     // the 客户 sheet (customers.go)
	ordinal   map[string]int // 业务编号 → position in order
	order     []int          // the 业务 row of each engagement
	counts    map[*sheet][]int32
}

type customerRows struct {
	c    salesrec.Customer
	refs []rowRef // the customer's first row, then one per contact
}

func (r *reader) problem(p Problem) { r.report.Add(p) }

// sheets opens s; a missing sheet is a problem for 业务, an empty table
// for the others.
func (r *reader) openSheet(s *sheet) (*table, header, bool, error) {
	t, found, err := r.book.open(s)
	if err != nil {
		return nil, header{}, false, err
	}
	if !found {
		if s == sheetEngagements {
			r.problem(Problem{Sheet: s.zh, Msg: msgNoSheet(s.zh, s.en)})
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
			r.problem(Problem{Sheet: t.name, Cell: "1", Msg: msgNoColumn(c.zh, c.en)})
			return t, h, false, nil
		}
	}
	return t, h, true, nil
}

// rows calls f for every non-blank row of t after the header, carrying a
// blank key cell down from the row above (a merged cell), and stops at
// the row limit.
func (r *reader) rows(ctx context.Context, t *table, h header, f func(row []string, num int, key string) error) error {
	prevKey := ""
	for n := 0; ; n++ {
		if n%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		row, num, ok := t.read()
		if !ok {
			return t.err()
		}
		if num > r.book.limits.MaxRows {
			r.problem(Problem{Sheet: t.name, Cell: h.cellName(-1, num), Msg: msgTooManyRows(r.book.limits.MaxRows)})
			return fmt.Errorf("%s: %w", t.name, errTooLarge)
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

func (r *reader) firstPass(ctx context.Context) error {
	if err := r.readCustomers(ctx); err != nil {
		return err
	}
	t, h, ok, err := r.openSheet(sheetEngagements)
	if err != nil || !ok {
		closeTable(t)
		return err
	}
	r.ordinal = map[string]int{}
	err = r.rows(ctx, t, h, func(row []string, num int, _ string) error {
		key := h.cell(row, 0)
		where := h.cellName(0, num)
		if key == "" {
			r.problem(Problem{Sheet: t.name, Cell: where, Msg: msgKeyRequired})
			return nil
		}
		if _, seen := r.ordinal[key]; seen {
			r.problem(Problem{Sheet: t.name, Cell: where, Msg: msgKeyRepeated(key)})
			return nil
		}
		r.ordinal[key] = len(r.order)
		r.order = append(r.order, num)
		return nil
	})
	closeTable(t)
	if err != nil {
		return err
	}
	r.counts = map[*sheet][]int32{}
	for _, s := range childSheets {
		if err := r.countChildren(ctx, s); err != nil {
			return err
		}
	}
	return nil
}

// countChildren counts the rows of child sheet s per engagement, and
// reports rows naming no engagement of the 业务 sheet.
func (r *reader) countChildren(ctx context.Context, s *sheet) error {
	counts := make([]int32, len(r.order))
	r.counts[s] = counts
	t, h, ok, err := r.openSheet(s)
	defer closeTable(t)
	if err != nil || !ok {
		return err
	}
	return r.rows(ctx, t, h, func(row []string, num int, key string) error {
		i, known := r.ordinal[key]
		switch {
		case key == "":
			r.problem(Problem{Sheet: t.name, Cell: h.cellName(0, num), Msg: msgKeyRequired})
		case !known:
			r.problem(Problem{Sheet: t.name, Cell: h.cellName(0, num), Msg: msgUnknownKey(key)})
		default:
			counts[i]++
		}
		return nil
	})
}

func closeTable(t *table) {
	if t != nil {
		_ = t.close()
	}
}

// cursor reads one child sheet in the second pass: rows of engagements
// later than the current one are held until their turn.
type cursor struct {
	s       *sheet
	t       *table
	h       header
	pending map[int][]heldRow
}

type heldRow struct {
	row []string
	num int
}

func (r *reader) secondPass(ctx context.Context, each func(Entry) error) error {
	t, h, ok, err := r.openSheet(sheetEngagements)
	defer closeTable(t)
	if err != nil || !ok {
		return err
	}
	cursors := make([]*cursor, len(childSheets))
	for i, s := range childSheets {
		ct, ch, ok, err := r.openSheet(s)
		defer closeTable(ct)
		if err != nil {
			return err
		}
		if !ok {
			ct = nil
		}
		cursors[i] = &cursor{s: s, t: ct, h: ch, pending: map[int][]heldRow{}}
	}
	// The first pass reported its problems; the second must not repeat them.
	silent := *r.report
	defer func() { *r.report = silent }()
	next := 0
	return r.rows(ctx, t, h, func(row []string, num int, key string) error {
		if next >= len(r.order) || r.order[next] != num {
			return nil // a row the first pass refused
		}
		i := next
		next++
		e, err := r.entry(t.name, h, row, num, key)
		if err != nil {
			return err
		}
		for _, c := range cursors {
			rows, err := r.take(ctx, c, i)
			if err != nil {
				return err
			}
			for _, hr := range rows {
				r.child(&e, c, hr)
			}
		}
		r.finish(&e)
		return each(e)
	})
}

// take returns the rows of engagement i in c's sheet, reading on and
// holding other engagements' rows until it has them all.
func (r *reader) take(ctx context.Context, c *cursor, i int) ([]heldRow, error) {
	want := int(r.counts[c.s][i])
	got := c.pending[i]
	delete(c.pending, i)
	if len(got) >= want || c.t == nil {
		return got, nil
	}
	errDone := fmt.Errorf("done")
	err := r.rows(ctx, c.t, c.h, func(row []string, num int, key string) error {
		j, known := r.ordinal[key]
		if !known {
			return nil
		}
		hr := heldRow{row: row, num: num}
		if j != i {
			c.pending[j] = append(c.pending[j], hr)
			return nil
		}
		got = append(got, hr)
		if len(got) == want {
			return errDone
		}
		return nil
	})
	if err != nil && err != errDone {
		return got, err
	}
	return got, nil
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
