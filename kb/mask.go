package kb

import (
	"bytes"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dealtrail/dealtrail/salesrec"
)

// Placeholders that stand in for confidential text in the index. Chinese
// text gets the Chinese form, anything else the English one.
const (
	customerZH = "某客户"
	customerEN = "the customer"
	contactZH  = "客户联系人"
	contactEN  = "the contact"
	emailZH    = "[邮箱]"
	emailEN    = "[email]"
	phoneZH    = "[电话]"
	phoneEN    = "[phone]"
)

var (
	// emailPattern matches an address, in ASCII or full-width forms.
	emailPattern = regexp.MustCompile(`[A-Za-z0-9._%+\-Ａ-Ｚａ-ｚ０-９＿．－]+[@＠][A-Za-z0-9\-Ａ-Ｚａ-ｚ０-９－]+(?:[.．][A-Za-z0-9\-Ａ-Ｚａ-ｚ０-９－]+)*[.．][A-Za-zＡ-Ｚａ-ｚ]{2,}`)
	// phonePattern matches Chinese mobile numbers (optionally with +86),
	// landlines with an area code (010-12345678), 400/800 service numbers
	// and international numbers written with a leading +. Amounts and
	// YYYY-MM-DD dates do not match.
	phonePattern = regexp.MustCompile(
		`(?:[+＋]\s?(?:86|８６)[\s\-－]?)?[1１][3-9３-９](?:[\s\-－]?[0-9０-９]){9}` +
			`|[0０][1-9１-９][0-9０-９]{1,2}[\-－\s][0-9０-９]{7,8}` +
			`|[48４８][0０][0０][\-－\s]?[0-9０-９]{3}[\-－\s]?[0-9０-９]{4}` +
			`|[+＋][0-9０-９]{1,3}[\s\-－]?[0-9０-９](?:[\s\-－]?[0-9０-９]){6,13}`)
)

// masker replaces a customer's confidential data in free text.
type masker struct {
	// customerNames and contactNames are folded (fold + lower case) and
	// sorted longest first, so a full name wins over a short name inside it.
	customerNames []string
	contactNames  []string
	// literals are the contacts' phone numbers and email addresses,
	// folded, matched as written in case they escape the patterns.
	literals []string
}

func newMasker(c salesrec.Customer) masker {
	var m masker
	m.customerNames = maskTerms(append([]string{c.Name}, c.ShortNames...))
	names := make([]string, 0, len(c.Contacts))
	var literals []string
	for _, ct := range c.Contacts {
		names = append(names, ct.Name)
		literals = append(literals, ct.Phone, ct.Email)
	}
	m.contactNames = maskTerms(names)
	m.literals = maskTerms(literals)
	return m
}

// maskTerms folds, deduplicates and sorts names, longest first. A name of
// one character is dropped: masking it would blank that character wherever
// it appears.
func maskTerms(names []string) []string {
	var out []string
	for _, n := range names {
		n = strings.ToLower(foldString(strings.TrimSpace(n)))
		if utf8.RuneCountInString(n) < 2 || slices.Contains(out, n) {
			continue
		}
		out = append(out, n)
	}
	slices.SortStableFunc(out, func(a, b string) int { return len(b) - len(a) })
	return out
}

// mask returns text with emails, phone numbers, the customer's names and
// its contacts' names replaced by placeholders.
func (m masker) mask(text string) string {
	text = strings.TrimSpace(text)
	if text == "" {
		return ""
	}
	zh := hasHan(text)
	pick := func(zhForm, enForm string) string {
		if zh {
			return zhForm
		}
		return enForm
	}
	// The patterns are costly; most texts have no @ and few digits.
	if strings.ContainsAny(text, "@＠") {
		text = emailPattern.ReplaceAllLiteralString(text, pick(emailZH, emailEN))
	}
	if digits(text) >= 7 {
		text = phonePattern.ReplaceAllLiteralString(text, pick(phoneZH, phoneEN))
	}
	text = replaceFolded(text, m.literals, pick(phoneZH, phoneEN))
	text = replaceFolded(text, m.customerNames, pick(customerZH, customerEN))
	return replaceFolded(text, m.contactNames, pick(contactZH, contactEN))
}

// replaceFolded replaces every occurrence of any of terms (already folded
// and lower-cased) in text, comparing text in its folded, lower-cased form
// so 華東精工, ＨＤＪＧ and hdjg all match their stored spellings.
func replaceFolded(text string, terms []string, with string) string {
	if len(terms) == 0 {
		return text
	}
	folded, offsets := fold([]byte(text))
	lower := asciiLower(folded)
	var b strings.Builder
	last, replaced := 0, false // last: byte offset in text copied so far
	for i := 0; i < len(lower); {
		matched := ""
		for _, t := range terms {
			if bytes.HasPrefix(lower[i:], []byte(t)) {
				matched = t
				break
			}
		}
		if matched == "" {
			i++
			continue
		}
		start, end := offsets.orig(i), offsets.orig(i+len(matched))
		b.WriteString(text[last:start])
		b.WriteString(with)
		last, replaced = end, true
		i += len(matched)
	}
	if !replaced {
		return text
	}
	b.WriteString(text[last:])
	return b.String()
}

// digits counts the ASCII and full-width digits in s; a phone number has
// at least seven.
func digits(s string) int {
	n := 0
	for _, r := range s {
		if (r >= '0' && r <= '9') || (r >= '０' && r <= '９') {
			n++
		}
	}
	return n
}

// asciiLower lower-cases ASCII letters only, keeping byte offsets intact.
func asciiLower(b []byte) []byte {
	out := make([]byte, len(b))
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		out[i] = c
	}
	return out
}

// hasHan reports whether s contains a Chinese character.
func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}
