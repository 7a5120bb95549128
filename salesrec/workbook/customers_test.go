package workbook_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/salesrec/workbook"
)

// TestCustomerRowsApart: a customer whose contact rows are not together
// in the 客户 sheet gets all its contacts in the sheet's order, and a
// problem on one of them names that contact's own row.
func TestCustomerRowsApart(t *testing.T) {
	fsys := fstest.MapFS{
		"客户.csv": {Data: []byte("客户名称,客户类型,联系人,职位,电话\n" +
			"甲公司,老客户,王经理,采购经理,13800000001\n" +
			"乙公司,新客户,李总,总经理,13800000002\n" +
			"甲公司,,赵工,,13800000003\n")},
		"业务.csv": {Data: []byte("业务编号,客户名称,负责人,阶段,记录目标,状态\n" +
			"B1,甲公司,张伟,新客户开发,确认预算,待推进\n" +
			"B2,乙公司,张伟,新客户开发,确认预算,待推进\n")},
	}
	team := workbook.Team{ID: "t1", Members: []salesrec.Member{{ID: "m1", Name: "张伟"}}}
	var got []workbook.Entry
	rep, err := workbook.Read(context.Background(), workbook.OpenCSV(fsys, "台账", workbook.Limits{}), team, nil,
		func(e workbook.Entry) error { got = append(got, e); return nil })
	if err != nil || !rep.OK() {
		t.Fatalf("Read: %v, %s", err, rep.Text(salesrec.EN))
	}
	if len(got) != 2 {
		t.Fatalf("%d entries, want 2", len(got))
	}
	var names []string
	for _, c := range got[0].Customer.Contacts {
		names = append(names, c.Name+" "+c.Phone)
	}
	if want := "王经理 13800000001|赵工 13800000003"; strings.Join(names, "|") != want {
		t.Fatalf("甲公司's contacts %q, want %q", strings.Join(names, "|"), want)
	}
	if want, _ := salesrec.Parse[salesrec.CustomerKind]("老客户"); got[0].Customer.Kind != want {
		t.Fatalf("甲公司's kind %q, want %q from its first row", got[0].Customer.Kind, want)
	}
	if p := got[0].Locate("customer.contacts[1].phone", salesrec.Message{Zh: "错", En: "wrong"}); p.Sheet != "客户" || p.Cell != "E4" {
		t.Fatalf("the second contact's phone is located at %s!%s, want 客户!E4", p.Sheet, p.Cell)
	}
	if c := got[1].Customer; c.Name != "乙公司" || len(c.Contacts) != 1 || c.Contacts[0].Name != "李总" {
		t.Fatalf("乙公司 read as %+v", c)
	}
}

// TestManyCustomersSpill: a 客户 sheet too big to keep in memory goes to a
// temporary file, every engagement still gets its own customer back, and
// the file is gone when Read returns.
func TestManyCustomersSpill(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	const n = 300
	long := strings.Repeat("制造", 2000) // 12 KB a row: 300 rows pass the 1 MiB kept in memory
	var customers, engagements strings.Builder
	customers.WriteString("客户名称,子类型,联系人\n")
	engagements.WriteString("业务编号,客户名称,负责人,阶段,记录目标,状态\n")
	for i := range n {
		fmt.Fprintf(&customers, "客户%03d,%s%d,联系人%d\n", i, long, i, i)
	}
	for i := n - 1; i >= 0; i-- { // engagements in the other order
		fmt.Fprintf(&engagements, "B%03d,客户%03d,张伟,新客户开发,确认预算,待推进\n", i, i)
	}
	fsys := fstest.MapFS{"客户.csv": {Data: []byte(customers.String())}, "业务.csv": {Data: []byte(engagements.String())}}
	team := workbook.Team{ID: "t1", Members: []salesrec.Member{{ID: "m1", Name: "张伟"}}}
	spilled := false
	read := 0
	rep, err := workbook.Read(context.Background(), workbook.OpenCSV(fsys, "台账", workbook.Limits{}), team, nil,
		func(e workbook.Entry) error {
			if files, _ := os.ReadDir(tmp); len(files) > 0 {
				spilled = true
			}
			i := n - 1 - read
			read++
			c := e.Customer
			if c.Name != fmt.Sprintf("客户%03d", i) || c.SubKind != long+fmt.Sprint(i) ||
				len(c.Contacts) != 1 || c.Contacts[0].Name != fmt.Sprintf("联系人%d", i) {
				return fmt.Errorf("engagement %d got customer %s (%d contacts)", i, c.Name, len(c.Contacts))
			}
			return nil
		})
	if err != nil || !rep.OK() {
		t.Fatalf("Read: %v, %s", err, rep.Text(salesrec.EN))
	}
	if read != n {
		t.Fatalf("read %d engagements, want %d", read, n)
	}
	if !spilled {
		t.Fatal("the customers' rows never went to a temporary file")
	}
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Fatalf("Read left %d temporary files behind", len(left))
	}
}
