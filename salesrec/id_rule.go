package salesrec

import (
	"fmt"
	"reflect"
	"unicode/utf8"
)

// The id rule. Every id a caller may choose — of a team, member, customer,
// engagement, interaction, action or remark — is 1 to MaxIDLen characters
// from a small alphabet: ASCII letters, digits, '-', '_' and '.', starting
// with a letter or a digit. The ids the store generates (32 hex digits) and
// UUIDs follow it. Ids end up in URLs, logs and the knowledge base's
// document ids, where a '/', a newline or a leading '_' could otherwise be
// read as structure; the rule keeps every id a plain name.
//
// Validate applies the rule to the record's own id (an empty id is "not
// assigned yet", filled by the store); CheckID applies it to an id passed
// on its own to a write. Fields that refer to another record (team_id,
// owner_id, customer_id, member_id, author_id) are only checked as text:
// they must name a record that exists, which the store checks.
const MaxIDLen = 64

// CheckID checks an id a caller chose against the id rule. The error is a
// *ValidationError for field, so errors.Is(err, ErrInvalid) holds. An empty
// id is refused: use it where an id is required.
func CheckID(field, id string) error {
	if id == "" {
		return FieldError(field, msgIDRequired)
	}
	if m, bad := idProblem(id); bad {
		return FieldError(field, m)
	}
	return nil
}

// ValidID reports whether id follows the id rule.
func ValidID(id string) bool {
	_, bad := idProblem(id)
	return id != "" && !bad
}

// idProblem says what is wrong with a non-empty id; bad is false when it
// follows the rule.
func idProblem(id string) (m Message, bad bool) {
	if n := utf8.RuneCountInString(id); n > MaxIDLen {
		return msgIDTooLong(n), true
	}
	for i, r := range id {
		if !idChar(r) {
			return msgIDBadChar(quoteRune(r)), true
		}
		if i == 0 && (r == '_' || r == '.' || r == '-') {
			return msgIDBadStart(quoteRune(r)), true
		}
	}
	return Message{}, false
}

// idChar reports whether r belongs to the id alphabet.
func idChar(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' ||
		r == '-' || r == '_' || r == '.'
}

// quoteRune shows a character for a message: printable ones as they are,
// others (a newline, a NUL) escaped, so the message names what to remove.
func quoteRune(r rune) shownRune { return shownRune(r) }

// shownRune is a character as a message shows it.
type shownRune rune

// Label shows the character, or says in lang that it is an invalid byte.
func (r shownRune) Label(lang Lang) string {
	if rune(r) == utf8.RuneError {
		return Message{Zh: "无效字节", En: "an invalid byte"}.Text(lang)
	}
	return fmt.Sprintf("%q", rune(r))
}

// idRule is the ozzo rule of a record's own id: empty (not assigned yet) or
// following the id rule.
type idRule struct{}

func (idRule) Validate(v any) error {
	s := reflect.ValueOf(v).String()
	if s == "" {
		return nil
	}
	if m, bad := idProblem(s); bad {
		return problem(m)
	}
	return nil
}

// ownID is the rule of the id field of every record a caller may name.
var ownID = idRule{}
