package dealtrailhttp

import (
	"net/http"
	"time"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage"
)

// filterParamNames are the query parameters filterOf reads.
var filterParamNames = []string{"team", "owner", "status", "customer", "industry", "stage", "customer_prefix", "occurred_from", "occurred_to"}

// listEngagements answers GET /engagements, newest update first. Query
// parameters, all optional: the filters of filterOf, after (a cursor) and
// limit (1–500, default 50). The first page carries the total. The store
// keeps the list to what the actor may see.
func (h *handler) listEngagements(c *call) error {
	f, err := c.filterOf()
	if err != nil {
		return err
	}
	p, err := c.pageParams(50, 500)
	if err != nil {
		return err
	}
	page, err := h.store.ListEngagements(c.ctx, c.actor, f, storage.PageRequest{After: p.after, Limit: p.limit})
	if err != nil {
		return err
	}
	out := list[salesrec.Engagement]{Items: page.Items, Next: page.Next}
	if out.Items == nil {
		out.Items = []salesrec.Engagement{}
	}
	if p.after == "" {
		n, err := h.store.CountEngagements(c.ctx, c.actor, f)
		if err != nil {
			return err
		}
		out.Total = &n
	}
	return c.answer(http.StatusOK, out, "")
}

// countsAnswer is how many engagements match, in all and by status.
type countsAnswer struct {
	Total    int                     `json:"total"`
	ByStatus map[salesrec.Status]int `json:"by_status"`
}

// counts answers GET /counts: how many engagements the actor may see
// match the filters of filterOf (as GET /engagements takes them), in all
// and by status. With ?status= only that status is counted. It is not
// under /engagements/, where it would hide an engagement whose id is
// "counts".
func (h *handler) counts(c *call) error {
	f, err := c.filterOf()
	if err != nil {
		return err
	}
	statuses := []salesrec.Status{salesrec.StatusOpen, salesrec.StatusWon, salesrec.StatusTerminated}
	if f.Status != "" {
		statuses = []salesrec.Status{f.Status}
	}
	out := countsAnswer{ByStatus: make(map[salesrec.Status]int, len(statuses))}
	for _, s := range statuses {
		f.Status = s
		n, err := h.store.CountEngagements(c.ctx, c.actor, f)
		if err != nil {
			return err
		}
		out.ByStatus[s] = n
		out.Total += n
	}
	return c.answer(http.StatusOK, out, "")
}

// filterOf reads a storage.Filter from the query: team, owner, customer,
// industry, customer_prefix as given; status and stage as a code or a
// zh/en label; occurred_from and occurred_to as an instant (RFC 3339 or the
// template's day and time in the team's zone).
func (c *call) filterOf() (storage.Filter, error) {
	q := c.query
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
	if f.OccurredFrom, err = c.instantParam("occurred_from"); err != nil {
		return f, err
	}
	if f.OccurredTo, err = c.instantParam("occurred_to"); err != nil {
		return f, err
	}
	return f, nil
}

// instantParam reads an instant from the query. An unencoded "+08:00"
// arrives as " 08:00" after query decoding, so a space before the offset
// of an RFC 3339 time is read as "+".
func (c *call) instantParam(name string) (time.Time, error) {
	s := c.query.Get(name)
	if s == "" {
		return time.Time{}, nil
	}
	loc, err := c.location()
	if err != nil {
		return time.Time{}, err
	}
	t, err := salesrec.ParseInstant(s, loc)
	if err != nil && len(s) > 6 && s[len(s)-6] == ' ' {
		t, err = salesrec.ParseInstant(s[:len(s)-6]+"+"+s[len(s)-5:], loc)
	}
	if err != nil {
		return time.Time{}, paramError(name, err, msgTimeParam)
	}
	return t, nil
}
