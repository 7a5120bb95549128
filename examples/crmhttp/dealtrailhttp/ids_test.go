package dealtrailhttp_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// An id outside salesrec's id rule is refused with 422, naming the field,
// wherever a client can choose one, and nothing is stored.
func TestIDsOutsideTheRuleAreRefused(t *testing.T) {
	f := newFixture(t)
	e := engagement("c1", "r1")
	e.ID = "x/reason"
	crafted := engagement("c1", "r1")
	crafted.Actions[0].ID = "_state/x"
	tests := []struct {
		name, method, path string
		body               any
		field              string
	}{
		{"an engagement id with a slash", "POST", "/engagements", e, "id"},
		{"an action id with a leading underscore", "POST", "/engagements", crafted, "actions[0].id"},
		{"a customer id with a newline", "POST", "/customers", map[string]any{
			"id": "c2\nc1", "name": "新客户有限公司", "kind": "new", "industry": "零售"}, "id"},
		{"a remark on an engagement id with a slash", "POST", "/engagements/" + url.PathEscape("x/reason") + "/remarks",
			`{"version":1,"remark":{"text":"客户很配合"}}`, "engagement_id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := decodeAs[errorBody](t, f.do(t, "m1", tt.method, tt.path, tt.body).want(t, http.StatusUnprocessableEntity))
			if msg := body.Fields[tt.field]; !strings.Contains(msg, "编号") {
				t.Errorf("fields[%q] = %q, want the id rule in Chinese; all: %v", tt.field, msg, body.Fields)
			}
			body = decodeAs[errorBody](t, f.do(t, "m1", tt.method, tt.path, tt.body, "Accept-Language", "en").want(t, http.StatusUnprocessableEntity))
			if msg := body.Fields[tt.field]; !strings.Contains(msg, "English letter") {
				t.Errorf("fields[%q] = %q, want the id rule in English; all: %v", tt.field, msg, body.Fields)
			}
		})
	}
	f.do(t, "m1", "GET", "/engagements/"+url.PathEscape("x/reason"), nil).want(t, http.StatusNotFound)
}
