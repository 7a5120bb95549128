package salesrectest

import "github.com/dealtrail/dealtrail/salesrec"

// enVocab is the English phrase set. Its industries are in the same order as
// zhVocab's, so an engagement keeps its industry across languages.
var enVocab = vocab{
	industries: []industry{
		{"Manufacturing", []string{"ERP", "MES", "WMS", "PLM", "SCADA"}, "plants"},
		{"Retail", []string{"POS", "ERP", "loyalty system", "web shop", "WMS"}, "stores"},
		{"Finance", []string{"core banking", "risk platform", "CRM", "data warehouse", "DMS"}, "branches"},
		{"SaaS", []string{"API gateway", "CRM", "billing system", "ticketing", "SSO"}, "tenants"},
		{"Healthcare", []string{"HIS", "LIS", "PACS", "EMR", "claims gateway"}, "hospitals"},
		{"Education", []string{"SIS", "LMS", "campus card", "admissions portal", "OA"}, "campuses"},
		{"Logistics", []string{"TMS", "WMS", "OMS", "GPS tracking", "ERP"}, "warehouses"},
		{"Energy", []string{"SCADA", "EAM", "ERP", "metering", "GIS"}, "sites"},
		{"Automotive", []string{"DMS", "MES", "ERP", "CRM", "after-sales system"}, "dealerships"},
		{"Food service", []string{"POS", "supply chain system", "loyalty system", "delivery apps", "ERP"}, "restaurants"},
		{"Real estate", []string{"ERP", "CRM", "property management", "OA", "tendering portal"}, "projects"},
		{"Government", []string{"OA", "approvals system", "data exchange", "citizen portal", "GIS"}, "agencies"},
	},
	modules:     []string{"reporting", "inventory", "approval workflow", "dashboard", "permissions", "mobile app", "reconciliation", "scheduling", "alerting", "API"},
	competitors: []string{"Acme Cloud", "Northwind Systems", "Contoso Data", "Competitor A", "Globex Software", "Initech", "Umbrella Analytics", "Vendor B"},
	titles:      []string{"purchasing director", "IT manager", "head of supply chain", "CIO", "COO", "CFO", "general manager", "project manager", "legal counsel", "head of digital", "VP operations", "procurement lead"},
	sizes:       []string{"100-499", "500-999", "50-99", "1000-4999", "5000+", "20-49"},
	subKinds:    []string{"repeat purchase", "upsell", "renewal", "expansion"},

	surnames:      []string{"Smith", "Johnson", "Brown", "Taylor", "Miller", "Davis", "Wilson", "Clark", "Lewis", "Walker", "Hall", "Young", "King", "Wright", "Lopez", "Hill", "Green", "Adams", "Baker", "Nelson"},
	surnameLatin:  []string{"smith", "johnson", "brown", "taylor", "miller", "davis", "wilson", "clark", "lewis", "walker", "hall", "young", "king", "wright", "lopez", "hill", "green", "adams", "baker", "nelson"},
	givenNames:    []string{"James", "Mary", "John", "Linda", "Robert", "Sarah", "Michael", "Emma", "David", "Olivia", "Daniel", "Sophia", "Peter", "Grace", "Tom", "Anna", "Mark", "Lucy"},
	companyCities: []string{"Pacific", "Atlantic", "Northern", "Southern", "Lakeside", "Central", "Coastal", "Metro", "Continental", "Global"},
	companyBrands: []string{"Granite", "Summit", "Harbor", "Redwood", "Silverline", "Bluewater", "Eastgate", "Westfield", "Riverside", "Highland", "Oakmont", "Brightwater", "Stonebridge", "Clearview", "Ironwood", "Maple"},
	companyTrades: []string{"Manufacturing", "Retail Group", "Financial Services", "Software", "Health Partners", "Learning", "Logistics", "Energy", "Motors", "Foods", "Properties", "Public Services"},
	companyForms:  []string{"Ltd.", "Inc.", "Co., Ltd.", "LLC", "plc"},
	emailDomain:   "example.com",

	teamNames:  []string{"Enterprise East", "APAC Key Accounts", "EMEA Mid-Market", "North America Sales", "Channel Partners", "Strategic Accounts"},
	salesRoles: []string{"lead negotiator", "presales consultant", "solutions engineer", "account manager", "regional manager", "implementation consultant"},
	goals: []string{
		"find out the customer's purchasing budget", "get the proposal confirmed", "confirm the {sys} integration is feasible",
		"demo {mod} and get sign-off", "agree the contract terms", "map the decision chain and the buying process",
		"secure {q} budget approval", "renew and extend to more {unit}", "start a POC", "resolve the pricing objection",
	},
	topics: []string{
		"requirements discovery", "solution demo", "pricing discussion", "contract terms review", "{sys} integration review",
		"POC retrospective", "{mod} demo", "annual renewal", "implementation planning", "executive visit",
	},
	platforms: []string{"Zoom", "Teams", "Google Meet", "Webex", "Feishu", "DingTalk"},
	streets:   []string{"Market Street", "King's Road", "Harbour Drive", "Innovation Way", "Station Road", "Park Avenue", "Bridge Street", "Queen Street"},

	coreNeeds: []string{
		"real-time integration of several data sources, budget within {wan} CNY",
		"integrate with the existing {sys} and sync orders in real time",
		"stock levels of {n} {unit} synced every 5 minutes",
		"on-premise deployment that passes the security audit",
		"phase one live by {date}",
		"{big} concurrent users with responses under 2 seconds",
		"{mod} with custom fields and multi-level approval",
		"budget capped at {wan} CNY, paid in two instalments",
		"{n} years of history searchable and exportable to Excel",
		"use the {sys} API; interface docs needed up front",
	},
	expectedNeeds: []string{
		"24/7 support response", "free training for {n} key users", "a {n}-month free trial",
		"mobile approvals in {mod}", "an on-site project manager for {n} weeks",
		"reference customers in {ind}", "reports that drill down by {unit}",
	},
	potentialNeeds: []string{
		"room to grow to {n} {unit} later", "a management dashboard of business figures",
		"less double entry between {sys} and spreadsheets", "fewer errors in manual reconciliation",
		"may connect {sys} to a single data platform", "the new {title} wants more transparent processes",
	},
	feedback: map[salesrec.Subject][]string{
		salesrec.SubjectQuote:    {"quote is {pct}% above what they expected", "want tiered pricing by number of {unit}", "want software and services priced separately", "find the annual support fee too high"},
		salesrec.SubjectProposal: {"find {mod} in the proposal too complex", "want more detail on the {sys} integration", "the implementation timeline is acceptable", "want phase one cut down to the core features"},
		salesrec.SubjectContract: {"want payment terms of 30/30/40", "want the warranty extended to {n} months", "ask for a stronger confidentiality clause", "want changes to the liability clause"},
		salesrec.SubjectOther:    {"would like more {ind} reference visits", "question the implementation team's experience"},
	},
	questions: []string{
		"asked whether the {sys} interface supports bulk import", "asked how long data migration takes",
		"asked whether on-premise deployment is possible", "asked if {mod} permissions can be set per role",
		"asked about support response times", "asked for success stories in their industry",
		"asked whether licences are per user or per {unit}", "asked whether upgrades cost extra",
	},
	objections: []objection{
		{"the price is too high for this year's budget", []string{"split the rollout into two phases, core modules first", "got a {pct}% project discount approved", "moved to a yearly subscription to cut first-year cost"}, []string{"customer agreed to two phases", "customer accepted the discounted quote", "customer still holds to the old budget; internal review pending"}},
		{"worried about system stability", []string{"ran a technical demo and shared load-test results", "shared a reference case in {ind}", "arranged a visit to a live customer"}, []string{"customer accepts the stability; moving to proposal sign-off", "customer wants a POC first", "partly resolved; their tech lead must confirm"}},
		{"already use {comp}; switching costs are high", []string{"offered free data migration and a parallel run", "compared three-year total cost of ownership"}, []string{"customer will pilot in one of their {unit}", "customer will not switch for now"}},
		{"the rollout takes too long for their {q} launch", []string{"re-planned with more consultants", "core processes first, the rest in batches"}, []string{"customer accepted a {n}-week plan", "customer wants the go-live date in writing"}},
		{"concerned about data security and privacy compliance", []string{"offered on-premise deployment and our certifications", "set up a Q&A with our security team"}, []string{"their IT department approved the security design", "customer asked for a third-party security assessment"}},
		{"integration with the existing {sys} looks hard", []string{"reviewed the interface design on site with a checklist", "committed to build the interfaces ourselves"}, []string{"customer agreed to proceed with the checklist", "customer must check the {sys} vendor's support"}},
		{"the payment terms are unacceptable", []string{"requested pricing approval for instalments", "changed payment milestones after legal review"}, []string{"customer accepted instalments", "payment terms still disputed"}},
		{"leadership doubts the project's value", []string{"prepared an ROI model for the {title}", "invited executives to an industry forum"}, []string{"the {title} approved the project", "decision postponed to next quarter"}},
	},
	approvals: []string{
		"liked the technical demo", "found {mod} easy to use", "approved of our implementation method",
		"keen on the {ind} case; asked for a site visit", "agreed with a phased rollout", "appreciated the transparent quote",
	},
	actionsTaken: []string{
		"demoed {mod}", "shared a {ind} reference case", "walked through the {sys} integration design",
		"sent the first quote", "brought in a technical expert for Q&A", "shared the product white paper and certifications",
	},
	commitments: []string{
		"deliver a customised proposal by {date}", "arrange the technical team to support testing", "send the formal quote by {date}",
		"send the {sys} interface docs within a week", "arrange a reference visit for the {title}", "share the implementation plan by {date}",
	},
	actions: []string{
		"send the quote to the {title} by {date}", "send the first contract draft by {date}", "set up a POC with the tech team",
		"list the {mod} requirements and get them confirmed", "book a proposal review with the {title}", "file the pricing approval request",
		"prepare {ind} reference material", "confirm the {sys} interface fields and draft the integration plan",
		"organise a visit to a live customer", "answer the customer's data migration questions",
	},

	proposals: []string{
		"standard edition plus custom {mod}, two phases", "on-premise deployment with real-time {sys} integration",
		"SaaS subscription priced per {unit}", "core modules first, {mod} in phase two", "full solution with implementation and three years of support",
	},
	resources: []string{"2 consultants and 1 project manager", "presales support for {n} days", "remote expert support", "{n} delivery staff on site for {n} weeks"},
	remarks: map[salesrec.Collaboration][]string{
		salesrec.CollabTechnicalSupport: {"tech support set up the POC environment", "engineering confirmed the {sys} interface is feasible", "load-test report sent to the customer"},
		salesrec.CollabPricing:          {"pricing approved at {pct}% discount", "pricing approval waiting for the regional director"},
		salesrec.CollabContractReview:   {"contract review comments sent to the customer", "first contract draft submitted for review"},
		salesrec.CollabLegalReview:      {"legal reviewed the confidentiality clause", "legal suggests changing the liability clause"},
		salesrec.CollabDelivery:         {"delivery team scheduled to start on {date}", "implementation plan agreed with the customer"},
		salesrec.CollabOther:            {"marketing sent the industry white paper", "shared with our channel partner"},
	},

	reasons: map[salesrec.ReasonCategory][]string{
		salesrec.ReasonBudget:       {"budget cut; purchase postponed", "this year's budget was frozen", "quote {pct}% over budget; could not be approved"},
		salesrec.ReasonCompetitor:   {"customer chose {comp}, {pct}% cheaper", "customer went with a competitor under a group-wide contract", "{comp} offered free implementation"},
		salesrec.ReasonTiming:       {"customer moved the project to next year", "reorganisation put purchasing on hold", "customer put {sys} first; this project postponed"},
		salesrec.ReasonRequirements: {"the {mod} customisation they need is not supported", "customer requires on-premise only, no subscription", "the {sys} integration needs exceed the product"},
		salesrec.ReasonRelationship: {"key contact left; the new lead prefers the incumbent", "customer unhappy with our response times"},
		salesrec.ReasonOther:        {"customer was acquired; purchasing frozen", "customer closed the business line"},
	},
	successes: []string{
		"Tech demo resolved doubts about stability", "Early legal review shortened the contract cycle",
		"Industry case removed fears of rollout risk", "Met the decision maker early", "POC results won over the tech lead",
		"Phased rollout eased budget pressure", "Confirmed budget before quoting", "Minutes within 24h kept trust high",
	},
	improvement: []string{
		"Our response was slower than expected", "Quoted before knowing the budget", "Reached the decision maker too late",
		"Underestimated the competitor's pricing", "Discovery too thin; proposal missed the point", "Integration review came too late",
		"Did not rebuild ties after contact changed",
	},
}
