package dealtrailhttp

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
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

// customerTag is a customer's ETag. Customers carry no version, so the
// tag is a digest of the customer as this actor reads it (contacts masked
// or not): equal tags mean equal answers.
func customerTag(c salesrec.Customer) string {
	b, err := json.Marshal(c)
	if err != nil {
		return ""
	}
	sum := sha256.Sum256(b)
	return `"` + base64.RawURLEncoding.EncodeToString(sum[:12]) + `"`
}

func (h *handler) createCustomer(c *call) error {
	var cu salesrec.Customer
	if err := c.decode(&cu); err != nil {
		return withSecrets(err, customerSecrets(cu)...)
	}
	out, err := h.store.CreateCustomer(c.ctx, c.actor, cu)
	if err != nil {
		return withSecrets(err, customerSecrets(cu)...)
	}
	return c.created(out, customerPath(out.ID), customerTag(out))
}

func (h *handler) getCustomer(c *call) error {
	cu, err := h.store.Customer(c.ctx, c.actor, c.r.PathValue("id"))
	if err != nil {
		return err
	}
	return c.answer(http.StatusOK, cu, customerTag(cu))
}

// updateCustomer replaces a customer. With If-Match, the tag must be the
// customer's current one (412 with the current tag otherwise). The check
// and the write are two steps: a write landing between them is not seen,
// since customers carry no version the store could compare.
func (h *handler) updateCustomer(c *call) error {
	var cu salesrec.Customer
	if err := c.decode(&cu); err != nil {
		return withSecrets(err, customerSecrets(cu)...)
	}
	id := c.r.PathValue("id")
	if cu.ID != "" && cu.ID != id {
		return badRequest("id", msgIDMismatch)
	}
	cu.ID = id
	if want := c.r.Header.Get("If-Match"); want != "" {
		cur, err := h.store.Customer(c.ctx, c.actor, id)
		if err != nil {
			return err
		}
		if tag := customerTag(cur); want != tag && want != "*" {
			return &requestError{status: http.StatusPreconditionFailed, msg: msgStale, etag: tag}
		}
	}
	out, err := h.store.UpdateCustomer(c.ctx, c.actor, cu)
	if err != nil {
		return withSecrets(err, customerSecrets(cu)...)
	}
	return c.answer(http.StatusOK, out, customerTag(out))
}
