package salesrec

import (
	"encoding/json"
	"strings"
	"unicode/utf8"
)

// MaskContacts returns c with every contact's phone and email masked, as a
// member who may not see them (CanSeeContacts) reads the customer: a phone
// keeps its first three and last four characters (138****5678; a shorter
// one is ****), an email
// the first character of its local part and its domain (z***@example.com).
// Names, titles and everything else are left as they are; c itself is not
// changed.
func MaskContacts(c Customer) Customer {
	if len(c.Contacts) == 0 {
		return c
	}
	contacts := make([]Contact, len(c.Contacts))
	for i, k := range c.Contacts {
		k.Phone = maskPhone(k.Phone)
		k.Email = maskEmail(k.Email)
		contacts[i] = k
	}
	c.Contacts = contacts
	return c
}

// maskPhone keeps the first three and the last four characters of a phone
// number long enough to keep them (138****5678); shorter numbers are fully
// masked.
func maskPhone(p string) string {
	if p == "" {
		return ""
	}
	r := []rune(p)
	if len(r) < 8 {
		return "****"
	}
	return string(r[:3]) + "****" + string(r[len(r)-4:])
}

// maskEmail keeps the first character of the local part and the domain
// (z***@example.com).
func maskEmail(e string) string {
	if e == "" {
		return ""
	}
	local, domain, ok := strings.Cut(e, "@")
	if !ok || local == "" {
		return "***"
	}
	first, _ := utf8.DecodeRuneInString(local)
	return string(first) + "***@" + domain
}

// MaskContactChanges returns the changes of a customer's history as a
// member who may not see its contacts' phone and email reads them: the
// values of every contacts[i].phone and contacts[i].email masked as
// MaskContacts masks them. changes itself is not changed.
func MaskContactChanges(changes []FieldChange) []FieldChange {
	out := make([]FieldChange, len(changes))
	for i, c := range changes {
		var mask func(string) string
		switch {
		case !strings.HasPrefix(c.Field, "contacts["):
		case strings.HasSuffix(c.Field, "].phone"):
			mask = maskPhone
		case strings.HasSuffix(c.Field, "].email"):
			mask = maskEmail
		}
		if mask != nil {
			c.Before, c.After = maskJSONString(c.Before, mask), maskJSONString(c.After, mask)
		}
		out[i] = c
	}
	return out
}

// maskJSONString masks the string a JSON encoding holds; "null" and
// anything that is not a JSON string become "null".
func maskJSONString(v string, mask func(string) string) string {
	var s string
	if v == "null" || json.Unmarshal([]byte(v), &s) != nil {
		return "null"
	}
	return quoteJSON(mask(s))
}
