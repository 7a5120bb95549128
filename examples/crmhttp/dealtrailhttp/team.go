package dealtrailhttp

import (
	"net/http"

	"github.com/dealtrail/dealtrail/salesrec"
)

// Team and member administration. Every member reads their own team and
// its members; only its managers and admins change them (the store applies
// salesrec.CanManageTeam, CanChangeRole and CanDeactivate). Another team's
// id answers 404, as one that does not exist.

// teamBody is what PUT /teams/{id} takes: the new name and time zone, and
// the version they were read at (or If-Match).
type teamBody struct {
	Name     string `json:"name"`
	TimeZone string `json:"time_zone"`
	Version  int64  `json:"version"`
}

func (h *handler) getTeam(c *call) error {
	return answerByID(c, h.store.Team, func(t salesrec.Team) int64 { return t.Version })
}

func (h *handler) updateTeam(c *call) error {
	var body teamBody
	if err := c.decode(&body); err != nil {
		return err
	}
	b, err := versionOf(c.r, body.Version)
	if err != nil {
		return err
	}
	id := c.r.PathValue("id")
	t, err := h.store.UpdateTeam(c.ctx, c.actor, salesrec.Team{ID: id, Name: body.Name, TimeZone: body.TimeZone, Version: b.version})
	if err != nil {
		return c.stale(err, b, func() (int64, error) {
			cur, err := h.store.Team(c.ctx, c.actor, id)
			return cur.Version, err
		})
	}
	return c.answer(http.StatusOK, t, etag(t.Version))
}

func (h *handler) listMembers(c *call) error {
	return answerListByID(c, h.store.Members)
}

func (h *handler) teamHistory(c *call) error {
	return answerListByID(c, h.store.TeamHistory)
}

// inTeam answers 404 unless the path's team is the actor's own: the
// member routes act on the actor's team, which the path must name.
func (h *handler) inTeam(c *call) error {
	_, err := h.store.Team(c.ctx, c.actor, c.r.PathValue("id"))
	return err
}

// roleBody is what POST /teams/{id}/members/{member}/role takes; the role
// is a code or its zh/en label.
type roleBody struct {
	Role salesrec.Role `json:"role"`
}

func (h *handler) setRole(c *call) error {
	return changeMember(c, func(member string, b roleBody) (salesrec.Member, error) {
		return h.store.SetMemberRole(c.ctx, c.actor, member, b.Role)
	})
}

// deactivateBody is what POST /teams/{id}/members/{member}/deactivate
// takes: the active member who takes over the open work, if any.
type deactivateBody struct {
	HandTo string `json:"hand_to"`
}

func (h *handler) deactivate(c *call) error {
	return changeMember(c, func(member string, b deactivateBody) (salesrec.Member, error) {
		return h.store.DeactivateMember(c.ctx, c.actor, member, b.HandTo)
	})
}

// changeMember is a member route: it decodes a body of type B, answers 404
// unless the path's team is the actor's own (inTeam), makes the change to
// the path's member and answers the member as changed.
func changeMember[B any](c *call, change func(member string, b B) (salesrec.Member, error)) error {
	var b B
	if err := c.decode(&b); err != nil {
		return err
	}
	if err := c.h.inTeam(c); err != nil {
		return err
	}
	m, err := change(c.r.PathValue("member"), b)
	if err != nil {
		return err
	}
	return c.answer(http.StatusOK, m, "")
}
