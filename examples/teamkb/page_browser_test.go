package main

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/dealtrail/dealtrail/kb"
	"github.com/dealtrail/dealtrail/salesrec"
)

// TestLessonsPageInABrowser walks the page as a sales manager does, in
// headless Chromium: types a query, reads hits and facet counts, clicks a
// facet, pages, switches to English, opens similar lessons; then checks
// that hostile lessons stay text, that the page works with JavaScript off
// and fits a phone. Each subtest has its own tab; screenshots go to the
// artifacts directory.
func TestLessonsPageInABrowser(t *testing.T) {
	exe := chromium(t)
	const pageSize = 4
	srv, team := serve(t, config{as: "manager", pageSize: pageSize})
	bctx := browser(t, exe)
	shots := artifacts(t)
	ctx := context.Background()

	// What kb itself answers, to compare the page with.
	want, err := team.Index.Search(ctx, team.ManagerID, kb.Query{Text: "预算", Facets: true})
	if err != nil {
		t.Fatal(err)
	}
	if want.Total <= pageSize {
		t.Fatalf("the demo has %d hits for 预算; paging needs more than %d", want.Total, pageSize)
	}
	terminated := 0
	for _, c := range want.Facets[kb.FacetOutcome] {
		if c.Value == string(salesrec.StatusTerminated) {
			terminated = c.Count
		}
	}

	t.Run("type a query, see hits and facet counts", func(t *testing.T) {
		tb := newTab(t, bctx, srv.URL, shots)
		tb.open("/lessons/")
		tb.step("type", chromedp.WaitVisible(chromedp.ID("q")))
		tb.load("search", chromedp.SendKeys(chromedp.ID("q"), "预算\n"))
		s := tb.state()
		if s.Total != fmt.Sprintf("共 %d 条", want.Total) || s.Hits != pageSize {
			t.Errorf("total %q with %d hits, want 共 %d 条 with %d", s.Total, s.Hits, want.Total, pageSize)
		}
		if !slices.Contains(s.Facets, fmt.Sprintf("已终止,%d 条,点击筛选", terminated)) {
			t.Errorf("no facet count for 已终止 = %d in %q", terminated, s.Facets)
		}
		if len(s.Customers) == 0 {
			t.Error("the manager sees no customer names")
		}
		if s.Focus != "results" {
			t.Errorf("after a search the focus is on %q, want the results", s.Focus)
		}
		if n := eval[int](tb, `document.querySelectorAll(".snippet mark").length`); n == 0 {
			t.Error("no highlighted words")
		}
		tb.screenshot("zh-results")
		tb.checkQuiet()
	})

	t.Run("click a facet", func(t *testing.T) {
		tb := newTab(t, bctx, srv.URL, shots)
		tb.open("/lessons/?q=" + url.QueryEscape("预算"))
		tb.load("click 已终止", chromedp.Click(chromedp.CSS(`.facet a[aria-label^="已终止,"]`)))
		s := tb.state()
		if s.Total != fmt.Sprintf("共 %d 条", terminated) || len(s.Chosen) != 1 || !strings.Contains(s.URL, "outcome=terminated") {
			t.Errorf("after the facet: %+v", s)
		}
		tb.checkQuiet()
	})

	t.Run("page", func(t *testing.T) {
		tb := newTab(t, bctx, srv.URL, shots)
		tb.open("/lessons/?q=" + url.QueryEscape("预算"))
		first := tb.state()
		tb.load("next page", chromedp.Click(chromedp.CSS(`a[rel="next"]`)))
		second := tb.state()
		if second.Page != "2" || !strings.Contains(second.URL, "page=2") || second.Hits == 0 {
			t.Errorf("second page: %+v", second)
		}
		for _, s := range second.Snippets {
			if slices.Contains(first.Snippets, s) {
				t.Errorf("page 2 repeats %q", s)
			}
		}
		tb.checkQuiet()
	})

	t.Run("switch language", func(t *testing.T) {
		tb := newTab(t, bctx, srv.URL, shots)
		tb.open("/lessons/?q=" + url.QueryEscape("预算"))
		tb.load("English", chromedp.Click(chromedp.ID("lang-switch")))
		s := tb.state()
		if s.Lang != "en" || s.Total != fmt.Sprintf("%d found", want.Total) || !slices.Contains(s.Facets, fmt.Sprintf("terminated, %d, filter by it", terminated)) {
			t.Errorf("English page: %+v", s)
		}
		tb.screenshot("en-results")
		tb.load("中文", chromedp.Click(chromedp.ID("lang-switch")))
		if s := tb.state(); s.Lang != "zh-CN" || !strings.Contains(s.URL, "q=") {
			t.Errorf("back to Chinese: %+v", s)
		}
		tb.checkQuiet()
	})

	t.Run("open similar lessons", func(t *testing.T) {
		tb := newTab(t, bctx, srv.URL, shots)
		tb.open("/lessons/?q=" + url.QueryEscape("预算"))
		tb.load("similar", chromedp.Click(chromedp.CSS(`a.similar`)))
		s := tb.state()
		if s.Heading != "与这条业务相似的经验" || !strings.Contains(s.URL, "similar=") {
			t.Errorf("similar lessons: %+v", s)
		}
		// The open manufacturing pursuit (预算, 多数据源) has lessons of closed ones to learn from.
		tb.open("/lessons/?similar=" + url.QueryEscape(team.Manufacturing))
		if s := tb.state(); s.Hits == 0 {
			t.Errorf("no similar lessons for the open pursuit: %+v", s)
		}
		tb.checkQuiet()
	})

	t.Run("hostile lessons render as text", func(t *testing.T) {
		tb := newTab(t, bctx, srv.URL, shots)
		tb.open("/lessons/?q=" + url.QueryEscape("预算") + "&industry=" + url.QueryEscape(hostileIndustry))
		s := tb.state()
		if s.Hits != len(hostileLessons) {
			t.Fatalf("%d hostile hits, want %d: %+v", s.Hits, len(hostileLessons), s)
		}
		for _, l := range hostileLessons {
			if !slices.Contains(s.Snippets, l) {
				t.Errorf("lesson %q is not shown as its own text in %q", l, s.Snippets)
			}
		}
		if eval[bool](tb, `typeof window.__pwned !== "undefined"`) {
			t.Error("a hostile lesson ran script")
		}
		if n := eval[int](tb, `document.querySelectorAll("main script, main img, a[href^='javascript:' i]").length`); n != 0 {
			t.Errorf("%d elements or links came from lesson text", n)
		}
		for _, r := range s.Records {
			if !strings.HasPrefix(r, "/engagements/") {
				t.Errorf("record link %q", r)
			}
		}
		tb.screenshot("hostile-as-text")
		tb.checkQuiet()
	})

	t.Run("keyboard", func(t *testing.T) {
		tb := newTab(t, bctx, srv.URL, shots)
		tb.open("/lessons/")
		tb.step("press /", chromedp.KeyEvent("/"))
		if f := tb.state().Focus; f != "q" {
			t.Errorf(`"/" focuses %q, want the search box`, f)
		}
		tb.load("search", chromedp.SendKeys(chromedp.ID("q"), "预算\n"))
		tb.step("tab", chromedp.KeyEvent("\t"))
		if f := eval[string](tb, `document.activeElement.closest(".hit") ? "hit" : document.activeElement.tagName`); f != "hit" {
			t.Errorf("Tab from the results goes to %q, want the first hit's link", f)
		}
		tb.checkQuiet()
	})

	t.Run("works with JavaScript off", func(t *testing.T) {
		tb := newTab(t, bctx, srv.URL, shots)
		if _, err := chromedp.Call(tb.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
			t.Fatal(err)
		}
		tb.open("/lessons/")
		tb.load("search", chromedp.SendKeys(chromedp.ID("q"), "预算\n"))
		tb.load("facet", chromedp.Click(chromedp.CSS(`.facet a[aria-label^="已终止,"]`)))
		s := tb.state()
		if s.Total != fmt.Sprintf("共 %d 条", terminated) || s.Focus == "results" {
			t.Errorf("without JavaScript: %+v", s)
		}
		if eval[bool](tb, `document.documentElement.classList.contains("js")`) {
			t.Error("the page script ran with JavaScript off")
		}
	})

	t.Run("fits a phone", func(t *testing.T) {
		tb := newTab(t, bctx, srv.URL, shots)
		tb.step("phone", chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile))
		tb.open("/lessons/?q=" + url.QueryEscape("预算"))
		if over := eval[int](tb, `document.documentElement.scrollWidth - window.innerWidth`); over > 0 {
			t.Errorf("the page is %dpx wider than the phone", over)
		}
		if eval[bool](tb, `document.querySelector(".facets").getBoundingClientRect().bottom > document.querySelector(".results").getBoundingClientRect().top + 1`) {
			t.Error("on a phone the filters are not above the results")
		}
		tb.screenshot("phone")
		tb.checkQuiet()
	})
}
