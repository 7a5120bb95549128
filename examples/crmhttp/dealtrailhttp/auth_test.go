package dealtrailhttp_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/dealtrail/dealtrail/examples/crmhttp/dealtrailhttp"
)

func TestEveryRouteRefusesARequestWithoutAnActor(t *testing.T) {
	f := newFixture(t)
	id := f.e1.ID
	routes := []struct{ method, path string }{
		{"POST", "/customers"},
		{"GET", "/customers/c1"},
		{"PUT", "/customers/c1"},
		{"POST", "/engagements"},
		{"GET", "/engagements"},
		{"GET", "/engagements/" + id},
		{"PUT", "/engagements/" + id},
		{"POST", "/engagements/" + id + "/interactions"},
		{"POST", "/engagements/" + id + "/actions/a-late/status"},
		{"POST", "/engagements/" + id + "/remarks"},
		{"POST", "/engagements/" + id + "/close"},
		{"POST", "/engagements/" + id + "/reopen"},
		{"GET", "/engagements/" + id + "/history"},
		{"GET", "/engagements/" + id + "/findings"},
		{"GET", "/actions/overdue"},
		{"GET", "/kb/search?q=价格"},
	}
	for _, rt := range routes {
		t.Run(rt.method+" "+rt.path, func(t *testing.T) {
			r := f.do(t, "", rt.method, rt.path, `{}`).want(t, http.StatusUnauthorized)
			if got := decodeAs[errorBody](t, r).Error; got == "" {
				t.Error("401 without a message")
			}
		})
	}
	// Nothing was written on the way.
	r := f.do(t, "m1", "GET", "/engagements/"+id+"/history", nil).want(t, http.StatusOK)
	if n := len(decodeAs[struct{ Items []any }](t, r).Items); n != 1 {
		t.Errorf("history has %d entries after refused requests, want 1", n)
	}
}

func TestHandlerWithoutActorFunctionFailsClosed(t *testing.T) {
	f := newFixture(t)
	h := validated(t, dealtrailhttp.NewHandler(f.store, nil, dealtrailhttp.Options{}))
	req, err := http.NewRequest("GET", "/engagements", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set(memberHdr, "m1")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusUnauthorized {
		t.Fatalf("status %d, want 401", rec.Code)
	}
}

func TestUnknownMemberIsForbidden(t *testing.T) {
	f := newFixture(t)
	f.do(t, "nobody", "GET", "/engagements/"+f.e1.ID, nil).want(t, http.StatusForbidden)
}
