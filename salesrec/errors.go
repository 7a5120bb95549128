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

// FieldPath is the path of the field name inside the object at path, as
// a *ValidationError keys its fields: "outcome" and "amount" give
// "outcome.amount"; an empty path gives name. A host that checks a body
// of its own names its fields the same way.
func FieldPath(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// InputError is a value that could not be read as what it should be: a
// date, a time of day, an amount, a budget or an enum value typed by a
// person. Input is the text as given; Msg says what is wrong with it in
// Chinese and in English (it quotes Input). errors.Is(err, ErrInvalid)
// holds for it. Where the value belongs to a known field, the caller may
// put Msg under that field of a *ValidationError.
type InputError struct {
	Input string
	Msg   Message

	// tooLarge marks an amount above MaxMinor, so that ParseBudget passes
	// that reason on instead of calling the phrase no budget.
	tooLarge bool
}

// Error says it in Chinese; use Text for another language.
func (e *InputError) Error() string { return e.Text(ZH) }

// Text says it in lang.
func (e *InputError) Text(lang Lang) string { return e.Msg.Text(lang) }

// Unwrap makes errors.Is(err, ErrInvalid) true.
func (e *InputError) Unwrap() error { return ErrInvalid }

func inputError(s string, m Message) error { return &InputError{Input: s, Msg: m} }
