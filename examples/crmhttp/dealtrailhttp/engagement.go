package dealtrailhttp

import "github.com/dealtrail/dealtrail/salesrec"

// engagementPath is where an engagement is read, for Location headers.
func engagementPath(id string) string { return "/engagements/" + id }

func (h *handler) createEngagement(c *call) error {
	var e salesrec.Engagement
	if err := c.decode(&e); err != nil {
		return err
	}
	out, err := h.store.CreateEngagement(c.ctx, c.actor, e)
	if err != nil {
		return err
	}
	return c.created(out, engagementPath(out.ID), etag(out.Version))
}

func (h *handler) getEngagement(c *call) error {
	return answerByID(c, h.store.Engagement, func(e salesrec.Engagement) int64 { return e.Version })
}
