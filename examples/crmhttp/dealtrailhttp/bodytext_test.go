package dealtrailhttp_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/dealtrail/dealtrail/salesrec"
)

// mark stands in a body for the string under test; bodyWith swaps it for
// the literal text of a case, bytes and escapes exactly as written.
const mark = "@@MARK@@"

func bodyWith(t *testing.T, v any, literal string) string {
	t.Helper()
	j, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(j), mark) {
		t.Fatalf("no mark in %s", j)
	}
	return strings.Replace(string(j), mark, literal, 1)
}

// badText is text encoding/json would silently turn into U+FFFD: each
// piece is the inside of a JSON string literal as a client sends it.
var badText = []struct{ name, literal string }{
	{"raw bytes that are not UTF-8", "坏的\xff\xfe文本"},
	{"a character cut short", "预算\xe4\xb8"},
	{"a surrogate encoded as raw bytes", "预算\xed\xa0\x80"},
	{"a lone high surrogate escape", `预算\ud800`},
	{"a lone high surrogate escape in capitals", `\uD800预算`},
	{"a lone low surrogate escape", `预算\udc00`},
	{"a high surrogate followed by a letter", `\ud800\u0041`},
	{"a high surrogate followed by another high one", `\ud800\ud800`},
	{"a lone surrogate after an escaped backslash", `路径\\\ud800`},
}

func TestBadTextInABodyIsRefusedNamingTheField(t *testing.T) {
	f := newFixture(t)
	e1 := "/engagements/" + f.e1.ID

	// Each write puts the mark in one string of a body the API would
	// otherwise accept; field is the path the 422 must name.
	writes := []struct {
		name, method, path, field string
		body                      func() any
	}{
		{"create an engagement: goal", "POST", "/engagements", "goal", func() any {
			e := engagement("c1", "r1")
			e.Goal = mark
			return e
		}},
		{"create an engagement: a point of an interaction", "POST", "/engagements", "interactions[0].points[1].text", func() any {
			e := engagement("c1", "r1")
			e.Interactions[0].Points[1].Text = mark
			return e
		}},
		{"create an engagement: a need", "POST", "/engagements", "needs[0].content", func() any {
			e := engagement("c1", "r1")
			e.Needs[0].Content = mark
			return e
		}},
		{"update an engagement: an action", "PUT", e1, "actions[1].what", func() any {
			e := f.e1
			e.Actions[1].What = mark
			return e
		}},
		{"log an interaction: a participant", "POST", e1 + "/interactions", "interaction.customer_participants[0].name", func() any {
			in := interaction("r1")
			in.CustomerParticipants[0].Name = mark
			return map[string]any{"version": 1, "interaction": in}
		}},
		{"add a remark", "POST", e1 + "/remarks", "remark.text", func() any {
			return map[string]any{"version": 1, "remark": salesrec.Remark{Text: mark}}
		}},
		{"close as terminated: the reason", "POST", e1 + "/close", "outcome.reason", func() any {
			return map[string]any{"version": 1, "status": "terminated",
				"outcome": salesrec.Outcome{Reason: mark, ReasonCategory: salesrec.ReasonBudget}}
		}},
		{"create a customer: a contact's phone", "POST", "/customers", "contacts[0].phone", func() any {
			c := customer("c-bad", "新客户有限公司")
			c.Contacts[0].Phone = mark
			return c
		}},
		{"update a customer: its industry", "PUT", "/customers/c1", "industry", func() any {
			c := customer("c1", secretName)
			c.Industry = mark
			return c
		}},
	}
	for _, w := range writes {
		for _, bad := range badText {
			t.Run(w.name+"/"+bad.name, func(t *testing.T) {
				body := bodyWith(t, w.body(), bad.literal)
				r := f.do(t, "m1", w.method, w.path, body, "If-Match", `"1"`).want(t, http.StatusUnprocessableEntity)
				wantTextProblem(t, r, w.field, false)
				r = f.do(t, "m1", w.method, w.path, body, "If-Match", `"1"`, "Accept-Language", "en-US,en;q=0.9").want(t, http.StatusUnprocessableEntity)
				wantTextProblem(t, r, w.field, true)
			})
		}
	}

	// Field names are strings too: one that is not text is refused, naming
	// the object that holds it (the body itself at the top level).
	j, err := json.Marshal(engagement("c1", "r1"))
	if err != nil {
		t.Fatal(err)
	}
	valid := string(j)
	keys := []struct{ name, body, field string }{
		{"a top-level field name with raw bytes", strings.Replace(valid, `"goal":`, "\"go\xffal\":", 1), "body"},
		{"a nested field name with a lone surrogate", strings.Replace(valid, `"topic":`, `"to\ud800pic":`, 1), "interactions[0]"},
	}
	for _, k := range keys {
		t.Run(k.name, func(t *testing.T) {
			if k.body == valid {
				t.Fatal("the case did not change the body")
			}
			r := f.do(t, "m1", "POST", "/engagements", k.body).want(t, http.StatusUnprocessableEntity)
			wantTextProblem(t, r, k.field, false)
			r = f.do(t, "m1", "POST", "/engagements", k.body, "Accept-Language", "en").want(t, http.StatusUnprocessableEntity)
			wantTextProblem(t, r, k.field, true)
		})
	}

	// Nothing was stored: one engagement still, unchanged, and no new or
	// changed customer.
	list := decodeAs[struct{ Items []salesrec.Engagement }](t, f.do(t, "m1", "GET", "/engagements", nil).want(t, http.StatusOK))
	if len(list.Items) != 1 {
		t.Errorf("%d engagements after refused writes, want 1", len(list.Items))
	}
	got := decodeAs[salesrec.Engagement](t, f.do(t, "m1", "GET", e1, nil).want(t, http.StatusOK))
	if got.Version != f.e1.Version {
		t.Errorf("engagement at version %d after refused writes, want %d", got.Version, f.e1.Version)
	}
	f.do(t, "m1", "GET", "/customers/c-bad", nil).want(t, http.StatusNotFound)
	c1 := decodeAs[salesrec.Customer](t, f.do(t, "m1", "GET", "/customers/c1", nil).want(t, http.StatusOK))
	if want := customer("c1", secretName).Industry; c1.Industry != want {
		t.Errorf("customer industry %q after refused writes, want %q", c1.Industry, want)
	}
}

// wantTextProblem checks a 422 names exactly field, in Chinese and English,
// and is itself clean text.
// wantTextProblem checks that r refuses field, in Chinese, or in English
// when en is true.
func wantTextProblem(t *testing.T, r response, field string, en bool) {
	t.Helper()
	if !utf8.Valid(r.body) || strings.ContainsRune(string(r.body), utf8.RuneError) {
		t.Errorf("the answer is not clean text: %q", r.body)
	}
	body := decodeAs[errorBody](t, r)
	msg, ok := body.Fields[field]
	if !ok || len(body.Fields) != 1 {
		t.Fatalf("fields %v, want only %s", body.Fields, field)
	}
	if en && (!strings.Contains(msg, " ") || strings.ContainsFunc(msg, isHan)) {
		t.Errorf("message %q is not in English", msg)
	}
	if !en && !strings.ContainsFunc(msg, isHan) {
		t.Errorf("message %q is not in Chinese", msg)
	}
}

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

func TestTextThatLooksOddButIsTextIsKeptAsSent(t *testing.T) {
	f := newFixture(t)
	cases := []struct{ name, literal, want string }{
		{"a replacement character sent raw", "确认方案\uFFFD", "确认方案\uFFFD"},
		{"a replacement character sent as an escape", `确认方案\ufffd`, "确认方案\uFFFD"},
		{"a replacement character escaped in capitals", `\uFFFD确认方案`, "\uFFFD确认方案"},
		{"a surrogate pair", `确认方案\ud83d\ude00`, "确认方案😀"},
		{"an escaped backslash before text that looks like an escape", `路径\\ud800`, `路径\ud800`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := engagement("c1", "r1")
			e.Goal = mark
			r := f.do(t, "r1", "POST", "/engagements", bodyWith(t, e, c.literal)).want(t, http.StatusCreated)
			created := decodeAs[salesrec.Engagement](t, r)
			got, err := f.store.Engagement(t.Context(), "r1", created.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.Goal != c.want {
				t.Errorf("stored goal %q, want %q", got.Goal, c.want)
			}
		})
	}
}
