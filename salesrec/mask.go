package salesrec

import (
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
