package workbook_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/salesrec/workbook"
)

// TestBrokenFilesAreRefused: what is not a workbook, or is larger than the
// limits, is refused with a clear error or problem, never a panic.
func TestBrokenFilesAreRefused(t *testing.T) {
	gen := generate(t, 12)
	var good bytes.Buffer
	w, err := workbook.NewXLSXWriter(&good, gen.team)
	if err != nil {
		t.Fatal(err)
	}
	write(t, w, gen)
	for _, tc := range []struct {
		name  string
		file  []byte
		limit workbook.Limits
	}{
		{"not a zip", []byte("this is not a workbook"), workbook.Limits{}},
		{"a truncated workbook", good.Bytes()[:good.Len()/2], workbook.Limits{}},
		{"unzipped larger than the limit (a zip bomb)", good.Bytes(), workbook.Limits{MaxBytes: 4096}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, err := workbook.OpenXLSX(bytes.NewReader(tc.file), "坏文件.xlsx", tc.limit)
			if err == nil {
				_, err = workbook.Read(context.Background(), b, gen.team, nil, func(workbook.Entry) error { return nil })
				_ = b.Close()
			}
			var fe *workbook.FileError
			if !errors.As(err, &fe) || !errors.Is(err, salesrec.ErrInvalid) || fe.Msg.Zh == "" {
				t.Fatalf("got %v, want a *FileError wrapping ErrInvalid", err)
			}
		})
	}
}

// TestLimitsStopAHugeSheet: a sheet over the row limit stops the read
// with a problem at its row; a cell over the length limit is a problem at
// that cell.
func TestLimitsStopAHugeSheet(t *testing.T) {
	var rows strings.Builder
	rows.WriteString("业务编号,客户名称,负责人,阶段,记录目标,状态\n")
	for i := range 20 {
		rows.WriteString("B" + strings.Repeat("0", 3) + string(rune('a'+i)) + ",某公司,张伟,新客户开发,确认预算,待推进\n")
	}
	fsys := fstest.MapFS{"业务.csv": {Data: []byte(rows.String())}}
	team := workbook.Team{ID: "t1", Members: []salesrec.Member{{ID: "m1", Name: "张伟"}}}
	rep, err := workbook.Read(context.Background(), workbook.OpenCSV(fsys, "大文件", workbook.Limits{MaxRows: 10}), team, nil,
		func(workbook.Entry) error {
			t.Fatal("an engagement of a file over the limit was handed on")
			return nil
		})
	if !errors.Is(err, salesrec.ErrInvalid) || len(rep.Problems) != 1 || rep.Problems[0].Where() != "业务!11" {
		t.Fatalf("row limit: err %v, report %s", err, rep.Text(salesrec.EN))
	}

	long := "业务编号,客户名称,负责人,阶段,记录目标,状态\nB001,某公司,张伟,新客户开发," + strings.Repeat("预算", 40) + ",待推进\n"
	fsys = fstest.MapFS{"业务.csv": {Data: []byte(long)}}
	var got []workbook.Entry
	_, err = workbook.Read(context.Background(), workbook.OpenCSV(fsys, "长文本", workbook.Limits{MaxCellChars: 50}), team, nil,
		func(e workbook.Entry) error { got = append(got, e); return nil })
	if err != nil || len(got) != 1 || len(got[0].Problems) != 1 || got[0].Problems[0].Where() != "业务!E2" {
		t.Fatalf("cell limit: err %v, entries %+v", err, got)
	}
}

// FuzzReadCSV: whatever bytes a 业务 or 沟通记录 file holds, Read reports
// problems or entries and never panics.
func FuzzReadCSV(f *testing.F) {
	f.Add("业务编号,客户名称,负责人\nB001,某公司,张伟\n", "业务编号,沟通编号,沟通日期,沟通时间\nB001,1,2024-04-10,上午9:30\n")
	f.Add("\ufeff业务编号\n\"B0\"\"01,\n,,,\n", "业务编号,沟通日期\nB001,45392.5\nB001,-1e308\n")
	f.Add("业务编号,成交金额,签约日期,版本\nB1,８万,2024年13月1日,x\n", "业务编号,沟通编号,记录时间\n,,2024-04-10 (UTC+99:99)\n")
	team := workbook.Team{ID: "t1", Members: []salesrec.Member{{ID: "m1", Name: "张伟"}}}
	f.Fuzz(func(t *testing.T, engagements, contacts string) {
		fsys := fstest.MapFS{"业务.csv": {Data: []byte(engagements)}, "沟通记录.csv": {Data: []byte(contacts)}}
		_, _ = workbook.Read(context.Background(), workbook.OpenCSV(fsys, "fuzz", workbook.Limits{MaxRows: 1000}), team, nil,
			func(e workbook.Entry) error { return nil })
	})
}
