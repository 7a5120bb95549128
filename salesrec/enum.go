package salesrec

// This file holds what every enum shares: the label table, Parse and Values.
// The enums themselves (each value's code and labels, once) are in
// enums.txt; their types, constants, tables and per-type methods (table,
// Label, Valid, UnmarshalText) are generated into enum_gen.go, and
// TestEnumGenIsCurrent fails when that file is stale.
//
//go:generate go run ./internal/enumgen/main.go

import (
	"strings"
)

// Lang selects the language of a label or a message: ZH (the default) or
// EN. Any other value reads as ZH.
type Lang string

// Languages labels are offered in.
const (
	ZH Lang = "zh"
	EN Lang = "en"
)

// label is one value of an enum: its stable code and its template labels.
type label struct {
	code string
	zh   string
	en   string
	// alt lists further spellings people use (e.g. 会议 for 面谈).
	alt []string
}

// enumTable is the closed set of values of one enum type.
type enumTable struct {
	name   Message // the enum's plain name, used in error messages
	labels []label
}

// find looks a value up by code, zh label, en label or an alternative
// spelling. Matching ignores case and surrounding space; nothing else is
// guessed, so an unknown value is an error.
func (t enumTable) find(s string) (string, error) {
	k := strings.ToLower(strings.TrimSpace(s))
	if k == "" {
		return "", inputError(s, msgEnumEmpty(t.name))
	}
	for _, l := range t.labels {
		if k == l.code || k == strings.ToLower(l.zh) || k == strings.ToLower(l.en) {
			return l.code, nil
		}
		for _, a := range l.alt {
			if k == strings.ToLower(a) {
				return l.code, nil
			}
		}
	}
	return "", inputError(s, msgEnumNotKnown(s, t.name, enumChoices{t}))
}

func (t enumTable) known(code string) bool {
	for _, l := range t.labels {
		if l.code == code {
			return true
		}
	}
	return false
}

func (t enumTable) label(code string, lang Lang) string {
	for _, l := range t.labels {
		if l.code == code {
			return Message{Zh: l.zh, En: l.en}.Text(lang)
		}
	}
	return code
}

func (t enumTable) choices() string {
	parts := make([]string, len(t.labels))
	for i, l := range t.labels {
		parts[i] = l.code + " (" + l.zh + ")"
	}
	return strings.Join(parts, ", ")
}

// enumChoices lists the values of an enum in a message's language: the
// Chinese labels in Chinese, the codes with their labels in English.
type enumChoices struct{ t enumTable }

// Label lists the choices in lang.
func (c enumChoices) Label(lang Lang) string {
	if lang == EN {
		return c.t.choices()
	}
	parts := make([]string, len(c.t.labels))
	for i, l := range c.t.labels {
		parts[i] = l.zh
	}
	return strings.Join(parts, "、")
}

// codes returns the valid codes, for ozzo's In rule.
func (t enumTable) codes() []any {
	out := make([]any, len(t.labels))
	for i, l := range t.labels {
		out[i] = l.code
	}
	return out
}

// enum is the constraint every enum type of this package satisfies.
type enum interface {
	~string
	table() enumTable
}

// Parse reads an enum value from its code or either of its labels, e.g.
// Parse[Method]("面谈") or Parse[Method]("face_to_face"). Matching ignores
// case and surrounding space. An unknown value is an error wrapping
// ErrInvalid; nothing is silently mapped to a default.
func Parse[E enum](s string) (E, error) {
	var zero E
	code, err := zero.table().find(s)
	if err != nil {
		return zero, err
	}
	return E(code), nil
}

// Values lists the codes of an enum in their declared order.
func Values[E enum]() []E {
	var zero E
	t := zero.table()
	out := make([]E, len(t.labels))
	for i, l := range t.labels {
		out[i] = E(l.code)
	}
	return out
}

func unmarshalEnum[E enum](dst *E, b []byte) error {
	if len(b) == 0 {
		*dst = ""
		return nil
	}
	v, err := Parse[E](string(b))
	if err != nil {
		return err
	}
	*dst = v
	return nil
}
