package dealtrailhttp

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage"
)

// history answers an engagement's change history, oldest first, whole.
func (h *handler) history(c *call) error {
	return answerListByID(c, h.store.History)
}

// byID is a store read of what the path's {id} names, as the actor.
type byID[T any] func(ctx context.Context, actorID, id string) (T, error)

// answerByID answers what read returns for the path's {id}, with the ETag
// of its version: the reads of one customer, engagement or team.
func answerByID[T any](c *call, read byID[T], version func(T) int64) error {
	v, err := read(c.ctx, c.actor, c.r.PathValue("id"))
	if err != nil {
		return err
	}
	return c.answer(http.StatusOK, v, etag(version(v)))
}

// answerListByID answers, whole, the list read returns for the path's
// {id}: a history or a team's members.
func answerListByID[T any](c *call, read byID[[]T]) error {
	items, err := read(c.ctx, c.actor, c.r.PathValue("id"))
	if err != nil {
		return err
	}
	return c.answer(http.StatusOK, whole(items), "")
}

// finding is salesrec.Finding with JSON names.
type finding struct {
	Code string `json:"code"`
	Item string `json:"item"`
	ZH   string `json:"zh"`
	EN   string `json:"en"`
}

// judged is a list judged at an instant: "at" is that instant.
type judged[T any] struct {
	At time.Time `json:"at"`
	list[T]
}

// findings answers the soft problems of an engagement (late interactions,
// overdue actions, …) judged at the clock's now in the team's time zone.
// Reading the engagement through the store applies the actor's access.
func (h *handler) findings(c *call) error {
	e, err := h.store.Engagement(c.ctx, c.actor, c.r.PathValue("id"))
	if err != nil {
		return err
	}
	loc, err := h.loc(c.ctx, e.TeamID)
	if err != nil {
		return err
	}
	now := h.clock.Now()
	var out []finding
	for _, f := range h.rules.Findings(e, now, loc) {
		out = append(out, finding{Code: f.Code, Item: f.Item, ZH: f.Zh, EN: f.En})
	}
	return c.answer(http.StatusOK, judged[finding]{At: now, list: whole(out)}, "")
}

// actionItem is storage.ActionItem with JSON names.
type actionItem struct {
	EngagementID string          `json:"engagement_id"`
	CustomerID   string          `json:"customer_id"`
	Action       salesrec.Action `json:"action"`
	Overdue      bool            `json:"overdue"`
}

// actionParamNames are the parameters of the action lists.
var actionParamNames = []string{"owner", "team"}

// overdue answers GET /actions/overdue: the overdue actions of ?owner= or
// of ?team=, judged at the clock's now; without either, the actor's own.
func (h *handler) overdue(c *call) error {
	return h.actions(c, storage.ActionQuery{Overdue: true})
}

// dueSoon answers GET /actions/due-soon: the not-done actions of ?owner= or
// ?team= due from today up to ?days= days ahead (1–90, default 7) in the
// team's time zone; without owner or team, the actor's own.
func (h *handler) dueSoon(c *call) error {
	days := 7
	if s := c.query.Get("days"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 90 {
			return badParam("days", msgDaysParam)
		}
		days = n
	}
	return h.actions(c, storage.ActionQuery{DueWithin: days})
}

// actions answers the action list aq selects, at the clock's now. The
// store keeps the list to what the actor may see.
func (h *handler) actions(c *call, aq storage.ActionQuery) error {
	aq.TeamID, aq.OwnerID, aq.At = c.query.Get("team"), c.query.Get("owner"), h.clock.Now()
	if aq.TeamID == "" && aq.OwnerID == "" {
		aq.OwnerID = c.actor
	}
	items, err := h.store.Actions(c.ctx, c.actor, aq)
	if err != nil {
		return err
	}
	out := make([]actionItem, 0, len(items))
	for _, it := range items {
		out = append(out, actionItem{EngagementID: it.EngagementID, CustomerID: it.CustomerID, Action: it.Action, Overdue: it.Overdue})
	}
	return c.answer(http.StatusOK, judged[actionItem]{At: aq.At, list: whole(out)}, "")
}
