package salesrec

import (
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"time"

	validation "github.com/go-ozzo/ozzo-validation/v4"
)

// Dates and times must fall within these years. A value outside them is a
// typing error (20224-04-10, 1024-04-10), judged without a clock; whether an
// occurred-at lies in the future is judged by StampInteraction with the clock.
const (
	MinYear = 1900
	MaxYear = 2100
)

// This file holds the validation plumbing: the rules every Validate method
// is built from, and the step that turns ozzo-validation's nested errors into
// one *ValidationError keyed by JSON path. The rules return a problem, which
// carries its Message (words.go) in both languages; no ozzo rule with its
// own message is used, and ozzo's global messages are never changed.

// asValidationError flattens an ozzo error into a *ValidationError keyed by
// JSON path. An ozzo internal error (a programming mistake, not bad input)
// is returned as it is.
func asValidationError(err error) error {
	if err == nil {
		return nil
	}
	var ie validation.InternalError
	if errors.As(err, &ie) && ie.InternalError() != nil {
		return fmt.Errorf("salesrec: validation rule failed: %w", err)
	}
	fields := map[string]Message{}
	flattenErrors("", err, fields)
	if len(fields) == 0 {
		return nil
	}
	return &ValidationError{Fields: fields}
}

func flattenErrors(prefix string, err error, out map[string]Message) {
	var es validation.Errors
	if errors.As(err, &es) {
		for k, v := range es {
			if v != nil {
				flattenErrors(joinPath(prefix, k), v, out)
			}
		}
		return
	}
	var ve *ValidationError
	if errors.As(err, &ve) {
		for k, v := range ve.Fields {
			out[joinPath(prefix, k)] = v
		}
		return
	}
	if prefix == "" {
		prefix = "value"
	}
	var p problemError
	if errors.As(err, &p) {
		out[prefix] = p.msg
		return
	}
	out[prefix] = Message{Zh: err.Error(), En: err.Error()}
}

// joinPath appends key to a JSON path: a numeric key is an index
// ("points[2]"), anything else a field ("outcome.amount").
func joinPath(prefix, key string) string {
	switch {
	case key == "":
		return prefix
	case isIndex(key):
		return prefix + "[" + key + "]"
	case prefix == "":
		return key
	default:
		return prefix + "." + key
	}
}

func isIndex(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// fieldErr is the outcome of validating one field of a struct, named by the
// field's JSON name.
type fieldErr struct {
	name string
	err  error
}

// field validates one field's value as ozzo's ValidateStruct would
// (validation.Validate: the rules in order, then the value's own Validate
// method unless a rule skips it) and names the result after the field's
// JSON name. Spelling out the name instead of letting ValidateStruct find
// the field by its pointer keeps reflection off the path every write takes;
// TestFieldNamesAreJSONNames checks the spelling against the tags.
func field(name string, v any, rules ...validation.Rule) fieldErr {
	return fieldErr{name: name, err: validation.Validate(v, rules...)}
}

// then is f, or when f passed, err: a check that runs after the field's
// own rules, as a later rule of ValidateStruct's list would.
func (f fieldErr) then(err error) fieldErr {
	if f.err == nil {
		f.err = err
	}
	return f
}

// structErrors gathers the fields' errors as ValidateStruct does: nil when
// every field passed, else validation.Errors keyed by JSON name; a failing
// rule (an internal error: a programming mistake, not bad input) is returned
// as it is. The map is made only for a struct with errors, so a valid
// struct allocates nothing here.
func structErrors(fields ...fieldErr) error {
	var errs validation.Errors
	for _, f := range fields {
		if f.err == nil {
			continue
		}
		if ie, ok := f.err.(validation.InternalError); ok && ie.InternalError() != nil {
			return f.err
		}
		if errs == nil {
			errs = validation.Errors{}
		}
		errs[f.name] = f.err
	}
	if errs == nil {
		return nil
	}
	return errs
}

// problemError is what every rule of this package returns: a message in
// both languages. Its Error text is the Chinese one.
type problemError struct{ msg Message }

func (p problemError) Error() string { return p.msg.Zh }

// problem is a validation error saying m.
func problem(m Message) error { return problemError{msg: m} }

// textRule checks a string field: hygiene (see CheckText), then presence.
type textRule struct {
	max      int
	required Message // message when blank; zero means optional
}

func (r textRule) Validate(v any) error {
	s := reflect.ValueOf(v).String()
	if m, bad := textProblem(s, r.max); bad {
		return problem(m)
	}
	if !r.required.IsZero() && blank(s) {
		return problem(r.required)
	}
	return nil
}

// text is an optional text field of at most max characters.
func text(max int) validation.Rule { return textRule{max: max} }

// required is a required text field; msg explains what to write, or is
// zero for the plain "必填 / is required".
func required(max int, msg Message) validation.Rule {
	if msg.IsZero() {
		msg = msgRequired
	}
	return textRule{max: max, required: msg}
}

// enumValue is what every enum type of this package provides.
type enumValue interface {
	Valid() bool
	table() enumTable
}

// enumRule checks that an enum field holds a known code.
type enumRule struct{ required bool }

func (r enumRule) Validate(v any) error {
	e, ok := v.(enumValue)
	if !ok {
		return validation.NewInternalError(fmt.Errorf("%T is not an enum", v))
	}
	code := reflect.ValueOf(v).String()
	t := e.table()
	if code == "" {
		if r.required {
			return problem(msgEnumRequired(t.choices()))
		}
		return nil
	}
	if !e.Valid() {
		return problem(msgEnumUnknown(code, t.name, t.choices()))
	}
	return nil
}

var (
	enumRequired = enumRule{required: true}
	enumOptional = enumRule{}
)

// vagueRule refuses text that is only a vague phrase.
type vagueRule struct {
	phrases *phraseSet
	msg     Message
}

func (r vagueRule) Validate(v any) error {
	if r.phrases.vague(reflect.ValueOf(v).String()) {
		return problem(r.msg)
	}
	return nil
}

func (r Rules) vagueAction() validation.Rule {
	if r.compiled == nil {
		r = r.compile()
	}
	return vagueRule{phrases: r.compiled.actions, msg: msgVagueAction}
}

// vagueGoal refuses a goal that is only vague phrases of either list: a
// goal says what this record should achieve.
func (r Rules) vagueGoal() validation.Rule {
	if r.compiled == nil {
		r = r.compile()
	}
	return vagueRule{phrases: r.compiled.goal, msg: msgVagueGoal}
}

func (r Rules) vagueContent() validation.Rule {
	if r.compiled == nil {
		r = r.compile()
	}
	return vagueRule{phrases: r.compiled.content, msg: msgVagueContent}
}

// dateProblem returns what is wrong with a Date; ok is false when nothing
// is. requiredMsg is zero for an optional date.
func dateProblem(d Date, requiredMsg Message) (m Message, bad bool) {
	switch {
	case d.IsZero():
		return requiredMsg, !requiredMsg.IsZero()
	case d.Year < MinYear || d.Year > MaxYear:
		return msgDateOutOfRange(d), true
	case !d.valid():
		return msgNotACalendarDay(d), true
	}
	return Message{}, false
}

// dateRule checks a Date field; required is zero for an optional one.
type dateRule struct{ required Message }

func (r dateRule) Validate(v any) error {
	d, ok := v.(Date)
	if !ok {
		return validation.NewInternalError(fmt.Errorf("%T is not a Date", v))
	}
	if m, bad := dateProblem(d, r.required); bad {
		return problem(m)
	}
	return nil
}

// dateField checks a Date field; requiredMsg is zero for an optional one.
func dateField(requiredMsg Message) validation.Rule { return dateRule{required: requiredMsg} }

// timeRule checks a time field; required is zero for an optional one.
type timeRule struct{ required Message }

func (r timeRule) Validate(v any) error {
	t, ok := v.(time.Time)
	if !ok {
		return validation.NewInternalError(fmt.Errorf("%T is not a time.Time", v))
	}
	if t.IsZero() {
		if !r.required.IsZero() {
			return problem(r.required)
		}
		return nil
	}
	if y := t.Year(); y < MinYear || y > MaxYear {
		return problem(msgTimeOutOfRange(y))
	}
	return nil
}

// timeField checks a time field; requiredMsg is zero for an optional one.
func timeField(requiredMsg Message) validation.Rule { return timeRule{required: requiredMsg} }

// each validates every item of a slice, keying errors by index.
func each[T any](items []T, f func(T) error) error {
	var errs validation.Errors // made for the first error: most lists have none
	for i, it := range items {
		if err := f(it); err != nil {
			if errs == nil {
				errs = validation.Errors{}
			}
			errs[strconv.Itoa(i)] = err
		}
	}
	if errs == nil {
		return nil
	}
	return errs
}

// atLeastOne validates a list that needs at least one item: msg when it
// is empty, else every item with f (see each).
func atLeastOne[T any](items []T, msg Message, f func(T) error) error {
	if len(items) == 0 {
		return problem(msg)
	}
	return each(items, f)
}
