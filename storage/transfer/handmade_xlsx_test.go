package transfer_test

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage"
	"github.com/dealtrail/dealtrail/storage/transfer"
)

// handmadeXLSX is a register as a team makes one in Excel: real date and
// time cells, an amount in a currency format, the engagement's key merged
// over its two contacts, a blank row, headers in English on one sheet.
func handmadeXLSX(t *testing.T) []byte {
	t.Helper()
	must := func(err error) { mustOK(t, err) }
	f := workbookOf(t,
		sheetRows{"客户", [][]any{{"客户名称", "客户类型", "行业", "联系人", "职位"}, {"上海星辰制造有限公司", "新客户", "制造业", "赵敏", "采购总监"}}},
		sheetRows{"业务", [][]any{{"业务编号", "客户名称", "负责人", "阶段", "记录目标", "状态", "成交金额", "签约日期"},
			{"B001", "上海星辰制造有限公司", "张伟", "新客户开发", "推进定制方案评审并签约", "已成交", 80000, time.Date(2024, 5, 20, 0, 0, 0, 0, time.UTC)}}},
		sheetRows{"Contacts", [][]any{{"Engagement ID", "Contact ID", "Date", "Time", "Method", "Place", "Platform", "Topic", "Customer participants", "Sales participants"},
			{"B001", "1", time.Date(2024, 4, 10, 0, 0, 0, 0, time.UTC), 0.5625, "视频", "线上", "腾讯会议", "方案评审", "赵敏（采购总监）", "张伟（主谈）"},
			{nil, "2", time.Date(2024, 4, 12, 0, 0, 0, 0, time.UTC), "上午９:３０", "电话", nil, nil, "报价确认", "赵敏（采购总监）", "张伟（主谈）"}}},
		sheetRows{"沟通要点", [][]any{{"业务编号", "沟通编号", "要点"}, {"B001", "1", "客户反馈（方案）：方案覆盖了多数据源对接"}, {}, {"B001", "2", "客户认可：报价已内部通过"}}})
	money, err := f.NewStyle(&excelize.Style{CustomNumFmt: ptr("¥#,##0")})
	must(err)
	must(f.SetCellStyle("业务", "G2", "G2", money))
	date, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	must(err)
	must(f.SetCellStyle("业务", "H2", "H2", date))
	clock, err := f.NewStyle(&excelize.Style{NumFmt: 20})
	must(err)
	must(f.SetCellStyle("Contacts", "D2", "D2", clock))
	must(f.MergeCell("Contacts", "A2", "A3"))
	return bytesOf(t, f)
}

// sheetRows is a sheet of a hand-made workbook: its name and its rows.
type sheetRows struct {
	name string
	rows [][]any
}

// workbookOf makes a workbook holding sheets, in their order.
func workbookOf(t *testing.T, sheets ...sheetRows) *excelize.File {
	t.Helper()
	f := excelize.NewFile()
	for i, sheet := range sheets {
		if i == 0 {
			mustOK(t, f.SetSheetName("Sheet1", sheet.name))
		} else {
			_, err := f.NewSheet(sheet.name)
			mustOK(t, err)
		}
		for r, row := range sheet.rows {
			cell, err := excelize.CoordinatesToCellName(1, r+1)
			mustOK(t, err)
			mustOK(t, f.SetSheetRow(sheet.name, cell, &row))
		}
	}
	return f
}

// bytesOf is f as a file.
func bytesOf(t *testing.T, f *excelize.File) []byte {
	t.Helper()
	var buf bytes.Buffer
	_, err := f.WriteTo(&buf)
	mustOK(t, err)
	return buf.Bytes()
}

func mustOK(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func ptr[T any](v T) *T { return &v }

func TestHandmadeXLSX(t *testing.T) {
	ctx := context.Background()
	o := newOffice(t, 0)
	rep := importFile(t, o.st, o.manager, handmadeXLSX(t), transfer.Options{})
	if !rep.OK() || rep.Created != 1 {
		t.Fatalf("hand-made workbook: %s", rep.Text(salesrec.ZH))
	}
	page, err := o.st.ListEngagements(ctx, o.manager.ID, storage.Filter{}, storage.PageRequest{})
	if err != nil || len(page.Items) != 1 {
		t.Fatalf("list: %v %v", page.Items, err)
	}
	e := page.Items[0]
	if e.Outcome.Amount != salesrec.CNY(80000, 0) || e.Outcome.SignedOn.String() != "2024-05-20" {
		t.Fatalf("outcome %+v, want ¥80,000 signed 2024-05-20 from a currency cell and a date cell", e.Outcome)
	}
	if len(e.Interactions) != 2 {
		t.Fatalf("%d contacts, want the two under the merged key", len(e.Interactions))
	}
	for i, want := range []string{"2024-04-10 13:30 +08:00", "2024-04-12 09:30 +08:00"} {
		if got := e.Interactions[i].OccurredAt.Format("2006-01-02 15:04 -07:00"); got != want {
			t.Fatalf("contact %d at %s, want %s", i, got, want)
		}
		if len(e.Interactions[i].Points) != 1 {
			t.Fatalf("contact %d has %d points, want 1", i, len(e.Interactions[i].Points))
		}
	}
}

// handmadeForm is a workbook of forms as a team fills them in Excel:
// headers in Chinese only, real date and time cells, 8万, full-width
// digits, the customer's name merged over its two contacts, a notes page
// that holds no form. The first form is good; the second has one mistake
// of each kind a form can hold; the third is read but refused by the
// rules, each refusal at its cell.
func handmadeForm(t *testing.T) []byte {
	t.Helper()
	must := func(err error) { mustOK(t, err) }
	day := func(m, d int) time.Time { return time.Date(2024, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	good := [][]any{
		{"销售业务过程记录"},
		{"业务信息"},
		{"业务编号", "负责人", "阶段", "记录目标", "状态", "版本"},
		{"B001", "张伟", "新客户开发", "推进定制方案评审并签约", "已成交"},
		{"客户基础信息"},
		{"客户名称", "简称", "客户类型", "子类型", "行业", "规模", "联系人", "职位", "电话", "邮箱"},
		{"上海星辰制造有限公司", "星辰", "新客户", nil, "制造业", "500人", "赵敏", "采购总监", "13800000000", "zhaomin@example.com"},
		{nil, nil, nil, nil, nil, nil, "钱进", "IT经理"},
		{"沟通记录与参与人员"},
		{"沟通编号", "沟通日期", "沟通时间", "沟通方式", "地点类型", "平台", "会议号", "地址", "主题", "客户参与人", "我方参与人", "记录时间"},
		{"1", day(4, 10), 0.5625, "视频", "线上", "腾讯会议", "123-456", nil, "方案评审", "赵敏（采购总监）", "张伟（主谈）"},
		{"2", "２０２４/４/１２", "上午９:３０", "电话", nil, nil, nil, nil, "报价确认", "赵敏（采购总监）", "张伟（主谈）"},
		{},
		{"沟通核心内容"},
		{"沟通编号", "要点"},
		{"1", "客户反馈（方案）：方案覆盖了多数据源对接"},
		{"2", "客户认可：报价已内部通过"},
		{"需求与方案"},
		{"类别", "优先级", "内容"},
		{"核心需求", "高", "支持多数据源实时对接，预算控制在50万以内"},
		{"方案", "协同", "资源"},
		{"定制化数据平台方案", "技术支持", "技术部两人"},
		{"跟进计划"},
		{"行动编号", "事项", "负责人", "截止日期", "状态"},
		{"1", "发送合同初稿", "张伟", day(4, 15), "已完成"},
		{"结果与复盘"},
		{"成交金额", "签约日期", "终止原因", "原因类别", "重开原因"},
		{"8万", "2024年5月20日"},
		{"类型", "内容"},
		{"成功点", "通过技术演示解决客户对稳定性的疑虑"},
		{"备注"},
		{"备注编号", "时间", "作者", "协同", "内容"},
	}
	bad := [][]any{
		{"销售业务过程记录"},
		{"随手记：下周再约"}, // outside any block
		{"业务编号", "负责人", "阶段", "记录目标", "状态", "版本"},
		{"B002", "李雷", "老客户维护", "确认续约预算与采购时间表", "待推进"},
		{"B003", "张伟", "老客户维护", "第二行不该在这里", "待推进"},
		{"客户名称", "简称", "客户类型", "子类型", "行业", "规模", "联系人", "职位", "电话", "邮箱"},
		{"北京远景科技有限公司", nil, "老客户", nil, "软件", nil, "孙丽", "采购经理", nil, "sunli@"},
		{"沟通编号", "沟通日期", "沟通时间", "沟通方式", "地点类型", "平台", "会议号", "地址", "主题", "客户参与人", "我方参与人", "记录时间"},
		{"1", day(3, 1), "下午13:00", "面谈", "线下", nil, nil, "北京海淀", "续约沟通", "孙丽（采购经理）", "张伟（主谈）"},
		{"沟通编号", "要点"},
		{"9", "客户提出：希望续约价格不变"},
		{"行动编号", "事项", "负责人", "截止日期", "状态"},
		{"1", "=HYPERLINK(\"http://evil.example\",\"发送续约报价\")", "张伟", "2024-02-30", "待执行"},
	}
	// Cells the reader takes, that the rules refuse.
	vague := [][]any{
		{"业务编号", "负责人", "阶段", "记录目标", "状态", "版本"},
		{"B004", "刘洋", "新客户开发", "跟进客户", "已成交"},
		{"客户名称", "简称", "客户类型", "子类型", "行业", "规模", "联系人", "职位", "电话", "邮箱"},
		{"杭州云帆物流有限公司", nil, "新客户", nil, "物流", nil, "周宁", "运营总监", nil, "zhouning@example.com"},
		{"成交金额", "签约日期", "终止原因", "原因类别", "重开原因"},
	}
	f := workbookOf(t, sheetRows{"星辰", good}, sheetRows{"远景", bad}, sheetRows{"云帆", vague},
		sheetRows{"填写说明", [][]any{{"每个业务一张表，按栏目填写。"}}})
	must(f.MergeCell("星辰", "A7", "A8"))
	date, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	must(err)
	must(f.SetCellStyle("星辰", "B11", "B11", date))
	clock, err := f.NewStyle(&excelize.Style{NumFmt: 20})
	must(err)
	must(f.SetCellStyle("星辰", "C11", "C11", clock))
	return bytesOf(t, f)
}

// TestHandmadeForm imports handmadeForm and compares the report with
// testdata/handmade-form.report.txt word for word, in Chinese and
// English: every problem names its sheet and cell. The good form is
// written as typed; the bad one leaves nothing.
func TestHandmadeForm(t *testing.T) {
	ctx := context.Background()
	o := newOffice(t, 0)
	file := handmadeForm(t)
	rep := importForms(t, o.st, o.manager, file, transfer.Options{})
	sameAsGolden(t, rep, "handmade-form.report.txt")
	page, err := o.st.ListEngagements(ctx, o.manager.ID, storage.Filter{}, storage.PageRequest{})
	if err != nil || len(page.Items) != 1 {
		t.Fatalf("engagements stored: %v %v, want only the good form's", page.Items, err)
	}
	won := page.Items[0]
	if won.Outcome == nil || won.Outcome.Amount != salesrec.CNY(80000, 0) || won.Outcome.SignedOn.String() != "2024-05-20" {
		t.Fatalf("outcome %+v, want ¥80,000 signed 2024-05-20", won.Outcome)
	}
	for i, want := range []string{"2024-04-10 13:30 +08:00", "2024-04-12 09:30 +08:00"} {
		if at := won.Interactions[i].OccurredAt.Format("2006-01-02 15:04 -07:00"); at != want {
			t.Fatalf("contact %d at %s, want %s", i, at, want)
		}
		if len(won.Interactions[i].Points) != 1 {
			t.Fatalf("contact %d has %d points, want 1", i, len(won.Interactions[i].Points))
		}
	}
	c, err := o.st.Customer(ctx, o.manager.ID, won.CustomerID)
	if err != nil || len(c.Contacts) != 2 || c.Contacts[1].Name != "钱进" {
		t.Fatalf("customer %+v %v, want the two contacts under the merged name", c, err)
	}
	again := importForms(t, o.st, o.manager, file, transfer.Options{})
	if again.Unchanged != 1 || again.Created != 0 || len(again.Problems) != len(rep.Problems) {
		t.Fatalf("second import: %s", again.Text(salesrec.EN))
	}
}
