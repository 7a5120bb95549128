package dealtrailhttp_test

import (
	"net/http"
	"strconv"
	"testing"

	"github.com/dealtrail/dealtrail/salesrec"
)

func TestCreateAndGetEngagement(t *testing.T) {
	f := newFixture(t)
	r := f.do(t, "r1", "POST", "/engagements", engagement("c1", "r1")).want(t, http.StatusCreated)
	created := decodeAs[salesrec.Engagement](t, r)
	if created.ID == "" || created.Version != 1 || created.Status != salesrec.StatusOpen {
		t.Fatalf("created %+v", created)
	}
	if got := r.header.Get("ETag"); got != `"1"` {
		t.Errorf("ETag %q, want \"1\"", got)
	}
	if !created.Interactions[0].RecordedAt.Equal(now) {
		t.Errorf("recorded at %v, want the store's clock %v", created.Interactions[0].RecordedAt, now)
	}

	got := decodeAs[salesrec.Engagement](t, f.do(t, "r1", "GET", "/engagements/"+created.ID, nil).want(t, http.StatusOK))
	if got.ID != created.ID || got.Goal != created.Goal || len(got.Actions) != 2 {
		t.Errorf("read back %+v, want %+v", got, created)
	}
}

func TestCreateEngagementAcceptsTemplateLabels(t *testing.T) {
	f := newFixture(t)
	body := `{"customer_id":"c1","owner_id":"r1","stage":"新客户开发","goal":"推动客户确认方案","status":"待推进"}`
	e := decodeAs[salesrec.Engagement](t, f.do(t, "r1", "POST", "/engagements", body).want(t, http.StatusCreated))
	if e.Stage != salesrec.StageNewCustomer || e.Status != salesrec.StatusOpen {
		t.Errorf("stage %q status %q, want the codes", e.Stage, e.Status)
	}
}

func TestCreateEngagementRefusesTemplateViolations(t *testing.T) {
	f := newFixture(t)
	cases := []struct {
		name  string
		edit  func(*salesrec.Engagement)
		field string
	}{
		{"a vague action is refused", func(e *salesrec.Engagement) { e.Actions[0].What = "跟进" }, "actions[0].what"},
		{"a missing goal is refused", func(e *salesrec.Engagement) { e.Goal = "" }, "goal"},
		{"a vague need is refused", func(e *salesrec.Engagement) { e.Needs[0].Content = "客户有需求" }, "needs[0].content"},
		{"an objection without handling is refused", func(e *salesrec.Engagement) {
			e.Interactions[0].Points = append(e.Interactions[0].Points,
				salesrec.Point{Speaker: salesrec.SpeakerCustomer, Kind: salesrec.PointObjection, Text: "担心系统稳定性"})
		}, "interactions[0].points[2].handling"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := engagement("c1", "r1")
			c.edit(&e)
			r := f.do(t, "r1", "POST", "/engagements", e).want(t, http.StatusUnprocessableEntity)
			body := decodeAs[errorBody](t, r)
			if body.Fields[c.field] == "" {
				t.Errorf("fields %v do not name %s", body.Fields, c.field)
			}
		})
	}
}

func TestUpdateEngagementVersions(t *testing.T) {
	f := newFixture(t)
	path := "/engagements/" + f.e1.ID
	e := f.e1
	e.Goal = "推动客户确认方案"

	t.Run("version in the body", func(t *testing.T) {
		r := f.do(t, "r1", "PUT", path, e).want(t, http.StatusOK)
		got := decodeAs[salesrec.Engagement](t, r)
		if got.Version != 2 || got.Goal != e.Goal {
			t.Fatalf("updated to version %d goal %q", got.Version, got.Goal)
		}
		if r.header.Get("ETag") != `"2"` {
			t.Errorf("ETag %q", r.header.Get("ETag"))
		}
	})
	t.Run("the same version again is stale", func(t *testing.T) {
		f.do(t, "r1", "PUT", path, e).want(t, http.StatusConflict)
	})
	t.Run("If-Match with the current ETag", func(t *testing.T) {
		e2 := e
		e2.Version = 0
		e2.Goal = "确认采购预算"
		got := decodeAs[salesrec.Engagement](t, f.do(t, "r1", "PUT", path, e2, "If-Match", `"2"`).want(t, http.StatusOK))
		if got.Version != 3 {
			t.Errorf("version %d, want 3", got.Version)
		}
	})
	t.Run("a stale If-Match", func(t *testing.T) {
		e2 := e
		e2.Version = 0
		r := f.do(t, "r1", "PUT", path, e2, "If-Match", `"2"`).want(t, http.StatusPreconditionFailed)
		if got := r.header.Get("ETag"); got != `"3"` {
			t.Errorf("412 with ETag %q, want the current \"3\"", got)
		}
	})
	t.Run("no version at all", func(t *testing.T) {
		e2 := e
		e2.Version = 0
		f.do(t, "r1", "PUT", path, e2).want(t, http.StatusPreconditionRequired)
	})
	t.Run("body and If-Match disagree", func(t *testing.T) {
		e2 := e
		e2.Version = 3
		f.do(t, "r1", "PUT", path, e2, "If-Match", `"2"`).want(t, http.StatusBadRequest)
	})
	t.Run("If-Match that is no ETag", func(t *testing.T) {
		f.do(t, "r1", "PUT", path, e, "If-Match", "*").want(t, http.StatusBadRequest)
	})
	t.Run("an id in the body that is not the path's", func(t *testing.T) {
		e2 := e
		e2.ID = "other"
		e2.Version = 3
		f.do(t, "r1", "PUT", path, e2).want(t, http.StatusBadRequest)
	})
	t.Run("an invalid change", func(t *testing.T) {
		e2 := e
		e2.Version = 3
		e2.Goal = ""
		body := decodeAs[errorBody](t, f.do(t, "r1", "PUT", path, e2).want(t, http.StatusUnprocessableEntity))
		if body.Fields["goal"] == "" {
			t.Errorf("fields %v do not name goal", body.Fields)
		}
	})

	// Exactly the successful writes are in the history.
	hist := decodeAs[struct{ Items []salesrec.HistoryEntry }](t, f.do(t, "m1", "GET", path+"/history", nil).want(t, http.StatusOK))
	if len(hist.Items) != 3 {
		t.Errorf("history has %d entries, want 3 (create and two updates)", len(hist.Items))
	}
	for i, h := range hist.Items {
		if h.Version != int64(i+1) {
			t.Errorf("entry %d has version %s", i, strconv.FormatInt(h.Version, 10))
		}
	}
}

func TestGetUnknownEngagementIsNotFound(t *testing.T) {
	f := newFixture(t)
	f.do(t, "m1", "GET", "/engagements/no-such-id", nil).want(t, http.StatusNotFound)
}
