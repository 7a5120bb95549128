package salesrec

import (
	"fmt"
	"strings"
	"time"

	validation "github.com/go-ozzo/ozzo-validation/v4"
)

// Validate checks a team: a name and, if given, a time zone that loads.
func (t Team) Validate() error {
	return asValidationError(validation.ValidateStruct(&t,
		validation.Field(&t.ID, ownID),
		validation.Field(&t.Name, required(MaxNameChars, "")),
		validation.Field(&t.TimeZone, text(MaxNameChars), check(func() error {
			if t.TimeZone == "" {
				return nil
			}
			if _, err := time.LoadLocation(t.TimeZone); err != nil || t.TimeZone == "Local" {
				return problem(fmt.Sprintf("%q is not a known time zone (use an IANA name such as Asia/Shanghai)", t.TimeZone))
			}
			return nil
		})),
	))
}

// Validate checks a member: team, name and a known role.
func (m Member) Validate() error {
	return asValidationError(validation.ValidateStruct(&m,
		validation.Field(&m.ID, ownID),
		validation.Field(&m.TeamID, required(MaxIDChars, "is required: the team the member belongs to")),
		validation.Field(&m.Name, required(MaxNameChars, "")),
		validation.Field(&m.Role, enumRequired),
	))
}

// Validate checks a customer: the full legal name, kind (new or existing)
// and industry are required; contacts need name and title.
func (c Customer) Validate() error {
	return asValidationError(validation.ValidateStruct(&c,
		validation.Field(&c.ID, ownID),
		validation.Field(&c.TeamID, text(MaxIDChars)),
		validation.Field(&c.Name, required(MaxNameChars, "is required: the customer's full legal name (全称)")),
		validation.Field(&c.ShortNames, check(func() error {
			return each(c.ShortNames, func(s string) error { return required(MaxNameChars, "must not be blank").Validate(s) })
		})),
		validation.Field(&c.Kind, enumRequired),
		validation.Field(&c.SubKind, text(MaxNameChars)),
		validation.Field(&c.Industry, required(MaxNameChars, "")),
		validation.Field(&c.Size, text(MaxNameChars)),
		validation.Field(&c.Contacts, nested(func() error { return each(c.Contacts, contactErrors) })...),
	))
}

// Validate checks a contact: name and exact title are required; phone and
// email are optional and confidential.
func (c Contact) Validate() error { return asValidationError(contactErrors(c)) }

func contactErrors(c Contact) error {
	return validation.ValidateStruct(&c,
		validation.Field(&c.Name, required(MaxNameChars, "")),
		validation.Field(&c.Title, required(MaxNameChars, "is required: the exact title, e.g. 采购总监")),
		validation.Field(&c.Phone, text(MaxPhoneChars)),
		validation.Field(&c.Email, text(MaxEmailChars), check(func() error {
			if c.Email != "" && !looksLikeEmail(c.Email) {
				return problem("must look like an email address, e.g. li@example.com")
			}
			return nil
		})),
	)
}

func looksLikeEmail(s string) bool {
	at := strings.LastIndexByte(s, '@')
	return at > 0 && at < len(s)-1 && !strings.ContainsAny(s, " \t\r\n")
}
