package lessonpage_test

import (
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/dealtrail/dealtrail/kb/lessonpage"
)

var (
	totalRe = regexp.MustCompile(`<span class="total">([^<]*)</span>`)
	hitRe   = regexp.MustCompile(`<li class="hit">`)
)

// total returns the page's "共 N 条" line.
func total(t *testing.T, body string) string {
	t.Helper()
	m := totalRe.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no total on the page:\n%s", body)
	}
	return m[1]
}

// link returns the href of the anchor whose aria-label starts with label.
func link(t *testing.T, body, label string) string {
	t.Helper()
	re := regexp.MustCompile(`<a href="([^"]*)" aria-label="` + regexp.QuoteMeta(label))
	m := re.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no link labelled %q on the page:\n%s", label, body)
	}
	return strings.ReplaceAll(m[1], "&amp;", "&")
}

func TestSearchShowsHitsFacetCountsAndHighlights(t *testing.T) {
	h := newPage(t, openIndex(t))
	res, body := get(t, h, "mgr", "/lessons/?q="+url.QueryEscape("预算"))
	wantStatus(t, res, body, 200)
	if got := total(t, body); got != "共 8 条" {
		t.Errorf("total %q, want 共 8 条 (team west's lesson must not count)", got)
	}
	for _, want := range []string{
		`<mark>预算</mark>调整,暂缓采购`,                        // highlighted snippet
		`aria-label="已成交,6 条,点击筛选"`,                     // outcome facet with its count
		`aria-label="终止原因,1 条,点击筛选"`,                    // kind facet
		`aria-label="物流,2 条,点击筛选"`,                      // industry facet
		`aria-label="预算,2 条,点击筛选"`,                      // reason category facet
		`<a class="record" href="/crm/engagements/e2">`, // the host's record page
		`<html lang="zh-CN">`,
		`<form role="search" method="get" action="/lessons/"`,
		`<label for="q">`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	if strings.Contains(body, "西部") {
		t.Error("another team's lesson or customer shows")
	}
}

func TestFacetLinkSwitchesTheFilterOnAndOff(t *testing.T) {
	h := newPage(t, openIndex(t))
	_, body := get(t, h, "mgr", "/lessons/?q="+url.QueryEscape("预算"))
	on := link(t, body, "已终止,2 条")
	res, body := get(t, h, "mgr", on)
	wantStatus(t, res, body, 200)
	if got := total(t, body); got != "共 2 条" {
		t.Errorf("filtered total %q, want 共 2 条", got)
	}
	if !strings.Contains(body, `aria-label="已终止,2 条,已选,点击取消" aria-current="true"`) {
		t.Errorf("the chosen outcome is not marked:\n%s", body)
	}
	// The search form keeps the filter for the next query.
	if !strings.Contains(body, `<input type="hidden" name="outcome" value="terminated">`) {
		t.Error("the form drops the filter")
	}
	off := link(t, body, "已终止,2 条,已选")
	_, body = get(t, h, "mgr", off)
	if got := total(t, body); got != "共 8 条" {
		t.Errorf("after removing the filter total %q, want 共 8 条", got)
	}
	if strings.Contains(body, "清除全部筛选") {
		t.Error("a clear link shows with no filter on")
	}
}

func TestFilterThatMatchesNothingCanBeRemoved(t *testing.T) {
	h := newPage(t, openIndex(t))
	res, body := get(t, h, "mgr", "/lessons/?q=%E9%A2%84%E7%AE%97&industry=%E8%83%BD%E6%BA%90")
	wantStatus(t, res, body, 200)
	if got := total(t, body); got != "共 0 条" {
		t.Fatalf("total %q, want 共 0 条 (能源 is team west's industry)", got)
	}
	off := link(t, body, "能源,0 条,已选")
	if strings.Contains(off, "industry") {
		t.Errorf("removing the filter keeps it: %s", off)
	}
	if !strings.Contains(body, "清除全部筛选") {
		t.Error("no clear link with a filter on")
	}
}

func TestPagingWalksEveryHitOnce(t *testing.T) {
	h := newPage(t, openIndex(t), func(o *lessonpage.Options) { o.PageSize = 3 })
	target := "/lessons/?q=" + url.QueryEscape("预算")
	seen := map[string]bool{}
	for page := 1; ; page++ {
		res, body := get(t, h, "mgr", target)
		wantStatus(t, res, body, 200)
		if !strings.Contains(body, `aria-current="page">`+string(rune('0'+page))+`</a>`) {
			t.Errorf("page %d is not marked current", page)
		}
		for _, m := range regexp.MustCompile(`(?s)<li class="hit">(.*?)</li>`).FindAllStringSubmatch(body, -1) {
			if seen[m[1]] {
				t.Errorf("page %d repeats %s", page, m[1])
			}
			seen[m[1]] = true
		}
		m := regexp.MustCompile(`<a rel="next" href="([^"]*)">`).FindStringSubmatch(body)
		if m == nil {
			if page != 3 {
				t.Errorf("last page is %d, want 3 (8 hits, 3 a page)", page)
			}
			break
		}
		target = strings.ReplaceAll(m[1], "&amp;", "&")
		if page > 3 {
			t.Fatal("paging does not end")
		}
	}
	if len(seen) != 8 {
		t.Errorf("paging showed %d hits, want 8", len(seen))
	}
}

func TestSortByDateOrdersNewestFirst(t *testing.T) {
	h := newPage(t, openIndex(t))
	_, body := get(t, h, "mgr", "/lessons/?sort=date&q="+url.QueryEscape("预算"))
	if !strings.Contains(body, `<option value="date" selected>`) {
		t.Error("the sort choice is not kept")
	}
	dates := regexp.MustCompile(`<dt>日期</dt><dd>([0-9-]+)</dd>`).FindAllStringSubmatch(body, -1)
	if len(dates) < 3 {
		t.Fatalf("only %d dates on the page", len(dates))
	}
	for i := 1; i < len(dates); i++ {
		if dates[i][1] > dates[i-1][1] {
			t.Errorf("date %s comes after the older %s", dates[i][1], dates[i-1][1])
		}
	}
}

func TestEnglishPageKeepsItsLanguageInEveryLink(t *testing.T) {
	h := newPage(t, openIndex(t), func(o *lessonpage.Options) { o.PageSize = 3 })
	_, zh := get(t, h, "mgr", "/lessons/?q="+url.QueryEscape("预算"))
	m := regexp.MustCompile(`id="lang-switch" href="([^"]*)"`).FindStringSubmatch(zh)
	if m == nil {
		t.Fatal("no language switch")
	}
	res, body := get(t, h, "mgr", strings.ReplaceAll(m[1], "&amp;", "&"))
	wantStatus(t, res, body, 200)
	for _, want := range []string{`<html lang="en">`, "Team lessons", "8 found", `aria-label="won, 6, filter by it"`,
		"termination reason", `<input type="hidden" name="lang" value="en">`, `lang="zh" hreflang="zh">中文</a>`} {
		if !strings.Contains(body, want) {
			t.Errorf("English page lacks %s", want)
		}
	}
	// Every link to the page keeps English, except the switch back to Chinese.
	back := regexp.MustCompile(`id="lang-switch" href="([^"]*)"`).FindStringSubmatch(body)[1]
	links := 0
	for _, href := range hrefs(body) {
		if !strings.HasPrefix(href, "/lessons/?") || href == strings.ReplaceAll(back, "&amp;", "&") {
			continue
		}
		links++
		if !strings.Contains(href, "lang=en") {
			t.Errorf("link %s loses the language", href)
		}
	}
	if links < 10 {
		t.Errorf("only %d links to the page checked", links)
	}
	if strings.Contains(back, "lang=") {
		t.Errorf("the switch to Chinese %s keeps lang", back)
	}
}

func TestSimilarLessonsOfAnEngagement(t *testing.T) {
	h := newPage(t, openIndex(t))
	_, body := get(t, h, "mgr", "/lessons/?similar=e4")
	if !strings.Contains(body, "与这条业务相似的经验") {
		t.Fatalf("no similar heading:\n%s", body)
	}
	if n := len(hitRe.FindAllString(body, -1)); n == 0 {
		t.Fatal("no similar lessons for an open pursuit about 预算 and 分期")
	}
	if strings.Contains(body, `href="/crm/engagements/e4">查看业务记录</a> <a class="similar"`) {
		t.Error("the engagement's own documents are among its similar lessons")
	}
	if !strings.Contains(body, `<a href="/crm/engagements/e4">查看业务记录 <code>e4</code></a>`) {
		t.Error("no link back to the engagement")
	}
}

func TestSimilarLessonsOfAnUnreadableEngagementAreNotFound(t *testing.T) {
	h := newPage(t, openIndex(t))
	for _, c := range []struct{ member, id string }{
		{"li", "e4"},    // a rep who takes no part in it
		{"mgr", "w1"},   // another team's
		{"mgr", "nope"}, // none at all: the same answer, so existence does not leak
	} {
		res, body := get(t, h, c.member, "/lessons/?similar="+c.id)
		wantStatus(t, res, body, 404)
		if !strings.Contains(body, "没有找到这条业务记录,或您无权查看") || hitRe.MatchString(body) {
			t.Errorf("%s asking for %s: %s", c.member, c.id, body)
		}
	}
}
