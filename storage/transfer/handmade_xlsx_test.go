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
	f := excelize.NewFile()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	sheets := map[string][][]any{
		"客户": {{"客户名称", "客户类型", "行业", "联系人", "职位"}, {"上海星辰制造有限公司", "新客户", "制造业", "赵敏", "采购总监"}},
		"业务": {{"业务编号", "客户名称", "负责人", "阶段", "记录目标", "状态", "成交金额", "签约日期"},
			{"B001", "上海星辰制造有限公司", "张伟", "新客户开发", "推进定制方案评审并签约", "已成交", 80000, time.Date(2024, 5, 20, 0, 0, 0, 0, time.UTC)}},
		"Contacts": {{"Engagement ID", "Contact ID", "Date", "Time", "Method", "Place", "Platform", "Topic", "Customer participants", "Sales participants"},
			{"B001", "1", time.Date(2024, 4, 10, 0, 0, 0, 0, time.UTC), 0.5625, "视频", "线上", "腾讯会议", "方案评审", "赵敏（采购总监）", "张伟（主谈）"},
			{nil, "2", time.Date(2024, 4, 12, 0, 0, 0, 0, time.UTC), "上午９:３０", "电话", nil, nil, "报价确认", "赵敏（采购总监）", "张伟（主谈）"}},
		"沟通要点": {{"业务编号", "沟通编号", "要点"}, {"B001", "1", "客户反馈（方案）：方案覆盖了多数据源对接"}, {}, {"B001", "2", "客户认可：报价已内部通过"}},
	}
	first := true
	for name, rows := range sheets {
		if first {
			must(f.SetSheetName("Sheet1", name))
			first = false
		} else {
			_, err := f.NewSheet(name)
			must(err)
		}
		for i, row := range rows {
			cell, err := excelize.CoordinatesToCellName(1, i+1)
			must(err)
			must(f.SetSheetRow(name, cell, &row))
		}
	}
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
	var buf bytes.Buffer
	_, err = f.WriteTo(&buf)
	must(err)
	return buf.Bytes()
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
