package workbook_test

import (
	"context"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/salesrec/workbook"
)

// readSorted reads b with the keys sorted in runs of runBytes (0: the
// default), in a temporary directory of its own; it reports whether
// temporary files were there while the engagements were handed on, and
// fails when any is left after Read returns.
func readSorted(t *testing.T, b *workbook.Book, team workbook.Team, runBytes int,
	each func(workbook.Entry) error) (rep workbook.Report, spilled bool, err error) {
	t.Helper()
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	workbook.SetRunBytes(b, runBytes)
	rep, err = workbook.Read(context.Background(), b, team, nil, func(e workbook.Entry) error {
		if files, _ := os.ReadDir(tmp); len(files) > 0 {
			spilled = true
		}
		return each(e)
	})
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Fatalf("Read left %d temporary files behind (error %v)", len(left), err)
	}
	return rep, spilled, err
}

// TestKeysInTemporaryFiles: a register read with its keys sorted through
// temporary files gives the same engagements and report as one sorted in
// memory, and the files are gone when Read returns, also when it stops
// on an error.
func TestKeysInTemporaryFiles(t *testing.T) {
	gen := generate(t, 60)
	dir := writeCSV(t, gen)
	read := func(runBytes int) ([]workbook.Entry, workbook.Report, bool) {
		var got []workbook.Entry
		rep, spilled, err := readSorted(t, workbook.OpenCSV(os.DirFS(dir), "台账", workbook.Limits{}), gen.team, runBytes,
			func(e workbook.Entry) error { got = append(got, e); return nil })
		if err != nil {
			t.Fatalf("Read: %v", err)
		}
		return got, rep, spilled
	}
	inMemory, repMem, spilled := read(0)
	if spilled {
		t.Fatal("60 engagements went to temporary files with the default runs")
	}
	checkRoundTrip(t, gen, inMemory, repMem)
	onDisk, repDisk, spilled := read(512)
	if !spilled {
		t.Fatal("runs of 512 bytes never went to a temporary file")
	}
	if g, w := jsonOf(t, onDisk), jsonOf(t, inMemory); g != w {
		t.Fatalf("entries differ when the keys are sorted on disk:\n got: %.300s\nwant: %.300s", g, w)
	}
	if g, w := repDisk.Text(salesrec.EN), repMem.Text(salesrec.EN); g != w {
		t.Fatalf("reports differ: %s against %s", g, w)
	}

	stop := errors.New("stop")
	n := 0
	_, spilled, err := readSorted(t, workbook.OpenCSV(os.DirFS(dir), "台账", workbook.Limits{}), gen.team, 512,
		func(workbook.Entry) error {
			if n++; n == 10 {
				return stop
			}
			return nil
		})
	if !errors.Is(err, stop) || !spilled || n != 10 {
		t.Fatalf("stopping at the 10th engagement: err %v, spilled %v, %d handed on", err, spilled, n)
	}
}

// TestHostileKeys: repeated and blank 业务编号, a key of 50,000
// characters, and rows naming an 业务编号 the 业务 sheet does not have are
// reported at their cells in the order of the sheets and rows, and every
// other row goes to its engagement, whether the keys are sorted in memory
// or on disk.
func TestHostileKeys(t *testing.T) {
	huge := strings.Repeat("超长编号", 12500)
	row := func(key, customer string) string {
		return key + "," + customer + ",张伟,新客户开发,确认预算,待推进\n"
	}
	engagements := "业务编号,客户名称,负责人,阶段,记录目标,状态\n" +
		row("B1", "甲公司") + // 2
		row("", "甲公司") + // 3: no key
		row("B1", "乙公司") + // 4: B1 again
		row(huge, "甲公司") + // 5
		row(huge, "乙公司") + // 6: the huge key again
		row("B2", "乙公司") // 7
	contacts := "业务编号,沟通编号,沟通日期,沟通时间\n" +
		"B9,1,2024-04-10,上午9:30\n" + // 2: no such engagement
		",2,2024-04-10,上午9:30\n" + // 3: B9 carried down (a merged cell)
		"B2,1,2024-04-11,上午10:00\n" + // 4: B2's, before B1's
		"B1,1,2024-04-10,上午9:30\n" + // 5
		huge + ",1,2024-04-10,下午3:00\n" + // 6
		"B1,2,2024-04-12,下午3:00\n" // 7
	customers := "客户名称,客户类型,联系人\n甲公司,老客户,王经理\n乙公司,新客户,李总\n甲公司,,赵工\n"
	fsys := fstest.MapFS{"业务.csv": {Data: []byte(engagements)}, "沟通记录.csv": {Data: []byte(contacts)},
		"客户.csv": {Data: []byte(customers)}}
	team := workbook.Team{ID: "t1", Members: []salesrec.Member{{ID: "m1", Name: "张伟"}}}
	wantWhere := []string{"业务!A3", "业务!A4", "业务!A6", "沟通记录!A2", "沟通记录!A3"}
	type got struct {
		source   string
		contacts int
		customer string
		people   int
	}
	want := []got{{"台账 业务!A2", 2, "甲公司", 2}, {"台账 业务!A5", 1, "甲公司", 2}, {"台账 业务!A7", 1, "乙公司", 1}}
	for _, runBytes := range []int{0, 64} {
		var entries []got
		rep, _, err := readSorted(t, workbook.OpenCSV(fsys, "台账", workbook.Limits{}), team, runBytes, func(e workbook.Entry) error {
			entries = append(entries, got{e.Source, len(e.Engagement.Interactions), e.Customer.Name, len(e.Customer.Contacts)})
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		var where []string
		for _, p := range rep.Problems {
			where = append(where, p.Where())
		}
		if !slices.Equal(where, wantWhere) {
			t.Fatalf("runs of %d: problems at %v, want %v\n%s", runBytes, where, wantWhere, rep.Text(salesrec.EN))
		}
		if p := rep.Problems[2].Msg; !strings.Contains(p.Zh, huge) || !strings.Contains(p.En, huge) {
			t.Fatalf("the repeated huge key is not named: %.80s", p.Zh)
		}
		if !strings.Contains(rep.Problems[3].Msg.En, "B9") || !strings.Contains(rep.Problems[4].Msg.En, "B9") {
			t.Fatalf("the unknown key is not named: %s", rep.Text(salesrec.EN))
		}
		if !slices.Equal(entries, want) {
			t.Fatalf("runs of %d: entries %+v, want %+v", runBytes, entries, want)
		}
	}
}
