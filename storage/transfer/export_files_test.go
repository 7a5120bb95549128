package transfer_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"testing"

	"github.com/dealtrail/dealtrail/salesrec/workbook"
	"github.com/dealtrail/dealtrail/storage"
	"github.com/dealtrail/dealtrail/storage/transfer"
)

// failingWriter fails every write, as a full disk would.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

// TestExportLeavesNoTemporaryFiles: an export, of a register or of forms,
// leaves the temporary directory as it found it, whether it succeeds,
// fails while writing the file out (when every sheet of a register waits
// in a temporary file), or fails reading the store and returns early.
// (TestWriterLeavesNoTemporaryFiles in salesrec/workbook aborts a writer
// half-way, its sheets' temporary files there.)
func TestExportLeavesNoTemporaryFiles(t *testing.T) {
	o := newOffice(t, 12)
	type export func(context.Context, *storage.Store, string, storage.Filter, io.Writer) (int, error)
	for _, tc := range []struct {
		name   string
		write  export
		out    io.Writer
		filter storage.Filter
		fail   bool
	}{
		{"register", transfer.WriteRegisterXLSX, &bytes.Buffer{}, storage.Filter{}, false},
		{"register onto a failing destination", transfer.WriteRegisterXLSX, failingWriter{}, storage.Filter{}, true},
		{"register with a filter the store refuses", transfer.WriteRegisterXLSX, &bytes.Buffer{}, storage.Filter{Status: "nonsense"}, true},
		{"forms", transfer.WriteFormsXLSX, &bytes.Buffer{}, storage.Filter{}, false},
		{"forms onto a failing destination", transfer.WriteFormsXLSX, failingWriter{}, storage.Filter{}, true},
		{"register through ExportRegister, aborted", exportAborted, &bytes.Buffer{}, storage.Filter{Status: "nonsense"}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tmp := t.TempDir()
			t.Setenv("TMPDIR", tmp)
			before, _ := os.ReadDir(tmp)
			n, err := tc.write(context.Background(), o.st, o.manager.ID, tc.filter, tc.out)
			if (err != nil) != tc.fail {
				t.Fatalf("error %v, want one: %v", err, tc.fail)
			}
			if !tc.fail && n != len(o.es) {
				t.Fatalf("wrote %d engagements, want %d", n, len(o.es))
			}
			if after, _ := os.ReadDir(tmp); len(after) != len(before) {
				t.Fatalf("%d files in the temporary directory before the export, %d after", len(before), len(after))
			}
		})
	}
}

// exportAborted is WriteRegisterXLSX by hand, as a host would write it:
// Team, a writer, ExportRegister, and Abort when that fails.
func exportAborted(ctx context.Context, st *storage.Store, actorID string, f storage.Filter, out io.Writer) (int, error) {
	team, err := transfer.Team(ctx, st, actorID)
	if err != nil {
		return 0, err
	}
	w, err := workbook.NewXLSXWriter(out, team)
	if err != nil {
		return 0, err
	}
	n, err := transfer.ExportRegister(ctx, st, actorID, f, w)
	if err != nil {
		return n, errors.Join(err, w.Abort())
	}
	return n, w.Close()
}
