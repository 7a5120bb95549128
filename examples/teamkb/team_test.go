package main

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/dealtrail/dealtrail/examples/internal/demo"
	"github.com/dealtrail/dealtrail/salesrec"
)

// hostileIndustry is the industry of the customer whose pursuit holds the
// hostile lessons, so a test can filter to them.
const hostileIndustry = "网络安全"

// hostileLessons try to run script on the page: a script element, an
// attribute break-out with an event handler, and a javascript: URL.
var hostileLessons = []string{
	`<script>window.__pwned=1;alert(1)</script>预算教训`,
	`"><img src=x onerror="window.__pwned=2">预算`,
	`javascript:alert(3) 预算链接`,
}

type demoTeam struct {
	*demo.Team
	// Hostile is the won pursuit whose lessons are hostileLessons, owned
	// by the rep 李娜.
	Hostile string
}

// openDemo records the quickstart's demo team in a fresh directory, adds
// the hostile pursuit through the store as any rep could, and brings the
// knowledge base up to date.
func openDemo(t *testing.T) *demoTeam {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	team, err := demo.Open(ctx, io.Discard, dir, false, demo.SQLite(dir, false))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = team.Close() })
	s := team.Store
	c, err := s.CreateCustomer(ctx, team.LiID, salesrec.Customer{
		TeamID: team.TeamID, Name: "深圳蓝盾信息安全有限公司", Kind: salesrec.CustomerNew, Industry: hostileIndustry,
	})
	if err != nil {
		t.Fatal(err)
	}
	e, err := s.CreateEngagement(ctx, team.LiID, salesrec.Engagement{
		TeamID: team.TeamID, OwnerID: team.LiID, CustomerID: c.ID,
		Stage: salesrec.StageNewCustomer, Status: salesrec.StatusOpen, Goal: "确认安全审计平台的采购预算",
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range hostileLessons {
		e.Lessons = append(e.Lessons, salesrec.Lesson{Kind: salesrec.LessonImprovement, Text: l})
	}
	if e, err = s.UpdateEngagement(ctx, team.LiID, e); err != nil {
		t.Fatalf("recording the hostile lessons: %v", err)
	}
	e, err = s.CloseEngagement(ctx, team.LiID, e.ID, e.Version, salesrec.StatusWon,
		salesrec.Outcome{Amount: salesrec.CNY(60000, 0), SignedOn: salesrec.Date{Year: 2024, Month: 3, Day: 25}})
	if err != nil {
		t.Fatal(err)
	}
	sctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	if err := team.Index.SyncUntil(sctx, e.ID, e.Version); err != nil {
		t.Fatal(err)
	}
	return &demoTeam{Team: team, Hostile: e.ID}
}

// The host's record page reads the engagement as the acting member: the
// manager reads every pursuit of the team, a rep only those he takes part
// in, and the page never says whether one it refuses exists.
func TestRecordPageReadsAsTheActingMember(t *testing.T) {
	team := openDemo(t)
	get := func(as, id string) (int, string) {
		h, err := newHandler(team.Team, config{as: as})
		if err != nil {
			t.Fatal(err)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/engagements/"+id, nil))
		return w.Code, w.Body.String()
	}
	if code, body := get("manager", team.Logistics); code != 200 || !strings.Contains(body, "杭州云桥物流有限公司") || !strings.Contains(body, "已终止 terminated") {
		t.Errorf("manager: %d %s", code, body)
	}
	for _, id := range []string{team.Logistics, "no-such-id"} {
		if code, body := get("li", id); code != 404 || strings.Contains(body, "云桥") {
			t.Errorf("li reading %s: %d %s", id, code, body)
		}
	}
}
