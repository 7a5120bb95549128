package dealtrailhttp

import (
	"net/http"

	"github.com/dealtrail/dealtrail/salesrec"
)

// customerSecrets lists the confidential values of a customer: names,
// phones and emails. They are scrubbed from any error answered for it.
func customerSecrets(c salesrec.Customer) []string {
	s := append([]string{c.Name}, c.ShortNames...)
	for _, ct := range c.Contacts {
		s = append(s, ct.Phone, ct.Email)
	}
	return s
}

// customerPath is where a customer is read, for Location headers.
func customerPath(id string) string { return "/customers/" + id }

// createCustomer answers 201 with Location; a full name the team already
// has answers 409 with the existing customer's id (errorBody.CustomerID).
func (h *handler) createCustomer(c *call) error {
	var cu salesrec.Customer
	if err := c.decode(&cu); err != nil {
		return withSecrets(err, customerSecrets(cu)...)
	}
	out, err := h.store.CreateCustomer(c.ctx, c.actor, cu)
	if err != nil {
		return withSecrets(err, customerSecrets(cu)...)
	}
	return c.created(out, customerPath(out.ID), etag(out.Version))
}

func (h *handler) getCustomer(c *call) error {
	return answerByID(c, h.store.Customer, func(cu salesrec.Customer) int64 { return cu.Version })
}

// updateCustomer replaces a customer at the version the write is based on
// (If-Match or "version" in the body, as for engagements): a stale one
// answers 412 or 409 with the current ETag.
func (h *handler) updateCustomer(c *call) error {
	var cu salesrec.Customer
	if err := c.decode(&cu); err != nil {
		return withSecrets(err, customerSecrets(cu)...)
	}
	id := c.r.PathValue("id")
	if cu.ID != "" && cu.ID != id {
		return badRequest("id", msgIDMismatch)
	}
	b, err := versionOf(c.r, cu.Version)
	if err != nil {
		return err
	}
	cu.ID, cu.Version = id, b.version
	out, err := h.store.UpdateCustomer(c.ctx, c.actor, cu)
	if err != nil {
		err = c.stale(err, b, func() (int64, error) {
			cur, err := h.store.Customer(c.ctx, c.actor, id)
			return cur.Version, err
		})
		return withSecrets(err, customerSecrets(cu)...)
	}
	return c.answer(http.StatusOK, out, etag(out.Version))
}
