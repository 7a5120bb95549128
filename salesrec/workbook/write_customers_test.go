package workbook_test

import (
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/salesrec/workbook"
)

// TestCustomersWrittenOnce: the 客户 sheet has each customer once, the
// first time an engagement names it, in the order they came, also when the
// queue of customers goes to a temporary file; customers without an id are
// never taken for one another; the temporary file is gone after Close.
func TestCustomersWrittenOnce(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	out := t.TempDir()
	team := workbook.Team{ID: "t1", Members: []salesrec.Member{{ID: "m1", Name: "张伟"}}}
	customer := func(id, name string, contacts int) salesrec.Customer {
		c := salesrec.Customer{ID: id, Name: name, Industry: strings.Repeat("制造", 30)}
		for i := range contacts {
			c.Contacts = append(c.Contacts, salesrec.Contact{Name: fmt.Sprintf("%s联系人%d", name, i)})
		}
		return c
	}
	var order []salesrec.Customer
	for i := range 200 {
		order = append(order, customer(fmt.Sprintf("c%03d", (i*7)%50), fmt.Sprintf("客户%03d", (i*7)%50), i%3))
		if i%40 == 0 {
			order = append(order, customer("", "无编号客户", 1))
		}
	}
	w, err := workbook.NewCSVWriter(func(name string) (io.WriteCloser, error) {
		return os.Create(filepath.Join(out, name))
	}, team)
	if err != nil {
		t.Fatal(err)
	}
	workbook.SetWriterRunBytes(w, 1024)
	var want []string
	seen := map[string]bool{}
	spilled := false
	for i, c := range order {
		e := salesrec.Engagement{ID: fmt.Sprintf("e%03d", i), OwnerID: "m1"}
		if err := w.Add(e, c); err != nil {
			t.Fatal(err)
		}
		if files, _ := os.ReadDir(tmp); len(files) > 0 {
			spilled = true
		}
		if c.ID != "" && seen[c.ID] {
			continue
		}
		seen[c.ID] = true
		want = append(want, c.Name)
		for range max(len(c.Contacts), 1) - 1 {
			want = append(want, c.Name)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if !spilled {
		t.Fatal("the queue of customers never went to a temporary file")
	}
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Fatalf("Close left %d temporary files behind", len(left))
	}
	f, err := os.Open(filepath.Join(out, "客户.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, row := range rows[1:] {
		got = append(got, row[0])
	}
	if !slices.Equal(got, want) {
		t.Fatalf("客户 sheet names, in order:\n got %v\nwant %v", got, want)
	}
}
