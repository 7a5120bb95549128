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

func (h *handler) createCustomer(w http.ResponseWriter, r *http.Request, actor string) error {
	var c salesrec.Customer
	if err := decode(r, &c); err != nil {
		return withSecrets(err, customerSecrets(c)...)
	}
	out, err := h.store.CreateCustomer(r.Context(), actor, c)
	if answerDuplicate(w, r, err) {
		return nil
	}
	if err != nil {
		return withSecrets(err, customerSecrets(c)...)
	}
	writeJSON(w, http.StatusCreated, out)
	return nil
}

func (h *handler) getCustomer(w http.ResponseWriter, r *http.Request, actor string) error {
	c, err := h.store.Customer(r.Context(), actor, r.PathValue("id"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, c)
	return nil
}

func (h *handler) updateCustomer(w http.ResponseWriter, r *http.Request, actor string) error {
	var c salesrec.Customer
	if err := decode(r, &c); err != nil {
		return withSecrets(err, customerSecrets(c)...)
	}
	id := r.PathValue("id")
	if c.ID != "" && c.ID != id {
		return badRequest(msgIDMismatch)
	}
	c.ID = id
	out, err := h.store.UpdateCustomer(r.Context(), actor, c)
	if answerDuplicate(w, r, err) {
		return nil
	}
	if err != nil {
		return withSecrets(err, customerSecrets(c)...)
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}
