package salesrec

import (
	"errors"
	"fmt"
	"reflect"
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
// one *ValidationError keyed by JSON path. The rules return ozzo error
// objects made with validation.NewError and no parameters, so their messages
// are printed as written (ozzo's global messages are never changed).

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
	fields := map[string]string{}
	flattenErrors("", err, fields)
	if len(fields) == 0 {
		return nil
	}
	return &ValidationError{Fields: fields}
}

func flattenErrors(prefix string, err error, out map[string]string) {
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
	out[prefix] = err.Error()
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

// problem is a validation message printed as written.
func problem(msg string) error { return validation.NewError("salesrec", msg) }

// textRule checks a string field: hygiene (see CheckText), then presence.
type textRule struct {
	max      int
	required string // message when blank; "" means optional
}

func (r textRule) Validate(v any) error {
	s := reflect.ValueOf(v).String()
	if msg := textProblem(s, r.max); msg != "" {
		return problem(msg)
	}
	if r.required != "" && blank(s) {
		return problem(r.required)
	}
	return nil
}

// text is an optional text field of at most max characters.
func text(max int) validation.Rule { return textRule{max: max} }

// required is a required text field; msg explains what to write, or is ""
// for the plain "is required".
func required(max int, msg string) validation.Rule {
	if msg == "" {
		msg = "is required"
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
			return problem("is required (use one of " + t.choices() + ")")
		}
		return nil
	}
	if !e.Valid() {
		return problem(fmt.Sprintf("%q is not a known %s (use one of %s)", code, t.name, t.choices()))
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
	msg     string
}

func (r vagueRule) Validate(v any) error {
	if r.phrases.vague(reflect.ValueOf(v).String()) {
		return problem(r.msg)
	}
	return nil
}

const (
	vagueActionMsg  = "is too vague: say what will be done, e.g. 发送报价单 rather than 跟进"
	vagueGoalMsg    = "is too vague: say what this record should achieve, e.g. 挖掘客户A的采购预算 rather than 跟进客户 or 有需求"
	vagueContentMsg = "is too vague: say concretely what the customer needs or said, e.g. 客户提出需支持多数据源实时对接,预算控制在50万以内 rather than 客户有需求"
)

func (r Rules) vagueAction() validation.Rule {
	if r.compiled == nil {
		r = r.compile()
	}
	return vagueRule{phrases: r.compiled.actions, msg: vagueActionMsg}
}

// vagueGoal refuses a goal that is only vague phrases of either list: a
// goal says what this record should achieve.
func (r Rules) vagueGoal() validation.Rule {
	if r.compiled == nil {
		r = r.compile()
	}
	return vagueRule{phrases: r.compiled.goal, msg: vagueGoalMsg}
}

func (r Rules) vagueContent() validation.Rule {
	if r.compiled == nil {
		r = r.compile()
	}
	return vagueRule{phrases: r.compiled.content, msg: vagueContentMsg}
}

// dateProblem returns what is wrong with a Date, or "".
func dateProblem(d Date, requiredMsg string) string {
	if d.IsZero() {
		return requiredMsg
	}
	if d.Year < MinYear || d.Year > MaxYear {
		return fmt.Sprintf("must be a date between %d and %d (this one is %s)", MinYear, MaxYear, d)
	}
	if !d.valid() {
		return fmt.Sprintf("is not a real calendar day (%04d-%02d-%02d)", d.Year, int(d.Month), d.Day)
	}
	return ""
}

// dateField checks a Date field; requiredMsg is "" for an optional one.
func dateField(d Date, requiredMsg string) validation.Rule {
	return check(func() error {
		if msg := dateProblem(d, requiredMsg); msg != "" {
			return problem(msg)
		}
		return nil
	})
}

// timeField checks a time field; requiredMsg is "" for an optional one.
func timeField(t time.Time, requiredMsg string) validation.Rule {
	return check(func() error {
		if t.IsZero() {
			if requiredMsg != "" {
				return problem(requiredMsg)
			}
			return nil
		}
		if y := t.Year(); y < MinYear || y > MaxYear {
			return problem(fmt.Sprintf("must be a time between the years %d and %d (this one is in %d)", MinYear, MaxYear, y))
		}
		return nil
	})
}

// check adapts a closure over the field's value to an ozzo rule.
func check(f func() error) validation.Rule {
	return validation.By(func(any) error { return f() })
}

// nested validates a field with f and stops ozzo from also calling the
// field's own Validate method (which would use DefaultRules rather than the
// Rules in hand).
func nested(f func() error) []validation.Rule {
	return []validation.Rule{check(f), validation.Skip}
}

// each validates every item of a slice, keying errors by index.
func each[T any](items []T, f func(T) error) error {
	errs := validation.Errors{}
	for i, it := range items {
		if err := f(it); err != nil {
			errs[fmt.Sprint(i)] = err
		}
	}
	if len(errs) == 0 {
		return nil
	}
	return errs
}

// atLeastOne is the rule for a list that needs at least one item.
func atLeastOne(msg string) validation.Rule { return validation.Required.Error(msg) }
