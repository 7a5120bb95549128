package salesrec

import "time"

// Engagement is one customer pursuit: the template's record.
type Engagement struct {
	ID         string `json:"id"`
	TeamID     string `json:"team_id"`
	OwnerID    string `json:"owner_id"`
	CustomerID string `json:"customer_id"`
	Stage      Stage  `json:"stage"`
	// Goal is the core goal of this record (记录目标), e.g. 挖掘客户A的采购预算.
	Goal         string        `json:"goal"`
	Status       Status        `json:"status"`
	Interactions []Interaction `json:"interactions,omitempty"`
	Needs        []Need        `json:"needs,omitempty"`
	Proposal     *Proposal     `json:"proposal,omitempty"`
	Actions      []Action      `json:"actions,omitempty"`
	Outcome      *Outcome      `json:"outcome,omitempty"`
	Lessons      []Lesson      `json:"lessons,omitempty"`
	Remarks      []Remark      `json:"remarks,omitempty"`
	// ReopenReason is set when a terminated engagement was reopened.
	ReopenReason string `json:"reopen_reason,omitempty"`
	// Version counts committed writes; a write carrying a stale Version
	// fails with ErrConflict.
	Version   int64     `json:"version"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Validate checks an engagement against the template's rules with
// DefaultRules. See Rules.Validate.
func (e Engagement) Validate() error { return DefaultRules().Validate(e) }

// Validate checks an engagement and everything in it against the template's
// rules, using r's vague-phrase lists. The error is a *ValidationError whose
// keys are JSON paths such as "interactions[0].points[2].handling" or
// "outcome.amount"; errors.Is(err, ErrInvalid) holds.
//
// Required: customer_id, stage, goal (not only vague phrases of either
// list: 跟进客户 and 有需求 are refused), status; every interaction, need,
// action, lesson and remark in full (see their Validate methods); the
// outcome as the status asks (won: amount > 0 and signed_on; terminated:
// reason and reason_category; open: none). Validate does not use a clock:
// the 24-hour rule is StampInteraction's, overdue is Action.Overdue's.
func (r Rules) Validate(e Engagement) error {
	return asValidationError(r.compile().engagementErrors(e))
}

func (r Rules) engagementErrors(e Engagement) error {
	var proposal error
	if e.Proposal != nil {
		proposal = proposalErrors(*e.Proposal)
	}
	var version error
	if e.Version < 0 {
		version = problem(msgNotNegative)
	}
	err := structErrors(
		field("id", e.ID, ownID),
		field("team_id", e.TeamID, text(MaxIDChars)),
		field("owner_id", e.OwnerID, required(MaxIDChars, msgOwner)),
		field("customer_id", e.CustomerID, required(MaxIDChars, msgCustomer)),
		field("stage", e.Stage, enumRequired),
		field("goal", e.Goal, required(MaxTextChars, msgGoal), r.vagueGoal()),
		field("status", e.Status, enumRequired),
		fieldErr{"interactions", each(e.Interactions, r.interactionErrors)},
		fieldErr{"needs", each(e.Needs, r.needErrors)},
		fieldErr{"proposal", proposal},
		fieldErr{"actions", each(e.Actions, r.actionErrors)},
		fieldErr{"outcome", outcomeFor(e.Status, e.Outcome)},
		fieldErr{"lessons", each(e.Lessons, lessonErrors)},
		fieldErr{"remarks", each(e.Remarks, remarkErrors)},
		field("reopen_reason", e.ReopenReason, text(MaxTextChars)),
		fieldErr{"version", version},
		field("created_at", e.CreatedAt, timeField(Message{})),
		field("updated_at", e.UpdatedAt, timeField(Message{})),
	)
	return withRepeatedIDs(err, e)
}

// Need is a classified customer need.
type Need struct {
	Class    NeedClass `json:"class"`
	Priority Priority  `json:"priority"`
	// Content says concretely what is needed.
	Content string `json:"content"`
}

// Validate checks a need: class, priority and concrete content.
func (n Need) Validate() error { return asValidationError(DefaultRules().needErrors(n)) }

func (r Rules) needErrors(n Need) error {
	return structErrors(
		field("class", n.Class, enumRequired),
		field("priority", n.Priority, enumRequired),
		field("content", n.Content, required(MaxTextChars, msgNeedContent), r.vagueContent()),
	)
}

// Proposal is the solution built on the needs.
type Proposal struct {
	Summary string `json:"summary"`
	// Collaboration lists the internal help needed (技术支持, 法务审核, …).
	Collaboration []Collaboration `json:"collaboration,omitempty"`
	Resources     string          `json:"resources,omitempty"`
}

// Validate checks a proposal: a summary, known collaboration kinds.
func (p Proposal) Validate() error { return asValidationError(proposalErrors(p)) }

func proposalErrors(p Proposal) error {
	return structErrors(
		field("summary", p.Summary, required(MaxTextChars, msgProposal)),
		fieldErr{"collaboration", each(p.Collaboration, func(c Collaboration) error { return enumRequired.Validate(c) })},
		field("resources", p.Resources, text(MaxTextChars)),
	)
}

// Remark (备注) notes the progress of a collaboration so the team shares one
// view of the customer.
type Remark struct {
	ID            string        `json:"id"`
	AuthorID      string        `json:"author_id"`
	At            time.Time     `json:"at"`
	Text          string        `json:"text"`
	Collaboration Collaboration `json:"collaboration,omitempty"`
}

// Validate checks a remark: author, time, text and a known collaboration kind.
func (r Remark) Validate() error { return asValidationError(remarkErrors(r)) }

func remarkErrors(r Remark) error {
	return structErrors(
		field("id", r.ID, ownID),
		field("author_id", r.AuthorID, required(MaxIDChars, msgRemarkAuthor)),
		field("at", r.At, timeField(msgRemarkAt)),
		field("text", r.Text, required(MaxTextChars, Message{})),
		field("collaboration", r.Collaboration, enumOptional),
	)
}
