package dealtrailhttp

import (
	"fmt"
	"net/http"

	"github.com/dealtrail/dealtrail/salesrec"
)

// The targeted writes below change one part of an engagement. Each body
// carries the version the client read (or the request sends If-Match), and
// each answers the engagement as it is after the write, with its new ETag.
// write holds the steps they share; each route says only which store call
// it makes with its body.

// versioned is a body that may carry the version it was based on.
type versioned interface{ bodyVersion() int64 }

// basedOn is the "version" field every write body has.
type basedOn struct {
	Version int64 `json:"version"`
}

func (b basedOn) bodyVersion() int64 { return b.Version }

// write is a route that decodes a body of type B, finds the version it is
// based on, makes the store call apply and answers the engagement.
func write[B versioned](apply func(c *call, id string, version int64, b B) (salesrec.Engagement, error)) endpoint {
	return func(c *call) error {
		var b B
		if err := c.decode(&b); err != nil {
			return err
		}
		v, err := versionOf(c.r, b.bodyVersion())
		if err != nil {
			return err
		}
		id := c.r.PathValue("id")
		out, err := apply(c, id, v.version, b)
		if err != nil {
			return c.stale(err, v, func() (int64, error) {
				cur, err := c.h.store.Engagement(c.ctx, c.actor, id)
				return cur.Version, err
			})
		}
		return c.answer(http.StatusOK, out, etag(out.Version))
	}
}

type interactionBody struct {
	basedOn
	Interaction salesrec.Interaction `json:"interaction"`
}

func (h *handler) logInteraction() endpoint {
	return write(func(c *call, id string, v int64, b interactionBody) (salesrec.Engagement, error) {
		return h.store.LogInteraction(c.ctx, c.actor, id, v, b.Interaction)
	})
}

type actionStatusBody struct {
	basedOn
	Status salesrec.ActionStatus `json:"status"`
}

func (h *handler) setActionStatus() endpoint {
	return write(func(c *call, id string, v int64, b actionStatusBody) (salesrec.Engagement, error) {
		return h.store.SetActionStatus(c.ctx, c.actor, id, v, c.r.PathValue("action"), b.Status)
	})
}

type remarkBody struct {
	basedOn
	Remark salesrec.Remark `json:"remark"`
}

// addRemark records a remark. The store sets its id, its author (the
// actor) and its time (the store's clock), whatever the body says.
func (h *handler) addRemark() endpoint {
	return write(func(c *call, id string, v int64, b remarkBody) (salesrec.Engagement, error) {
		return h.store.AddRemark(c.ctx, c.actor, id, v, b.Remark)
	})
}

type closeBody struct {
	basedOn
	Status  salesrec.Status  `json:"status"`
	Outcome salesrec.Outcome `json:"outcome"`
}

// closeEngagement closes as won (outcome.amount and outcome.signed_on) or
// terminated (outcome.reason and outcome.reason_category).
func (h *handler) closeEngagement() endpoint {
	return write(func(c *call, id string, v int64, b closeBody) (salesrec.Engagement, error) {
		if b.Status != salesrec.StatusWon && b.Status != salesrec.StatusTerminated {
			return salesrec.Engagement{}, salesrec.FieldError("status", msgCloseStatus)
		}
		return h.store.CloseEngagement(c.ctx, c.actor, id, v, b.Status, b.Outcome)
	})
}

type reopenBody struct {
	basedOn
	Reason string `json:"reason"`
}

func (h *handler) reopenEngagement() endpoint {
	return write(func(c *call, id string, v int64, b reopenBody) (salesrec.Engagement, error) {
		return h.store.ReopenEngagement(c.ctx, c.actor, id, v, b.Reason)
	})
}

// updateEngagement replaces the engagement's editable content. The body is
// the whole engagement as read (PUT semantics); its version, or If-Match,
// says which state the change is based on. Items sent without their ids
// are matched to the stored ones they equal (salesrec.MatchIDs), so a PUT
// of what was read, ids or not, changes nothing and writes no history.
func (h *handler) updateEngagement() endpoint {
	return write(func(c *call, id string, v int64, e engagementBody) (salesrec.Engagement, error) {
		if e.ID != "" && e.ID != id {
			return salesrec.Engagement{}, badRequest("id", msgIDMismatch)
		}
		next := salesrec.Engagement(e)
		next.ID, next.Version = id, v
		cur, err := h.store.Engagement(c.ctx, c.actor, id)
		if err != nil {
			return cur, err
		}
		if cur.Version != v {
			return h.store.UpdateEngagement(c.ctx, c.actor, next) // refused as stale
		}
		next = salesrec.MatchIDs(cur, next)
		if unchanged(cur, next) {
			// Nothing to write; still only for one who may write it.
			m, err := c.acting()
			if err != nil {
				return cur, err
			}
			if !salesrec.CanWrite(m, cur) {
				return cur, fmt.Errorf("%w: engagement", salesrec.ErrNotFound)
			}
			return cur, nil
		}
		return h.store.UpdateEngagement(c.ctx, c.actor, next)
	})
}

// unchanged reports whether next, matched to cur, says nothing new: only
// what the store sets itself (team, times, version) may differ.
func unchanged(cur, next salesrec.Engagement) bool {
	next.TeamID, next.Version, next.CreatedAt, next.UpdatedAt = cur.TeamID, cur.Version, cur.CreatedAt, cur.UpdatedAt
	if next.Status == "" {
		next.Status = cur.Status
	}
	changes, err := salesrec.Diff(cur, next)
	return err == nil && len(changes) == 0
}

// engagementBody is an engagement as a PUT sends it: its "version" is the
// version the change is based on.
type engagementBody salesrec.Engagement

func (e engagementBody) bodyVersion() int64 { return e.Version }
