package sqlstore

import (
	"strings"
	"unicode/utf8"

	"github.com/dealtrail/dealtrail/salesrec"
)

// maskContacts returns c with every contact's phone and email masked.
func maskContacts(c salesrec.Customer) salesrec.Customer {
	if len(c.Contacts) == 0 {
		return c
	}
	contacts := make([]salesrec.Contact, len(c.Contacts))
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
