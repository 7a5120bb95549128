package dealtrailhttp

import (
	"net/http"

	"github.com/dealtrail/dealtrail/salesrec"
)

// writeEngagement answers an engagement with its version as the ETag, so a
// client can send it back in If-Match.
func writeEngagement(w http.ResponseWriter, code int, e salesrec.Engagement) {
	w.Header().Set("ETag", etag(e.Version))
	writeJSON(w, code, e)
}

func (h *handler) createEngagement(w http.ResponseWriter, r *http.Request, actor string) error {
	var e salesrec.Engagement
	if err := decode(r, &e); err != nil {
		return err
	}
	out, err := h.store.CreateEngagement(r.Context(), actor, e)
	if err != nil {
		return err
	}
	writeEngagement(w, http.StatusCreated, out)
	return nil
}

func (h *handler) getEngagement(w http.ResponseWriter, r *http.Request, actor string) error {
	e, err := h.store.Engagement(r.Context(), actor, r.PathValue("id"))
	if err != nil {
		return err
	}
	writeEngagement(w, http.StatusOK, e)
	return nil
}

// updateEngagement replaces the engagement's editable content. The body is
// the whole engagement as read (PUT semantics); its version, or If-Match,
// says which state the change is based on.
func (h *handler) updateEngagement(w http.ResponseWriter, r *http.Request, actor string) error {
	var e salesrec.Engagement
	if err := decode(r, &e); err != nil {
		return err
	}
	id := r.PathValue("id")
	if e.ID != "" && e.ID != id {
		return badRequest(msgIDMismatch)
	}
	e.ID = id
	v, err := versionOf(r, e.Version)
	if err != nil {
		return err
	}
	e.Version = v
	out, err := h.store.UpdateEngagement(r.Context(), actor, e)
	if err != nil {
		return err
	}
	writeEngagement(w, http.StatusOK, out)
	return nil
}
