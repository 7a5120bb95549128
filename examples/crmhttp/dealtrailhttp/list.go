package dealtrailhttp

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage"
)

// listAnswer is one page of engagements. Next is the cursor to pass as
// ?after= for the following page; it is absent on the last page.
type listAnswer struct {
	Items []salesrec.Engagement `json:"items"`
	Next  string                `json:"next,omitempty"`
}

// listEngagements answers GET /engagements. Query parameters, all optional:
// team, owner, status, customer, industry, stage, customer_prefix,
// occurred_from and occurred_to (RFC 3339), after (a cursor) and limit
// (1–500, default 50). The store keeps the list to what the actor may see.
func (h *handler) listEngagements(w http.ResponseWriter, r *http.Request, actor string) error {
	q := r.URL.Query()
	f, err := filterOf(q)
	if err != nil {
		return err
	}
	p := storage.PageRequest{After: q.Get("after")}
	if s := q.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 500 {
			return badParam("limit", msgLimit)
		}
		p.Limit = n
	}
	page, err := h.store.ListEngagements(r.Context(), actor, f, p)
	if err != nil {
		return err
	}
	items := page.Items
	if items == nil {
		items = []salesrec.Engagement{}
	}
	writeJSON(w, http.StatusOK, listAnswer{Items: items, Next: page.Next})
	return nil
}

// filterOf reads a storage.Filter from query parameters. Enum values accept
// a code or a zh/en label, as everywhere in dealtrail.
func filterOf(q url.Values) (storage.Filter, error) {
	f := storage.Filter{
		TeamID:         q.Get("team"),
		OwnerID:        q.Get("owner"),
		CustomerID:     q.Get("customer"),
		Industry:       q.Get("industry"),
		CustomerPrefix: q.Get("customer_prefix"),
	}
	if s := q.Get("status"); s != "" {
		v, err := salesrec.Parse[salesrec.Status](s)
		if err != nil {
			return f, paramError("status", err, msgStatusParam)
		}
		f.Status = v
	}
	if s := q.Get("stage"); s != "" {
		v, err := salesrec.Parse[salesrec.Stage](s)
		if err != nil {
			return f, paramError("stage", err, msgStageParam)
		}
		f.Stage = v
	}
	var err error
	if f.OccurredFrom, err = timeParam(q, "occurred_from"); err != nil {
		return f, err
	}
	if f.OccurredTo, err = timeParam(q, "occurred_to"); err != nil {
		return f, err
	}
	return f, nil
}

func timeParam(q url.Values, name string) (time.Time, error) {
	s := q.Get(name)
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil && strings.Contains(s, " ") {
		// An unencoded "+08:00" arrives as " 08:00" after query decoding.
		t, err = time.Parse(time.RFC3339, strings.ReplaceAll(s, " ", "+"))
	}
	if err != nil {
		return time.Time{}, badParam(name, msgTimeParam)
	}
	return t, nil
}
