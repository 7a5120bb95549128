package dealtrailhttp

import (
	"strconv"
)

// One pagination style for every list. A list answers
//
//	{"items": [...], "next": "…", "total": 42}
//
// A list that can be long (engagements, search) is paged: ?limit= sets the
// page size and ?after= takes the previous answer's "next", an opaque
// cursor, absent on the last page. A list that is short by nature (an
// engagement's history and findings, due actions, similar lessons) comes
// whole. "total" counts every item of the list, not only this page, and is
// given where it is cheap: always for a whole list and for search (the
// index counts anyway), and for engagements on the first page (one COUNT
// with the page's own filter, not repeated on every page).

// list is every list answer. Routes with more to say embed it.
type list[T any] struct {
	Items []T    `json:"items"`
	Next  string `json:"next,omitempty"`
	Total *int   `json:"total,omitempty"`
}

// whole is a list answered in full: its total is its length.
func whole[T any](items []T) list[T] {
	if items == nil {
		items = []T{}
	}
	n := len(items)
	return list[T]{Items: items, Total: &n}
}

// pageRequest is a page as ?limit= and ?after= ask for it.
type pageRequest struct {
	limit int
	after string
}

// pageParams reads ?limit= (1 to most, def when absent) and ?after=.
func (c *call) pageParams(def, most int) (pageRequest, error) {
	p := pageRequest{limit: def, after: c.query.Get("after")}
	if s := c.query.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > most {
			return p, badParam("limit", msgLimit(most))
		}
		p.limit = n
	}
	return p, nil
}

// pageParamNames are the parameters of every paged list.
var pageParamNames = []string{"limit", "after"}
