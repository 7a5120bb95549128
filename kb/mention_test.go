package kb

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/dealtrail/dealtrail/salesrec"
)

// A name a customer of the team takes must be masked in every indexed
// text of the team however the analysis split the text around it: inside a longer run (the bigrams of
// 蓝海软件 followed by 报价 carry word marks), or after a number that took
// its first character into a quantity (30万 of 30万科, 九天 of 九天科技).
func TestNewNameIsFoundWhateverTheAnalysisMadeOfIt(t *testing.T) {
	for _, tc := range []struct{ text, name string }{
		{"蓝海软件报价低两成,技术演示打消了顾虑", "蓝海软件"},
		{"合同额30万科目已定,技术演示打消了顾虑", "万科"},
		{"九天科技的人拍板,技术演示打消了顾虑", "九天科技"},
		{"两周后一天科技来访,技术演示打消了顾虑", "一天"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := openSQLite(t, filepath.Join(t.TempDir(), "kb.db"))
			w := newWorld(t, s, "华东")
			e := w.addEngagement(t, 0)
			e.Lessons[0].Text = tc.text
			e, err := s.UpdateEngagement(w.ctx, w.rep.ID, e)
			if err != nil {
				t.Fatalf("UpdateEngagement: %v", err)
			}
			x, err := Open(t.TempDir(), s, Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer x.Close()
			lesson := func() string {
				t.Helper()
				if err := x.Sync(w.ctx); err != nil {
					t.Fatalf("Sync: %v", err)
				}
				res, err := x.Search(w.ctx, w.manager.ID, Query{Text: "演示 顾虑", PageSize: 20})
				if err != nil {
					t.Fatalf("Search: %v", err)
				}
				for _, h := range res.Hits {
					if h.EngagementID == e.ID && strings.Contains(h.Text, "顾虑") {
						return h.Text
					}
				}
				t.Fatalf("the lesson is not among the hits %v", ids(res))
				return ""
			}
			if got := lesson(); !strings.Contains(got, tc.name) {
				t.Fatalf("before the edit the text is as written, got %q", got)
			}
			// Another customer of the team takes the name: the lesson is
			// not that customer's, so only the search for documents naming
			// a new identity (mentionQuery) can find it.
			other := salesrec.Customer{Name: "远山" + tc.name + "有限公司", ShortNames: []string{tc.name},
				Kind: salesrec.CustomerNew, Industry: "制造业"}
			if _, err := s.CreateCustomer(w.ctx, w.manager.ID, other); err != nil {
				t.Fatalf("CreateCustomer: %v", err)
			}
			if got := lesson(); strings.Contains(got, tc.name) {
				t.Fatalf("after %s became a name of the customer it is still in the index: %q", tc.name, got)
			}
		})
	}
}
