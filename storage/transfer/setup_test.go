package transfer_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/salesrec/salesrectest"
	"github.com/dealtrail/dealtrail/salesrec/workbook"
	"github.com/dealtrail/dealtrail/storage"
	"github.com/dealtrail/dealtrail/storage/sqlite"
	"github.com/dealtrail/dealtrail/storage/transfer"
)

// seeds gives each office its own generator seed, so that no two share ids.
var seeds atomic.Uint64

// now is the stores' clock in these tests.
var now = time.Date(2026, 3, 2, 10, 0, 0, 0, time.FixedZone("CST", 8*3600))

// office is a store with one team: a manager, two reps, and engagements
// from the generator.
type office struct {
	st       *storage.Store
	team     salesrec.Team
	manager  salesrec.Member
	rep1     salesrec.Member
	rep2     salesrec.Member
	members  []salesrec.Member
	es       []salesrec.Engagement
	customer salesrec.Customer
}

func openStore(t *testing.T) *storage.Store {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "dt.db"),
		sqlite.Options{Options: storage.Options{Clock: salesrec.FixedClock(now)}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	return st
}

// newOffice fills a fresh store with n generated engagements of one team,
// owned by the manager and the two reps in turn.
func newOffice(t *testing.T, n int) *office {
	t.Helper()
	ctx := context.Background()
	o := &office{st: openStore(t)}
	var err error
	if o.team, err = o.st.CreateTeam(ctx, salesrec.Team{Name: "华东一组"}); err != nil {
		t.Fatal(err)
	}
	for _, m := range []salesrec.Member{{Name: "王经理", Role: salesrec.RoleManager}, {Name: "张伟", Role: salesrec.RoleRep}, {Name: "刘洋", Role: salesrec.RoleRep}} {
		m.TeamID = o.team.ID
		if m, err = o.st.AddMember(ctx, m); err != nil {
			t.Fatal(err)
		}
		o.members = append(o.members, m)
	}
	o.manager, o.rep1, o.rep2 = o.members[0], o.members[1], o.members[2]
	g := salesrectest.NewWithOptions(seeds.Add(1), func() salesrectest.Options {
		op := salesrectest.DefaultOptions()
		op.Now = now.Add(-time.Hour)
		return op
	}())
	var c salesrec.Customer
	for i := range n {
		if i%2 == 0 {
			c = g.Customer(o.team)
			c.Name = fmt.Sprintf("%s%d", c.Name, i)
			if c, err = o.st.CreateCustomer(ctx, o.manager.ID, c); err != nil {
				t.Fatal(err)
			}
			if i == 0 {
				o.customer = c
			}
		}
		owner := o.members[i%3]
		e := g.Engagement(o.team, []salesrec.Member{owner}, c)
		e.OwnerID = owner.ID
		if e, err = o.st.CreateEngagement(ctx, o.manager.ID, e); err != nil {
			t.Fatalf("engagement %d: %v", i, err)
		}
		o.es = append(o.es, e)
	}
	return o
}

// export writes the register actor may see as .xlsx.
func (o *office) export(t *testing.T, actor salesrec.Member) *bytes.Buffer {
	t.Helper()
	return o.exportWith(t, actor, transfer.WriteRegisterXLSX)
}

// exportWith writes what actor may see with write (a register or forms).
func (o *office) exportWith(t *testing.T, actor salesrec.Member,
	write func(context.Context, *storage.Store, string, storage.Filter, io.Writer) (int, error)) *bytes.Buffer {
	t.Helper()
	var buf bytes.Buffer
	if _, err := write(context.Background(), o.st, actor.ID, storage.Filter{}, &buf); err != nil {
		t.Fatal(err)
	}
	return &buf
}

// importFile imports an .xlsx register as actor.
func importFile(t *testing.T, st *storage.Store, actor salesrec.Member, file []byte, opts transfer.Options) workbook.Report {
	t.Helper()
	return importWith(t, st, actor, file, opts, workbook.OpenXLSX, "台账.xlsx")
}

// importWith opens file with open, as name, and imports it as actor.
func importWith(t *testing.T, st *storage.Store, actor salesrec.Member, file []byte, opts transfer.Options,
	open func(io.Reader, string, workbook.Limits) (*workbook.Book, error), name string) workbook.Report {
	t.Helper()
	b, err := open(bytes.NewReader(file), name, workbook.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	rep, err := transfer.Import(context.Background(), st, actor.ID, b, opts)
	if err != nil {
		t.Fatalf("Import: %v\n%s", err, rep.Text(salesrec.EN))
	}
	return rep
}
