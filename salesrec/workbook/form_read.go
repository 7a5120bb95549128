package workbook

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strconv"

	"github.com/xuri/excelize/v2"
)

// OpenFormXLSX opens a workbook of forms (one engagement per sheet, as
// NewFormXLSXWriter writes them and docs/template.md describes) from r;
// Read reads it as it reads a register. Sheets that hold no form (no
// 业务信息 block) are passed over.
func OpenFormXLSX(r io.Reader, name string, l Limits) (*Book, error) {
	b, err := OpenXLSX(r, name, l)
	if err != nil {
		return nil, err
	}
	b.form = true
	return b, nil
}

// formSheet is one form read into the register's layout: for every
// register sheet, its rows with the cell each value came from.
type formSheet struct {
	name     string
	key      string // 业务编号
	keyCell  string
	tables   map[*sheet]*formTable
	problems []Problem // what does not fit the layout: they refuse the entry
}

// formTable is one register sheet's rows from a form.
type formTable struct {
	rows   [][]string // in the register's column order
	places [][]string // the form's cell of each value ("" when none)
	real   []int      // the form's row of each
}

func (ft *formTable) add(vals, places []string, row int) {
	ft.rows = append(ft.rows, vals)
	ft.places = append(ft.places, places)
	ft.real = append(ft.real, row)
}

// formParts are the blocks' columns as sheets, to match header rows.
var formParts = func() []*sheet {
	out := make([]*sheet, len(formBlocks))
	for i, b := range formBlocks {
		out[i] = b.part()
	}
	return out
}()

// headerOf finds the block, after block cur, whose header row row is: one
// holding every header of the block (zh, en or both).
func headerOf(row []string, cur int) (int, header) {
	for b := cur + 1; b < len(formBlocks); b++ {
		if h, missing := formParts[b].readHeader(row); len(missing) == 0 {
			return b, h
		}
	}
	return -1, header{}
}

// parseForm reads sheet name into the register's layout; ok is false when
// the sheet holds no form. A sheet longer than the row limit stops the
// read, with a problem in report.
func (b *Book) parseForm(ctx context.Context, name string, report *Report) (fs *formSheet, ok bool, err error) {
	rows, err := b.xlsx.Rows(name)
	if err != nil {
		return nil, false, &FileError{Name: b.name, Msg: msgNotAWorkbook, Err: err}
	}
	defer rows.Close()
	fs = &formSheet{name: name, tables: map[*sheet]*formTable{}}
	eng := make([]string, len(sheetEngagements.cols))
	engPlaces := make([]string, len(sheetEngagements.cols))
	engRow, cur := 0, -1
	seen := make([]bool, len(formBlocks))
	var h header
	for num := 1; rows.Next(); num++ {
		if err := stopped(ctx, num); err != nil {
			return nil, false, err
		}
		if num > b.limits.MaxRows {
			report.Add(Problem{Sheet: name, Cell: strconv.Itoa(num), Msg: msgTooManyRows(b.limits.MaxRows)})
			return nil, false, fmt.Errorf("%s: %w", name, errTooLarge)
		}
		row, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, false, &FileError{Name: b.name, Msg: msgNotAWorkbook, Err: err}
		}
		if blankRow(row) || isTitle(onlyCell(row)) {
			continue
		}
		if next, nh := headerOf(row, cur); next >= 0 {
			cur, h = next, nh
			if blk := formBlocks[cur]; blk.s == sheetEngagements {
				// A value left blank is named at the cell under its header.
				for k, i := range blk.cols {
					engPlaces[i] = colName(h.at[k]) + strconv.Itoa(num+1)
				}
			}
			continue
		}
		if cur < 0 {
			fs.problems = append(fs.problems, Problem{Sheet: name, Cell: strconv.Itoa(num), Msg: msgOutsideForm})
			continue
		}
		blk := formBlocks[cur]
		vals := make([]string, len(blk.s.cols))
		places := make([]string, len(blk.s.cols))
		for k, i := range blk.cols {
			j := h.at[k]
			if j < len(row) {
				vals[i] = row[j]
			}
			places[i] = colName(j) + strconv.Itoa(num)
		}
		switch {
		case blk.s == sheetEngagements && seen[cur]:
			fs.problems = append(fs.problems, Problem{Sheet: name, Cell: strconv.Itoa(num), Msg: msgOneRow})
		case blk.s == sheetEngagements:
			for _, i := range blk.cols {
				eng[i], engPlaces[i] = vals[i], places[i]
			}
			if cur == 0 {
				engRow = num
			}
		default:
			if blk.s == sheetCustomers && engPlaces[1] == "" && cleanText(vals[0]) != "" {
				eng[1], engPlaces[1] = vals[0], places[0]
			}
			ft := fs.tables[blk.s]
			if ft == nil {
				ft = &formTable{}
				fs.tables[blk.s] = ft
			}
			ft.add(vals, places, num)
		}
		seen[cur] = true
	}
	if err := rows.Error(); err != nil {
		return nil, false, &FileError{Name: b.name, Msg: msgNotAWorkbook, Err: err}
	}
	if engRow == 0 {
		return nil, false, nil
	}
	fs.key, fs.keyCell = cleanText(eng[0]), engPlaces[0]
	fs.tables[sheetEngagements] = &formTable{rows: [][]string{eng}, places: [][]string{engPlaces}, real: []int{engRow}}
	for _, s := range childSheets {
		if ft := fs.tables[s]; ft != nil {
			for k := range ft.rows {
				ft.rows[k][0], ft.places[k][0] = eng[0], engPlaces[0]
			}
		}
	}
	return fs, true, nil
}

// onlyCell is the text of a row's one non-blank cell, or "".
func onlyCell(row []string) string {
	only := ""
	for _, c := range row {
		if c = cleanText(c); c != "" {
			if only != "" {
				return ""
			}
			only = c
		}
	}
	return only
}

// open is a register sheet of the form as a table: the register's header
// row, then the form's rows, each value naming its own cell.
func (fs *formSheet) open(s *sheet, l Limits) *table {
	ft := fs.tables[s]
	if ft == nil {
		ft = &formTable{}
	}
	n := -1
	return &table{name: fs.name, limits: l, close: func() error { return nil }, err: func() error { return nil },
		next: func() ([]string, bool) {
			n++
			switch {
			case n == 0:
				return headers(s), true
			case n <= len(ft.rows):
				return ft.rows[n-1], true
			}
			return nil, false
		},
		place: func(i, row int) string {
			k := row - 2 // row 1 is the header
			if k < 0 || k >= len(ft.rows) {
				return strconv.Itoa(row)
			}
			if i >= 0 && ft.places[k][i] != "" {
				return ft.places[k][i]
			}
			return strconv.Itoa(ft.real[k])
		}}
}

// readForms reads a book of forms, each as a register of one engagement.
// A form's problems that are not in its cells' values (a row outside any
// block, a second row in a one-row block) refuse its engagement.
func readForms(ctx context.Context, b *Book, team Team, total func(int), each func(Entry) error) (Report, error) {
	report := &Report{}
	var forms []*formSheet
	for _, name := range b.xlsx.GetSheetList() {
		fs, ok, err := b.parseForm(ctx, name, report)
		if err != nil {
			return *report, err
		}
		if ok {
			forms = append(forms, fs)
		}
	}
	if len(forms) == 0 {
		report.Add(Problem{Sheet: b.name, Msg: msgNoForm})
	}
	if total != nil {
		total(len(forms))
	}
	defer func() { b.cur = nil }()
	keys := map[string]bool{}
	for _, fs := range forms {
		if fs.key != "" && keys[fs.key] {
			report.Add(Problem{Sheet: fs.name, Cell: fs.keyCell, Msg: msgKeyRepeated(fs.key)})
			continue
		}
		keys[fs.key] = true
		b.cur = fs
		r := newReader(b, team, report)
		read := false
		err := r.passes(ctx, nil, func(e Entry) error {
			read = true
			e.Problems = append(slices.Clip(fs.problems), e.Problems...)
			return each(e)
		})
		if err != nil {
			return *report, err
		}
		if !read {
			for _, p := range fs.problems {
				report.Add(p)
			}
		}
	}
	return *report, nil
}
