package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/dealtrail/dealtrail/kb"
)

func get(t *testing.T, url, member string) (int, []byte) {
	t.Helper()
	return send(t, "GET", url, member, "")
}

func send(t *testing.T, method, url, member, body string) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if member != "" {
		req.Header.Set(DemoMemberHeader, member)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res.StatusCode, b
}

// count GETs url as the demo manager (or li for overdue lists) and returns
// the length of the answer's list named key.
func count(t *testing.T, url, key string) int {
	t.Helper()
	member := demoManager
	if strings.Contains(url, "/actions/overdue") {
		member = demoRep
	}
	code, body := get(t, url, member)
	if code != http.StatusOK {
		t.Fatalf("GET %s: %d %s", url, code, body)
	}
	var answer map[string]json.RawMessage
	var list []json.RawMessage
	if err := json.Unmarshal(body, &answer); err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	if err := json.Unmarshal(answer[key], &list); err != nil {
		t.Fatalf("GET %s: %q is no list: %v", url, key, err)
	}
	return len(list)
}

func TestDemoHostMountsTheAPIBehindStandInAuth(t *testing.T) {
	dir := t.TempDir()
	h, err := openHost(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	api := srv.URL + mountPrefix

	if code, _ := get(t, srv.URL+"/", ""); code != http.StatusOK {
		t.Errorf("host root answers %d", code)
	}
	if code, _ := get(t, api+"/engagements", ""); code != http.StatusUnauthorized {
		t.Errorf("no member: %d, want 401", code)
	}
	// The seed: three engagements, li's open one with an overdue action.
	if n := count(t, api+"/engagements", "items"); n != 3 {
		t.Errorf("the manager lists %d seeded engagements, want 3", n)
	}
	if n := count(t, api+"/actions/overdue", "items"); n != 1 {
		t.Errorf("li has %d overdue actions after seeding, want 1", n)
	}
	code, body := send(t, "POST", api+"/engagements", demoRep,
		`{"customer_id":"`+demoCustomer+`","owner_id":"`+demoRep+`","stage":"新客户开发","goal":"挖掘客户的采购预算","status":"待推进"}`)
	if code != http.StatusCreated {
		t.Fatalf("create as %s: %d %s", demoRep, code, body)
	}
	var created struct{ ID string }
	if err := json.Unmarshal(body, &created); err != nil {
		t.Fatal(err)
	}
	code, body = send(t, "POST", api+"/engagements/"+created.ID+"/close", demoRep,
		`{"version":1,"status":"已终止","outcome":{"reason":"预算调整,暂缓采购","reason_category":"预算"}}`)
	if code != http.StatusOK {
		t.Fatalf("close: %d %s", code, body)
	}
	code, body = get(t, api+"/customers/"+demoCustomer, demoOtherRep)
	if code != http.StatusOK || strings.Contains(string(body), "13812345678") {
		t.Errorf("the other rep reads the customer: %d %s", code, body)
	}
	srv.Close()
	if err := h.Close(); err != nil {
		t.Fatal(err)
	}

	// Opening the same directory again keeps the data and does not seed twice.
	h, err = openHost(context.Background(), dir)
	if err != nil {
		t.Fatalf("reopening: %v", err)
	}
	srv = httptest.NewServer(h)
	defer srv.Close()
	defer h.Close()
	api = srv.URL + mountPrefix
	if n := count(t, api+"/engagements", "items"); n != 4 {
		t.Errorf("after reopening the manager lists %d engagements, want 4", n)
	}
	// Opening catches the knowledge base up with the feed before serving:
	// the seeded termination reason and the one closed above.
	q := url.Values{"q": {"预算"}, "kind": {"termination_reason"}, "facets": {"true"}}
	if n := count(t, api+"/kb/search?"+q.Encode(), "items"); n != 2 {
		t.Errorf("searching termination reasons finds %d, want 2", n)
	}
}

func TestRunServesUntilTheContextEnds(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		err := run(ctx, []string{"-dir", t.TempDir(), "-addr", "127.0.0.1:0"}, pw)
		pw.Close()
		done <- err
	}()

	// The third line of output is the curl hint with the API's URL.
	sc := bufio.NewScanner(pr)
	var lines []string
	for len(lines) < 3 && sc.Scan() {
		lines = append(lines, sc.Text())
	}
	if len(lines) < 3 {
		cancel()
		t.Fatalf("run printed %q and stopped: %v", lines, <-done)
	}
	go func() { _, _ = io.Copy(io.Discard, pr) }()
	i := strings.Index(lines[2], "http://")
	if i < 0 {
		cancel()
		t.Fatalf("no URL in %q", lines[2])
	}
	url := lines[2][i:]
	if code, body := get(t, url, demoRep); code != http.StatusOK {
		t.Errorf("GET %s: %d %s", url, code, body)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("run returned %v after the context ended", err)
	}
}

// A knowledge base written by another version of kb (ErrFormat) is built
// again at start instead of keeping the host from starting.
func TestDemoHostRecreatesAnIndexOfAnotherFormat(t *testing.T) {
	dir := t.TempDir()
	h, err := openHost(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := h.Close(); err != nil {
		t.Fatal(err)
	}
	// A generation's format is recorded in its meta index (kb.md, "Team shards").
	meta := filepath.Join(dir, indexDir, "gen-000001", "meta")
	idx, err := bleve.Open(meta)
	if err != nil {
		t.Fatal(err)
	}
	if err := idx.SetInternal([]byte("kb/format"), []byte("3")); err != nil {
		t.Fatal(err)
	}
	if err := idx.Close(); err != nil {
		t.Fatal(err)
	}
	h, err = openHost(context.Background(), dir)
	if err != nil {
		t.Fatalf("openHost over an index of format 3: %v", err)
	}
	defer h.Close()
	res, err := h.index.Search(context.Background(), demoManager, kb.Query{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total == 0 {
		t.Error("the recreated index holds none of the seed's documents")
	}
}
