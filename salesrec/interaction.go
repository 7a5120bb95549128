package salesrec

import "time"

// Interaction is one contact with the customer.
type Interaction struct {
	ID string `json:"id"`
	// OccurredAt is when the contact happened, to the minute, in the zone
	// the user gave (its offset is kept).
	OccurredAt time.Time `json:"occurred_at"`
	// RecordedAt is when it was recorded; set by the rules from the clock.
	RecordedAt time.Time `json:"recorded_at"`
	// Late is true when it was recorded after the late window (事后补录).
	Late                 bool                  `json:"late"`
	Method               Method                `json:"method"`
	Place                Place                 `json:"place"`
	Topic                string                `json:"topic"`
	CustomerParticipants []CustomerParticipant `json:"customer_participants"`
	SalesParticipants    []SalesParticipant    `json:"sales_participants"`
	Points               []Point               `json:"points"`
}

// Place says where a contact happened: online (platform and meeting id) or
// offline (address).
type Place struct {
	Mode      PlaceMode `json:"mode"`
	Platform  string    `json:"platform,omitempty"`
	MeetingID string    `json:"meeting_id,omitempty"`
	Address   string    `json:"address,omitempty"`
}

// CustomerParticipant is someone on the customer's side: name + title.
type CustomerParticipant struct {
	Name  string `json:"name"`
	Title string `json:"title"`
}

// SalesParticipant is someone on the sales side: name + role in the contact
// (e.g. 主谈, lead negotiator). MemberID links to a team member when known;
// a rep who takes part in an engagement may read it.
type SalesParticipant struct {
	MemberID string `json:"member_id,omitempty"`
	Name     string `json:"name"`
	Role     string `json:"role"`
}

// Point is one point of a contact: who said it and what it is.
type Point struct {
	Speaker Speaker   `json:"speaker"`
	Kind    PointKind `json:"kind"`
	Text    string    `json:"text"`
	// Subject names what feedback is about (proposal, quote, contract).
	Subject Subject `json:"subject,omitempty"`
	// Handling and Result are required for an objection: how it was handled
	// and what came of it.
	Handling string `json:"handling,omitempty"`
	Result   string `json:"result,omitempty"`
}
