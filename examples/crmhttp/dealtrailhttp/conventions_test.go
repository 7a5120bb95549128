package dealtrailhttp_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/dealtrail/dealtrail/examples/crmhttp/dealtrailhttp"
	"github.com/dealtrail/dealtrail/salesrec"
)

// The tests in this file hold the conventions the package documentation
// promises, each tried as a client would with curl.

func TestCreatedAnswersLocation(t *testing.T) {
	f := newFixture(t)
	r := f.do(t, "r1", "POST", "/engagements", engagement("c1", "r1")).want(t, http.StatusCreated)
	e := decodeAs[salesrec.Engagement](t, r)
	if got, want := r.header.Get("Location"), prefix+"/engagements/"+e.ID; got != want {
		t.Errorf("Location %q, want %q", got, want)
	}
	if got := r.header.Get("ETag"); got != `"1"` {
		t.Errorf("ETag %q, want \"1\"", got)
	}
	// The Location is where the client reads it, under the host's prefix.
	read := f.do(t, "r1", "GET", strings.TrimPrefix(r.header.Get("Location"), prefix), nil).want(t, http.StatusOK)
	if decodeAs[salesrec.Engagement](t, read).ID != e.ID {
		t.Error("the Location reads another engagement")
	}

	r = f.do(t, "m1", "POST", "/customers", customer("", "华北精密机械有限公司")).want(t, http.StatusCreated)
	c := decodeAs[salesrec.Customer](t, r)
	if got, want := r.header.Get("Location"), prefix+"/customers/"+c.ID; got != want {
		t.Errorf("Location %q, want %q", got, want)
	}
}

func TestReadsReturnAnETag(t *testing.T) {
	f := newFixture(t)
	r := f.do(t, "r1", "GET", "/engagements/"+f.e1.ID, nil).want(t, http.StatusOK)
	if got := r.header.Get("ETag"); got != `"1"` {
		t.Errorf("engagement ETag %q, want \"1\"", got)
	}
	tag := f.do(t, "m1", "GET", "/customers/c1", nil).want(t, http.StatusOK).header.Get("ETag")
	if tag == "" || tag != f.do(t, "m1", "GET", "/customers/c1", nil).header.Get("ETag") {
		t.Fatalf("customer ETag %q is missing or unstable", tag)
	}
	c := customer("c1", secretName)
	c.Industry = "装备制造"
	updated := f.do(t, "m1", "PUT", "/customers/c1", c, "If-Match", tag).want(t, http.StatusOK).header.Get("ETag")
	if updated == "" || updated == tag || updated != f.do(t, "m1", "GET", "/customers/c1", nil).header.Get("ETag") {
		t.Errorf("after an update the ETag is %q (was %q)", updated, tag)
	}
}

func TestStaleVersionsAnswerTheCurrentETag(t *testing.T) {
	f := newFixture(t)
	path := "/engagements/" + f.e1.ID + "/remarks"
	f.do(t, "r1", "POST", path, `{"remark":{"text":"技术支持已安排测试环境"}}`, "If-Match", `"1"`).want(t, http.StatusOK)

	r := f.do(t, "r1", "POST", path, `{"remark":{"text":"法务已审核合同条款"}}`, "If-Match", `"1"`).want(t, http.StatusPreconditionFailed)
	if got := r.header.Get("ETag"); got != `"2"` {
		t.Errorf("412 with ETag %q, want the current \"2\"", got)
	}
	if msg := decodeAs[errorBody](t, r).Error; !strings.Contains(msg, "重新读取") {
		t.Errorf("412 says %q", msg)
	}
	r = f.do(t, "r1", "POST", path, `{"version":1,"remark":{"text":"法务已审核合同条款"}}`, "Accept-Language", "en").want(t, http.StatusConflict)
	if got := r.header.Get("ETag"); got != `"2"` || !strings.Contains(decodeAs[errorBody](t, r).Error, "read it again") {
		t.Errorf("409 with ETag %q: %s", got, r.body)
	}
	// Retrying with the ETag the refusal gave succeeds.
	f.do(t, "r1", "POST", path, `{"remark":{"text":"法务已审核合同条款"}}`, "If-Match", r.header.Get("ETag")).want(t, http.StatusOK)

	t.Run("a customer", func(t *testing.T) {
		old := f.do(t, "m1", "GET", "/customers/c1", nil).header.Get("ETag")
		c := customer("c1", secretName)
		c.Size = "500人以上"
		current := f.do(t, "m1", "PUT", "/customers/c1", c, "If-Match", old).want(t, http.StatusOK).header.Get("ETag")
		c.Size = "1000人以上"
		r := f.do(t, "m1", "PUT", "/customers/c1", c, "If-Match", old).want(t, http.StatusPreconditionFailed)
		if got := r.header.Get("ETag"); got != current {
			t.Errorf("412 with ETag %q, want the current %q", got, current)
		}
		if got := decodeAs[salesrec.Customer](t, f.do(t, "m1", "GET", "/customers/c1", nil)).Size; got != "500人以上" {
			t.Errorf("a refused write changed the customer: size %q", got)
		}
	})
}

// strippedOf is e as a client that drops every id sends it back.
func strippedOf(t *testing.T, e salesrec.Engagement) map[string]any {
	t.Helper()
	doc := decodeAs[map[string]any](t, response{body: mustJSON(t, e)})
	for _, list := range []string{"actions", "interactions", "remarks"} {
		items, _ := doc[list].([]any)
		for _, it := range items {
			delete(it.(map[string]any), "id")
		}
	}
	delete(doc, "id")
	delete(doc, "version")
	return doc
}

func TestAPutThatChangesNothingChangesNothing(t *testing.T) {
	f := newFixture(t)
	path := "/engagements/" + f.e1.ID
	f.do(t, "r1", "POST", path+"/remarks", `{"version":1,"remark":{"text":"技术支持已安排测试环境"}}`).want(t, http.StatusOK)
	read := f.do(t, "r1", "GET", path, nil).want(t, http.StatusOK)
	e := decodeAs[salesrec.Engagement](t, read)

	for _, c := range []struct {
		name string
		body any
	}{
		{"as read", e},
		{"without any ids", strippedOf(t, e)},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := f.do(t, "r1", "PUT", path, c.body, "If-Match", read.header.Get("ETag")).want(t, http.StatusOK)
			got := decodeAs[salesrec.Engagement](t, r)
			if got.Version != e.Version || r.header.Get("ETag") != read.header.Get("ETag") {
				t.Errorf("a no-op PUT moved the version to %d (ETag %s)", got.Version, r.header.Get("ETag"))
			}
			hist := decodeAs[struct{ Items []salesrec.HistoryEntry }](t, f.do(t, "r1", "GET", path+"/history", nil))
			if len(hist.Items) != 2 {
				t.Errorf("history has %d entries after a no-op PUT, want 2", len(hist.Items))
			}
		})
	}

	t.Run("one change without ids is that change alone", func(t *testing.T) {
		doc := strippedOf(t, e)
		doc["actions"].([]any)[1].(map[string]any)["status"] = "进行中"
		got := decodeAs[salesrec.Engagement](t, f.do(t, "r1", "PUT", path, doc, "If-Match", read.header.Get("ETag")).want(t, http.StatusOK))
		if got.Version != e.Version+1 || got.Actions[0].ID != "a-late" || got.Actions[1].ID != "a-next" {
			t.Fatalf("version %d, action ids %q %q", got.Version, got.Actions[0].ID, got.Actions[1].ID)
		}
		hist := decodeAs[struct{ Items []salesrec.HistoryEntry }](t, f.do(t, "r1", "GET", path+"/history", nil))
		var fields []string
		for _, ch := range hist.Items[len(hist.Items)-1].Changes {
			if ch.Field != "version" && ch.Field != "updated_at" {
				fields = append(fields, ch.Field)
			}
		}
		if len(fields) != 1 || fields[0] != "actions[1].status" {
			t.Errorf("the PUT recorded changes to %v, want only actions[1].status", fields)
		}
	})
}

func TestListsShareOnePaginationStyle(t *testing.T) {
	f := newFixture(t)
	for range 2 {
		f.do(t, "r1", "POST", "/engagements", engagement("c1", "r1")).want(t, http.StatusCreated)
	}
	first := decodeAs[page](t, f.do(t, "r1", "GET", "/engagements?limit=2", nil).want(t, http.StatusOK))
	if len(first.Items) != 2 || first.Next == "" || first.Total == nil || *first.Total != 3 {
		t.Fatalf("first page: %d items, next %q, total %v", len(first.Items), first.Next, first.Total)
	}
	last := decodeAs[page](t, f.do(t, "r1", "GET", "/engagements?limit=2&after="+url.QueryEscape(first.Next), nil).want(t, http.StatusOK))
	if len(last.Items) != 1 || last.Next != "" {
		t.Errorf("last page: %d items, next %q", len(last.Items), last.Next)
	}

	// Whole lists have the same shape, with their total.
	for _, path := range []string{
		"/engagements/" + f.e1.ID + "/history",
		"/engagements/" + f.e1.ID + "/findings",
		"/actions/overdue",
		"/actions/due-soon",
	} {
		t.Run(path, func(t *testing.T) {
			p := decodeAs[page](t, f.do(t, "r1", "GET", path, nil).want(t, http.StatusOK))
			if p.Items == nil || p.Total == nil || *p.Total != len(p.Items) || p.Next != "" {
				t.Errorf("%s answers items %v, total %v, next %q", path, p.Items, p.Total, p.Next)
			}
		})
	}
}

func TestInstantsAreShownInTheTeamsZone(t *testing.T) {
	f := newFixture(t)
	e := engagement("c1", "r1")
	e.Interactions[0].OccurredAt = now.Add(-2 * time.Hour).UTC() // sent in UTC
	r := f.do(t, "r1", "POST", "/engagements", e).want(t, http.StatusCreated)
	for _, want := range []string{`"occurred_at":"2024-04-12T08:00:00+08:00"`, `"recorded_at":"2024-04-12T10:00:00+08:00"`, `"created_at":"2024-04-12T10:00:00+08:00"`} {
		if !strings.Contains(string(r.body), want) {
			t.Errorf("the created engagement lacks %s: %s", want, r.body)
		}
	}
	id := decodeAs[salesrec.Engagement](t, r).ID
	for _, p := range []string{"/engagements/" + id + "/history", "/engagements/" + id + "/findings", "/actions/overdue"} {
		if b := f.do(t, "r1", "GET", p, nil).want(t, http.StatusOK).body; !strings.Contains(string(b), `T10:00:00+08:00"`) || strings.Contains(string(b), `Z"`) {
			t.Errorf("%s does not show its instants in +08:00: %s", p, b)
		}
	}

	// A host whose teams keep another zone sees every instant in it, and a
	// day and time without an offset is read in it.
	tokyo := time.FixedZone("Asia/Tokyo", 9*3600)
	f.srv = f.serve(t, func(o *dealtrailhttp.Options) {
		o.TeamLocation = func(context.Context, string) (*time.Location, error) { return tokyo, nil }
	})
	b := f.do(t, "r1", "GET", "/engagements/"+id, nil).want(t, http.StatusOK).body
	if !strings.Contains(string(b), `"occurred_at":"2024-04-12T09:00:00+09:00"`) {
		t.Errorf("not shown in the team's zone: %s", b)
	}
	in := decodeAs[map[string]any](t, response{body: mustJSON(t, interaction("r1"))})
	in["occurred_at"] = "2024-04-12 上午09:00"
	b = f.do(t, "r1", "POST", "/engagements/"+id+"/interactions", map[string]any{"version": 1, "interaction": in}).want(t, http.StatusOK).body
	if !strings.Contains(string(b), `"occurred_at":"2024-04-12T09:00:00+09:00"`) {
		t.Errorf("a day and time is not read in the team's zone: %s", b)
	}
}
