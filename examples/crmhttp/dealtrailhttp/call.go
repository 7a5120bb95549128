package dealtrailhttp

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/dealtrail/dealtrail/salesrec"
)

// call is one request on its way through the steps every route shares:
// who is acting, which query parameters the route takes, reading the body,
// the team's time zone, and answering. Routes receive it instead of the
// bare request, so none repeats those steps.
type call struct {
	h     *handler
	w     http.ResponseWriter
	r     *http.Request
	ctx   context.Context
	actor string
	query url.Values
	// member is the acting member and loc their team's time zone, looked
	// up once when first needed.
	member *salesrec.Member
	loc    *time.Location
}

// endpoint is the shape of every route: it answers through c, or returns
// an error for route to map to a status code.
type endpoint func(c *call) error

// route authenticates the request, refuses query parameters the endpoint
// does not take (400 naming each), limits the body and maps the endpoint's
// error to a JSON answer.
func (h *handler) route(fn endpoint, params ...string) http.Handler {
	known := make(map[string]bool, len(params))
	for _, p := range params {
		known[p] = true
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		actor, ok := "", false
		if h.actor != nil {
			actor, ok = h.actor(r)
		}
		if !ok || actor == "" {
			w.Header().Set("WWW-Authenticate", `Bearer realm="dealtrail"`)
			writeJSON(w, http.StatusUnauthorized, errorBody{Error: msgUnauthenticated.Text(langOf(r))})
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, h.maxBody)
		c := &call{h: h, w: w, r: r, ctx: r.Context(), actor: actor}
		err := c.readQuery(known)
		if err == nil {
			err = fn(c)
		}
		if err != nil {
			h.writeError(w, r, err)
		}
	})
}

// readQuery parses the query string and refuses every parameter the route
// does not take, naming each: a misspelt ?query= must not list everything.
func (c *call) readQuery(known map[string]bool) error {
	q, err := url.ParseQuery(c.r.URL.RawQuery)
	if err != nil {
		return badRequest("query", msgBadQuery)
	}
	var unknown []string
	for name := range q {
		if !known[name] {
			unknown = append(unknown, name)
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		fields := make(map[string]salesrec.Message, len(unknown))
		for _, name := range unknown {
			fields[name] = msgUnknownParam
		}
		return &requestError{status: http.StatusBadRequest, msg: msgInvalidParam, fields: fields}
	}
	// Every value is text like any other: valid UTF-8, no NUL, not longer
	// than a text field may be. Named here by parameter, before a filter
	// could name it by a Go field.
	bad := map[string]salesrec.Message{}
	for name, values := range q {
		for _, v := range values {
			var ve *salesrec.ValidationError
			if err := salesrec.CheckText(name, v, salesrec.MaxTextChars); errors.As(err, &ve) {
				maps.Copy(bad, ve.Fields)
			}
		}
	}
	if len(bad) > 0 {
		return &requestError{status: http.StatusBadRequest, msg: msgInvalidParam, fields: bad}
	}
	c.query = q
	return nil
}

// location is the time zone of the acting member's team: instants in
// answers are shown in it, and a day and time without an offset in a body
// ("2024-03-06 下午03:00") is read in it. An actor who is no member is
// refused like everywhere else (403).
func (c *call) location() (*time.Location, error) {
	if c.loc != nil {
		return c.loc, nil
	}
	m, err := c.acting()
	if err != nil {
		return nil, err
	}
	loc, err := c.h.loc(c.ctx, m.TeamID)
	if err != nil {
		return nil, err
	}
	c.loc = loc
	return loc, nil
}

// acting is the acting member. An actor who is no member is refused like
// everywhere else (403).
func (c *call) acting() (salesrec.Member, error) {
	if c.member != nil {
		return *c.member, nil
	}
	m, err := c.h.store.Member(c.ctx, c.actor)
	if errors.Is(err, salesrec.ErrNotFound) {
		return m, fmt.Errorf("%w: the acting member is no member", salesrec.ErrForbidden)
	}
	if err != nil {
		return m, err
	}
	c.member = &m
	return m, nil
}

// answer writes v as JSON with every instant in it shown in the team's
// time zone, and etag, when not empty, as the ETag header.
func (c *call) answer(code int, v any, etag string) error {
	loc, err := c.location()
	if err != nil {
		return err
	}
	if etag != "" {
		c.w.Header().Set("ETag", etag)
	}
	writeJSON(c.w, code, inZone(v, loc))
	return nil
}

// created answers 201 with v and the Location of the new resource, a path
// under the handler's own prefix as the client addressed it.
func (c *call) created(v any, path, etag string) error {
	c.w.Header().Set("Location", mountedPath(c.r, path))
	return c.answer(http.StatusCreated, v, etag)
}

// mountedPath returns the URL path of a resource, path relative to the
// handler ("/engagements/e1"), under the prefix the host mounted the
// handler at, found by comparing the path the client sent with the one the
// handler sees after http.StripPrefix.
func mountedPath(r *http.Request, path string) string {
	sent := r.URL.EscapedPath()
	if u, err := url.ParseRequestURI(r.RequestURI); err == nil {
		sent = u.EscapedPath()
	}
	prefix := ""
	if strings.HasSuffix(sent, r.URL.EscapedPath()) {
		prefix = strings.TrimSuffix(sent, r.URL.EscapedPath())
	}
	return prefix + path
}
