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
	"strconv"

	"github.com/xuri/excelize/v2"
)

// A register's sheets fill side by side (each engagement adds rows to
// several), and excelize's StreamWriter keeps a sheet's first 16 MiB in a
// buffer, which can grow to 32 MiB and stays until the file is closed,
// before it moves the sheet to a temporary file: eight sheets at once
// made the export's memory grow with the rows up to 256 MiB. So a sheet is
// written in chunks of about chunkBytes of XML. A chunk's rows go through
// the StreamWriter of a scratch excelize File of their own, built as the
// register's sheet is (the 客户 sheet is the template's first sheet, the
// others are added), and the scratch's worksheet part, taken from its zip
// hook, is cut down to its rows (the first chunk keeps what comes before
// them, the last what comes after), compressed and appended to the sheet's
// temporary file. When the register is closed, each sheet's compressed XML
// goes into the workbook as it is (zip's CreateRaw) and excelize writes
// the other parts around it; its own empty versions of the sheets are
// dropped. The XML is the StreamWriter's, byte for byte
// (TestChunkedSheetsAreTheStreamWriters).

// chunkBytes is about how many bytes of XML a sheet's chunk holds before
// it is compressed to the sheet's file.
const chunkBytes = 1 << 20

// cellXML is about how many bytes of XML a cell takes besides its text.
const cellXML = 40

// zipLevel is the compression archive/zip itself uses.
const zipLevel = 5

var (
	sheetDataOpen  = []byte("<sheetData>")
	sheetDataClose = []byte("</sheetData>")
	errChunk       = errors.New("workbook: excelize did not write a sheet's rows where expected")
)

// xlsxSheet writes one register sheet in chunks.
type xlsxSheet struct {
	part  string // the worksheet's part in the workbook: xl/worksheets/sheet3.xml
	first bool   // the workbook's first sheet, the template's Sheet1
	setup func(*excelize.StreamWriter) error
	limit int // chunkBytes, but in tests
	rows  int

	scratch *excelize.File // the chunk being written, nil between chunks
	sw      *excelize.StreamWriter
	held    int // about how many bytes of XML sw holds
	chunks  int
	xml     *bytes.Buffer // a chunk's worksheet part; the sheets share it
	tail    []byte        // what comes after the rows

	file *os.File // the sheet's compressed XML
	out  *bufio.Writer
	zw   *flate.Writer
	crc  hash.Hash32
	size int64 // bytes of XML before compression
}

func (x *xlsxSheet) styled(cells []string, style int) error {
	if x.sw == nil {
		if err := x.start(); err != nil {
			return err
		}
	}
	x.rows++
	if err := x.sw.SetRow("A"+strconv.Itoa(x.rows), styledRow(cells, style, len(cells))); err != nil {
		return err
	}
	for _, c := range cells {
		x.held += len(c) + cellXML
	}
	if x.held >= x.limit {
		return x.cut()
	}
	return nil
}

func (x *xlsxSheet) row(cells []string) error { return x.styled(cells, 0) }

// scratchPart is the worksheet part a chunk's scratch file streams to.
func (x *xlsxSheet) scratchPart() string {
	if x.first {
		return "xl/worksheets/sheet1.xml"
	}
	return "xl/worksheets/sheet2.xml"
}

// start begins a chunk in a scratch file whose sheet is made as the
// register's own is: its XML before and after the rows depends on it.
func (x *xlsxSheet) start() error {
	f := excelize.NewFile()
	name := "Sheet1"
	if !x.first {
		name = "S"
		if _, err := f.NewSheet(name); err != nil {
			return errors.Join(err, f.Close())
		}
	}
	sw, err := f.NewStreamWriter(name)
	if err == nil {
		err = x.setup(sw)
	}
	if err != nil {
		return errors.Join(err, f.Close())
	}
	x.scratch, x.sw, x.held = f, sw, 0
	return nil
}

// cut ends the chunk: its rows, with what comes before them when it is
// the first, go to the sheet's file.
func (x *xlsxSheet) cut() error {
	f, sw := x.scratch, x.sw
	x.scratch, x.sw = nil, nil
	x.xml.Reset()
	catcher := &partCatcher{part: x.scratchPart(), into: x.xml}
	f.ZipWriter = func(io.Writer) excelize.ZipWriter { return catcher }
	var rest bytes.Buffer
	err := sw.Flush()
	if err == nil {
		err = f.Write(&rest)
	}
	if err = errors.Join(err, f.Close()); err != nil {
		return err
	}
	b := x.xml.Bytes()
	from, to := bytes.Index(b, sheetDataOpen), bytes.LastIndex(b, sheetDataClose)
	if !catcher.seen || rest.Len() > 0 || from < 0 || to < from {
		return errChunk
	}
	if x.chunks == 0 {
		from = 0
	} else {
		from += len(sheetDataOpen)
	}
	x.tail = append(x.tail[:0], b[to:]...)
	x.chunks++
	return x.compress(b[from:to])
}

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

// end writes the sheet's last chunk and what comes after the rows.
func (x *xlsxSheet) end() error {
	if x.scratch != nil {
		if err := x.cut(); err != nil {
			return err
		}
	}
	if x.chunks == 0 {
		return errChunk
	}
	if err := x.compress(x.tail); err != nil {
		return err
	}
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

// close drops the chunk being written and removes the sheet's file.
func (x *xlsxSheet) close() error {
	var err error
	if x.scratch != nil {
		err = x.scratch.Close()
		x.scratch, x.sw = nil, nil
	}
	err = errors.Join(err, removeTemp(x.file))
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
