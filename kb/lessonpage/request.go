package lessonpage

import (
	"errors"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/dealtrail/dealtrail/kb"
	"github.com/dealtrail/dealtrail/salesrec"
)

// Limits on what one request may ask, so a crafted URL cannot make the
// index rank a million hits or analyze a megabyte of text.
const (
	maxTextRunes = 200
	maxValues    = 20
	maxPage      = 100
)

// Query parameters of the page. Every link the page writes uses these;
// any other parameter is ignored, so a host's own (tracking, session) ones
// do no harm.
const (
	paramText     = "q"
	paramKind     = "kind"
	paramOutcome  = "outcome"
	paramReason   = "reason_category"
	paramIndustry = "industry"
	paramSort     = "sort"
	paramPage     = "page"
	paramLang     = "lang"
	paramSimilar  = "similar"
)

// facetParams maps kb's facets to the parameters that filter by them, in
// the order the page shows them.
var facetParams = []struct{ facet, param string }{
	{kb.FacetKind, paramKind},
	{kb.FacetOutcome, paramOutcome},
	{kb.FacetIndustry, paramIndustry},
	{kb.FacetReasonCategory, paramReason},
}

// kbFields maps the names kb gives refused query fields to the page's
// parameters.
var kbFields = map[string]string{
	"kinds":             paramKind,
	"outcomes":          paramOutcome,
	"reason_categories": paramReason,
	"industries":        paramIndustry,
	"sort":              paramSort,
	"page":              paramPage,
}

// request is what one page request asks for, as query parameters: the
// values are kept as they came so links can repeat them.
type request struct {
	lang salesrec.Lang
	// v holds the page's own parameters only, with empty values dropped.
	v url.Values
}

// parseRequest reads the page's parameters. The language is read first
// and never refused, so a refusal of any other parameter is said in it.
func parseRequest(u *url.URL) (request, error) {
	all := u.Query()
	r := request{lang: salesrec.ZH, v: url.Values{}}
	if all.Get(paramLang) == string(salesrec.EN) {
		r.lang = salesrec.EN
	}
	fields := map[string]salesrec.Message{}
	for _, p := range []string{paramText, paramKind, paramOutcome, paramReason, paramIndustry, paramSort, paramPage, paramSimilar} {
		var vals []string
		for _, s := range all[p] {
			if s = strings.TrimSpace(s); s != "" && !slices.Contains(vals, s) {
				vals = append(vals, s)
			}
		}
		switch {
		case len(vals) > maxValues:
			fields[p] = msgTooMany
		case slices.ContainsFunc(vals, func(s string) bool { return utf8.RuneCountInString(s) > maxTextRunes }):
			fields[p] = msgTooLong
		case len(vals) > 0:
			r.v[p] = vals
		}
	}
	if s := r.v.Get(paramPage); s != "" {
		switch n, err := strconv.Atoi(s); {
		case err != nil:
			fields[paramPage] = msgNotInt
		case n < 1 || n > maxPage:
			fields[paramPage] = msgPageMax
		}
	}
	if r.lang == salesrec.EN {
		r.v.Set(paramLang, string(salesrec.EN))
	}
	if len(fields) > 0 {
		return r, &salesrec.ValidationError{Fields: fields}
	}
	return r, nil
}

// query is the kb query the request asks for; kb checks the codes.
func (r request) query(pageSize int) kb.Query {
	q := kb.Query{
		Text:       r.v.Get(paramText),
		Industries: r.v[paramIndustry],
		Sort:       kb.Sort(r.v.Get(paramSort)),
		Facets:     true,
		Page:       r.page(),
		PageSize:   pageSize,
	}
	for _, s := range r.v[paramKind] {
		q.Kinds = append(q.Kinds, kb.Kind(s))
	}
	for _, s := range r.v[paramOutcome] {
		q.Outcomes = append(q.Outcomes, salesrec.Status(s))
	}
	for _, s := range r.v[paramReason] {
		q.ReasonCategories = append(q.ReasonCategories, salesrec.ReasonCategory(s))
	}
	return q
}

// page is the 1-based page asked for (parseRequest checked it).
func (r request) page() int {
	n, err := strconv.Atoi(r.v.Get(paramPage))
	if err != nil || n < 1 {
		return 1
	}
	return n
}

// has reports whether the filter param holds value.
func (r request) has(param, value string) bool { return slices.Contains(r.v[param], value) }

// filtered reports whether any facet filter is on.
func (r request) filtered() bool {
	for _, f := range facetParams {
		if len(r.v[f.param]) > 0 {
			return true
		}
	}
	return false
}

// with returns the parameters of r changed by edit, for a link. Every link
// but a page link starts again at page 1, so edit sees r without its page.
func (r request) with(edit func(v url.Values)) url.Values {
	v := url.Values{}
	for k, vals := range r.v {
		if k != paramPage {
			v[k] = slices.Clone(vals)
		}
	}
	edit(v)
	return v
}

// toggled returns r's parameters with value of the filter param switched
// on or off.
func (r request) toggled(param, value string) url.Values {
	return r.with(func(v url.Values) {
		if r.has(param, value) {
			v[param] = slices.DeleteFunc(v[param], func(s string) bool { return s == value })
			if len(v[param]) == 0 {
				delete(v, param)
			}
			return
		}
		v.Add(param, value)
	})
}

// fieldErrors turns a refusal of kb's (keyed by kb's field names such as
// "outcomes[1]") into one keyed by the page's parameters; ok is false when
// err is no validation error.
func fieldErrors(err error) (*salesrec.ValidationError, bool) {
	var verr *salesrec.ValidationError
	if !errors.As(err, &verr) {
		return nil, false
	}
	out := &salesrec.ValidationError{Fields: map[string]salesrec.Message{}}
	for k, m := range verr.Fields {
		name, _, _ := strings.Cut(k, "[")
		if p, ok := kbFields[name]; ok {
			name = p
		}
		out.Fields[name] = m
	}
	return out, true
}
