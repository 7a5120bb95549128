package lessonpage

import (
	"html/template"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/dealtrail/dealtrail/kb"
	"github.com/dealtrail/dealtrail/salesrec"
)

// view is everything the template shows. Every string in it is plain text
// that html/template escapes, except hitView.Snippets, which snippetHTML
// has checked.
type view struct {
	Lang     salesrec.Lang
	HTMLLang string
	W        words
	Base     string // the page's own path, for the form and the assets
	Home     string // the empty search, in this language
	Text     string
	Sort     kb.Sort
	// Hidden are the filters and language the search form keeps.
	Hidden []param
	// LangLink switches the language of this very page.
	LangLink, LangLabel, LangCode string

	Problems []string // why the request was refused, said in Lang

	Searched   bool // a search ran (not a refusal, not similar lessons)
	Similar    bool // this page shows similar lessons
	SimilarFor string
	SimilarRec string
	Summary    string
	Hits       []hitView
	Facets     []facetView
	ClearLink  string
	Pager      *pagerView
}

type param struct{ Name, Value string }

type hitView struct {
	Kind, Outcome, Reason, Industry, Date, Amount, Customer string
	Snippets                                                []template.HTML
	RecordLink, SimilarLink                                 string
}

type facetView struct {
	Label  string
	Values []facetValueView
}

type facetValueView struct {
	Label, Link, Aria string
	Count             int
	On                bool
}

type pagerView struct {
	Status     string
	Prev, Next string
	Pages      []pageLink
}

type pageLink struct {
	N       int
	Link    string
	Aria    string
	Current bool
}

// newView starts a view of r: the form, the language switch.
func (h *Handler) newView(r request) *view {
	v := &view{
		Lang: r.lang, HTMLLang: "zh-CN", W: pageWords, Base: h.prefix,
		Text: r.v.Get(paramText), Sort: kb.Sort(r.v.Get(paramSort)),
	}
	if r.lang == salesrec.EN {
		v.HTMLLang = "en"
	}
	for _, f := range facetParams {
		for _, val := range r.v[f.param] {
			v.Hidden = append(v.Hidden, param{f.param, val})
		}
	}
	if r.lang == salesrec.EN {
		v.Hidden = append(v.Hidden, param{paramLang, string(salesrec.EN)})
	}
	other := switchTo[r.lang]
	v.LangLabel, v.LangCode = other.label, string(other.lang)
	keep := url.Values{}
	for k, vals := range r.v {
		keep[k] = vals
	}
	keep.Del(paramLang)
	if other.lang == salesrec.EN {
		keep.Set(paramLang, string(salesrec.EN))
	}
	v.LangLink = h.link(keep)
	v.Home = h.link(url.Values{paramLang: langParam(r.lang)})
	return v
}

// link is the page's URL with parameters v.
func (h *Handler) link(v url.Values) string {
	if q := v.Encode(); q != "" {
		return h.prefix + "?" + q
	}
	return h.prefix
}

// hits shows kb's hits in the request's language.
func (h *Handler) hits(r request, hits []kb.Hit) []hitView {
	out := make([]hitView, 0, len(hits))
	for _, x := range hits {
		hv := hitView{
			Kind:        x.Kind.Label(r.lang),
			Outcome:     x.Outcome.Label(r.lang),
			Industry:    x.Industry,
			Customer:    x.CustomerName,
			RecordLink:  h.record.link(x.EngagementID),
			SimilarLink: h.link(url.Values{paramSimilar: {x.EngagementID}, paramLang: langParam(r.lang)}),
		}
		if x.ReasonCategory != "" {
			hv.Reason = x.ReasonCategory.Label(r.lang)
		}
		if !x.Date.IsZero() {
			hv.Date = x.Date.String()
		}
		if !x.Amount.IsZero() {
			hv.Amount = x.Amount.String()
		}
		for _, f := range x.Fragments {
			hv.Snippets = append(hv.Snippets, snippetHTML(f))
		}
		if len(hv.Snippets) == 0 {
			hv.Snippets = []template.HTML{template.HTML(template.HTMLEscapeString(x.Text))}
		}
		out = append(out, hv)
	}
	return out
}

// langParam is the lang parameter of a link: none for Chinese, the
// default.
func langParam(lang salesrec.Lang) []string {
	if lang == salesrec.EN {
		return []string{string(salesrec.EN)}
	}
	return nil
}

// snippetHTML returns a kb fragment as HTML. kb escapes the text and adds
// only <mark> and </mark>; the page does not take that on trust: a
// fragment with any other markup is escaped as a whole.
func snippetHTML(frag string) template.HTML {
	rest := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(frag)
	if strings.ContainsAny(rest, "<>\"'") || strings.Count(frag, "<mark>") != strings.Count(frag, "</mark>") {
		return template.HTML(template.HTMLEscapeString(frag))
	}
	return template.HTML(frag)
}

// facets shows kb's counts as links that switch a filter on or off, in the
// order of facetParams; empty values (the reason category of a lesson of a
// won deal) are left out.
func (h *Handler) facets(r request, counts map[string][]kb.FacetCount) []facetView {
	var out []facetView
	for _, f := range facetParams {
		fv := facetView{Label: kb.FacetLabel(f.facet, r.lang)}
		seen := map[string]bool{}
		for _, c := range counts[f.facet] {
			if c.Value == "" {
				continue
			}
			on := r.has(f.param, c.Value)
			seen[c.Value] = true
			fv.Values = append(fv.Values, facetValueView{
				Label: c.Label(r.lang), Count: c.Count, On: on,
				Link: h.link(r.toggled(f.param, c.Value)), Aria: msgFacetValue(c, on).Text(r.lang),
			})
		}
		// A filter that matches nothing still shows, so it can be removed.
		var missing []string
		for _, val := range r.v[f.param] {
			if !seen[val] {
				missing = append(missing, val)
			}
		}
		sort.Strings(missing)
		for _, val := range missing {
			c := kb.FacetCount{Facet: f.facet, Value: val}
			fv.Values = append(fv.Values, facetValueView{
				Label: c.Label(r.lang), On: true,
				Link: h.link(r.toggled(f.param, val)), Aria: msgFacetValue(c, true).Text(r.lang),
			})
		}
		if len(fv.Values) > 0 {
			out = append(out, fv)
		}
	}
	return out
}

// pager links the pages around the current one, when there is more than
// one.
func (h *Handler) pager(r request, total int) *pagerView {
	pages := min((total+h.pageSize-1)/h.pageSize, maxPage)
	cur := r.page()
	if pages <= 1 && cur == 1 {
		return nil
	}
	at := func(n int) string {
		return h.link(r.with(func(v url.Values) {
			if n > 1 {
				v.Set(paramPage, strconv.Itoa(n))
			}
		}))
	}
	p := &pagerView{Status: msgPageOf(cur, max(pages, 1)).Text(r.lang)}
	if cur > 1 {
		p.Prev = at(min(cur-1, max(pages, 1)))
	}
	if cur < pages {
		p.Next = at(cur + 1)
	}
	for n := max(1, cur-2); n <= min(pages, cur+2); n++ {
		p.Pages = append(p.Pages, pageLink{N: n, Link: at(n), Aria: msgPageN(n).Text(r.lang), Current: n == cur})
	}
	return p
}
