package dealtrailhttp_test

import (
	"net/http"
	"strings"
	"testing"
)

func TestMalformedBodiesAreBadRequests(t *testing.T) {
	f := newFixture(t)
	valid := `{"customer_id":"c1","owner_id":"r1","stage":"new_customer_development","goal":"推动客户确认方案","status":"open"}`
	cases := []struct {
		name, body string
		code       int
		field      string
	}{
		{"an empty body", ``, http.StatusBadRequest, ""},
		{"broken JSON", `{"goal": "推动客户确认方案"`, http.StatusBadRequest, ""},
		{"not JSON at all", `goal=x`, http.StatusBadRequest, ""},
		{"an unknown field", strings.Replace(valid, `"goal"`, `"gaol":"x","goal"`, 1), http.StatusBadRequest, ""},
		{"trailing data", valid + ` {"again":1}`, http.StatusBadRequest, ""},
		{"trailing garbage", valid + `]`, http.StatusBadRequest, ""},
		{"a number for a string", strings.Replace(valid, `"goal":"推动客户确认方案"`, `"goal":42`, 1), http.StatusBadRequest, "goal"},
		{"an array for the object", `[` + valid + `]`, http.StatusBadRequest, ""},
		{"a date in the wrong format", strings.Replace(valid, `"status":"open"`,
			`"status":"open","actions":[{"what":"发送报价单","owner_id":"r1","deadline":"04/10/2024","status":"pending"}]`, 1),
			http.StatusUnprocessableEntity, ""},
		{"an unknown enum value", strings.Replace(valid, `"status":"open"`, `"status":"maybe"`, 1), http.StatusUnprocessableEntity, ""},
		{"a valid body for contrast", valid, http.StatusCreated, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := f.do(t, "r1", "POST", "/engagements", c.body).want(t, c.code)
			if c.code == http.StatusCreated {
				return
			}
			body := decodeAs[errorBody](t, r)
			if body.Error == "" {
				t.Error("no error message")
			}
			if c.field != "" && body.Fields[c.field] == "" {
				t.Errorf("fields %v do not name %s", body.Fields, c.field)
			}
			if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
				t.Errorf("Content-Type %q", ct)
			}
		})
	}
}

func TestBodyOverTheLimitIsTooLarge(t *testing.T) {
	f := newFixture(t) // the fixture's limit is 64 KiB
	big := `{"customer_id":"c1","owner_id":"r1","stage":"new_customer_development","status":"open","goal":"` +
		strings.Repeat("预算", 40<<10) + `"}`
	r := f.do(t, "r1", "POST", "/engagements", big).want(t, http.StatusRequestEntityTooLarge)
	if strings.Contains(string(r.body), "预算预算") {
		t.Error("the 413 answer echoes the body")
	}
	// Nothing was created.
	list := decodeAs[struct{ Items []any }](t, f.do(t, "m1", "GET", "/engagements", nil).want(t, http.StatusOK))
	if len(list.Items) != 1 {
		t.Errorf("%d engagements after a refused body, want 1", len(list.Items))
	}
}
