package salesrec

import (
	"time"

	validation "github.com/go-ozzo/ozzo-validation/v4"
)

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

// Validate checks an interaction with DefaultRules. See
// Rules.ValidateInteraction.
func (in Interaction) Validate() error { return DefaultRules().ValidateInteraction(in) }

// ValidateInteraction checks one interaction; error keys are JSON paths
// relative to it ("points[2].handling"). Required, as the template asks:
// occurred_at, method, a place that agrees with the method (see
// placeErrors: face-to-face is offline with an address, video is online
// with a platform or meeting id, phone and email may leave it out and never
// carry an address), topic, at least one customer-side participant with
// name and title, at least one sales-side participant with name and role,
// and at least one point. It does not judge occurred_at against the clock:
// StampInteraction does.
func (r Rules) ValidateInteraction(in Interaction) error {
	return asValidationError(r.compile().interactionErrors(in))
}

func (r Rules) interactionErrors(in Interaction) error {
	return structErrors(
		field("id", in.ID, ownID),
		field("occurred_at", in.OccurredAt, timeField(msgOccurredAt)),
		field("recorded_at", in.RecordedAt, timeField(Message{})),
		field("method", in.Method, enumRequired),
		fieldErr{"place", placeErrors(in.Place, in.Method)},
		field("topic", in.Topic, required(MaxTextChars, msgTopic)),
		fieldErr{"customer_participants", atLeastOne(in.CustomerParticipants, msgCustomerSide, customerParticipantErrors)},
		fieldErr{"sales_participants", atLeastOne(in.SalesParticipants, msgSalesSide, salesParticipantErrors)},
		fieldErr{"points", atLeastOne(in.Points, msgPoints, r.pointErrors)},
	)
}

// Place says where a contact happened: online (platform and meeting id) or
// offline (address).
type Place struct {
	Mode      PlaceMode `json:"mode"`
	Platform  string    `json:"platform,omitempty"`
	MeetingID string    `json:"meeting_id,omitempty"`
	Address   string    `json:"address,omitempty"`
}

// Validate checks a place on its own: online needs the platform or the
// meeting id and has no address, offline needs the address and has no
// platform or meeting id. ValidateInteraction also checks that the place
// agrees with the contact's method.
func (p Place) Validate() error { return asValidationError(placeErrors(p, "")) }

// placeErrors checks a place for a contact of method m, the template's
// 沟通方式 against its 沟通地点:
//
//	面谈 face_to_face  required; 线下 offline, with the address
//	视频 video         required; 线上 online, with the platform or the meeting id
//	电话 phone, 邮件 email  may be left out; when given, 线上 online (the
//	                   channel, e.g. 微信, or a dial-in meeting id), never an address
//
// With no (or an unknown) method the place is checked on its own and
// required. Either way an online place has no address and an offline one no
// platform or meeting id.
func placeErrors(p Place, m Method) error {
	optional := m == MethodPhone || m == MethodEmail
	if optional && p == (Place{}) {
		return nil
	}
	// Each field's own rule first, then how it fits the mode and method.
	mode := field("mode", p.Mode, enumRequired)
	if msg, bad := placeModeProblem(p.Mode, m); bad {
		mode = mode.then(problem(msg))
	}
	platform := field("platform", p.Platform, text(MaxNameChars))
	switch {
	case p.Mode == PlaceOnline && blank(p.Platform) && blank(p.MeetingID):
		platform = platform.then(problem(msgOnlinePlace))
	case p.Mode == PlaceOffline && !blank(p.Platform):
		platform = platform.then(problem(msgNotForOffline))
	}
	meetingID := field("meeting_id", p.MeetingID, text(MaxNameChars))
	if p.Mode == PlaceOffline && !blank(p.MeetingID) {
		meetingID = meetingID.then(problem(msgNotForOffline))
	}
	address := field("address", p.Address, text(MaxAddressChars))
	switch {
	case optional && !blank(p.Address):
		address = address.then(problem(msgNoAddressRemote(m)))
	case p.Mode == PlaceOnline && !blank(p.Address):
		address = address.then(problem(msgNoAddressOnline))
	case p.Mode == PlaceOffline && blank(p.Address):
		address = address.then(problem(msgOfflinePlace))
	}
	return structErrors(mode, platform, meetingID, address)
}

// placeModeProblem says why mode does not fit a contact of method m; bad
// is false when it fits.
func placeModeProblem(mode PlaceMode, m Method) (msg Message, bad bool) {
	switch {
	case m == MethodFaceToFace && mode == PlaceOnline:
		return msgFaceToFaceOffline, true
	case m == MethodVideo && mode == PlaceOffline:
		return msgVideoOnline, true
	case (m == MethodPhone || m == MethodEmail) && mode == PlaceOffline:
		return msgRemoteOnline(m), true
	}
	return Message{}, false
}

func handlingRule(isRequired bool, msg Message) validation.Rule {
	if isRequired {
		return required(MaxTextChars, msg)
	}
	return text(MaxTextChars)
}

// CustomerParticipant is someone on the customer's side: name + title.
type CustomerParticipant struct {
	Name  string `json:"name"`
	Title string `json:"title"`
}

func customerParticipantErrors(c CustomerParticipant) error {
	return structErrors(
		field("name", c.Name, required(MaxNameChars, Message{})),
		field("title", c.Title, required(MaxNameChars, msgParticipantTitle)),
	)
}

// SalesParticipant is someone on the sales side: name + role in the contact
// (e.g. 主谈, lead negotiator). MemberID links to a team member when known;
// a rep who takes part in an engagement may read it.
type SalesParticipant struct {
	MemberID string `json:"member_id,omitempty"`
	Name     string `json:"name"`
	Role     string `json:"role"`
}

func salesParticipantErrors(s SalesParticipant) error {
	return structErrors(
		field("member_id", s.MemberID, text(MaxIDChars)),
		field("name", s.Name, required(MaxNameChars, Message{})),
		field("role", s.Role, required(MaxNameChars, msgParticipantRole)),
	)
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

// Validate checks a point with DefaultRules: speaker, kind, concrete text;
// feedback names its subject; an objection says how it was handled and
// what came of it.
func (p Point) Validate() error { return asValidationError(DefaultRules().pointErrors(p)) }

func (r Rules) pointErrors(p Point) error {
	textRules := []validation.Rule{required(MaxTextChars, Message{}), r.vagueContent()}
	if p.Kind == PointCommitment || p.Kind == PointActionTaken {
		textRules = append(textRules, r.vagueAction())
	}
	objection := p.Kind == PointObjection
	subject := field("subject", p.Subject, enumOptional)
	if p.Kind == PointFeedback && p.Subject == "" { // an empty subject passes enumOptional
		subject = subject.then(problem(msgFeedbackSubject))
	}
	return structErrors(
		field("speaker", p.Speaker, enumRequired),
		field("kind", p.Kind, enumRequired),
		field("text", p.Text, textRules...),
		subject,
		field("handling", p.Handling, handlingRule(objection, msgHandling)),
		field("result", p.Result, handlingRule(objection, msgResult)),
	)
}
