package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestRun runs the example and checks what it prints and writes: the
// progress, the report (the vague goal refused at 业务!E4), nothing
// changed the second time, and the exported workbooks.
func TestRun(t *testing.T) {
	dir := t.TempDir()
	var out bytes.Buffer
	if err := run(context.Background(), &out, dir); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	for _, want := range []string{
		"进度 progress 3/3\n新建 2 条,更新 0 条,未变 0 条,未导入 1 条\n业务!E4: 太笼统",
		"0 created, 0 updated, 2 unchanged, 1 not imported\n业务!E4: is too vague",
		"团队台账 2 条业务 / team register, 2 engagements: 团队台账.xlsx",
		"一条业务的记录表 / one engagement's form (推进定制方案评审并签约): 已成交业务-记录表.xlsx",
	} {
		if !strings.Contains(got, want) {
			t.Fatalf("output lacks %q:\n%s", want, got)
		}
	}
	if strings.Count(got, "进度 progress 3/3") != 2 {
		t.Fatalf("progress should end once per import at 3/3:\n%s", got)
	}
	f, err := excelize.OpenFile(filepath.Join(dir, "团队台账.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); strings.Join(got, " ") != "客户 业务 沟通记录 沟通要点 需求 跟进计划 备注 复盘经验" {
		t.Fatalf("sheets %v", got)
	}
	if a, b := mustCell(t, f, "业务", "J2"), mustCell(t, f, "业务", "J3"); a != "¥80,000" && b != "¥80,000" {
		t.Fatalf("the won amount is written as %q / %q, want ¥80,000", a, b)
	}
	if _, err := os.Stat(filepath.Join(dir, "团队台账-csv", "沟通要点.csv")); err != nil {
		t.Fatal(err)
	}
	form, err := excelize.OpenFile(filepath.Join(dir, "已成交业务-记录表.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer form.Close()
	sheets := form.GetSheetList()
	if len(sheets) != 1 || mustCell(t, form, sheets[0], "A2") != "业务信息 Engagement" ||
		mustCell(t, form, sheets[0], "D4") != "推进定制方案评审并签约" {
		t.Fatalf("the won engagement's form: sheets %v, A2 %q, D4 %q", sheets,
			mustCell(t, form, sheets[0], "A2"), mustCell(t, form, sheets[0], "D4"))
	}
}

func mustCell(t *testing.T, f *excelize.File, sheet, cell string) string {
	t.Helper()
	v, err := f.GetCellValue(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	return v
}
