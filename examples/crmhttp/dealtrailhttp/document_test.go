package dealtrailhttp_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"github.com/dealtrail/dealtrail/examples/crmhttp/dealtrailhttp"
)

// Every request the package's tests send goes through validated: the
// request and the answer are checked against the OpenAPI document the
// handler serves, so the document cannot drift from the handler.

// served is the document as the handler serves it, loaded once.
var served = sync.OnceValues(func() (*openapi3.T, error) {
	h := dealtrailhttp.NewHandler(nil, nil, dealtrailhttp.Options{})
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", dealtrailhttp.DocumentPath, nil))
	if rec.Code != http.StatusOK {
		return nil, fmt.Errorf("GET %s: status %d", dealtrailhttp.DocumentPath, rec.Code)
	}
	doc, err := openapi3.NewLoader().LoadFromData(rec.Body.Bytes())
	if err != nil {
		return nil, err
	}
	if err := doc.Validate(context.Background()); err != nil {
		return nil, fmt.Errorf("the document is not valid OpenAPI: %w", err)
	}
	return doc, nil
})

// documentRouter finds a request's operation in the served document.
var documentRouter = sync.OnceValues(func() (routers.Router, error) {
	doc, err := served()
	if err != nil {
		return nil, err
	}
	return gorillamux.NewRouter(doc)
})

// validated wraps the handler (as mounted, after any prefix is stripped)
// so that every exchange is checked against the served document:
//   - a request to a route the document does not describe fails the test;
//   - a request the document refuses must be refused by the handler (a 4xx);
//   - every answer (status, headers, body) must be one the document allows.
func validated(t *testing.T, next http.Handler) http.Handler {
	t.Helper()
	router, err := documentRouter()
	if err != nil {
		t.Fatal(err)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var body []byte
		if r.Body != nil {
			var err error
			if body, err = io.ReadAll(r.Body); err != nil {
				t.Errorf("reading the request body: %v", err)
				return
			}
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		rec := httptest.NewRecorder()
		next.ServeHTTP(rec, r)
		if err := conforms(router, r, body, rec.Result()); err != nil {
			t.Errorf("%s %s (status %d): %v", r.Method, r.URL, rec.Code, err)
		}
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.WriteHeader(rec.Code)
		_, _ = w.Write(rec.Body.Bytes())
	})
}

// conforms checks one exchange against the document.
func conforms(router routers.Router, r *http.Request, body []byte, res *http.Response) error {
	ctx := context.Background()
	req := r.Clone(ctx)
	req.Body = io.NopCloser(bytes.NewReader(body))
	route, params, err := router.FindRoute(req)
	if err != nil {
		return fmt.Errorf("the document has no such route: %w", err)
	}
	in := &openapi3filter.RequestValidationInput{
		Request:    req,
		PathParams: params,
		Route:      route,
		Options:    &openapi3filter.Options{MultiError: true, RejectWhenRequestBodyNotSpecified: true},
	}
	if err := openapi3filter.ValidateRequest(ctx, in); err != nil {
		if res.StatusCode < 400 || res.StatusCode >= 500 {
			return fmt.Errorf("the document refuses the request but the handler answered %d: %w", res.StatusCode, err)
		}
	}
	answer, err := io.ReadAll(res.Body)
	if err != nil {
		return err
	}
	out := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: in,
		Status:                 res.StatusCode,
		Header:                 res.Header,
		Body:                   io.NopCloser(bytes.NewReader(answer)),
		Options:                &openapi3filter.Options{MultiError: true, IncludeResponseStatus: true},
	}
	if err := openapi3filter.ValidateResponse(ctx, out); err != nil {
		return fmt.Errorf("the document does not allow the answer %s: %w", answer, err)
	}
	return nil
}
