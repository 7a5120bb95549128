package salesrec

import "strings"

// IdentityKind says what an Identity names.
type IdentityKind string

// Identity kinds: the customer's full name and short names, and each
// contact's name, phone and email.
const (
	IdentityName         IdentityKind = "name"
	IdentityShortName    IdentityKind = "short_name"
	IdentityContactName  IdentityKind = "contact_name"
	IdentityContactPhone IdentityKind = "contact_phone"
	IdentityContactEmail IdentityKind = "contact_email"
)

// Identity is one confidential value a customer holds or once held: a
// name, a short name, a contact's name, phone or email. Stores keep every
// identity a customer ever had, so text that names a customer by a former
// name, or a contact who has since left, can still be masked.
type Identity struct {
	// Seq orders identities in the order the store recorded them; it is
	// set by the store and increases with every new identity.
	Seq        int64
	TeamID     string
	CustomerID string
	Kind       IdentityKind
	Value      string
}

// Identities returns the identities c holds now, trimmed, without empty
// values or repeats of the same kind and value, in a fixed order: name,
// short names, then each contact's name, phone and email.
func (c Customer) Identities() []Identity {
	var out []Identity
	seen := map[Identity]bool{}
	add := func(k IdentityKind, v string) {
		v = strings.TrimSpace(v)
		if v == "" {
			return
		}
		id := Identity{TeamID: c.TeamID, CustomerID: c.ID, Kind: k, Value: v}
		if seen[id] {
			return
		}
		seen[id] = true
		out = append(out, id)
	}
	add(IdentityName, c.Name)
	for _, s := range c.ShortNames {
		add(IdentityShortName, s)
	}
	for _, ct := range c.Contacts {
		add(IdentityContactName, ct.Name)
		add(IdentityContactPhone, ct.Phone)
		add(IdentityContactEmail, ct.Email)
	}
	return out
}
