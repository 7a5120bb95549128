package lessonpage

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"log"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/dealtrail/dealtrail/kb"
	"github.com/dealtrail/dealtrail/salesrec"
)

// Options configure a Handler.
type Options struct {
	// Index answers the searches. Required.
	Index kb.Searcher
	// Actor returns the id of the member a request acts for, as the host's
	// own authentication decides (a session cookie, a header set by a
	// proxy). An error or an empty id answers 403 and searches nothing.
	// Required.
	Actor func(r *http.Request) (string, error)
	// Prefix is the path the host mounts the handler under, ending in "/"
	// ("/lessons/"); the page is served at Prefix and its stylesheet and
	// script below it. Empty means "/".
	Prefix string
	// RecordURL is the host's page of one engagement, with {id} where the
	// engagement id goes: "/crm/engagements/{id}" or
	// "https://crm.example.com/deals?id={id}". Required; see ErrRecordURL.
	RecordURL string
	// PageSize is the number of hits on one page; 0 means kb.DefaultPageSize.
	PageSize int
	// ErrorLog receives the errors that answer 500 (the page itself says
	// only that the search failed); nil means the log package's standard
	// logger.
	ErrorLog *log.Logger
}

// Handler serves the lessons page. It is safe for concurrent use.
type Handler struct {
	index    kb.Searcher
	actor    func(*http.Request) (string, error)
	prefix   string
	record   recordURL
	pageSize int
	log      *log.Logger
	tmpl     *template.Template
}

//go:embed assets
var assets embed.FS

// Files below Prefix.
const (
	cssFile = "style.css"
	jsFile  = "enhance.js"
)

// New returns the page's handler, or an error naming the option that is
// missing or unsafe.
func New(opts Options) (*Handler, error) {
	if opts.Index == nil {
		return nil, errors.New("lessonpage: Options.Index is required")
	}
	if opts.Actor == nil {
		return nil, errors.New("lessonpage: Options.Actor is required")
	}
	prefix := opts.Prefix
	if prefix == "" {
		prefix = "/"
	}
	if !strings.HasPrefix(prefix, "/") || !strings.HasSuffix(prefix, "/") || strings.HasPrefix(prefix, "//") {
		return nil, fmt.Errorf("lessonpage: Options.Prefix %q must start and end with a single /", prefix)
	}
	rec, err := parseRecordURL(opts.RecordURL)
	if err != nil {
		return nil, err
	}
	if opts.PageSize < 0 || opts.PageSize > kb.MaxPageSize {
		return nil, fmt.Errorf("lessonpage: Options.PageSize %d is not between 0 and %d", opts.PageSize, kb.MaxPageSize)
	}
	if opts.PageSize == 0 {
		opts.PageSize = kb.DefaultPageSize
	}
	if opts.ErrorLog == nil {
		opts.ErrorLog = log.Default()
	}
	tmpl, err := template.ParseFS(assets, "assets/page.html")
	if err != nil {
		return nil, fmt.Errorf("lessonpage: %w", err)
	}
	return &Handler{
		index: opts.Index, actor: opts.Actor, prefix: prefix, record: rec,
		pageSize: opts.PageSize, log: opts.ErrorLog, tmpl: tmpl,
	}, nil
}

// contentSecurityPolicy lets the page load its own stylesheet and script
// and nothing else: no inline script or style, no other origin, no
// plugins, no framing, forms only to itself.
const contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; " +
	"form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

// ServeHTTP answers GET and HEAD: the page at Prefix, its stylesheet and
// script below it. Any other method answers 405.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hd := w.Header()
	hd.Set("Content-Security-Policy", contentSecurityPolicy)
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("X-Frame-Options", "DENY")
	hd.Set("Referrer-Policy", "same-origin")
	req, perr := parseRequest(r.URL)
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		hd.Set("Allow", "GET, HEAD")
		h.refuse(w, r, req, http.StatusMethodNotAllowed, msgMethod)
		return
	}
	switch rest, ok := strings.CutPrefix(r.URL.Path, h.prefix); {
	case ok && rest == cssFile:
		h.asset(w, r, cssFile, "text/css; charset=utf-8")
	case ok && rest == jsFile:
		h.asset(w, r, jsFile, "text/javascript; charset=utf-8")
	case ok && rest == "":
		h.page(w, r, req, perr)
	default:
		h.refuse(w, r, req, http.StatusNotFound, msgNotFound)
	}
}

// asset serves an embedded file; they change only with the binary.
func (h *Handler) asset(w http.ResponseWriter, r *http.Request, name, contentType string) {
	b, err := assets.ReadFile("assets/" + name)
	if err != nil {
		h.fail(w, r, request{lang: salesrec.ZH}, err)
		return
	}
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Cache-Control", "public, max-age=3600")
	_, _ = w.Write(b)
}

// page answers a search, or similar lessons when the request names an
// engagement.
func (h *Handler) page(w http.ResponseWriter, r *http.Request, req request, perr error) {
	actor, err := h.actor(r)
	if err != nil || actor == "" {
		h.refuse(w, r, req, http.StatusForbidden, msgNoAccess)
		return
	}
	v := h.newView(req)
	if perr != nil {
		h.invalid(w, r, v, perr)
		return
	}
	if id := req.v.Get(paramSimilar); id != "" {
		hits, err := h.index.Similar(r.Context(), actor, id, h.pageSize)
		// Whether the engagement exists is not said to one who may not read it.
		if h.answered(w, r, req, err, http.StatusNotFound, msgNoRecord) {
			return
		}
		v.Similar, v.SimilarFor, v.SimilarRec = true, id, h.record.link(id)
		v.Hits = h.hits(req, hits)
		h.render(w, r, http.StatusOK, v)
		return
	}
	res, err := h.index.Search(r.Context(), actor, req.query(h.pageSize))
	if verr, ok := fieldErrors(err); ok {
		h.invalid(w, r, v, verr)
		return
	}
	if h.answered(w, r, req, err, http.StatusForbidden, msgNoAccess) {
		return
	}
	v.Searched = true
	v.Summary = msgTotal(res.Total).Text(req.lang)
	v.Hits = h.hits(req, res.Hits)
	v.Facets = h.facets(req, res.Facets)
	if req.filtered() {
		v.ClearLink = h.link(req.with(func(v url.Values) {
			for _, f := range facetParams {
				v.Del(f.param)
			}
		}))
	}
	v.Pager = h.pager(req, res.Total)
	h.render(w, r, http.StatusOK, v)
}

// answered answers a failed kb call and reports whether it did: a member
// or an engagement that may not be read (or does not exist) gets status
// and m, any other error 500. A nil err answers nothing.
func (h *Handler) answered(w http.ResponseWriter, r *http.Request, req request, err error, status int, m salesrec.Message) bool {
	switch {
	case err == nil:
		return false
	case errors.Is(err, salesrec.ErrNotFound) || errors.Is(err, salesrec.ErrForbidden):
		h.refuse(w, r, req, status, m)
	default:
		h.fail(w, r, req, err)
	}
	return true
}

// invalid answers 400 with each refused parameter and why, in the
// request's language, above the search form.
func (h *Handler) invalid(w http.ResponseWriter, r *http.Request, v *view, err error) {
	var verr *salesrec.ValidationError
	if !errors.As(err, &verr) {
		h.fail(w, r, request{lang: v.Lang}, err)
		return
	}
	for _, name := range slices.Sorted(maps.Keys(verr.Fields)) {
		v.Problems = append(v.Problems, msgField(name, verr.Fields[name]).Text(v.Lang))
	}
	h.render(w, r, http.StatusBadRequest, v)
}

// refuse answers status with one message and the search form, and nothing
// the actor searched.
func (h *Handler) refuse(w http.ResponseWriter, r *http.Request, req request, status int, m salesrec.Message) {
	v := h.newView(req)
	v.Problems = []string{m.Text(req.lang)}
	h.render(w, r, status, v)
}

// fail logs err and answers 500 without its text.
func (h *Handler) fail(w http.ResponseWriter, r *http.Request, req request, err error) {
	h.log.Printf("lessonpage: %s %s: %v", r.Method, r.URL.Path, err)
	h.refuse(w, r, req, http.StatusInternalServerError, msgFailed)
}

// render writes the page whole or not at all: the template runs into a
// buffer first.
func (h *Handler) render(w http.ResponseWriter, r *http.Request, status int, v *view) {
	var b bytes.Buffer
	if err := h.tmpl.ExecuteTemplate(&b, "page.html", v); err != nil {
		h.log.Printf("lessonpage: render: %v", err)
		http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	// The page may name customers: neither a shared cache nor the browser's
	// history cache keeps it.
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(b.Bytes())
	}
}
