package dealtrailhttp_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/dealtrail/dealtrail/salesrec"
)

func TestLogInteraction(t *testing.T) {
	f := newFixture(t)
	path := "/engagements/" + f.e1.ID + "/interactions"

	t.Run("in time", func(t *testing.T) {
		body := map[string]any{"version": 1, "interaction": interaction("r1")}
		e := decodeAs[salesrec.Engagement](t, f.do(t, "r1", "POST", path, body).want(t, http.StatusOK))
		if len(e.Interactions) != 2 || e.Version != 2 {
			t.Fatalf("%d interactions at version %d", len(e.Interactions), e.Version)
		}
		if e.Interactions[1].Late {
			t.Error("an interaction two hours old is marked late")
		}
	})
	t.Run("late is kept and marked", func(t *testing.T) {
		in := interaction("r1")
		in.OccurredAt = now.Add(-25 * time.Hour)
		e := decodeAs[salesrec.Engagement](t, f.do(t, "r1", "POST", path, map[string]any{"interaction": in}, "If-Match", `"2"`).want(t, http.StatusOK))
		if !e.Interactions[2].Late {
			t.Error("an interaction 25 hours old is not marked late")
		}
	})
	t.Run("in the future", func(t *testing.T) {
		in := interaction("r1")
		in.OccurredAt = now.Add(time.Hour)
		f.do(t, "r1", "POST", path, map[string]any{"version": 3, "interaction": in}).want(t, http.StatusUnprocessableEntity)
	})
	t.Run("a vague point", func(t *testing.T) {
		in := interaction("r1")
		in.Points[0].Text = "有意向"
		body := decodeAs[errorBody](t, f.do(t, "r1", "POST", path, map[string]any{"version": 3, "interaction": in}).want(t, http.StatusUnprocessableEntity))
		if len(body.Fields) == 0 {
			t.Error("no field named")
		}
	})
	t.Run("a stale version", func(t *testing.T) {
		f.do(t, "r1", "POST", path, map[string]any{"version": 1, "interaction": interaction("r1")}).want(t, http.StatusConflict)
	})
	t.Run("no version", func(t *testing.T) {
		f.do(t, "r1", "POST", path, map[string]any{"interaction": interaction("r1")}).want(t, http.StatusPreconditionRequired)
	})
}

func TestSetActionStatus(t *testing.T) {
	f := newFixture(t)
	base := "/engagements/" + f.e1.ID + "/actions/"

	e := decodeAs[salesrec.Engagement](t, f.do(t, "r1", "POST", base+"a-next/status", `{"version":1,"status":"进行中"}`).want(t, http.StatusOK))
	if e.Actions[1].Status != salesrec.ActionInProgress {
		t.Errorf("status %q, want in_progress", e.Actions[1].Status)
	}
	f.do(t, "r1", "POST", base+"a-next/status", `{"version":2,"status":"finished"}`).want(t, http.StatusUnprocessableEntity)
	f.do(t, "r1", "POST", base+"no-such-action/status", `{"version":2,"status":"done"}`).want(t, http.StatusNotFound)
	f.do(t, "r1", "POST", base+"a-next/status", `{"version":1,"status":"done"}`).want(t, http.StatusConflict)
}

func TestAddRemarkIsByTheActor(t *testing.T) {
	f := newFixture(t)
	body := `{"version":1,"remark":{"text":"技术支持已安排测试环境","collaboration":"技术支持","author_id":"m1"}}`
	e := decodeAs[salesrec.Engagement](t, f.do(t, "r1", "POST", "/engagements/"+f.e1.ID+"/remarks", body).want(t, http.StatusOK))
	if len(e.Remarks) != 1 {
		t.Fatalf("%d remarks", len(e.Remarks))
	}
	rm := e.Remarks[0]
	if rm.AuthorID != "r1" || !rm.At.Equal(now) || rm.Collaboration != salesrec.CollabTechnicalSupport {
		t.Errorf("remark %+v, want by r1 at %v", rm, now)
	}
	f.do(t, "r1", "POST", "/engagements/"+f.e1.ID+"/remarks", `{"version":2,"remark":{"text":""}}`).want(t, http.StatusUnprocessableEntity)
}

func TestCloseAndReopen(t *testing.T) {
	f := newFixture(t)
	won := decodeAs[salesrec.Engagement](t, f.do(t, "r1", "POST", "/engagements", engagement("c1", "r1")).want(t, http.StatusCreated))
	lost := f.e1
	closePath := func(e salesrec.Engagement) string { return "/engagements/" + e.ID + "/close" }
	reopenPath := func(e salesrec.Engagement) string { return "/engagements/" + e.ID + "/reopen" }

	steps := []struct {
		name   string
		path   string
		body   string
		code   int
		fields []string
	}{
		{"won without an amount is refused", closePath(won),
			`{"version":1,"status":"won","outcome":{"signed_on":"2024-04-12"}}`, http.StatusUnprocessableEntity, []string{"outcome.amount"}},
		{"won one fen above the largest amount is refused", closePath(won),
			`{"version":1,"status":"won","outcome":{"amount":{"minor":100000000000001,"currency":"CNY"},"signed_on":"2024-04-12"}}`, http.StatusUnprocessableEntity, []string{"outcome.amount"}},
		{"won with an amount past int64 is a malformed body", closePath(won),
			`{"version":1,"status":"won","outcome":{"amount":{"minor":99999999999999999999},"signed_on":"2024-04-12"}}`, http.StatusBadRequest, nil},
		{"closing as open is refused", closePath(won),
			`{"version":1,"status":"open","outcome":{}}`, http.StatusUnprocessableEntity, []string{"status"}},
		{"won with amount and date", closePath(won),
			`{"version":1,"status":"已成交","outcome":{"amount":{"minor":8000000,"currency":"CNY"},"signed_on":"2024-04-12"}}`, http.StatusOK, nil},
		{"a won engagement cannot be closed again", closePath(won),
			`{"version":2,"status":"terminated","outcome":{"reason":"预算调整,暂缓采购","reason_category":"budget"}}`, http.StatusConflict, nil},
		{"a won engagement cannot be reopened", reopenPath(won),
			`{"version":2,"reason":"客户追加采购"}`, http.StatusConflict, nil},
		{"terminated without a reason is refused", closePath(lost),
			`{"version":1,"status":"terminated","outcome":{"reason_category":"budget"}}`, http.StatusUnprocessableEntity, []string{"outcome.reason"}},
		{"terminated with reason and category", closePath(lost),
			`{"version":1,"status":"terminated","outcome":{"reason":"预算调整,暂缓采购","reason_category":"预算"}}`, http.StatusOK, nil},
		{"reopening with a reason", reopenPath(lost),
			`{"version":2,"reason":"客户新财年预算已批复"}`, http.StatusOK, nil},
		{"an open engagement cannot be reopened", reopenPath(lost),
			`{"version":3,"reason":"再来一次"}`, http.StatusConflict, nil},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			r := f.do(t, "r1", "POST", s.path, s.body).want(t, s.code)
			body := decodeAs[errorBody](t, r)
			for _, k := range s.fields {
				if body.Fields[k] == "" {
					t.Errorf("fields %v do not name %s", body.Fields, k)
				}
			}
		})
	}

	got := decodeAs[salesrec.Engagement](t, f.do(t, "r1", "GET", "/engagements/"+won.ID, nil).want(t, http.StatusOK))
	if got.Status != salesrec.StatusWon || got.Outcome == nil || got.Outcome.Amount != salesrec.CNY(80000, 0) {
		t.Errorf("won engagement reads back as %q %+v", got.Status, got.Outcome)
	}
	got = decodeAs[salesrec.Engagement](t, f.do(t, "r1", "GET", "/engagements/"+lost.ID, nil).want(t, http.StatusOK))
	if got.Status != salesrec.StatusOpen || got.ReopenReason != "客户新财年预算已批复" {
		t.Errorf("reopened engagement reads back as %q reason %q", got.Status, got.ReopenReason)
	}
}
