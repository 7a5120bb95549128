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
	} {
		if !strings.Contains(out, want) {
			t.Errorf("first run output lacks %q", want)
		}
	}
	for _, code := range []string{"termination_reason", "=1", "=2", "facet outcome", "improvement="} {
		if strings.Contains(out, code) {
			t.Errorf("first run output shows the code %q", code)
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
