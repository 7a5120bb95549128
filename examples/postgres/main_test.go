package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/dealtrail/dealtrail/storage/storagetest"
)

// The PostgreSQL example runs the same flow as the quickstart, with
// migrations called by the host, against a real database.
func TestPostgresExample(t *testing.T) {
	dsn := storagetest.PostgresDSNOrSkip(t)
	var out bytes.Buffer
	if err := run(context.Background(), &out, dsn, t.TempDir(), true); err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	for _, want := range []string{
		"migrations applied",
		"actions[3].what: 太笼统",
		"is too vague: say what will be done",
		"分面 结果 outcome: ",
		"已成交 won:合同金额 ¥80,000",
		"发送合同初稿 — 负责人 owner 周经理",
		"【价格偏高】",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q\n%s", want, out.String())
		}
	}
}
