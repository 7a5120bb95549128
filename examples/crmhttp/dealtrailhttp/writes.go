package dealtrailhttp

import (
	"net/http"

	"github.com/dealtrail/dealtrail/salesrec"
)

// The targeted writes below change one part of an engagement. Each body
// carries the version the client read (or the request sends If-Match), and
// each answers the engagement as it is after the write, with its new ETag.

type interactionBody struct {
	Version     int64                `json:"version"`
	Interaction salesrec.Interaction `json:"interaction"`
}

func (h *handler) logInteraction(w http.ResponseWriter, r *http.Request, actor string) error {
	var b interactionBody
	if err := decode(r, &b); err != nil {
		return err
	}
	v, err := versionOf(r, b.Version)
	if err != nil {
		return err
	}
	out, err := h.store.LogInteraction(r.Context(), actor, r.PathValue("id"), v, b.Interaction)
	if err != nil {
		return err
	}
	writeEngagement(w, http.StatusOK, out)
	return nil
}

type actionStatusBody struct {
	Version int64                 `json:"version"`
	Status  salesrec.ActionStatus `json:"status"`
}

func (h *handler) setActionStatus(w http.ResponseWriter, r *http.Request, actor string) error {
	var b actionStatusBody
	if err := decode(r, &b); err != nil {
		return err
	}
	v, err := versionOf(r, b.Version)
	if err != nil {
		return err
	}
	out, err := h.store.SetActionStatus(r.Context(), actor, r.PathValue("id"), v, r.PathValue("action"), b.Status)
	if err != nil {
		return err
	}
	writeEngagement(w, http.StatusOK, out)
	return nil
}

type remarkBody struct {
	Version int64           `json:"version"`
	Remark  salesrec.Remark `json:"remark"`
}

// addRemark records a remark. The store sets its id, its author (the
// actor) and its time (the store's clock), whatever the body says.
func (h *handler) addRemark(w http.ResponseWriter, r *http.Request, actor string) error {
	var b remarkBody
	if err := decode(r, &b); err != nil {
		return err
	}
	v, err := versionOf(r, b.Version)
	if err != nil {
		return err
	}
	out, err := h.store.AddRemark(r.Context(), actor, r.PathValue("id"), v, b.Remark)
	if err != nil {
		return err
	}
	writeEngagement(w, http.StatusOK, out)
	return nil
}

type closeBody struct {
	Version int64            `json:"version"`
	Status  salesrec.Status  `json:"status"`
	Outcome salesrec.Outcome `json:"outcome"`
}

// closeEngagement closes as won (outcome.amount and outcome.signed_on) or
// terminated (outcome.reason and outcome.reason_category).
func (h *handler) closeEngagement(w http.ResponseWriter, r *http.Request, actor string) error {
	var b closeBody
	if err := decode(r, &b); err != nil {
		return err
	}
	v, err := versionOf(r, b.Version)
	if err != nil {
		return err
	}
	if b.Status != salesrec.StatusWon && b.Status != salesrec.StatusTerminated {
		return salesrec.FieldError("status", msgCloseStatus)
	}
	out, err := h.store.CloseEngagement(r.Context(), actor, r.PathValue("id"), v, b.Status, b.Outcome)
	if err != nil {
		return err
	}
	writeEngagement(w, http.StatusOK, out)
	return nil
}

type reopenBody struct {
	Version int64  `json:"version"`
	Reason  string `json:"reason"`
}

func (h *handler) reopenEngagement(w http.ResponseWriter, r *http.Request, actor string) error {
	var b reopenBody
	if err := decode(r, &b); err != nil {
		return err
	}
	v, err := versionOf(r, b.Version)
	if err != nil {
		return err
	}
	out, err := h.store.ReopenEngagement(r.Context(), actor, r.PathValue("id"), v, b.Reason)
	if err != nil {
		return err
	}
	writeEngagement(w, http.StatusOK, out)
	return nil
}
