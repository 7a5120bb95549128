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

func (h *handler) getTeam(w http.ResponseWriter, r *http.Request, actor string) error {
	t, err := h.store.Team(r.Context(), actor, r.PathValue("id"))
	if err != nil {
		return err
	}
	w.Header().Set("ETag", etag(t.Version))
	writeJSON(w, http.StatusOK, t)
	return nil
}

func (h *handler) updateTeam(w http.ResponseWriter, r *http.Request, actor string) error {
	var b teamBody
	if err := decode(r, &b); err != nil {
		return err
	}
	v, err := versionOf(r, b.Version)
	if err != nil {
		return err
	}
	t, err := h.store.UpdateTeam(r.Context(), actor, salesrec.Team{ID: r.PathValue("id"), Name: b.Name, TimeZone: b.TimeZone, Version: v})
	if err != nil {
		return err
	}
	w.Header().Set("ETag", etag(t.Version))
	writeJSON(w, http.StatusOK, t)
	return nil
}

type membersAnswer struct {
	Members []salesrec.Member `json:"members"`
}

func (h *handler) listMembers(w http.ResponseWriter, r *http.Request, actor string) error {
	ms, err := h.store.Members(r.Context(), actor, r.PathValue("id"))
	if err != nil {
		return err
	}
	if ms == nil {
		ms = []salesrec.Member{}
	}
	writeJSON(w, http.StatusOK, membersAnswer{Members: ms})
	return nil
}

type teamHistoryAnswer struct {
	Entries []salesrec.TeamHistoryEntry `json:"entries"`
}

func (h *handler) teamHistory(w http.ResponseWriter, r *http.Request, actor string) error {
	entries, err := h.store.TeamHistory(r.Context(), actor, r.PathValue("id"))
	if err != nil {
		return err
	}
	if entries == nil {
		entries = []salesrec.TeamHistoryEntry{}
	}
	writeJSON(w, http.StatusOK, teamHistoryAnswer{Entries: entries})
	return nil
}

// inTeam answers 404 unless the path's team is the actor's own: the
// member routes act on the actor's team, which the path must name.
func (h *handler) inTeam(r *http.Request, actor string) error {
	_, err := h.store.Team(r.Context(), actor, r.PathValue("id"))
	return err
}

// roleBody is what POST /teams/{id}/members/{member}/role takes; the role
// is a code or its zh/en label.
type roleBody struct {
	Role salesrec.Role `json:"role"`
}

func (h *handler) setRole(w http.ResponseWriter, r *http.Request, actor string) error {
	var b roleBody
	if err := decode(r, &b); err != nil {
		return err
	}
	if err := h.inTeam(r, actor); err != nil {
		return err
	}
	m, err := h.store.SetMemberRole(r.Context(), actor, r.PathValue("member"), b.Role)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, m)
	return nil
}

// deactivateBody is what POST /teams/{id}/members/{member}/deactivate
// takes: the active member who takes over the open work, if any.
type deactivateBody struct {
	HandTo string `json:"hand_to"`
}

func (h *handler) deactivate(w http.ResponseWriter, r *http.Request, actor string) error {
	var b deactivateBody
	if err := decode(r, &b); err != nil {
		return err
	}
	if err := h.inTeam(r, actor); err != nil {
		return err
	}
	m, err := h.store.DeactivateMember(r.Context(), actor, r.PathValue("member"), b.HandTo)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, m)
	return nil
}
