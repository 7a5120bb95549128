package salesrec

import (
	"strings"
	"time"
)

// Customer is the organisation a team sells to. Its name, short names and
// contacts' phone and email are confidential (see the storage and kb docs
// for how they are masked and kept out of the index).
type Customer struct {
	ID     string `json:"id"`
	TeamID string `json:"team_id"`
	// Name is the full legal name (客户名称需全称).
	Name string `json:"name"`
	// ShortNames are other names people use for the customer.
	ShortNames []string     `json:"short_names,omitempty"`
	Kind       CustomerKind `json:"kind"`
	// SubKind refines Kind, e.g. 复购 (repeat purchase) for 老客户-复购.
	SubKind  string    `json:"sub_kind,omitempty"`
	Industry string    `json:"industry"`
	Size     string    `json:"size,omitempty"`
	Contacts []Contact `json:"contacts,omitempty"`
	// Version counts the customer's changes: 1 when created, one more with
	// each update. An update must carry the version it was made from. A
	// store sets it.
	Version int64 `json:"version,omitempty"`
	// CreatedBy is the member who created the customer; they read its
	// contacts as written (CanSeeContacts). A store sets it.
	CreatedBy string `json:"created_by,omitempty"`
}

// CustomerHistoryEntry is one committed change to a customer: who, when,
// what, as HistoryEntry is for an engagement.
type CustomerHistoryEntry struct {
	Seq        int64         `json:"seq"`
	CustomerID string        `json:"customer_id"`
	Version    int64         `json:"version"`
	ActorID    string        `json:"actor_id"`
	At         time.Time     `json:"at"`
	Op         Op            `json:"op"`
	Changes    []FieldChange `json:"changes"`
}

// Validate checks a customer: the full legal name, kind (new or existing)
// and industry are required; contacts need name and title.
func (c Customer) Validate() error {
	return asValidationError(structErrors(
		field("id", c.ID, ownID),
		field("team_id", c.TeamID, text(MaxIDChars)),
		field("name", c.Name, required(MaxNameChars, msgCustomerName)),
		fieldErr{"short_names", each(c.ShortNames, func(s string) error { return required(MaxNameChars, msgNotBlank).Validate(s) })},
		field("kind", c.Kind, enumRequired),
		field("sub_kind", c.SubKind, text(MaxNameChars)),
		field("industry", c.Industry, required(MaxNameChars, Message{})),
		field("size", c.Size, text(MaxNameChars)),
		fieldErr{"contacts", each(c.Contacts, contactErrors)},
		field("created_by", c.CreatedBy, text(MaxIDChars)),
	))
}

// Contact is a person at the customer. Phone and Email are confidential.
type Contact struct {
	Name  string `json:"name"`
	Title string `json:"title"`
	Phone string `json:"phone,omitempty"`
	Email string `json:"email,omitempty"`
}

// Validate checks a contact: name and exact title are required; phone and
// email are optional and confidential.
func (c Contact) Validate() error { return asValidationError(contactErrors(c)) }

func contactErrors(c Contact) error {
	email := field("email", c.Email, text(MaxEmailChars))
	if c.Email != "" && !looksLikeEmail(c.Email) {
		email = email.then(problem(msgEmail))
	}
	return structErrors(
		field("name", c.Name, required(MaxNameChars, Message{})),
		field("title", c.Title, required(MaxNameChars, msgContactTitle)),
		field("phone", c.Phone, text(MaxPhoneChars)),
		email,
	)
}

func looksLikeEmail(s string) bool {
	at := strings.LastIndexByte(s, '@')
	return at > 0 && at < len(s)-1 && !strings.ContainsAny(s, " \t\r\n")
}
