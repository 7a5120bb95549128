package lessonpage_test

import (
	"context"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/dealtrail/dealtrail/kb"
	"github.com/dealtrail/dealtrail/kb/kbtest"
	"github.com/dealtrail/dealtrail/kb/lessonpage"
	"github.com/dealtrail/dealtrail/salesrec"
)

// The fixture's team east: manager mgr sees everything; rep zhang owns
// e1, e2 and the open e4; rep li owns e3 (whose lessons are hostile) and
// takes part in nothing of zhang's. Team west's lesson must never show in
// east.
const (
	custHDJG    = "华东精工制造股份有限公司"
	contactName = "王建国"
	contactTel  = "13812345678"
	hostileID   = `x"><script>window.__pwned=1</script>`
)

// Lessons that try to run script on the page.
var hostileLessons = []string{
	`<script>window.__pwned=1</script>预算教训`,
	`"><img src=x onerror="window.__pwned=1">预算`,
	`javascript:window.__pwned=1 预算链接`,
}

func at(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 10, 0, 0, 0, time.UTC) }

func fixtureSource() *kbtest.Source {
	src := kbtest.New(salesrec.FixedClock(at(2024, 4, 12)))
	for _, m := range []salesrec.Member{
		{ID: "mgr", TeamID: "east", Name: "周经理", Role: salesrec.RoleManager},
		{ID: "zhang", TeamID: "east", Name: "张伟", Role: salesrec.RoleRep},
		{ID: "li", TeamID: "east", Name: "李娜", Role: salesrec.RoleRep},
		{ID: "wmgr", TeamID: "west", Name: "West Manager", Role: salesrec.RoleManager},
	} {
		src.AddMember(m)
	}
	for _, c := range []salesrec.Customer{
		{ID: "hdjg", TeamID: "east", Name: custHDJG, ShortNames: []string{"华东精工"}, Kind: salesrec.CustomerNew, Industry: "制造业",
			Contacts: []salesrec.Contact{{Name: contactName, Title: "采购总监", Phone: contactTel}}},
		{ID: "yq", TeamID: "east", Name: "杭州云桥物流有限公司", Kind: salesrec.CustomerNew, Industry: "物流"},
		{ID: "my", TeamID: "east", Name: "上海明远零售连锁有限公司", Kind: salesrec.CustomerExisting, Industry: "零售"},
		{ID: "sec", TeamID: "west", Name: "西部机密客户", Kind: salesrec.CustomerNew, Industry: "能源"},
	} {
		src.PutCustomer(c)
	}
	won := func(y int, m time.Month, d int) *salesrec.Outcome {
		return &salesrec.Outcome{Amount: salesrec.CNY(80000, 0), SignedOn: salesrec.Date{Year: y, Month: m, Day: d}}
	}
	src.Put(salesrec.Engagement{
		ID: "e1", TeamID: "east", OwnerID: "zhang", CustomerID: "hdjg", Status: salesrec.StatusWon, Outcome: won(2024, 3, 28),
		Lessons: []salesrec.Lesson{
			{Kind: salesrec.LessonSuccess, Text: "报价异议时拆分两期交付,超出预算也能签"},
			{Kind: salesrec.LessonSuccess, Text: contactName + "认可分期方案,电话" + contactTel},
		},
		Interactions: []salesrec.Interaction{{ID: "i1", OccurredAt: at(2024, 3, 6),
			Points: []salesrec.Point{{Speaker: salesrec.SpeakerCustomer, Kind: salesrec.PointObjection,
				Text: "价格偏高,超出50万预算", Handling: "驻场改远程,总价降到48万", Result: "客户同意走审批"}}}},
	})
	src.Put(salesrec.Engagement{
		ID: "e2", TeamID: "east", OwnerID: "zhang", CustomerID: "yq", Status: salesrec.StatusTerminated,
		Outcome: &salesrec.Outcome{Reason: "预算调整,暂缓采购", ReasonCategory: salesrec.ReasonBudget},
		Lessons: []salesrec.Lesson{{Kind: salesrec.LessonImprovement, Text: "竞品报价低时没有及时给出分期方案,预算被砍"}},
	})
	src.Put(salesrec.Engagement{
		ID: "e3", TeamID: "east", OwnerID: "li", CustomerID: "my", Status: salesrec.StatusWon, Outcome: won(2024, 2, 1),
		Lessons: func() []salesrec.Lesson {
			var out []salesrec.Lesson
			for _, l := range hostileLessons {
				out = append(out, salesrec.Lesson{Kind: salesrec.LessonImprovement, Text: l})
			}
			return out
		}(),
	})
	src.Put(salesrec.Engagement{
		ID: "e4", TeamID: "east", OwnerID: "zhang", CustomerID: "hdjg", Status: salesrec.StatusOpen,
		Goal:  "确认采购预算,推进分期方案",
		Needs: []salesrec.Need{{Class: salesrec.NeedCore, Priority: salesrec.PriorityHigh, Content: "预算内分期交付"}},
	})
	src.Put(salesrec.Engagement{
		ID: hostileID, TeamID: "east", OwnerID: "li", CustomerID: "my", Status: salesrec.StatusWon, Outcome: won(2024, 1, 5),
		Lessons: []salesrec.Lesson{{Kind: salesrec.LessonSuccess, Text: "编号古怪的一条预算经验"}},
	})
	src.Put(salesrec.Engagement{
		ID: "w1", TeamID: "west", OwnerID: "wmgr", CustomerID: "sec", Status: salesrec.StatusWon, Outcome: won(2024, 3, 1),
		Lessons: []salesrec.Lesson{{Kind: salesrec.LessonSuccess, Text: "西部团队的预算机密经验"}},
	})
	return src
}

// openIndex indexes the fixture.
func openIndex(t testing.TB) *kb.Index {
	t.Helper()
	return indexOf(t, fixtureSource())
}

// indexOf opens an index over src, synced.
func indexOf(t testing.TB, src kb.Source) *kb.Index {
	t.Helper()
	x, err := kb.Open(t.TempDir(), src, kb.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = x.Close() })
	if err := x.Sync(context.Background()); err != nil {
		t.Fatal(err)
	}
	return x
}

// asHeader is the fixture host's authentication: the member named by the
// X-Member header (a real host reads its session).
func asHeader(r *http.Request) (string, error) { return r.Header.Get("X-Member"), nil }

// newPage mounts the page at /lessons/ over s.
func newPage(t testing.TB, s kb.Searcher, edit ...func(*lessonpage.Options)) *lessonpage.Handler {
	t.Helper()
	opts := lessonpage.Options{
		Index: s, Actor: asHeader, Prefix: "/lessons/", RecordURL: "/crm/engagements/{id}",
		ErrorLog: log.New(io.Discard, "", 0),
	}
	for _, e := range edit {
		e(&opts)
	}
	h, err := lessonpage.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// get asks h for target as member and returns the answer and its body.
func get(t testing.TB, h http.Handler, member, target string) (*http.Response, string) {
	t.Helper()
	return do(t, h, http.MethodGet, member, target)
}

func do(t testing.TB, h http.Handler, method, member, target string) (*http.Response, string) {
	t.Helper()
	res := serveAs(h, method, member, target).Result()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, string(b)
}

// serveAs serves one request of member (none when empty) to h.
func serveAs(h http.Handler, method, member, target string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, target, nil)
	if member != "" {
		r.Header.Set("X-Member", member)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

// wantStatus fails unless res has status.
func wantStatus(t testing.TB, res *http.Response, body string, status int) {
	t.Helper()
	if res.StatusCode != status {
		t.Fatalf("status %d, want %d; body:\n%s", res.StatusCode, status, body)
	}
}

// countingSearcher counts calls and can fail them.
type countingSearcher struct {
	kb.Searcher
	calls int
	err   error
}

func (c *countingSearcher) Search(ctx context.Context, actor string, q kb.Query) (kb.Result, error) {
	c.calls++
	if c.err != nil {
		return kb.Result{}, c.err
	}
	return c.Searcher.Search(ctx, actor, q)
}

func (c *countingSearcher) Similar(ctx context.Context, actor, id string, limit int) ([]kb.Hit, error) {
	c.calls++
	if c.err != nil {
		return nil, c.err
	}
	return c.Searcher.Similar(ctx, actor, id, limit)
}

// hrefs returns every href and src attribute value of a page, unescaped
// as a browser reads them.
func hrefs(body string) []string {
	var out []string
	for _, attr := range []string{` href="`, ` src="`, ` action="`} {
		rest := body
		for {
			i := strings.Index(rest, attr)
			if i < 0 {
				break
			}
			rest = rest[i+len(attr):]
			j := strings.IndexByte(rest, '"')
			out = append(out, strings.NewReplacer("&amp;", "&", "&#43;", "+", "&#34;", `"`, "&lt;", "<", "&gt;", ">").Replace(rest[:j]))
			rest = rest[j:]
		}
	}
	return out
}
