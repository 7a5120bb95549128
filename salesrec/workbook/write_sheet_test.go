package workbook_test

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"maps"
	"os"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/dealtrail/dealtrail/salesrec/workbook"
)

// parts reads every part of a zipped workbook, uncompressed, by name.
func parts(t *testing.T, file []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(file), int64(len(file)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, f := range zr.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(r) // checks the CRC too
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		out[f.Name] = b
	}
	return out
}

// TestChunkedSheetsAreTheStreamWriters: a register written in chunks (a
// few hundred bytes each here, many per sheet) and one
// written with the default chunks hold, part for part and byte for byte,
// the workbook excelize writes when one StreamWriter per sheet streams the
// same cells.
func TestChunkedSheetsAreTheStreamWriters(t *testing.T) {
	gen := generate(t, 60)
	files := map[string][]byte{}
	for name, limit := range map[string]int{"chunked": 300, "default": 0} {
		var buf bytes.Buffer
		var w *workbook.Writer
		var err error
		if limit > 0 {
			w, err = workbook.NewChunkedXLSXWriter(&buf, gen.team, limit)
		} else {
			w, err = workbook.NewXLSXWriter(&buf, gen.team)
		}
		if err != nil {
			t.Fatal(err)
		}
		write(t, w, gen)
		files[name] = buf.Bytes()
	}
	f, err := excelize.OpenReader(bytes.NewReader(files["chunked"]))
	if err != nil {
		t.Fatal(err)
	}
	cells := map[string][][]string{}
	rows := 0
	for _, s := range workbook.SheetNames() {
		if cells[s], err = f.GetRows(s); err != nil {
			t.Fatal(err)
		}
		rows += len(cells[s])
	}
	if rows < 300 {
		t.Fatalf("only %d rows: too few for the chunks to matter", rows)
	}
	var ref bytes.Buffer
	if err := workbook.StreamRegister(&ref, cells); err != nil {
		t.Fatal(err)
	}
	want := parts(t, ref.Bytes())
	for name, file := range files {
		got := parts(t, file)
		if g, w := slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(want)); !slices.Equal(g, w) {
			t.Fatalf("%s: parts\n got %v\nwant %v", name, g, w)
		}
		for part, b := range want {
			if !bytes.Equal(got[part], b) {
				t.Errorf("%s: part %s differs from one StreamWriter's (%d bytes, want %d)", name, part, len(got[part]), len(b))
			}
		}
	}
}

// failingWriter fails every write.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

// TestWriterLeavesNoTemporaryFiles: the sheets' temporary files are there
// while a register is written, and gone after Close, after a Close whose
// destination fails, and after Abort.
func TestWriterLeavesNoTemporaryFiles(t *testing.T) {
	gen := generate(t, 40)
	for _, tc := range []struct {
		name string
		out  io.Writer
		end  func(*workbook.Writer) error
		fail bool
	}{
		{"closed", io.Discard, (*workbook.Writer).Close, false},
		{"closed onto a failing destination", failingWriter{}, (*workbook.Writer).Close, true},
		{"aborted half-way", io.Discard, (*workbook.Writer).Abort, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w, tmp := halfWritten(t, tc.out, gen)
			err := tc.end(w)
			if (err != nil) != tc.fail {
				t.Fatalf("error %v, want one: %v", err, tc.fail)
			}
			if left, _ := os.ReadDir(tmp); len(left) != 0 {
				t.Fatalf("%d temporary files left behind", len(left))
			}
			if err := w.Abort(); err != nil {
				t.Fatalf("Abort after the end: %v", err)
			}
		})
	}
}

// TestAbandonedWriterLeavesNoTemporaryFiles: a writer dropped half-way
// without Close or Abort has its temporary files removed once the garbage
// collector finds it.
func TestAbandonedWriterLeavesNoTemporaryFiles(t *testing.T) {
	gen := generate(t, 40)
	var tmp string
	func() { _, tmp = halfWritten(t, io.Discard, gen) }()
	// Cleanups run after a collection, on a goroutine of their own: collect
	// until they have run, for at most a few seconds.
	deadline := time.Now().Add(10 * time.Second)
	for {
		runtime.GC()
		left, _ := os.ReadDir(tmp)
		if len(left) == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d temporary files left behind by an abandoned writer", len(left))
		}
		runtime.Gosched()
	}
}

// halfWritten starts a register writer to out with temporary files in a
// directory of the test's own (TMPDIR), adds half of gen's engagements,
// and checks that the directory holds temporary files by then.
func halfWritten(t *testing.T, out io.Writer, gen generated) (*workbook.Writer, string) {
	t.Helper()
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	w, err := workbook.NewChunkedXLSXWriter(out, gen.team, 300)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range gen.es[:len(gen.es)/2] {
		if err := w.Add(e, gen.customers[e.CustomerID]); err != nil {
			t.Fatal(err)
		}
	}
	if files, _ := os.ReadDir(tmp); len(files) == 0 {
		t.Fatal("no temporary files while writing: the test shows nothing")
	}
	return w, tmp
}
