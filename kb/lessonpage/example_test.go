package lessonpage_test

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"

	"github.com/dealtrail/dealtrail/kb"
	"github.com/dealtrail/dealtrail/kb/lessonpage"
)

// Mount the lessons page under /lessons/ in a host whose authentication
// puts the member id in a header, and link each hit to the host's record
// page.
func Example() {
	dir, err := os.MkdirTemp("", "lessonpage-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	index, err := kb.Open(dir, fixtureSource(), kb.Options{})
	if err != nil {
		log.Fatal(err)
	}
	defer index.Close()
	if err := index.Sync(context.Background()); err != nil {
		log.Fatal(err)
	}

	page, err := lessonpage.New(lessonpage.Options{
		Index: index,
		// The host's own authentication decides who is asking.
		Actor:     func(r *http.Request) (string, error) { return r.Header.Get("X-Member"), nil },
		Prefix:    "/lessons/",
		RecordURL: "/crm/engagements/{id}",
	})
	if err != nil {
		log.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/lessons/", page)

	r := httptest.NewRequest("GET", "/lessons/?q=%E9%A2%84%E7%AE%97&outcome=terminated", nil)
	r.Header.Set("X-Member", "mgr")
	w := httptest.NewRecorder()
	mux.ServeHTTP(w, r)

	body := w.Body.String()
	fmt.Println(w.Code, w.Header().Get("Content-Type"))
	fmt.Println(regexp.MustCompile(`<span class="total">([^<]*)</span>`).FindStringSubmatch(body)[1])
	fmt.Println(regexp.MustCompile(`<p class="snippet">([^\n]*)</p>`).FindStringSubmatch(body)[1])
	fmt.Println(regexp.MustCompile(`<a class="record" href="([^"]*)"`).FindStringSubmatch(body)[1])
	// Output:
	// 200 text/html; charset=utf-8
	// 共 2 条
	// 竞品报价低时没有及时给出分期方案,<mark>预算</mark>被砍
	// /crm/engagements/e2
}
