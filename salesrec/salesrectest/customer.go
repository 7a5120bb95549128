package salesrectest

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/dealtrail/dealtrail/salesrec"
)

// Customer returns a new customer of team: a full legal name and short
// names, kind (new or existing, with a sub-kind), industry, size and one to
// three contacts with fake phone numbers (1xx…) and emails at example
// domains. About a third of customers are English-named; their records are
// written in English. Names are not guaranteed unique across calls (Stream
// keeps them unique within a team).
func (g *Generator) Customer(team salesrec.Team) salesrec.Customer {
	v := &zhVocab
	if team.TimeZone != salesrec.DefaultTimeZone || g.chance(0.3) {
		v = &enVocab
	}
	ind := g.zipf(len(v.industries))
	name, short := g.companyName(v, ind)
	c := salesrec.Customer{
		ID:         g.id(),
		TeamID:     team.ID,
		Name:       name,
		ShortNames: short,
		Kind:       salesrec.CustomerNew,
		Industry:   v.industries[ind].name,
		Size:       pick(g, v.sizes),
	}
	if g.chance(0.4) {
		c.Kind = salesrec.CustomerExisting
		if g.chance(0.5) {
			c.SubKind = pick(g, v.subKinds)
		}
	}
	for range g.between(1, 3) {
		c.Contacts = append(c.Contacts, g.contact(v))
	}
	return c
}

// companyName returns a full legal name and the short names people use.
func (g *Generator) companyName(v *vocab, ind int) (string, []string) {
	city, trade, form := pick(g, v.companyCities), v.companyTrades[ind], pick(g, v.companyForms)
	if v == &zhVocab {
		a := g.rng.IntN(len(v.companyBrands))
		b := (a + 1 + g.rng.IntN(len(v.companyBrands)-1)) % len(v.companyBrands)
		brand := v.companyBrands[a] + v.companyBrands[b]
		return city + brand + trade + form, []string{brand, brand + trade}
	}
	brand := uniform(g, v.companyBrands)
	return city + " " + brand + " " + trade + " " + form, []string{brand, city + " " + brand}
}

// contact returns a person at a customer with a fake phone and email.
func (g *Generator) contact(v *vocab) salesrec.Contact {
	si := g.zipf(len(v.surnames))
	given := pick(g, v.givenNames)
	name, local := v.surnames[si]+given, v.surnameLatin[si]+strconv.Itoa(g.between(1, 999))
	if v != &zhVocab {
		name = given + " " + v.surnames[si]
		local = strings.ToLower(given) + "." + v.surnameLatin[si]
	}
	phone := "1" + strconv.Itoa(g.between(3, 9)) + strconv.Itoa(g.between(100000000, 999999999))
	return salesrec.Contact{
		Name:  name,
		Title: pick(g, v.titles),
		Phone: phone,
		Email: local + "@" + v.emailDomain,
	}
}

// customerLang says which language a customer's records are written in and
// the index of its industry: Chinese-named customers get Chinese or mixed
// records, others English ones. An industry the generator does not know
// counts as the first.
func (g *Generator) customerLang(c salesrec.Customer) (Lang, int) {
	l := English
	if strings.ContainsFunc(c.Name, func(r rune) bool { return unicode.Is(unicode.Han, r) }) {
		l = Chinese
		if g.chance(0.25) {
			l = Mixed
		}
	}
	for _, v := range []*vocab{&zhVocab, &enVocab} {
		for i, ind := range v.industries {
			if ind.name == c.Industry {
				return l, i
			}
		}
	}
	return l, 0
}
