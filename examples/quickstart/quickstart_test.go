package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// The quickstart is the newcomer's first run: it must work from an empty
// directory, show each capability it promises, and run again on the same
// directory without -reset.
func TestQuickstartRunsTwice(t *testing.T) {
	dir := t.TempDir()
	var first bytes.Buffer
	if err := run(context.Background(), &first, dir, false); err != nil {
		t.Fatalf("first run: %v\n%s", err, first.String())
	}
	out := first.String()
	for _, want := range []string{
		"actions[3].what: 太笼统",                // the refused vague action, in Chinese
		"is too vague: say what will be done", // and in English beside it
		"事后补录 recorded late",                  // the late contact, kept and marked
		"已成交 won:合同金额 ¥80,000",                // amount formatted as the template writes it
		"已终止 terminated:预算调整,暂缓采购",            // objective reason
		"发送合同初稿 — 负责人 owner 周经理",              // overdue action of the team
		"查无此记录 (not found)",                   // confidentiality
		"【价格偏高】",                              // synonym 太贵 → 价格偏高, highlighted
		"【competitors】",                       // English plural matched
		"分面 结果 outcome: ",                     // facets named by their labels
		"已终止 terminated 1",                    // facet values by their labels, never codes
		"分面 类型 kind: ",
		"终止原因 termination reason",
		"[异议处理/", // hit kinds by their labels
		// history in words, in the team's time, with the English beside it
		"2024-02-27 18:10 张伟 记录了一次沟通(面谈,下午02:30)",
		"张伟 logged a contact (face-to-face, 02:30 PM)",
		"2024-03-08 09:15 张伟 记录了一次沟通(视频,2024-03-06 下午03:00,事后补录)",
		"2024-03-08 09:30 周经理 添加了备注(法务审核)",
		"李娜 将结果改为 已成交(¥80,000)",
		"李娜 changed the result to won (¥80,000)",
		"知识库已更新,可搜索最新经验",
		"exported 3 engagements to the team's workbook:", // the register in the data directory
		"团队台账.xlsx",
		// the team review ends the run, zh with en beside
		"== 周复盘  the team review ==",
		"周复盘(2024-04-12,统计期 2024-04-06 至 2024-04-12)",
		"Weekly review (2024-04-12; period 2024-04-06 to 2024-04-12)",
		"  已逾期的行动 (1)\n    overdue actions (1)",
		"华东精工制造股份有限公司:已 36 天没有沟通\n      - 华东精工制造股份有限公司: no contact for 36 days",
		"业务概况:推进中 1,已成交 1,已终止 1\n  Pipeline: 1 open, 1 won, 1 terminated",
		"2024-03 成交 1 笔,合计 ¥80,000",
		"终止原因“预算”:1 笔\n    terminated for budget: 1",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("first run output lacks %q", want)
		}
	}
	if i := strings.LastIndex(out, "\n== "); i < 0 || !strings.HasPrefix(out[i:], "\n== 周复盘  the team review ==") {
		t.Errorf("the run does not end with the team review")
	}
	// Nothing developer-internal: no codes, feed positions, field counts, op
	// codes, bare version numbers or JSON paths beside findings.
	for _, internal := range []string{"termination_reason", "=1", "=2", "facet outcome", "improvement=",
		"feed position", "field(s) changed", "log_interaction", "(version ", " v2 ", "0000000000", "[interactions[", "[actions["} {
		if strings.Contains(out, internal) {
			t.Errorf("first run output shows %q, which only a developer reads", internal)
		}
	}
	if t.Failed() {
		t.Logf("output:\n%s", out)
	}

	var second bytes.Buffer
	if err := run(context.Background(), &second, dir, false); err != nil {
		t.Fatalf("second run: %v", err)
	}
	if !strings.Contains(second.String(), "跳过录入") || strings.Count(second.String(), "经理看到的团队记录 the manager's list (3)") != 1 {
		t.Errorf("second run should reuse the records, got:\n%s", second.String())
	}

	var third bytes.Buffer
	if err := run(context.Background(), &third, dir, true); err != nil {
		t.Fatalf("run with reset: %v", err)
	}
	if strings.Contains(third.String(), "跳过录入") {
		t.Errorf("-reset should start over")
	}
}
