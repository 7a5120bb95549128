package dealtrailhttp

import (
	"net/http"
	"time"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage"
)

type historyAnswer struct {
	Entries []salesrec.HistoryEntry `json:"entries"`
}

func (h *handler) history(w http.ResponseWriter, r *http.Request, actor string) error {
	entries, err := h.store.History(r.Context(), actor, r.PathValue("id"))
	if err != nil {
		return err
	}
	if entries == nil {
		entries = []salesrec.HistoryEntry{}
	}
	writeJSON(w, http.StatusOK, historyAnswer{Entries: entries})
	return nil
}

// finding is salesrec.Finding with JSON names.
type finding struct {
	Code string `json:"code"`
	Item string `json:"item"`
	ZH   string `json:"zh"`
	EN   string `json:"en"`
}

type findingsAnswer struct {
	At       time.Time `json:"at"`
	Findings []finding `json:"findings"`
}

// findings answers the soft problems of an engagement (late interactions,
// overdue actions, …) judged at the clock's now in the team's time zone.
// Reading the engagement through the store applies the actor's access.
func (h *handler) findings(w http.ResponseWriter, r *http.Request, actor string) error {
	ctx := r.Context()
	e, err := h.store.Engagement(ctx, actor, r.PathValue("id"))
	if err != nil {
		return err
	}
	loc, err := h.loc(ctx, e.TeamID)
	if err != nil {
		return err
	}
	now := h.clock.Now()
	out := findingsAnswer{At: now, Findings: []finding{}}
	for _, f := range h.rules.Findings(e, now, loc) {
		out.Findings = append(out.Findings, finding{Code: f.Code, Item: f.Item, ZH: f.Zh, EN: f.En})
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// actionItem is storage.ActionItem with JSON names.
type actionItem struct {
	EngagementID string          `json:"engagement_id"`
	CustomerID   string          `json:"customer_id"`
	Action       salesrec.Action `json:"action"`
	Overdue      bool            `json:"overdue"`
}

type overdueAnswer struct {
	At    time.Time    `json:"at"`
	Items []actionItem `json:"items"`
}

// overdue answers GET /actions/overdue: the overdue actions of ?owner= or
// of ?team=, judged at the clock's now. Without either it lists the actor's
// own. The store keeps the list to what the actor may see.
func (h *handler) overdue(w http.ResponseWriter, r *http.Request, actor string) error {
	q := r.URL.Query()
	aq := storage.ActionQuery{
		TeamID:  q.Get("team"),
		OwnerID: q.Get("owner"),
		At:      h.clock.Now(),
		Overdue: true,
	}
	if aq.TeamID == "" && aq.OwnerID == "" {
		aq.OwnerID = actor
	}
	items, err := h.store.Actions(r.Context(), actor, aq)
	if err != nil {
		return err
	}
	out := overdueAnswer{At: aq.At, Items: make([]actionItem, 0, len(items))}
	for _, it := range items {
		out.Items = append(out.Items, actionItem{
			EngagementID: it.EngagementID,
			CustomerID:   it.CustomerID,
			Action:       it.Action,
			Overdue:      it.Overdue,
		})
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}
