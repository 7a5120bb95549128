package workbook

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/dealtrail/dealtrail/salesrec"
)

// Limits bound what a file may make the reader do. Zero fields take the
// defaults.
type Limits struct {
	// MaxBytes bounds the unzipped size of an .xlsx (a zip bomb is refused
	// before it is expanded); default 1 GiB.
	MaxBytes int64
	// MaxRows bounds the rows of one sheet; default 1,048,576 (Excel's own).
	MaxRows int
	// MaxCellChars bounds one cell's text; default 10,000 characters.
	MaxCellChars int
}

func (l Limits) withDefaults() Limits {
	if l.MaxBytes <= 0 {
		l.MaxBytes = 1 << 30
	}
	if l.MaxRows <= 0 {
		l.MaxRows = 1 << 20
	}
	if l.MaxCellChars <= 0 {
		l.MaxCellChars = 10000
	}
	return l
}

// Book is a register to read: an .xlsx workbook (OpenXLSX) or a set of
// CSV files, one per sheet (OpenCSV). Its sheets are read as streams, each
// once, by Read; it is opened by the caller and closed with Close.
type Book struct {
	name   string
	xlsx   *excelize.File
	csv    fs.FS
	limits Limits
	// form marks a book of forms (OpenFormXLSX); cur is the form being
	// read, whose register sheets open opens.
	form bool
	cur  *formSheet
	// runBytes bounds the records Read sorts in memory (sorted.go); 0
	// means defaultRunBytes. Tests set it small.
	runBytes int
}

// OpenXLSX opens a register workbook from r; name is how the report and
// the history name the file ("团队台账.xlsx"). r is copied to a temporary
// file first (at most Limits.MaxBytes of it), which is then opened as
// OpenXLSXFile opens a file: memory does not grow with the file's size.
func OpenXLSX(r io.Reader, name string, l Limits) (*Book, error) {
	l = l.withDefaults()
	tmp, err := os.CreateTemp("", "dealtrail-workbook-*.xlsx")
	if err != nil {
		return nil, &FileError{Name: name, Msg: msgNotAWorkbook, Err: err}
	}
	defer os.Remove(tmp.Name())
	n, err := io.Copy(tmp, io.LimitReader(r, l.MaxBytes+1))
	if err = errors.Join(err, tmp.Close()); err == nil && n > l.MaxBytes {
		err = fmt.Errorf("more than %d bytes", l.MaxBytes)
	}
	if err != nil {
		return nil, &FileError{Name: name, Msg: msgNotAWorkbook, Err: err}
	}
	// excelize has unzipped every part it keeps by the time OpenFile
	// returns, so the copy can go at once.
	return openXLSX(tmp.Name(), name, l)
}

// OpenXLSXFile opens the register workbook at path, named in the report by
// its base name. excelize reads the zip from the file; it unzips each part
// larger than xmlInMemory (every sheet of a big register) to a temporary
// file of its own and streams the rows from there, and Read keeps the keys
// that join the rows in temporary files too, so memory stays flat in the
// number of rows, but for what excelize keeps of a workbook with a
// shared-strings table (as Excel saves it): about 40 bytes per distinct
// text, an index into that table's temporary file. (A register this package
// writes has none.)
func OpenXLSXFile(path string, l Limits) (*Book, error) {
	return openXLSX(path, filepath.Base(path), l.withDefaults())
}

// xmlInMemory is the unzipped size above which excelize keeps a part of
// the workbook in a temporary file rather than in memory.
const xmlInMemory = 1 << 20

func openXLSX(path, name string, l Limits) (*Book, error) {
	f, err := excelize.OpenFile(path, excelize.Options{
		RawCellValue:      true,
		UnzipSizeLimit:    l.MaxBytes,
		UnzipXMLSizeLimit: min(l.MaxBytes, xmlInMemory),
	})
	if err != nil {
		return nil, &FileError{Name: name, Msg: msgNotAWorkbook, Err: err}
	}
	return &Book{name: name, xlsx: f, limits: l}, nil
}

// OpenCSV reads a register as CSV files in fsys, one per sheet, named
// after the sheet (客户.csv, 业务.csv, … or Customers.csv, …), UTF-8 with
// or without a byte-order mark. name is how the report names the set; a
// problem in one of the files names its sheet as the register does (业务!E4
// for Engagements.csv too), the same whichever language the files are
// named in.
func OpenCSV(fsys fs.FS, name string, l Limits) *Book {
	return &Book{name: name, csv: fsys, limits: l.withDefaults()}
}

// Name is the file's name as given.
func (b *Book) Name() string { return b.name }

// Close releases the workbook.
func (b *Book) Close() error {
	if b.xlsx != nil {
		return b.xlsx.Close()
	}
	return nil
}

// FileError is a file that cannot be read at all.
type FileError struct {
	Name string
	Msg  salesrec.Message
	Err  error
}

func (e *FileError) Error() string {
	return e.Name + ": " + e.Msg.Text(salesrec.EN) + ": " + e.Err.Error()
}

// Unwrap makes errors.Is(err, salesrec.ErrInvalid) true.
func (e *FileError) Unwrap() []error { return []error{salesrec.ErrInvalid, e.Err} }

// table is one sheet being read, row by row.
type table struct {
	name   string // the sheet's name as the file has it
	next   func() ([]string, bool)
	err    func() error
	close  func() error
	row    int
	limits Limits
	// place names the cells of a form's rows (header.place); nil for a
	// register, whose rows are the sheet's.
	place func(i, row int) string
}

// open finds s in the book by its zh or en name; found is false when the
// book has no such sheet.
func (b *Book) open(s *sheet) (t *table, found bool, err error) {
	if b.cur != nil {
		return b.cur.open(s, b.limits), true, nil
	}
	if b.xlsx != nil {
		for _, name := range b.xlsx.GetSheetList() {
			if !sameName(name, s) {
				continue
			}
			rows, err := b.xlsx.Rows(name)
			if err != nil {
				return nil, true, &FileError{Name: b.name, Msg: msgNotAWorkbook, Err: err}
			}
			return &table{name: name, limits: b.limits, close: rows.Close, err: rows.Error, next: func() ([]string, bool) {
				if !rows.Next() {
					return nil, false
				}
				cols, err := rows.Columns(excelize.Options{RawCellValue: true})
				if err != nil {
					return nil, false
				}
				return cols, true
			}}, true, nil
		}
		return nil, false, nil
	}
	entries, err := fs.ReadDir(b.csv, ".")
	if err != nil {
		return nil, false, &FileError{Name: b.name, Msg: msgUnreadableCSV, Err: err}
	}
	for _, e := range entries {
		base, ok := strings.CutSuffix(e.Name(), ".csv")
		if !ok || e.IsDir() || !sameName(base, s) {
			continue
		}
		f, err := b.csv.Open(e.Name())
		if err != nil {
			return nil, true, &FileError{Name: e.Name(), Msg: msgUnreadableCSV, Err: err}
		}
		r := csv.NewReader(newBOMSkipper(f))
		r.FieldsPerRecord = -1
		r.LazyQuotes = true
		var readErr error
		return &table{name: s.zh, limits: b.limits, close: f.Close, err: func() error { return readErr }, next: func() ([]string, bool) {
			rec, err := r.Read()
			if errors.Is(err, io.EOF) {
				return nil, false
			}
			if err != nil {
				readErr = &FileError{Name: e.Name(), Msg: msgUnreadableCSV, Err: err}
				return nil, false
			}
			return rec, true
		}}, true, nil
	}
	return nil, false, nil
}

func sameName(name string, s *sheet) bool {
	n := strings.ToLower(strings.TrimSpace(name))
	return n == strings.ToLower(s.zh) || n == strings.ToLower(s.en)
}

// read returns the next row and its number (from 1), or ok false at the
// end. A sheet longer than the limit ends with errTooManyRows.
func (t *table) read() (row []string, num int, ok bool) {
	row, ok = t.next()
	if !ok {
		return nil, 0, false
	}
	t.row++
	return row, t.row, true
}

// newBOMSkipper drops a UTF-8 byte-order mark, as Excel writes before CSV.
func newBOMSkipper(r io.Reader) io.Reader {
	var head [3]byte
	n, _ := io.ReadFull(r, head[:])
	if n == 3 && string(head[:]) == "\ufeff" {
		return r
	}
	return io.MultiReader(strings.NewReader(string(head[:n])), r)
}
