package kb

import (
	"path/filepath"
	"strings"
	"testing"
)

// A name added to a customer after its lessons were indexed must be masked
// in them too: the store's feed carries a customer_update change for every
// engagement of the customer, at an unchanged version, and Sync must not
// skip it as already applied.
func TestCustomerEditRemasksIndexedText(t *testing.T) {
	s := openSQLite(t, filepath.Join(t.TempDir(), "kb.db"))
	w := newWorld(t, s, "华东")
	e := w.addEngagement(t, 0)
	e.Lessons[0].Text = "老周拍板很快,技术演示打消了顾虑"
	e, err := s.UpdateEngagement(w.ctx, w.rep.ID, e)
	if err != nil {
		t.Fatalf("UpdateEngagement: %v", err)
	}
	x, err := Open(t.TempDir(), s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	search := func() []Hit {
		t.Helper()
		if err := x.Sync(w.ctx); err != nil {
			t.Fatalf("Sync: %v", err)
		}
		res, err := x.Search(w.ctx, w.manager.ID, Query{Text: "演示 顾虑", PageSize: 20})
		if err != nil {
			t.Fatalf("Search: %v", err)
		}
		var mine []Hit
		for _, h := range res.Hits {
			if h.EngagementID == e.ID && strings.Contains(h.Text, "拍板") {
				mine = append(mine, h)
			}
		}
		if len(mine) != 1 {
			t.Fatalf("want the edited lesson among the hits, got %d", len(mine))
		}
		return mine
	}
	if hit := search()[0]; !strings.Contains(hit.Text, "老周") {
		t.Fatalf("before the customer edit the text is as written, got %q", hit.Text)
	}

	c, err := s.Customer(w.ctx, w.manager.ID, e.CustomerID)
	if err != nil {
		t.Fatal(err)
	}
	c.ShortNames = append(c.ShortNames, "老周")
	if _, err := s.UpdateCustomer(w.ctx, w.manager.ID, c); err != nil {
		t.Fatalf("UpdateCustomer: %v", err)
	}
	if hit := search()[0]; strings.Contains(hit.Text, "老周") {
		t.Fatalf("after 老周 became a name of the customer it is still in the index: %q", hit.Text)
	}
}
