package main

import (
	"context"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// The browser tests drive headless Chromium (Debian's chromium package;
// fonts-wqy-microhei renders the Chinese) against the page over the demo
// records. Without Chromium they skip with one line; with
// DEALTRAIL_REQUIRE_BROWSER=1 (CI) they fail instead.

// chromium returns the browser to drive, or skips.
func chromium(t *testing.T) string {
	t.Helper()
	candidates := []string{os.Getenv("DEALTRAIL_CHROMIUM"), "chromium", "chromium-browser", "google-chrome"}
	for _, c := range candidates {
		if c == "" {
			continue
		}
		if p, err := exec.LookPath(c); err == nil {
			return p
		}
	}
	const why = "no Chromium found (apt-get install chromium fonts-wqy-microhei, or set DEALTRAIL_CHROMIUM)"
	if os.Getenv("DEALTRAIL_REQUIRE_BROWSER") == "1" {
		t.Fatal(why + " and DEALTRAIL_REQUIRE_BROWSER=1")
	}
	t.Skip(why)
	return ""
}

// browser starts Chromium with a fresh profile and returns a context whose
// tabs share it; the browser ends with the test.
func browser(t *testing.T, exe string) context.Context {
	t.Helper()
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(exe),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Headless,
		chromedp.NoSandbox, // the tests run as root in CI
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.WindowSize(1280, 900),
	)
	ctx, cancel := chromedp.NewContext(alloc)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	// The first call starts the browser; it gets no timeout of its own, or
	// the timeout would end the browser (each step has one, see tab).
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting %s: %v", exe, err)
	}
	return ctx
}

// artifacts is where screenshots go: $DEALTRAIL_ARTIFACTS/teamkb if set
// (CI keeps it), a test temporary directory otherwise.
func artifacts(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if base := os.Getenv("DEALTRAIL_ARTIFACTS"); base != "" {
		dir = filepath.Join(base, "teamkb")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// tab is one browser tab of a subtest: every step in it is bounded, and
// it records every dialog the page opens and every console message.
type tab struct {
	t    *testing.T
	ctx  context.Context
	base string // the server's URL
	shot string // the screenshot directory

	mu      sync.Mutex
	dialogs []string
	console []string
}

func newTab(t *testing.T, browserCtx context.Context, base, shots string) *tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browserCtx)
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatal(err)
	}
	tb := &tab{t: t, ctx: ctx, base: base, shot: shots}
	dialogs := chromedp.Events(ctx, page.JavascriptDialogOpening)
	console := chromedp.Console(ctx)
	go func() {
		for ev, err := range dialogs {
			if err != nil {
				return
			}
			tb.mu.Lock()
			tb.dialogs = append(tb.dialogs, ev.Message)
			tb.mu.Unlock()
			_, _ = chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
		}
	}()
	go func() {
		for m, err := range console {
			if err != nil {
				return
			}
			tb.mu.Lock()
			tb.console = append(tb.console, m.String())
			tb.mu.Unlock()
		}
	}()
	return tb
}

// step runs actions with a deadline, failing the test on an error.
func (tb *tab) step(what string, actions ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		tb.t.Fatalf("%s: %v", what, err)
	}
}

// load runs the action (a click, a key) and waits for the page it opens.
func (tb *tab) load(what string, trigger chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 20*time.Second)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil, trigger)); err != nil {
		tb.t.Fatalf("%s: %v", what, err)
	}
}

// open loads a path of the server.
func (tb *tab) open(path string) {
	tb.t.Helper()
	tb.load("open "+path, chromedp.Navigate(tb.base+path))
}

// eval evaluates a JavaScript expression in the page (through the
// DevTools protocol, which the page's CSP does not restrict).
func eval[T any](tb *tab, expr string) T {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 20*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		tb.t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// screenshot saves the whole page as name.png.
func (tb *tab) screenshot(name string) {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 20*time.Second)
	defer cancel()
	b, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)) // quality 100 is PNG, less JPEG
	if err != nil {
		tb.t.Fatalf("screenshot %s: %v", name, err)
	}
	path := filepath.Join(tb.shot, name+".png")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		tb.t.Fatal(err)
	}
	tb.t.Logf("screenshot: %s", path)
}

// checkQuiet fails if the page opened a dialog or reported a script error
// or a refused resource (a CSP violation is one).
func (tb *tab) checkQuiet() {
	tb.t.Helper()
	tb.mu.Lock()
	defer tb.mu.Unlock()
	if len(tb.dialogs) > 0 {
		tb.t.Errorf("the page opened dialogs: %q", tb.dialogs)
	}
	for _, m := range tb.console {
		if strings.Contains(m, "Content Security Policy") || strings.Contains(m, "Uncaught") || strings.Contains(m, "Refused") {
			tb.t.Errorf("console: %s", m)
		}
	}
}

// pageState is what the tests read off a page.
type pageState struct {
	Lang      string   `json:"lang"`
	URL       string   `json:"url"`
	Heading   string   `json:"heading"`
	Total     string   `json:"total"`
	Hits      int      `json:"hits"`
	Snippets  []string `json:"snippets"`
	Customers []string `json:"customers"`
	Facets    []string `json:"facets"`
	Chosen    []string `json:"chosen"`
	Page      string   `json:"page"`
	Records   []string `json:"records"`
	Focus     string   `json:"focus"`
	Problems  string   `json:"problems"`
}

const readState = `(() => {
  const all = (sel, f) => [...document.querySelectorAll(sel)].map(f);
  const text = sel => (document.querySelector(sel) || {}).textContent || "";
  return {
    lang: document.documentElement.lang,
    url: location.pathname + location.search,
    heading: text("#results-h"),
    total: text(".total"),
    hits: document.querySelectorAll(".hit").length,
    snippets: all(".snippet", e => e.textContent),
    customers: all(".customer", e => e.textContent),
    facets: all(".facet a", e => e.getAttribute("aria-label")),
    chosen: all('.facet a[aria-current="true"]', e => e.getAttribute("aria-label")),
    page: text('.pager a[aria-current="page"]'),
    records: all("a.record", e => e.getAttribute("href")),
    focus: document.activeElement ? (document.activeElement.id || document.activeElement.tagName) : "",
    problems: text(".problems"),
  };
})()`

func (tb *tab) state() pageState {
	tb.t.Helper()
	return eval[pageState](tb, readState)
}

// serve starts the host of the demo team over a test server.
func serve(t *testing.T, c config) (*httptest.Server, *demoTeam) {
	t.Helper()
	team := openDemo(t)
	h, err := newHandler(team.Team, c)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv, team
}
