package dealtrailhttp_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/dealtrail/dealtrail/examples/crmhttp/dealtrailhttp"
	"github.com/dealtrail/dealtrail/salesrec"
)

type searchAnswer struct {
	Total int
	Next  string
	Items []struct {
		ID             string
		EngagementID   string `json:"engagement_id"`
		Kind           string
		Outcome        string
		ReasonCategory string `json:"reason_category"`
		Text           string
		Fragments      []string
		CustomerName   string `json:"customer_name"`
	}
	Facets map[string][]struct {
		Value string
		Count int
	}
}

// knowledge fills the knowledge base: in team east a won engagement with
// lessons and a handled price objection, and a terminated one; in team west
// another price objection. It syncs the index before returning.
func (f *fixture) knowledge(t *testing.T) (won, lost salesrec.Engagement) {
	t.Helper()
	ctx := context.Background()
	e := engagement("c1", "r1")
	e.Interactions[0].Points = append(e.Interactions[0].Points, salesrec.Point{
		Speaker: salesrec.SpeakerCustomer, Kind: salesrec.PointObjection, Text: "价格偏高,超出预算",
		Handling: "提供分期付款方案", Result: "客户接受分期",
	})
	won, err := f.store.CreateEngagement(ctx, "r1", e)
	if err != nil {
		t.Fatal(err)
	}
	won.Lessons = []salesrec.Lesson{
		{Kind: salesrec.LessonSuccess, Text: "技术演示打消了" + secretName + "对稳定性的顾虑"},
		{Kind: salesrec.LessonSuccess, Text: "A technical demo resolved doubts about stability"},
	}
	if won, err = f.store.UpdateEngagement(ctx, "r1", won); err != nil {
		t.Fatal(err)
	}
	if won, err = f.store.CloseEngagement(ctx, "r1", won.ID, won.Version, salesrec.StatusWon,
		salesrec.Outcome{Amount: salesrec.CNY(80000, 0), SignedOn: salesrec.Date{Year: 2024, Month: 4, Day: 12}}); err != nil {
		t.Fatal(err)
	}
	if lost, err = f.store.CloseEngagement(ctx, "r1", f.e1.ID, f.e1.Version, salesrec.StatusTerminated,
		salesrec.Outcome{Reason: "预算调整,暂缓采购", ReasonCategory: salesrec.ReasonBudget}); err != nil {
		t.Fatal(err)
	}

	if _, err := f.store.CreateCustomer(ctx, "m2", customer("c2", "西部机械有限公司")); err != nil {
		t.Fatal(err)
	}
	w := engagement("c2", "m2")
	w.Interactions[0].Points = append(w.Interactions[0].Points, salesrec.Point{
		Speaker: salesrec.SpeakerCustomer, Kind: salesrec.PointObjection, Text: "价格偏高",
		Handling: "申请特价", Result: "客户仍在比价",
	})
	if _, err := f.store.CreateEngagement(ctx, "m2", w); err != nil {
		t.Fatal(err)
	}
	if err := f.index.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	return won, lost
}

func (f *fixture) search(t *testing.T, member string, q url.Values) searchAnswer {
	t.Helper()
	return decodeAs[searchAnswer](t, f.do(t, member, "GET", "/kb/search?"+q.Encode(), nil).want(t, http.StatusOK))
}

func TestSearchFindsTheTeamsKnowledge(t *testing.T) {
	f := newFixture(t)
	won, lost := f.knowledge(t)

	t.Run("a Chinese query with facets and highlights", func(t *testing.T) {
		a := f.search(t, "m1", url.Values{"q": {"价格"}, "facets": {"true"}})
		if a.Total != 1 || len(a.Items) != 1 {
			t.Fatalf("total %d, hits %+v; want only east's objection", a.Total, a.Items)
		}
		h := a.Items[0]
		if h.EngagementID != won.ID || h.Kind != "objection" || h.Outcome != "won" {
			t.Errorf("hit %+v", h)
		}
		if len(h.Fragments) == 0 || !strings.Contains(strings.Join(h.Fragments, ""), "<mark>") {
			t.Errorf("no highlighted fragment: %q", h.Fragments)
		}
		if h.CustomerName != secretName {
			t.Errorf("the manager sees customer name %q", h.CustomerName)
		}
		if got := a.Facets["outcome"]; len(got) != 1 || got[0].Value != "won" || got[0].Count != 1 {
			t.Errorf("outcome facet %+v", got)
		}
	})
	t.Run("an English query", func(t *testing.T) {
		a := f.search(t, "m1", url.Values{"q": {"stability demos"}})
		if a.Total == 0 {
			t.Fatal("no hit for stability demos")
		}
		for _, h := range a.Items {
			if h.Kind != "success" {
				t.Errorf("hit of kind %s", h.Kind)
			}
		}
	})
	t.Run("filters by kind and outcome label", func(t *testing.T) {
		a := f.search(t, "m1", url.Values{"kind": {"termination_reason"}, "outcome": {"已终止"}})
		if a.Total != 1 || a.Items[0].EngagementID != lost.ID || a.Items[0].ReasonCategory != "budget" {
			t.Errorf("termination reasons %+v", a.Items)
		}
	})
	t.Run("the customer's name is masked in indexed text", func(t *testing.T) {
		a := f.search(t, "m1", url.Values{"kind": {"success"}})
		if len(a.Items) != 2 {
			t.Fatalf("%d success lessons, want the 2 east wrote", len(a.Items))
		}
		for _, h := range a.Items {
			if strings.Contains(h.Text, secretName) || strings.Contains(strings.Join(h.Fragments, ""), secretName) {
				t.Errorf("indexed text holds the customer's name: %q", h.Text)
			}
		}
	})
	t.Run("another team neither sees nor counts east's documents", func(t *testing.T) {
		a := f.search(t, "m2", url.Values{"q": {"价格"}, "facets": {"true"}})
		if a.Total != 1 || len(a.Items) != 1 || a.Items[0].EngagementID == won.ID {
			t.Errorf("west sees %+v (total %d)", a.Items, a.Total)
		}
		if len(a.Facets["outcome"]) == 0 {
			t.Fatalf("west's search has no outcome facet to check")
		}
		for _, fc := range a.Facets["outcome"] {
			if fc.Value == "won" {
				t.Errorf("west's facets count east's won deal: %+v", a.Facets["outcome"])
			}
		}
	})
	t.Run("a rep who may not read the engagement gets no customer name", func(t *testing.T) {
		a := f.search(t, "r2", url.Values{"q": {"价格"}})
		if len(a.Items) == 0 {
			t.Fatal("r2 found nothing: the team's objection is searchable by every member")
		}
		for _, h := range a.Items {
			if h.CustomerName != "" {
				t.Errorf("r2 sees customer name %q", h.CustomerName)
			}
		}
	})
	t.Run("paging", func(t *testing.T) {
		first := f.search(t, "m1", url.Values{"limit": {"1"}})
		if len(first.Items) != 1 || first.Total < 3 || first.Next == "" {
			t.Fatalf("first page of size 1: %d items, total %d, next %q", len(first.Items), first.Total, first.Next)
		}
		seen := map[string]bool{first.Items[0].ID: true}
		next := first.Next
		for range first.Total - 1 {
			p := f.search(t, "m1", url.Values{"limit": {"1"}, "after": {next}})
			if len(p.Items) != 1 || p.Total != first.Total || seen[p.Items[0].ID] {
				t.Fatalf("a later page: %+v", p)
			}
			seen[p.Items[0].ID] = true
			next = p.Next
		}
		if next != "" || len(seen) != first.Total {
			t.Errorf("after %d pages next is %q, %d hits seen", first.Total, next, len(seen))
		}
	})
}

func TestSearchRefusesMalformedParameters(t *testing.T) {
	f := newFixture(t)
	for _, c := range []struct {
		query, field string
		code         int
	}{
		{"kind=lesson", "kind", http.StatusBadRequest},
		{"outcome=maybe", "outcome", http.StatusBadRequest},
		{"from=2024-13-01", "from", http.StatusBadRequest},
		{"min_amount=lots", "min_amount", http.StatusBadRequest},
		{"facets=maybe", "facets", http.StatusBadRequest},
		{"limit=two", "limit", http.StatusBadRequest},
		{"limit=1000", "limit", http.StatusBadRequest},
		{"after=abc", "after", http.StatusBadRequest},
		{"limit=3&after=2", "after", http.StatusBadRequest},
		{"page=2", "page", http.StatusBadRequest},
		{"query=" + url.QueryEscape("预算"), "query", http.StatusBadRequest},
		{"from=2024-04-10&to=2024-04-01", "to", http.StatusUnprocessableEntity},
		{"sort=random", "sort", http.StatusUnprocessableEntity},
	} {
		t.Run(c.query, func(t *testing.T) {
			body := decodeAs[errorBody](t, f.do(t, "m1", "GET", "/kb/search?"+c.query, nil).want(t, c.code))
			if body.Fields[c.field] == "" {
				t.Errorf("fields %v do not name %s", body.Fields, c.field)
			}
		})
	}
	f.do(t, "nobody", "GET", "/kb/search?q=价格", nil).want(t, http.StatusForbidden)
}

func TestSearchWithoutAnIndexIsNotImplemented(t *testing.T) {
	f := newFixture(t)
	h := validated(t, dealtrailhttp.NewHandler(f.store, nil, dealtrailhttp.Options{
		Actor: func(*http.Request) (string, bool) { return "m1", true },
	}))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/kb/search?q=x", nil))
	if rec.Code != http.StatusNotImplemented {
		t.Errorf("status %d, want 501", rec.Code)
	}
}
