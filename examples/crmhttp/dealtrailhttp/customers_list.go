package dealtrailhttp

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage"
)

// customersAnswer is one page of the customer directory: Total counts
// every match, Next is the cursor to pass as ?after= (absent on the last
// page).
type customersAnswer struct {
	Items []salesrec.Customer `json:"items"`
	Total int                 `json:"total"`
	Next  string              `json:"next,omitempty"`
}

// listCustomers answers GET /customers. Query parameters, all optional: q
// (a full or short name, every character literal), match (prefix, the
// default, or contains), after (a cursor) and limit (1–500, default 50).
// Contacts are masked as GET /customers/{id} masks them.
func (h *handler) listCustomers(w http.ResponseWriter, r *http.Request, actor string) error {
	q := r.URL.Query()
	cq := storage.CustomerQuery{Text: q.Get("q"), Match: storage.CustomerMatch(q.Get("match")), After: q.Get("after")}
	if s := q.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 500 {
			return badParam("limit", msgLimit)
		}
		cq.Limit = n
	}
	page, err := h.store.ListCustomers(r.Context(), actor, cq)
	if err != nil {
		return withSecrets(err, cq.Text)
	}
	items := page.Items
	if items == nil {
		items = []salesrec.Customer{}
	}
	writeJSON(w, http.StatusOK, customersAnswer{Items: items, Total: page.Total, Next: page.Next})
	return nil
}

type customerHistoryAnswer struct {
	Entries []salesrec.CustomerHistoryEntry `json:"entries"`
}

// customerHistory answers GET /customers/{id}/history, contacts masked as
// the customer reads.
func (h *handler) customerHistory(w http.ResponseWriter, r *http.Request, actor string) error {
	entries, err := h.store.CustomerHistory(r.Context(), actor, r.PathValue("id"))
	if err != nil {
		return err
	}
	if entries == nil {
		entries = []salesrec.CustomerHistoryEntry{}
	}
	writeJSON(w, http.StatusOK, customerHistoryAnswer{Entries: entries})
	return nil
}

// duplicateAnswer is the 409 of a customer whose full name the team
// already has: the existing customer's id, for the client to open it.
type duplicateAnswer struct {
	Error      string `json:"error"`
	CustomerID string `json:"customer_id"`
}

// answerDuplicate answers err if it is a *salesrec.DuplicateCustomerError
// and reports whether it did.
func answerDuplicate(w http.ResponseWriter, r *http.Request, err error) bool {
	var dup *salesrec.DuplicateCustomerError
	if !errors.As(err, &dup) {
		return false
	}
	writeJSON(w, http.StatusConflict, duplicateAnswer{Error: dup.Message().Text(langOf(r)), CustomerID: dup.ID})
	return true
}
