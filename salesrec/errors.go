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
// values are plain-language messages.
type ValidationError struct {
	Fields map[string]string
}

// Error lists every field and its message, sorted by field.
func (e *ValidationError) Error() string {
	keys := make([]string, 0, len(e.Fields))
	for k := range e.Fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	b.WriteString("invalid input: ")
	for i, k := range keys {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(k)
		b.WriteString(": ")
		b.WriteString(e.Fields[k])
	}
	return b.String()
}

// Is makes errors.Is(err, ErrInvalid) true for a *ValidationError.
func (e *ValidationError) Is(target error) bool { return target == ErrInvalid }

// FieldError returns a *ValidationError for a single field.
func FieldError(field, message string) *ValidationError {
	return &ValidationError{Fields: map[string]string{field: message}}
}
