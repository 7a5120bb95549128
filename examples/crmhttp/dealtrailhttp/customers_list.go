package dealtrailhttp

import (
	"net/http"

	"github.com/dealtrail/dealtrail/storage"
)

// customerParamNames are the parameters of GET /customers.
var customerParamNames = append([]string{"q", "match"}, pageParamNames...)

// listCustomers answers GET /customers, the team's customer directory:
// q (a full or short name, every character literal), match (prefix, the
// default, or contains), and the paging parameters (limit 1–500, default
// 50; after, the previous page's next). The total counts every match.
// Contacts are masked as GET /customers/{id} masks them.
func (h *handler) listCustomers(c *call) error {
	p, err := c.pageParams(50, 500)
	if err != nil {
		return err
	}
	cq := storage.CustomerQuery{Text: c.query.Get("q"), Match: storage.CustomerMatch(c.query.Get("match")), After: p.after, Limit: p.limit}
	page, err := h.store.ListCustomers(c.ctx, c.actor, cq)
	if err != nil {
		return withSecrets(err, cq.Text)
	}
	out := whole(page.Items)
	total := page.Total
	out.Total, out.Next = &total, page.Next
	return c.answer(http.StatusOK, out, "")
}

// customerHistory answers GET /customers/{id}/history, contacts masked as
// the customer reads.
func (h *handler) customerHistory(c *call) error {
	return answerListByID(c, h.store.CustomerHistory)
}
