package workbook_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/salesrec/salesrectest"
	"github.com/dealtrail/dealtrail/salesrec/workbook"
)

// generated is a team with customers and engagements whose ids are store
// ids (32 hex digits), as an export of a store holds them.
type generated struct {
	team      workbook.Team
	customers map[string]salesrec.Customer
	es        []salesrec.Engagement
}

func generate(t testing.TB, n int) generated {
	t.Helper()
	g := salesrectest.New(7)
	team := g.Team()
	members := g.Members(team, 6)
	out := generated{team: workbook.Team{ID: team.ID, Members: members, Location: time.FixedZone("CST", 8*3600)},
		customers: map[string]salesrec.Customer{}}
	var c salesrec.Customer
	for i := range n {
		if i%3 == 0 {
			c = g.Customer(team)
			c.ID = fmt.Sprintf("%032x", 1000+i)
			c.Name = fmt.Sprintf("%s%d", c.Name, i)
			out.customers[c.ID] = c
		}
		e := g.Engagement(team, members, c)
		e.ID = fmt.Sprintf("%032x", i+1)
		e.CustomerID = c.ID
		e.Version = int64(1 + i%3)
		for j := range e.Interactions {
			e.Interactions[j].ID = fmt.Sprintf("%030x%02d", i+1, j)
		}
		for j := range e.Actions {
			e.Actions[j].ID = fmt.Sprintf("%030xa%01d", i+1, j)
		}
		for j := range e.Remarks {
			e.Remarks[j].ID = fmt.Sprintf("%030xb%01d", i+1, j)
		}
		out.es = append(out.es, e)
	}
	return out
}

// asFiled is e as a register holds it: what the store owns and the file
// does not carry is dropped, times are to the minute.
func asFiled(e salesrec.Engagement) salesrec.Engagement {
	e.TeamID, e.CustomerID = "", ""
	e.CreatedAt, e.UpdatedAt = time.Time{}, time.Time{}
	e.Interactions = append([]salesrec.Interaction(nil), e.Interactions...)
	for i := range e.Interactions {
		in := &e.Interactions[i]
		in.Late = false
		in.RecordedAt = in.RecordedAt.Truncate(time.Minute)
		in.OccurredAt = in.OccurredAt.Truncate(time.Minute)
	}
	e.Remarks = append([]salesrec.Remark(nil), e.Remarks...)
	for i := range e.Remarks {
		e.Remarks[i].At = e.Remarks[i].At.Truncate(time.Minute)
	}
	return e
}

func readAll(t *testing.T, b *workbook.Book, team workbook.Team) ([]workbook.Entry, workbook.Report) {
	t.Helper()
	var got []workbook.Entry
	rep, err := workbook.Read(context.Background(), b, team, nil, func(e workbook.Entry) error {
		got = append(got, e)
		return nil
	})
	if err != nil {
		t.Fatalf("Read: %v\n%s", err, rep.Text(salesrec.EN))
	}
	return got, rep
}

func jsonOf(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func write(t testing.TB, w *workbook.Writer, gen generated) {
	t.Helper()
	for _, e := range gen.es {
		if err := w.Add(e, gen.customers[e.CustomerID]); err != nil {
			t.Fatalf("Add: %v", err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
}

func checkRoundTrip(t *testing.T, gen generated, got []workbook.Entry, rep workbook.Report) {
	t.Helper()
	if !rep.OK() {
		t.Fatalf("report of an export: %s", rep.Text(salesrec.EN))
	}
	if len(got) != len(gen.es) {
		t.Fatalf("read %d engagements, wrote %d", len(got), len(gen.es))
	}
	for i, e := range got {
		if len(e.Problems) > 0 {
			t.Fatalf("engagement %d: problems %v", i, e.Problems)
		}
		if g, w := jsonOf(t, e.Engagement), jsonOf(t, asFiled(gen.es[i])); g != w {
			t.Fatalf("engagement %d differs after the round trip:\n got: %s\nwant: %s", i, g, w)
		}
		if want := gen.customers[gen.es[i].CustomerID]; jsonOf(t, e.Customer) != jsonOf(t, customerFiled(want)) {
			t.Fatalf("customer of %d differs:\n got: %s\nwant: %s", i, jsonOf(t, e.Customer), jsonOf(t, customerFiled(want)))
		}
	}
}

func customerFiled(c salesrec.Customer) salesrec.Customer {
	c.ID, c.TeamID = "", ""
	return c
}

func TestRegisterRoundTripXLSX(t *testing.T) {
	gen := generate(t, 60)
	var buf bytes.Buffer
	w, err := workbook.NewXLSXWriter(&buf, gen.team)
	if err != nil {
		t.Fatal(err)
	}
	write(t, w, gen)
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	b, err := workbook.OpenXLSX(&buf, "台账.xlsx", workbook.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Fatalf("OpenXLSX left %d temporary files behind (its copy of the reader should go once opened)", len(left))
	}
	got, rep := readAll(t, b, gen.team)
	checkRoundTrip(t, gen, got, rep)
	if got[0].Source != "台账.xlsx 业务!A2" {
		t.Fatalf("source %q, want 台账.xlsx 业务!A2", got[0].Source)
	}
}

// TestRegisterRoundTripXLSXFile: a register with sheets too big to keep
// in memory (excelize streams them from temporary files) reads back the
// same from its path, and closing the book removes those files.
func TestRegisterRoundTripXLSXFile(t *testing.T) {
	gen := generate(t, 600)
	path := filepath.Join(t.TempDir(), "团队台账.xlsx")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w, err := workbook.NewXLSXWriter(f, gen.team)
	if err != nil {
		t.Fatal(err)
	}
	write(t, w, gen)
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	biggest := uint64(0)
	for _, zf := range zr.File {
		biggest = max(biggest, zf.UncompressedSize64)
	}
	zr.Close()
	if biggest <= 1<<20 {
		t.Fatalf("largest part %d bytes: the test needs a sheet over 1 MiB to read one from a temporary file", biggest)
	}
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	b, err := workbook.OpenXLSXFile(path, workbook.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if spilled, _ := os.ReadDir(tmp); len(spilled) == 0 {
		t.Fatal("no sheet went to a temporary file: the big sheets are held in memory")
	}
	got, rep := readAll(t, b, gen.team)
	checkRoundTrip(t, gen, got, rep)
	if got[0].Source != "团队台账.xlsx 业务!A2" {
		t.Fatalf("source %q, want 团队台账.xlsx 业务!A2", got[0].Source)
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Fatalf("Close left %d temporary files behind", len(left))
	}
}

func TestRegisterRoundTripCSV(t *testing.T) {
	gen := generate(t, 30)
	dir := writeCSV(t, gen)
	got, rep := readAll(t, workbook.OpenCSV(os.DirFS(dir), "台账", workbook.Limits{}), gen.team)
	checkRoundTrip(t, gen, got, rep)
}

// writeCSV writes gen's register as CSV files to a new directory.
func writeCSV(t *testing.T, gen generated) string {
	t.Helper()
	dir := t.TempDir()
	w, err := workbook.NewCSVWriter(func(name string) (io.WriteCloser, error) {
		return os.Create(filepath.Join(dir, name))
	}, gen.team)
	if err != nil {
		t.Fatal(err)
	}
	write(t, w, gen)
	return dir
}
