package dealtrailhttp_test

import (
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/routers"

	"github.com/dealtrail/dealtrail/examples/crmhttp/dealtrailhttp"
)

// registeredRoutes reads handler.go and returns the patterns NewHandler
// registers ("GET /engagements/{id}"), sorted.
func registeredRoutes(t *testing.T) []string {
	t.Helper()
	file, err := parser.ParseFile(token.NewFileSet(), "handler.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	consts := map[string]string{"DocumentPath": dealtrailhttp.DocumentPath}
	var patterns []string
	ast.Inspect(file, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok || (sel.Sel.Name != "Handle" && sel.Sel.Name != "HandleFunc") {
			return true
		}
		if x, ok := sel.X.(*ast.Ident); !ok || x.Name != "mux" || len(call.Args) == 0 {
			return true
		}
		p, ok := patternOf(call.Args[0], consts)
		if !ok {
			t.Fatalf("handler.go registers a route whose pattern this test cannot read: %#v", call.Args[0])
		}
		patterns = append(patterns, p)
		return true
	})
	slices.Sort(patterns)
	return patterns
}

// patternOf evaluates a route pattern: a string literal, a constant named
// in consts, or a sum of those.
func patternOf(e ast.Expr, consts map[string]string) (string, bool) {
	switch e := e.(type) {
	case *ast.BasicLit:
		s, err := strconv.Unquote(e.Value)
		return s, err == nil
	case *ast.Ident:
		s, ok := consts[e.Name]
		return s, ok
	case *ast.BinaryExpr:
		if e.Op != token.ADD {
			return "", false
		}
		a, ok := patternOf(e.X, consts)
		if !ok {
			return "", false
		}
		b, ok := patternOf(e.Y, consts)
		return a + b, ok
	}
	return "", false
}

// documentedRoutes returns the operations of the served document in the
// same form, sorted.
func documentedRoutes(t *testing.T) []string {
	t.Helper()
	doc, err := served()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			out = append(out, method+" "+path)
		}
	}
	slices.Sort(out)
	return out
}

func TestEveryRouteIsDocumentedAndEveryDocumentedRouteExists(t *testing.T) {
	registered, documented := registeredRoutes(t), documentedRoutes(t)
	if len(registered) < 10 {
		t.Fatalf("read only %d routes from handler.go: %v", len(registered), registered)
	}
	for _, r := range registered {
		if !slices.Contains(documented, r) {
			t.Errorf("%s is registered in handler.go but not in openapi.json", r)
		}
	}
	for _, d := range documented {
		if !slices.Contains(registered, d) {
			t.Errorf("%s is in openapi.json but handler.go does not register it", d)
		}
	}
}

func TestTheDocumentIsServedWithoutAnActor(t *testing.T) {
	f := newFixture(t)
	r := f.do(t, "", "GET", dealtrailhttp.DocumentPath, nil).want(t, http.StatusOK)
	if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("Content-Type %q, want application/json", ct)
	}
	doc := decodeAs[struct {
		OpenAPI string `json:"openapi"`
		Paths   map[string]any
	}](t, r)
	if !strings.HasPrefix(doc.OpenAPI, "3.1.") || doc.Paths["/engagements/{id}"] == nil {
		t.Errorf("served document: openapi %q with %d paths", doc.OpenAPI, len(doc.Paths))
	}
}

// Every documented route answers a request without an acting member with
// the 401 the document gives it, so every route goes through validated at
// least once, even one no other test calls.
func TestEveryDocumentedRouteRefusesAnUnknownCaller(t *testing.T) {
	f := newFixture(t)
	for _, route := range documentedRoutes(t) {
		method, path, _ := strings.Cut(route, " ")
		for _, param := range []string{"{id}", "{action}", "{member}"} {
			path = strings.ReplaceAll(path, param, "x1")
		}
		var body any
		if method == "POST" || method == "PUT" {
			body = "{}"
		}
		want := http.StatusUnauthorized
		if path == dealtrailhttp.DocumentPath {
			want = http.StatusOK
		}
		r := f.do(t, "", method, path, body).want(t, want)
		if want == http.StatusUnauthorized && r.header.Get("WWW-Authenticate") == "" {
			t.Errorf("%s answered 401 without WWW-Authenticate", route)
		}
	}
}

// The checks of validated can fail: an answer the document does not allow,
// a request it refuses that the handler accepted, and a route it lacks are
// each reported.
func TestTheDocumentCatchesWhatItDoesNotDescribe(t *testing.T) {
	router, err := documentRouter()
	if err != nil {
		t.Fatal(err)
	}
	answer := func(code int, body string, hdr ...string) *http.Response {
		rec := httptest.NewRecorder()
		for i := 0; i+1 < len(hdr); i += 2 {
			rec.Header().Set(hdr[i], hdr[i+1])
		}
		rec.Header().Set("Content-Type", "application/json")
		rec.WriteHeader(code)
		_, _ = io.WriteString(rec, body)
		return rec.Result()
	}
	get := func(target string) *http.Request { return httptest.NewRequest("GET", target, nil) }
	post := func(target, body string) *http.Request {
		r := httptest.NewRequest("POST", target, strings.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		return r
	}
	cases := []struct {
		name string
		req  *http.Request
		body string
		res  *http.Response
		ok   bool
	}{
		{"an error answer in the documented shape", get("/engagements/e1"), "", answer(404, `{"error":"找不到"}`), true},
		{"an error answer without its message", get("/engagements/e1"), "", answer(404, `{"fields":{}}`), false},
		{"an answer with an undocumented status", get("/engagements/e1"), "", answer(418, `{"error":"x"}`), false},
		{"a read without its ETag", get("/engagements/e1"), "", answer(200, `{"id":"e1"}`), false},
		{"an engagement with an instant in a template form", get("/engagements/e1"), "",
			answer(200, `{"id":"e1","team_id":"t","owner_id":"r1","customer_id":"c1","stage":"new_customer_development","goal":"g","status":"open","version":1,"created_at":"2024-03-06 下午03:00","updated_at":"2024-03-06T15:00:00+08:00"}`, "ETag", `"1"`), false},
		{"an engagement with a label for a code", get("/engagements/e1"), "",
			answer(200, `{"id":"e1","team_id":"t","owner_id":"r1","customer_id":"c1","stage":"new_customer_development","goal":"g","status":"已成交","version":1,"created_at":"2024-03-06T15:00:00+08:00","updated_at":"2024-03-06T15:00:00+08:00"}`, "ETag", `"1"`), false},
		{"a list without its items", get("/engagements"), "", answer(200, `{"total":0}`), false},
		{"a created record without its Location", post("/customers", `{"name":"x"}`), `{"name":"x"}`,
			answer(201, `{"id":"c9","team_id":"t","name":"x","kind":"new","industry":"制造业"}`, "ETag", `"x"`), false},
		{"an unknown field the handler accepted", post("/engagements/e1/remarks", `{"remark":{"text":"x"},"remak":1}`), `{"remark":{"text":"x"},"remak":1}`,
			answer(422, `{"error":"x"}`), true},
		{"an unknown field the handler wrote", post("/engagements/e1/reopen", `{"reasn":"x"}`), `{"reasn":"x"}`,
			answer(500, `{"error":"x"}`), false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := conforms(router, c.req, []byte(c.body), c.res)
			if c.ok && err != nil {
				t.Errorf("refused: %v", err)
			}
			if !c.ok && err == nil {
				t.Error("passed")
			}
		})
	}
	if err := conforms(router, get("/engagements/e1/nothing"), nil, answer(404, `{"error":"x"}`)); !errors.Is(err, routers.ErrPathNotFound) {
		t.Errorf("an undocumented route: %v, want routers.ErrPathNotFound", err)
	}
}
