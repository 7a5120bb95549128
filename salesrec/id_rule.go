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
		return FieldError(field, idRequiredMsg)
	}
	if msg := idProblem(id); msg != "" {
		return FieldError(field, msg)
	}
	return nil
}

// ValidID reports whether id follows the id rule.
func ValidID(id string) bool { return id != "" && idProblem(id) == "" }

const idRequiredMsg = "is required; 编号不能为空"

// idProblem returns what is wrong with a non-empty id, in English and
// Chinese, or "" when it follows the rule.
func idProblem(id string) string {
	if n := utf8.RuneCountInString(id); n > MaxIDLen {
		return fmt.Sprintf("is too long: an id has at most %d characters, this one has %d; 编号最多 %d 个字符，此编号有 %d 个",
			MaxIDLen, n, MaxIDLen, n)
	}
	for i, r := range id {
		if !idChar(r) {
			return fmt.Sprintf("may contain only English letters, digits, '-', '_' and '.' (this one contains %s); 编号只能由英文字母、数字、-、_ 和 . 组成（此编号含有 %s）",
				quoteRune(r), quoteRune(r))
		}
		if i == 0 && (r == '_' || r == '.' || r == '-') {
			return fmt.Sprintf("must start with an English letter or a digit, not %s; 编号须以英文字母或数字开头，不能以 %s 开头",
				quoteRune(r), quoteRune(r))
		}
	}
	return ""
}

// idChar reports whether r belongs to the id alphabet.
func idChar(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' ||
		r == '-' || r == '_' || r == '.'
}

// quoteRune shows a character for a message: printable ones as they are,
// others (a newline, a NUL) escaped, so the message names what to remove.
func quoteRune(r rune) string {
	if r == utf8.RuneError {
		return "an invalid byte"
	}
	return fmt.Sprintf("%q", r)
}

// idRule is the ozzo rule of a record's own id: empty (not assigned yet) or
// following the id rule.
type idRule struct{}

func (idRule) Validate(v any) error {
	s := reflect.ValueOf(v).String()
	if s == "" {
		return nil
	}
	if msg := idProblem(s); msg != "" {
		return problem(msg)
	}
	return nil
}

// ownID is the rule of the id field of every record a caller may name.
var ownID = idRule{}
