package lessonpage_test

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/dealtrail/dealtrail/kb/lessonpage"
	"github.com/dealtrail/dealtrail/salesrec"
)

func TestHostileLessonsRenderAsText(t *testing.T) {
	h := newPage(t, openIndex(t), func(o *lessonpage.Options) { o.PageSize = 20 })
	for _, target := range []string{
		"/lessons/?q=" + url.QueryEscape("预算"), // highlighted snippets
		"/lessons/?outcome=won",                // no text: the whole lesson, unhighlighted
		"/lessons/?similar=e4",
	} {
		res, body := get(t, h, "mgr", target)
		wantStatus(t, res, body, 200)
		for _, bad := range []string{"<script>window", "<img", "onerror=\""} {
			if strings.Contains(body, bad) {
				t.Errorf("%s: the page holds %q as markup", target, bad)
			}
		}
		if target != "/lessons/?similar=e4" && !strings.Contains(body, "&lt;script&gt;window.__pwned=1&lt;/script&gt;") {
			t.Errorf("%s: the <script> lesson is not shown as text", target)
		}
		for _, href := range hrefs(body) {
			if u, err := url.Parse(href); err != nil || u.Scheme != "" || u.Host != "" || !strings.HasPrefix(href, "/") && href != "#results" {
				t.Errorf("%s: link %q leaves the site or has a scheme", target, href)
			}
		}
	}
}

func TestHostileEngagementIDStaysInsideItsLink(t *testing.T) {
	h := newPage(t, openIndex(t))
	_, body := get(t, h, "mgr", "/lessons/?q="+url.QueryEscape("编号古怪"))
	want := `/crm/engagements/x%22%3E%3Cscript%3Ewindow.__pwned%3D1%3C%2Fscript%3E`
	if !strings.Contains(body, `href="`+want+`"`) {
		t.Errorf("the record link of a hostile id is not escaped into one path segment:\n%s", body)
	}
	if strings.Contains(body, "<script>window") {
		t.Error("the hostile id is markup")
	}
}

func TestEveryAnswerCarriesTheSecurityHeaders(t *testing.T) {
	h := newPage(t, openIndex(t))
	for _, c := range []struct{ method, target, member string }{
		{http.MethodGet, "/lessons/?q=x", "mgr"},
		{http.MethodGet, "/lessons/style.css", "mgr"},
		{http.MethodGet, "/lessons/nope", "mgr"},
		{http.MethodPost, "/lessons/", "mgr"},
		{http.MethodGet, "/lessons/", ""}, // refused actor
	} {
		res, _ := do(t, h, c.method, c.member, c.target)
		for k, want := range map[string]string{
			"Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
			"X-Content-Type-Options":  "nosniff",
			"X-Frame-Options":         "DENY",
			"Referrer-Policy":         "same-origin",
		} {
			if got := res.Header.Get(k); got != want {
				t.Errorf("%s %s: %s = %q, want %q", c.method, c.target, k, got, want)
			}
		}
	}
	res, _ := get(t, h, "mgr", "/lessons/?q=x")
	if got := res.Header.Get("Cache-Control"); got != "no-store" {
		t.Errorf("page Cache-Control %q, want no-store (it names customers)", got)
	}
}

func TestOnlyGETAndHEAD(t *testing.T) {
	s := &countingSearcher{Searcher: openIndex(t)}
	h := newPage(t, s)
	for _, m := range []string{http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodPatch, "BREW"} {
		res, body := do(t, h, m, "mgr", "/lessons/?q=x")
		wantStatus(t, res, body, http.StatusMethodNotAllowed)
		if got := res.Header.Get("Allow"); got != "GET, HEAD" {
			t.Errorf("%s: Allow %q", m, got)
		}
		if !strings.Contains(body, "此页面只能查看") {
			t.Errorf("%s: the refusal does not say why", m)
		}
	}
	if s.calls != 0 {
		t.Errorf("%d searches ran for refused methods", s.calls)
	}
	res, body := do(t, h, http.MethodHead, "mgr", "/lessons/?q=x")
	wantStatus(t, res, body, 200)
	if body != "" {
		t.Error("HEAD answered a body")
	}
}

func TestCustomerNamesOnlyForThoseWhoMayReadTheEngagement(t *testing.T) {
	h := newPage(t, openIndex(t), func(o *lessonpage.Options) { o.PageSize = 20 })
	target := "/lessons/?q=" + url.QueryEscape("分期")
	for _, c := range []struct {
		member string
		sees   bool
	}{{"mgr", true}, {"zhang", true}, {"li", false}} {
		res, body := get(t, h, c.member, target)
		wantStatus(t, res, body, 200)
		if !strings.Contains(body, "/crm/engagements/e1") {
			t.Fatalf("%s: e1's lessons are not found", c.member)
		}
		if got := strings.Contains(body, custHDJG); got != c.sees {
			t.Errorf("%s sees the customer's name: %v, want %v", c.member, got, c.sees)
		}
		// The contact's name and phone are masked in the index for everyone.
		for _, secret := range []string{contactName, contactTel, "华东精工"} {
			if secret == "华东精工" && c.sees {
				continue
			}
			if strings.Contains(body, secret) {
				t.Errorf("%s: the page shows %s", c.member, secret)
			}
		}
	}
}

func TestActorRefused(t *testing.T) {
	s := &countingSearcher{Searcher: openIndex(t)}
	for name, actor := range map[string]func(*http.Request) (string, error){
		"error":    func(*http.Request) (string, error) { return "", errors.New("no session") },
		"empty id": func(*http.Request) (string, error) { return "", nil },
	} {
		h := newPage(t, s, func(o *lessonpage.Options) { o.Actor = actor })
		res, body := get(t, h, "mgr", "/lessons/?q="+url.QueryEscape("预算"))
		wantStatus(t, res, body, http.StatusForbidden)
		if hitRe.MatchString(body) || !strings.Contains(body, "您没有查看团队经验库的权限") {
			t.Errorf("%s: %s", name, body)
		}
	}
	if s.calls != 0 {
		t.Errorf("%d searches ran without an actor", s.calls)
	}
	// An id that is no member reaches kb, which refuses it.
	res, body := get(t, newPage(t, s), "ghost", "/lessons/?q=x")
	wantStatus(t, res, body, http.StatusForbidden)
}

func TestBadInputIsRefusedNamingTheParameter(t *testing.T) {
	s := &countingSearcher{Searcher: openIndex(t)}
	h := newPage(t, s)
	long := strings.Repeat("预", 201)
	many := strings.Repeat("&industry=a", 10) + strings.Repeat("&industry=b", 1) + "&industry=" + strings.Join(strings.Split("cdefghijklmnopqrstuvwxyz", ""), "&industry=")
	for _, c := range []struct{ query, param, says string }{
		{"kind=bogus", "kind", "不是可选的知识类型"},
		{"outcome=won&outcome=maybe", "outcome", "不是可选的结果"},
		{"reason_category=%3Cscript%3E", "reason_category", "不是可选的终止原因类别"},
		{"sort=price", "sort", "不是可选的排序"},
		{"page=abc", "page", "须为整数"},
		{"page=0", "page", "须在 1 到 100 之间"},
		{"page=101", "page", "须在 1 到 100 之间"},
		{"q=" + url.QueryEscape(long), "q", "过长"},
		{"q=" + strings.Repeat("a", 1<<20), "q", "过长"},
		{many[1:], "industry", "选项过多"},
	} {
		res, body := get(t, h, "mgr", "/lessons/?"+c.query)
		wantStatus(t, res, body, http.StatusBadRequest)
		if !strings.Contains(body, "参数 "+c.param+":") || !strings.Contains(body, c.says) {
			t.Errorf("%.60s: the refusal does not name %s with %q:\n%.2000s", c.query, c.param, c.says, body)
		}
		if hitRe.MatchString(body) {
			t.Errorf("%.60s: hits shown with a refusal", c.query)
		}
	}
	res, body := get(t, h, "mgr", "/lessons/?lang=en&kind=bogus")
	wantStatus(t, res, body, http.StatusBadRequest)
	if !strings.Contains(body, "parameter kind:") || !strings.Contains(body, "is not a document kind") {
		t.Errorf("English refusal: %s", body)
	}
}

func TestFailedSearchSaysNothingOfTheError(t *testing.T) {
	s := &countingSearcher{Searcher: openIndex(t), err: errors.New("pq: password authentication failed for user secret")}
	h := newPage(t, s)
	for _, target := range []string{"/lessons/?q=x", "/lessons/?similar=e4"} {
		res, body := get(t, h, "mgr", target)
		wantStatus(t, res, body, http.StatusInternalServerError)
		if strings.Contains(body, "secret") || !strings.Contains(body, "搜索暂时出错") {
			t.Errorf("%s: %s", target, body)
		}
	}
	s.err = salesrec.ErrForbidden
	res, body := get(t, h, "mgr", "/lessons/?q=x")
	wantStatus(t, res, body, http.StatusForbidden)
}

func TestAssetsAndUnknownPaths(t *testing.T) {
	h := newPage(t, openIndex(t))
	for target, ctype := range map[string]string{
		"/lessons/style.css":  "text/css; charset=utf-8",
		"/lessons/enhance.js": "text/javascript; charset=utf-8",
	} {
		res, body := get(t, h, "", target)
		wantStatus(t, res, body, 200)
		if res.Header.Get("Content-Type") != ctype || len(body) < 100 {
			t.Errorf("%s: %s, %d bytes", target, res.Header.Get("Content-Type"), len(body))
		}
	}
	for _, target := range []string{"/lessons/page.html", "/lessons/assets/style.css", "/lessons/../etc/passwd", "/other/", "/lessons"} {
		res, body := get(t, h, "mgr", target)
		wantStatus(t, res, body, http.StatusNotFound)
	}
}

func TestNewRefusesUnsafeOrMissingOptions(t *testing.T) {
	x := openIndex(t)
	ok := lessonpage.Options{Index: x, Actor: asHeader, Prefix: "/lessons/", RecordURL: "/crm/engagements/{id}"}
	for name, edit := range map[string]func(*lessonpage.Options){
		"no index":                      func(o *lessonpage.Options) { o.Index = nil },
		"no actor":                      func(o *lessonpage.Options) { o.Actor = nil },
		"relative prefix":               func(o *lessonpage.Options) { o.Prefix = "lessons/" },
		"prefix without trailing slash": func(o *lessonpage.Options) { o.Prefix = "/lessons" },
		"page size":                     func(o *lessonpage.Options) { o.PageSize = 1000 },
		"no record url":                 func(o *lessonpage.Options) { o.RecordURL = "" },
	} {
		opts := ok
		edit(&opts)
		if _, err := lessonpage.New(opts); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if _, err := lessonpage.New(ok); err != nil {
		t.Fatal(err)
	}
}

func TestRecordURLCannotBeTurnedIntoAnotherLink(t *testing.T) {
	x := openIndex(t)
	for _, tmpl := range []string{
		"{id}", "javascript:{id}", "javascript:alert(1)//{id}", "data:text/html,{id}",
		"//evil.example/{id}", "https://crm.example.com{id}", "https:{id}", "crm/{id}",
		"/crm/{id}/{id}", "/crm/engagements", "/crm/ {id}", "/crm\\{id}", "/crm/\n{id}",
	} {
		_, err := lessonpage.New(lessonpage.Options{Index: x, Actor: asHeader, RecordURL: tmpl})
		if !errors.Is(err, lessonpage.ErrRecordURL) {
			t.Errorf("%q: %v, want ErrRecordURL", tmpl, err)
		}
	}
	for _, tmpl := range []string{"/crm/engagements/{id}", "/crm?id={id}&tab=lessons", "https://crm.example.com/deals/{id}", "http://localhost:8080/x?e={id}#lessons"} {
		if _, err := lessonpage.New(lessonpage.Options{Index: x, Actor: asHeader, RecordURL: tmpl}); err != nil {
			t.Errorf("%q refused: %v", tmpl, err)
		}
	}
}
