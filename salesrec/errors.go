package salesrec

import (
	"errors"
	"sort"
	"strings"
)

// Sentinel errors. Every error this module returns that falls in one of these
// classes wraps the sentinel, so callers test with errors.Is.
var (
	// ErrInvalid: the input breaks a rule of the template. The error is
	// usually a *ValidationError that names each offending field.
	ErrInvalid = errors.New("invalid input")
	// ErrNotFound: the record does not exist, or the actor may not know it exists.
	ErrNotFound = errors.New("not found")
	// ErrConflict: the record changed since the caller read it (stale
	// version), or a unique value is already taken.
	ErrConflict = errors.New("conflict")
	// ErrForbidden: the actor may not do this.
	ErrForbidden = errors.New("forbidden")
	// ErrInvalidTransition: the engagement's status cannot change that way.
	ErrInvalidTransition = errors.New("invalid status transition")
)

// ValidationError lists what is wrong with an input, field by field. Keys are
// JSON paths into the input such as "interactions[0].points[2].handling";
// each value says what is wrong in Chinese and in English, as a sales
// manager would put it.
type ValidationError struct {
	Fields map[string]Message
}

// Error lists every field and its message in Chinese, sorted by field. Use
// Text for another language.
func (e *ValidationError) Error() string { return e.Text(ZH) }

// Text lists every field and its message in lang, sorted by field.
func (e *ValidationError) Text(lang Lang) string {
	keys := make([]string, 0, len(e.Fields))
	for k := range e.Fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	if lang == EN {
		b.WriteString("invalid input: ")
	} else {
		b.WriteString("填写有误:")
	}
	for i, k := range keys {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(k)
		b.WriteString(": ")
		b.WriteString(e.Fields[k].Text(lang))
	}
	return b.String()
}

// Messages returns each field's message in lang, keyed by field, for a host
// that shows them beside its form fields.
func (e *ValidationError) Messages(lang Lang) map[string]string {
	out := make(map[string]string, len(e.Fields))
	for k, m := range e.Fields {
		out[k] = m.Text(lang)
	}
	return out
}

// Is makes errors.Is(err, ErrInvalid) true for a *ValidationError.
func (e *ValidationError) Is(target error) bool { return target == ErrInvalid }

// FieldError returns a *ValidationError for a single field.
func FieldError(field string, m Message) *ValidationError {
	return &ValidationError{Fields: map[string]Message{field: m}}
}
