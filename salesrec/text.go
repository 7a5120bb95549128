package salesrec

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Text limits, in characters (Unicode code points: 一个汉字 is one character,
// as is one ASCII letter). Every text field of the model has one of these
// limits, counted by CountChars (the way a user counts: surrounding space
// ignored, a run of spaces inside counting as one); validation refuses longer text, text containing a NUL byte and
// text that is not valid UTF-8, so storage and search can rely on clean text.
//
//	MaxIDChars       ids referring to another record: team_id, owner_id,
//	                 customer_id, author_id, member_id (a record's own id
//	                 follows the stricter id rule, see MaxIDLen)
//	MaxNameChars     names, short names, titles, roles, industry, size,
//	                 sub-kind, platform, meeting id
//	MaxPhoneChars    a contact's phone
//	MaxEmailChars    a contact's email (RFC 5321's limit)
//	MaxAddressChars  an offline place's address
//	MaxActionChars   what a follow-up action is
//	MaxTextChars     goal, topic, point text, handling, result, need content,
//	                 proposal summary and resources, termination reason,
//	                 remark text, reopen reason
//	MaxLessonChars   a lesson (the template's 50 字), see rules.go
const (
	MaxIDChars      = 128
	MaxNameChars    = 200
	MaxPhoneChars   = 50
	MaxEmailChars   = 254
	MaxAddressChars = 500
	MaxActionChars  = 500
	MaxTextChars    = 2000
)

// CheckText checks one text value against the hygiene rules every text field
// follows: no NUL byte, valid UTF-8, at most max characters (max <= 0 means
// no length limit). It does not require the text to be non-empty. The error
// is a *ValidationError for field, so errors.Is(err, ErrInvalid) holds.
func CheckText(field, s string, max int) error {
	if m, bad := textProblem(s, max); bad {
		return FieldError(field, m)
	}
	return nil
}

// textProblem says what is wrong with s; bad is false when s is clean.
func textProblem(s string, max int) (m Message, bad bool) {
	if !utf8.ValidString(s) {
		return msgBadUTF8, true
	}
	if strings.IndexByte(s, 0) >= 0 {
		return msgNUL, true
	}
	if max > 0 {
		if n := CountChars(s); n > max {
			return msgTooLong(max, n), true
		}
	}
	return Message{}, false
}

// CountChars returns the length of s as the length limits count it, which is
// how a user counts what they typed: white space at both ends is not counted
// (half-width and full-width spaces, tabs, line breaks alike), a run of white
// space inside the text counts as one character, and every other character
// counts as one whatever its width (一个汉字, a full-width Ａ, an ASCII a and
// an emoji are each one). So "50 characters and three trailing spaces" is 50,
// and "报价  及时" (two spaces) is 5. It does not change the text that is stored.
func CountChars(s string) int {
	n := 0
	space := false
	for _, r := range strings.TrimSpace(s) {
		if unicode.IsSpace(r) {
			if !space {
				n++
			}
			space = true
			continue
		}
		space = false
		n++
	}
	return n
}

// blank reports whether s is empty or only white space.
func blank(s string) bool { return strings.TrimSpace(s) == "" }
