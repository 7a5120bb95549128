package workbook

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path"

	"github.com/xuri/excelize/v2"

	"github.com/dealtrail/dealtrail/salesrec"
)

// A register's sheets fill side by side (each engagement adds rows to
// several), and excelize's StreamWriter keeps a sheet's first 16 MiB in a
// buffer, which can grow to 32 MiB and stays until the file is closed:
// eight sheets at once made the export's memory grow with the rows up to
// 256 MiB. So each sheet's XML is written here: what comes before and
// after its rows is taken once from a StreamWriter of a scratch excelize
// File that has no rows, built as the register's sheet is (the 客户 sheet
// is the template's first sheet, the others are added); the rows are
// encoded as the StreamWriter encodes them (cell_xml.go), and every
// chunkBytes of them are compressed to the sheet's temporary file. When
// the register is closed, each sheet's compressed XML goes into the
// workbook as it is (zip's CreateRaw) and excelize writes the other parts
// around it; its own empty versions of the sheets are dropped. The XML is
// the StreamWriter's, byte for byte (TestChunkedSheetsAreTheStreamWriters).

// chunkBytes is about how many bytes of a sheet's row XML are held before
// they are compressed to the sheet's file.
const chunkBytes = 256 << 10

// zipLevel is the compression archive/zip itself uses.
const zipLevel = 5

var (
	sheetDataOpen  = []byte("<sheetData>")
	sheetDataClose = []byte("</sheetData>")
	errChunk       = errors.New("workbook: excelize did not write a sheet's rows where expected")
)

// xlsxSheet writes one register sheet.
type xlsxSheet struct {
	s     *sheet // which register sheet
	part  string // the worksheet's part in the workbook: xl/worksheets/sheet3.xml
	limit int    // chunkBytes, but in tests
	rows  int
	xml   []byte // rows not compressed yet
	tail  []byte // what comes after the rows

	file *os.File // the sheet's compressed XML
	out  *bufio.Writer
	zw   *flate.Writer
	crc  hash.Hash32
	size int64 // bytes of XML before compression
}

// newXLSXSheet starts the sheet of part: what comes before its rows is
// what setup makes a StreamWriter write, in the workbook's first sheet
// or in one added after it.
func newXLSXSheet(s *sheet, part string, first bool, limit int, setup func(*excelize.StreamWriter) error) (*xlsxSheet, error) {
	x := &xlsxSheet{s: s, part: part, limit: limit, xml: make([]byte, 0, limit+4096)}
	b, err := emptySheetXML(first, setup)
	if err != nil {
		return nil, err
	}
	from := bytes.Index(b, sheetDataOpen) + len(sheetDataOpen)
	if from < len(sheetDataOpen) || !bytes.HasPrefix(b[from:], sheetDataClose) {
		return nil, errChunk
	}
	x.tail = b[from:]
	return x, x.compress(b[:from])
}

// emptySheetXML is the worksheet part a StreamWriter set up by setup
// writes without rows.
func emptySheetXML(first bool, setup func(*excelize.StreamWriter) error) ([]byte, error) {
	f := excelize.NewFile()
	name, part := "Sheet1", "xl/worksheets/sheet1.xml"
	if !first {
		name, part = "S", "xl/worksheets/sheet2.xml"
		if _, err := f.NewSheet(name); err != nil {
			return nil, errors.Join(err, f.Close())
		}
	}
	var xml, rest bytes.Buffer
	catcher := &partCatcher{part: part, into: &xml}
	f.ZipWriter = func(io.Writer) excelize.ZipWriter { return catcher }
	sw, err := f.NewStreamWriter(name)
	if err == nil {
		err = setup(sw)
	}
	if err == nil {
		err = sw.Flush()
	}
	if err == nil {
		err = f.Write(&rest)
	}
	if err = errors.Join(err, f.Close()); err != nil {
		return nil, err
	}
	if !catcher.seen || rest.Len() > 0 {
		return nil, errChunk
	}
	return xml.Bytes(), nil
}

func (x *xlsxSheet) styled(cells []string, style int) error {
	if x.rows == excelize.TotalRows {
		return salesrec.FieldError("rows", msgSheetFull(x.s.zh, x.s.en))
	}
	x.rows++
	x.xml = appendRowXML(x.xml, x.rows, cells, style)
	if len(x.xml) >= x.limit {
		err := x.compress(x.xml)
		x.xml = x.xml[:0]
		return err
	}
	return nil
}

func (x *xlsxSheet) row(cells []string) error { return x.styled(cells, 0) }

// compress appends b to the sheet's file.
func (x *xlsxSheet) compress(b []byte) error {
	if x.file == nil {
		f, err := os.CreateTemp("", "dealtrail-workbook-sheet-*")
		if err != nil {
			return fmt.Errorf("workbook: writing a sheet: %w", err)
		}
		x.file, x.out, x.crc = f, bufio.NewWriterSize(f, 64<<10), crc32.NewIEEE()
		if x.zw, err = flate.NewWriter(x.out, zipLevel); err != nil {
			return err
		}
	}
	x.crc.Write(b)
	x.size += int64(len(b))
	if _, err := x.zw.Write(b); err != nil {
		return fmt.Errorf("workbook: writing a sheet: %w", err)
	}
	return nil
}

// end writes the sheet's last rows and what comes after them.
func (x *xlsxSheet) end() error {
	if err := x.compress(append(x.xml, x.tail...)); err != nil {
		return err
	}
	x.xml = nil
	if err := x.zw.Close(); err != nil {
		return fmt.Errorf("workbook: writing a sheet: %w", err)
	}
	if err := x.out.Flush(); err != nil {
		return fmt.Errorf("workbook: writing a sheet: %w", err)
	}
	return nil
}

// copyTo puts the sheet's compressed XML in the workbook zw as its part.
func (x *xlsxSheet) copyTo(zw *zip.Writer) error {
	n, err := x.file.Seek(0, io.SeekCurrent)
	if err != nil {
		return fmt.Errorf("workbook: writing a sheet: %w", err)
	}
	// The versions are those zip's own Create writes (2.0).
	w, err := zw.CreateRaw(&zip.FileHeader{Name: x.part, Method: zip.Deflate, CreatorVersion: 20, ReaderVersion: 20,
		CRC32: x.crc.Sum32(), CompressedSize64: uint64(n), UncompressedSize64: uint64(x.size)})
	if err != nil {
		return err
	}
	_, err = io.Copy(w, io.NewSectionReader(x.file, 0, n))
	return err
}

// close removes the sheet's file.
func (x *xlsxSheet) close() error {
	err := removeTemp(x.file)
	x.file = nil
	return err
}

// partCatcher is the zip of a scratch file: the part it catches goes to
// into, every other part nowhere.
type partCatcher struct {
	part string
	into io.Writer
	seen bool
}

func (p *partCatcher) Create(name string) (io.Writer, error) {
	if name != p.part {
		return io.Discard, nil
	}
	p.seen = true
	return p.into, nil
}
func (p *partCatcher) AddFS(fs.FS) error { return nil }
func (p *partCatcher) Close() error      { return nil }

// withParts is the workbook's zip when some parts are in it already:
// excelize's own versions of them are dropped.
type withParts struct {
	zw   *zip.Writer
	done map[string]bool // part → whether excelize came to it
}

func (z *withParts) Create(name string) (io.Writer, error) {
	if came, ok := z.done[name]; ok && !came {
		z.done[name] = true
		return io.Discard, nil
	}
	if path.Dir(name) == "xl/worksheets" && len(z.done) > 0 {
		return nil, fmt.Errorf("workbook: excelize writes a sheet %s the register did not", name)
	}
	return z.zw.Create(name)
}
func (z *withParts) AddFS(fsys fs.FS) error { return z.zw.AddFS(fsys) }
func (z *withParts) Close() error           { return z.zw.Close() }
