package salesrectest

import "github.com/dealtrail/dealtrail/salesrec"

// vocab holds the phrases of one language. Every list is ordered from the
// most common phrase to the rarest: pick draws them with Zipf-like
// frequency. Templates may contain {slots}, see Generator.slot.
type vocab struct {
	industries  []industry // same order and length in every language
	modules     []string
	competitors []string
	titles      []string
	sizes       []string
	subKinds    []string

	surnames, surnameLatin, givenNames []string
	// A company name is city + brand + trade + legal form; zh brands are
	// two characters drawn from companyBrands, en brands one word.
	companyCities []string
	companyBrands []string
	companyTrades []string // same order and length as industries
	companyForms  []string
	emailDomain   string

	teamNames  []string
	salesRoles []string
	goals      []string
	topics     []string
	platforms  []string
	streets    []string

	coreNeeds, expectedNeeds, potentialNeeds []string
	feedback                                 map[salesrec.Subject][]string
	questions                                []string
	objections                               []objection
	approvals                                []string
	actionsTaken                             []string
	commitments                              []string
	actions                                  []string

	proposals []string
	resources []string
	remarks   map[salesrec.Collaboration][]string

	reasons     map[salesrec.ReasonCategory][]string
	successes   []string // lessons of won engagements, ≤ 50 characters
	improvement []string // lessons of lost ones, ≤ 50 characters
}

// industry is a customer industry with the systems its customers run and
// the unit they count sites in.
type industry struct {
	name    string
	systems []string
	unit    string
}

// objection is a customer objection with the ways sales handled it and what
// came of it.
type objection struct {
	text     string
	handling []string
	// results[i] is what handling[i] achieved; the last is a setback.
	results []string
}

// reasonOrder is the frequency order of termination reason categories.
var reasonOrder = []salesrec.ReasonCategory{
	salesrec.ReasonBudget, salesrec.ReasonCompetitor, salesrec.ReasonTiming,
	salesrec.ReasonRequirements, salesrec.ReasonRelationship, salesrec.ReasonOther,
}

// collabOrder is the frequency order of collaboration kinds.
var collabOrder = []salesrec.Collaboration{
	salesrec.CollabTechnicalSupport, salesrec.CollabPricing, salesrec.CollabContractReview,
	salesrec.CollabLegalReview, salesrec.CollabDelivery, salesrec.CollabOther,
}

// subjectOrder is the frequency order of feedback subjects.
var subjectOrder = []salesrec.Subject{
	salesrec.SubjectQuote, salesrec.SubjectProposal, salesrec.SubjectContract, salesrec.SubjectOther,
}
