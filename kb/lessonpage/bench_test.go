package lessonpage_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"testing"
	"time"

	"github.com/dealtrail/dealtrail/kb"
	"github.com/dealtrail/dealtrail/kb/kbtest"
	"github.com/dealtrail/dealtrail/salesrec"
)

// benchSource is a team of 1,000 closed engagements with two lessons each,
// in four industries, won and terminated.
func benchSource() *kbtest.Source {
	src := kbtest.New(salesrec.FixedClock(at(2024, 4, 12)))
	src.AddMember(salesrec.Member{ID: "mgr", TeamID: "east", Name: "周经理", Role: salesrec.RoleManager})
	industries := []string{"制造业", "零售", "物流", "金融"}
	phrases := []string{"报价异议时拆分两期交付", "竞品报价低时没有及时给出分期方案", "现场演示压测报告消除稳定性顾虑",
		"预算调整后改为按年订阅", "Answer competitors' price cuts within 24 hours", "A live dashboard demo removed doubts"}
	for i := range 1000 {
		cid := fmt.Sprintf("c%d", i)
		src.PutCustomer(salesrec.Customer{ID: cid, TeamID: "east", Name: fmt.Sprintf("客户%04d有限公司", i),
			Kind: salesrec.CustomerNew, Industry: industries[i%len(industries)]})
		e := salesrec.Engagement{ID: fmt.Sprintf("e%04d", i), TeamID: "east", OwnerID: "mgr", CustomerID: cid,
			Lessons: []salesrec.Lesson{
				{Kind: salesrec.LessonSuccess, Text: phrases[i%len(phrases)] + fmt.Sprintf(",第%d次", i)},
				{Kind: salesrec.LessonImprovement, Text: phrases[(i+1)%len(phrases)] + ",预算要早问"},
			}}
		if i%3 == 0 {
			e.Status = salesrec.StatusTerminated
			e.Outcome = &salesrec.Outcome{Reason: "预算调整,暂缓采购", ReasonCategory: salesrec.ReasonBudget}
		} else {
			e.Status = salesrec.StatusWon
			e.Outcome = &salesrec.Outcome{Amount: salesrec.CNY(int64(50000+i), 0), SignedOn: salesrec.Date{Year: 2024, Month: time.Month(1 + i%12), Day: 1 + i%28}}
		}
		src.Put(e)
	}
	return src
}

// jsonSearch is the JSON search the page wraps: the same kb query, its
// result encoded as JSON, behind the same kind of handler.
func jsonSearch(x *kb.Index) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		v := r.URL.Query()
		res, err := x.Search(r.Context(), r.Header.Get("X-Member"), kb.Query{Text: v.Get("q"), Facets: true})
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(res)
	})
}

// BenchmarkPageAgainstJSON times the page and the JSON search it wraps,
// one of each per iteration on the same query, and reports each one's p50
// and p99 and the ratio of the p99s (page/json): the page must stay
// within 2×.
func BenchmarkPageAgainstJSON(b *testing.B) {
	x := indexOf(b, benchSource())
	page, js := newPage(b, x), jsonSearch(x)
	target := "?q=" + url.QueryEscape("报价 预算")
	serve := func(h http.Handler, path string) time.Duration {
		start := time.Now()
		w := serveAs(h, http.MethodGet, "mgr", path+target)
		d := time.Since(start)
		if w.Code != http.StatusOK {
			b.Fatalf("%s: %d %s", path, w.Code, w.Body)
		}
		return d
	}
	var pages, jsons []time.Duration
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		// Alternate which goes first, so neither always finds the caches warm.
		if i%2 == 0 {
			pages = append(pages, serve(page, "/lessons/"))
			jsons = append(jsons, serve(js, "/kb/search"))
		} else {
			jsons = append(jsons, serve(js, "/kb/search"))
			pages = append(pages, serve(page, "/lessons/"))
		}
	}
	pct := func(ds []time.Duration, p float64) float64 {
		s := slices.Clone(ds)
		slices.Sort(s)
		return float64(s[min(len(s)-1, int(p*float64(len(s))))].Microseconds())
	}
	b.ReportMetric(pct(pages, 0.50), "page-p50-µs")
	b.ReportMetric(pct(pages, 0.99), "page-p99-µs")
	b.ReportMetric(pct(jsons, 0.50), "json-p50-µs")
	b.ReportMetric(pct(jsons, 0.99), "json-p99-µs")
	b.ReportMetric(pct(pages, 0.99)/pct(jsons, 0.99), "p99-ratio")
}
