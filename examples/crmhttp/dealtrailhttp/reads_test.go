package dealtrailhttp_test

import (
	"net/http"
	"net/url"
	"slices"
	"testing"
	"time"

	"github.com/dealtrail/dealtrail/salesrec"
)

func TestHistoryRecordsEveryWrite(t *testing.T) {
	f := newFixture(t)
	id := f.e1.ID
	f.do(t, "r1", "POST", "/engagements/"+id+"/actions/a-late/status", `{"version":1,"status":"done"}`).want(t, http.StatusOK)
	f.do(t, "r1", "POST", "/engagements/"+id+"/remarks", `{"version":2,"remark":{"text":"法务已审核合同条款","collaboration":"legal_review"}}`).want(t, http.StatusOK)

	h := decodeAs[struct{ Items []salesrec.HistoryEntry }](t, f.do(t, "r1", "GET", "/engagements/"+id+"/history", nil).want(t, http.StatusOK))
	var ops []salesrec.Op
	for _, e := range h.Items {
		ops = append(ops, e.Op)
		if e.ActorID != "r1" {
			t.Errorf("entry %d by %q, want r1", e.Version, e.ActorID)
		}
	}
	want := []salesrec.Op{salesrec.OpCreate, salesrec.OpActionStatus, salesrec.OpRemark}
	if !slices.Equal(ops, want) {
		t.Errorf("history ops %v, want %v", ops, want)
	}
}

func TestFindingsAtTheClocksNow(t *testing.T) {
	f := newFixture(t)
	// A second engagement whose only interaction was recorded late.
	e := engagement("c1", "r1")
	e.Interactions[0].OccurredAt = now.Add(-30 * time.Hour)
	late := decodeAs[salesrec.Engagement](t, f.do(t, "r1", "POST", "/engagements", e).want(t, http.StatusCreated))

	type answer struct {
		At    time.Time
		Items []struct{ Code, Item, ZH, EN string }
	}
	codes := func(id string) []string {
		a := decodeAs[answer](t, f.do(t, "r1", "GET", "/engagements/"+id+"/findings", nil).want(t, http.StatusOK))
		if !a.At.Equal(now) {
			t.Errorf("judged at %v, want %v", a.At, now)
		}
		var out []string
		for _, fd := range a.Items {
			if fd.ZH == "" || fd.EN == "" {
				t.Errorf("finding %+v lacks a message", fd)
			}
			out = append(out, fd.Code)
		}
		return out
	}
	c1 := codes(f.e1.ID)
	if len(c1) == 0 {
		t.Fatal("no findings for an engagement with an overdue action")
	}
	c2 := codes(late.ID)
	if len(c2) <= len(c1) {
		t.Errorf("a late interaction adds no finding: %v vs %v", c2, c1)
	}
	f.do(t, "m2", "GET", "/engagements/"+f.e1.ID+"/findings", nil).want(t, http.StatusNotFound)
}

func TestOverdueActions(t *testing.T) {
	f := newFixture(t)
	// r2's own engagement: its action a-late is overdue too.
	e := decodeAs[salesrec.Engagement](t, f.do(t, "r2", "POST", "/engagements", engagement("c1", "r2")).want(t, http.StatusCreated))

	type answer struct {
		At    time.Time
		Items []struct {
			EngagementID string `json:"engagement_id"`
			Action       salesrec.Action
			Overdue      bool
		}
	}
	list := func(member, query string) answer {
		t.Helper()
		return decodeAs[answer](t, f.do(t, member, "GET", "/actions/overdue"+query, nil).want(t, http.StatusOK))
	}
	mine := list("r1", "")
	if len(mine.Items) != 1 || mine.Items[0].EngagementID != f.e1.ID || mine.Items[0].Action.ID != "a-late" || !mine.Items[0].Overdue {
		t.Errorf("r1's overdue list %+v, want only a-late of %s", mine.Items, f.e1.ID)
	}
	if !mine.At.Equal(now) {
		t.Errorf("judged at %v, want %v", mine.At, now)
	}
	team := list("m1", "?team=east")
	if len(team.Items) != 2 {
		t.Errorf("the team's overdue list has %d items, want 2", len(team.Items))
	}
	owner := list("m1", "?owner=r2")
	if len(owner.Items) != 1 || owner.Items[0].EngagementID != e.ID {
		t.Errorf("r2's overdue list for the manager %+v", owner.Items)
	}
	if got := list("m2", "?team=east"); len(got.Items) != 0 {
		t.Errorf("another team's manager sees %d overdue actions", len(got.Items))
	}

	// Done actions are not overdue.
	f.do(t, "r1", "POST", "/engagements/"+f.e1.ID+"/actions/a-late/status", `{"version":1,"status":"done"}`).want(t, http.StatusOK)
	if got := list("r1", ""); len(got.Items) != 0 {
		t.Errorf("a done action is still overdue: %+v", got.Items)
	}
}

func TestListEngagementsWithFiltersAndCursor(t *testing.T) {
	f := newFixture(t)
	for range 4 {
		f.do(t, "r1", "POST", "/engagements", engagement("c1", "r1")).want(t, http.StatusCreated)
	}
	seen := map[string]bool{}
	q := url.Values{"owner": {"r1"}, "limit": {"2"}}
	for pages := 0; ; pages++ {
		if pages > 5 {
			t.Fatal("the cursor does not end")
		}
		p := decodeAs[page](t, f.do(t, "r1", "GET", "/engagements?"+q.Encode(), nil).want(t, http.StatusOK))
		for _, e := range p.Items {
			if seen[e.ID] {
				t.Errorf("%s listed twice", e.ID)
			}
			seen[e.ID] = true
		}
		if p.Next == "" {
			break
		}
		q.Set("after", p.Next)
	}
	if len(seen) != 5 {
		t.Errorf("listed %d engagements, want 5", len(seen))
	}

	// Filters: status with a zh label, the customer-name prefix, a range.
	f.do(t, "r1", "POST", "/engagements/"+f.e1.ID+"/close",
		`{"version":1,"status":"terminated","outcome":{"reason":"预算调整,暂缓采购","reason_category":"budget"}}`).want(t, http.StatusOK)
	count := func(query string) int {
		t.Helper()
		return len(decodeAs[page](t, f.do(t, "m1", "GET", "/engagements?"+query, nil).want(t, http.StatusOK)).Items)
	}
	cases := []struct {
		query string
		want  int
	}{
		{"status=" + url.QueryEscape("已终止"), 1},
		{"status=open", 4},
		{"customer_prefix=" + url.QueryEscape("恒通"), 5},
		{"customer_prefix=" + url.QueryEscape("%"), 0},
		{"occurred_from=" + url.QueryEscape(now.Add(-3*time.Hour).Format(time.RFC3339)), 5},
		{"occurred_from=" + now.Add(-time.Hour).Format(time.RFC3339), 0}, // unencoded "+08:00"
	}
	for _, c := range cases {
		if got := count(c.query); got != c.want {
			t.Errorf("?%s lists %d, want %d", c.query, got, c.want)
		}
	}
	if got := len(decodeAs[page](t, f.do(t, "m2", "GET", "/engagements", nil).want(t, http.StatusOK)).Items); got != 0 {
		t.Errorf("another team's manager lists %d engagements", got)
	}
}

func TestListEngagementsRefusesMalformedParameters(t *testing.T) {
	f := newFixture(t)
	for _, c := range []struct{ query, param string }{
		{"limit=ten", "limit"},
		{"limit=0", "limit"},
		{"limit=501", "limit"},
		{"status=maybe", "status"},
		{"stage=later", "stage"},
		{"occurred_from=yesterday", "occurred_from"},
		{"occurred_to=2024-13-01", "occurred_to"},
	} {
		t.Run(c.query, func(t *testing.T) {
			body := decodeAs[errorBody](t, f.do(t, "m1", "GET", "/engagements?"+c.query, nil).want(t, http.StatusBadRequest))
			if body.Fields[c.param] == "" {
				t.Errorf("fields %v do not name %s", body.Fields, c.param)
			}
		})
	}
}
