package kb

import "strings"

// singular reduces an English plural to its singular with a deliberately
// minimal rule set (the "S-stemmer" of Harman 1991, as in Lucene's
// EnglishMinimalStemmer), plus the possessive 's. It never touches words
// that are not plurals by spelling, so prices → price, competitors →
// competitor, companies → company, fees → fee, KPIs → kpi, but words ending in
// "ss" or "us" (process, status) and a short list of function words stay
// as they are.
// term must already be lower case; anything that is not plain ASCII letters
// is returned unchanged.
func singular(term []byte) []byte {
	if !asciiLetters(term) {
		return term
	}
	n := len(term)
	// Possessive: customer's → customer, customers' → customers → customer.
	if n > 2 && term[n-2] == '\'' && term[n-1] == 's' {
		term = term[:n-2]
		n -= 2
	} else if n > 1 && term[n-1] == '\'' {
		term = term[:n-1]
		n--
	}
	if n < 4 || term[n-1] != 's' || keepAsIs[string(term)] {
		return term
	}
	switch term[n-2] {
	case 'u', 's':
		// status, process: not plurals.
		return term
	case 'e':
		if n > 4 && term[n-3] == 'i' && term[n-4] != 'a' && term[n-4] != 'e' {
			// companies → company, but not series → sery.
			out := make([]byte, n-2)
			copy(out, term[:n-3])
			out[n-3] = 'y'
			return out
		}
		switch term[n-3] {
		case 'i', 'a', 'o':
			// goes, heroes: leave them (fees → fee is fine).
			return term
		}
		if esPlural(term) {
			// boxes → box, matches → match, wishes → wish,
			// addresses → address.
			return term[:n-2]
		}
	}
	return term[:n-1]
}

// esPlural reports whether term (ending in "es") is a plural formed with
// "es": after x, ch, sh or ss, except the -che words whose singular keeps
// its e (caches → cache). Words ending in -zes (sizes) and -ses after
// one s (cases, purchases) only lose the s.
func esPlural(term []byte) bool {
	n := len(term)
	if n < 5 {
		return false // axes, uses: too short to tell
	}
	stem := string(term[:n-2])
	switch {
	case strings.HasSuffix(stem, "x"), strings.HasSuffix(stem, "sh"), strings.HasSuffix(stem, "ss"):
		return true
	case strings.HasSuffix(stem, "ch"):
		return !cheSingular[stem+"e"]
	}
	return false
}

// cheSingular lists the common words whose singular ends in -che, so that
// their plural loses only the s.
var cheSingular = map[string]bool{
	"ache": true, "headache": true, "cache": true, "niche": true, "avalanche": true,
	"moustache": true, "mustache": true, "cliche": true, "quiche": true, "psyche": true,
	"creche": true, "microniche": true, "heartache": true, "toothache": true,
}

// keepAsIs lists words that end in s but are not plurals, or whose stem
// would collide with an unrelated word.
var keepAsIs = map[string]bool{
	"this": true, "thus": true, "always": true, "perhaps": true, "whereas": true,
	"news": true, "series": true, "species": true, "means": true, "yes": true,
	"was": true, "has": true, "does": true, "its": true, "his": true, "hers": true,
	"ours": true, "yours": true, "theirs": true, "plus": true, "minus": true,
	"less": true, "unless": true, "across": true, "towards": true, "afterwards": true,
	"sometimes": true, "saas": true, "paas": true, "iaas": true, "aws": true,
}

func asciiLetters(b []byte) bool {
	for _, c := range b {
		if c == '\'' {
			continue
		}
		if (c < 'a' || c > 'z') && (c < 'A' || c > 'Z') {
			return false
		}
	}
	return len(b) > 0
}
