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

// Need is a classified customer need.
type Need struct {
	Class    NeedClass `json:"class"`
	Priority Priority  `json:"priority"`
	// Content says concretely what is needed.
	Content string `json:"content"`
}

// Proposal is the solution built on the needs.
type Proposal struct {
	Summary string `json:"summary"`
	// Collaboration lists the internal help needed (技术支持, 法务审核, …).
	Collaboration []Collaboration `json:"collaboration,omitempty"`
	Resources     string          `json:"resources,omitempty"`
}

// Action is a follow-up action item: what, who, by when.
type Action struct {
	ID   string `json:"id"`
	What string `json:"what"`
	// OwnerID must be a member of the engagement's team.
	OwnerID  string       `json:"owner_id"`
	Deadline Date         `json:"deadline"`
	Status   ActionStatus `json:"status"`
}

// Outcome is the result of a closed engagement. A won engagement has Amount
// and SignedOn; a terminated one has Reason and ReasonCategory.
type Outcome struct {
	Amount         Money          `json:"amount,omitzero"`
	SignedOn       Date           `json:"signed_on,omitzero"`
	Reason         string         `json:"reason,omitempty"`
	ReasonCategory ReasonCategory `json:"reason_category,omitempty"`
}

// Lesson is a distilled success point or improvement point, at most
// MaxLessonChars characters.
type Lesson struct {
	Kind LessonKind `json:"kind"`
	Text string     `json:"text"`
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
