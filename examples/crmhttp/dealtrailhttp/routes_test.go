package dealtrailhttp_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/dealtrail/dealtrail/salesrec"
)

// The routes a front end needs beyond reading and writing engagements.

func TestCountsByStatus(t *testing.T) {
	f := newFixture(t)
	f.knowledge(t) // east: one won, one terminated (f.e1); west: one open
	f.do(t, "r1", "POST", "/engagements", engagement("c1", "r1")).want(t, http.StatusCreated)
	type counts struct {
		Total    int
		ByStatus map[string]int `json:"by_status"`
	}
	got := decodeAs[counts](t, f.do(t, "m1", "GET", "/counts", nil).want(t, http.StatusOK))
	if got.Total != 3 || got.ByStatus["open"] != 1 || got.ByStatus["won"] != 1 || got.ByStatus["terminated"] != 1 {
		t.Errorf("east's manager counts %+v, want one of each status", got)
	}
	got = decodeAs[counts](t, f.do(t, "m1", "GET", "/counts?status="+"%E5%B7%B2%E6%88%90%E4%BA%A4", nil).want(t, http.StatusOK)) // 已成交
	if got.Total != 1 || len(got.ByStatus) != 1 || got.ByStatus["won"] != 1 {
		t.Errorf("counting won only: %+v", got)
	}
	// Another team's engagements are not counted, and filters are checked.
	if got := decodeAs[counts](t, f.do(t, "m2", "GET", "/counts", nil).want(t, http.StatusOK)); got.Total != 1 {
		t.Errorf("west counts %d, want its own 1", got.Total)
	}
	f.do(t, "m1", "GET", "/counts?status=maybe", nil).want(t, http.StatusBadRequest)
}

func TestActionsDueSoon(t *testing.T) {
	f := newFixture(t)
	type answer struct {
		Items []struct {
			EngagementID string `json:"engagement_id"`
			Action       salesrec.Action
			Overdue      bool
		}
		Total int
	}
	ids := func(a answer) []string {
		var out []string
		for _, it := range a.Items {
			out = append(out, it.Action.ID)
		}
		return out
	}
	// a-next is due 2024-04-19, seven days after now; a-late was due yesterday.
	week := decodeAs[answer](t, f.do(t, "r1", "GET", "/actions/due-soon", nil).want(t, http.StatusOK))
	if got := ids(week); len(got) != 1 || got[0] != "a-next" {
		t.Errorf("due within 7 days: %v, want [a-next]", got)
	}
	if got := ids(decodeAs[answer](t, f.do(t, "r1", "GET", "/actions/due-soon?days=6", nil).want(t, http.StatusOK))); len(got) != 0 {
		t.Errorf("due within 6 days: %v, want none", got)
	}
	if got := ids(decodeAs[answer](t, f.do(t, "m1", "GET", "/actions/due-soon?team=east", nil).want(t, http.StatusOK))); len(got) != 1 {
		t.Errorf("the team's due soon: %v", got)
	}
	for _, q := range []string{"days=0", "days=91", "days=week"} {
		body := decodeAs[errorBody](t, f.do(t, "r1", "GET", "/actions/due-soon?"+q, nil).want(t, http.StatusBadRequest))
		if body.Fields["days"] == "" {
			t.Errorf("%s: fields %v do not name days", q, body.Fields)
		}
	}
	// Another team's actions stay out of reach.
	if got := ids(decodeAs[answer](t, f.do(t, "m2", "GET", "/actions/due-soon?owner=r1", nil))); len(got) != 0 {
		t.Errorf("west's manager sees r1's actions: %v", got)
	}
}

func TestSimilarLessons(t *testing.T) {
	f := newFixture(t)
	won, _ := f.knowledge(t)
	// An open engagement with a price objection, like the won one.
	e := engagement("c1", "r1")
	e.Goal = "确认采购预算与价格"
	open := decodeAs[salesrec.Engagement](t, f.do(t, "r1", "POST", "/engagements", e).want(t, http.StatusCreated))

	type answer struct {
		Items []struct {
			EngagementID string `json:"engagement_id"`
			Text         string
			CustomerName string `json:"customer_name"`
		}
		Total int
	}
	a := decodeAs[answer](t, f.do(t, "r1", "GET", "/engagements/"+open.ID+"/similar?limit=5", nil).want(t, http.StatusOK))
	if a.Total == 0 || a.Total != len(a.Items) {
		t.Fatalf("similar: %+v", a)
	}
	for _, it := range a.Items {
		if it.EngagementID == open.ID {
			t.Error("an engagement is similar to itself")
		}
	}
	found := false
	for _, it := range a.Items {
		found = found || it.EngagementID == won.ID
	}
	if !found {
		t.Errorf("the won engagement's lessons are not among %+v", a.Items)
	}
	// A member who may not read the engagement gets 404, not its neighbours.
	f.do(t, "m2", "GET", "/engagements/"+open.ID+"/similar", nil).want(t, http.StatusNotFound)
	r := f.do(t, "r2", "GET", "/engagements/"+open.ID+"/similar", nil)
	if r.code != http.StatusNotFound || strings.Contains(string(r.body), secretName) {
		t.Errorf("a rep not taking part: %d %s", r.code, r.body)
	}
	f.do(t, "r1", "GET", "/engagements/"+open.ID+"/similar?limit=0", nil).want(t, http.StatusBadRequest)
}
