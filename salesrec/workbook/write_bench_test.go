package workbook_test

import (
	"bytes"
	"io"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/dealtrail/dealtrail/salesrec/workbook"
)

// BenchmarkWriteRegister compares the register's Writer with its bare
// building block, excelize's StreamWriter writing the same cells (read
// back from the Writer's own file), per engagement: the writer's own cost
// (formats, labels, notes, guards) without a store's reads. Compare the
// two sub-benchmarks' ns/op.
func BenchmarkWriteRegister(b *testing.B) {
	gen := generate(b, 500)
	var file bytes.Buffer
	w, err := workbook.NewXLSXWriter(&file, gen.team)
	if err != nil {
		b.Fatal(err)
	}
	write(b, w, gen)
	f, err := excelize.OpenReader(&file)
	if err != nil {
		b.Fatal(err)
	}
	sheets := workbook.SheetNames()
	cells := map[string][][]string{}
	for _, s := range sheets {
		if cells[s], err = f.GetRows(s); err != nil {
			b.Fatal(err)
		}
	}
	b.Run("dealtrail", func(b *testing.B) {
		for b.Loop() {
			w, err := workbook.NewXLSXWriter(io.Discard, gen.team)
			if err != nil {
				b.Fatal(err)
			}
			write(b, w, gen)
		}
	})
	b.Run("bare", func(b *testing.B) {
		for b.Loop() {
			f := excelize.NewFile()
			for i, name := range sheets {
				if i == 0 {
					if err := f.SetSheetName("Sheet1", name); err != nil {
						b.Fatal(err)
					}
				} else if _, err := f.NewSheet(name); err != nil {
					b.Fatal(err)
				}
				sw, err := f.NewStreamWriter(name)
				if err != nil {
					b.Fatal(err)
				}
				for r, row := range cells[name] {
					vals := make([]any, len(row))
					for j, c := range row {
						vals[j] = c
					}
					if err := sw.SetRow("A"+strconv.Itoa(r+1), vals); err != nil {
						b.Fatal(err)
					}
				}
				if err := sw.Flush(); err != nil {
					b.Fatal(err)
				}
			}
			if _, err := f.WriteTo(io.Discard); err != nil {
				b.Fatal(err)
			}
			if err := f.Close(); err != nil {
				b.Fatal(err)
			}
		}
	})
}
