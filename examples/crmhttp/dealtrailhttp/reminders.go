package dealtrailhttp

import (
	"net/http"
	"time"

	"github.com/dealtrail/dealtrail/storage"
)

// defaultLease is how long a client holds the reminders it claims when it
// names no lease.
const defaultLease = time.Minute

// claimRequest is the body of POST /reminders/claim.
type claimRequest struct {
	// N is how many reminders to take, 1 to 1000 (default 20).
	N int `json:"n"`
	// LeaseSeconds is how long they are held before they come back
	// unacknowledged, 1 to 86400 (default 60).
	LeaseSeconds int `json:"lease_seconds"`
}

// consumer is the claim's owner for a member pulling their own reminders:
// only the member who claimed may acknowledge.
func consumer(actor string) string { return "member:" + actor }

// claimReminders answers POST /reminders/claim: the caller's own reminders,
// leased to them (storage.Store.ClaimRemindersFor).
func (h *handler) claimReminders(c *call) error {
	var req claimRequest
	if err := c.decode(&req); err != nil {
		return err
	}
	if req.N == 0 {
		req.N = 20
	}
	lease := defaultLease
	switch {
	case req.LeaseSeconds < 0 || req.LeaseSeconds > int(storage.MaxLease/time.Second):
		lease = -1 // out of range: the store names the field
	case req.LeaseSeconds != 0:
		lease = time.Duration(req.LeaseSeconds) * time.Second
	}
	rs, err := h.store.ClaimRemindersFor(c.ctx, c.actor, consumer(c.actor), req.N, lease)
	if err != nil {
		return err
	}
	return c.answer(http.StatusOK, whole(rs), "")
}

// ackReminder answers POST /reminders/{id}/ack: the caller delivered a
// reminder they claimed (204); one claimed by nobody or someone else, or
// whose lease lapsed and was claimed again, is 409.
func (h *handler) ackReminder(c *call) error {
	if err := h.store.AckReminder(c.ctx, consumer(c.actor), c.r.PathValue("id")); err != nil {
		return err
	}
	c.w.WriteHeader(http.StatusNoContent)
	return nil
}
